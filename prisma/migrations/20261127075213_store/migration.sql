-- The store (issue 3): apps, immutable app versions, content-addressed package blobs, downloads,
-- ratings and comments. Written by hand to match prisma/schema.prisma (ADR 0003); the parts Prisma
-- cannot express are marked "not in schema.prisma".

-- CreateEnum
CREATE TYPE "app_version_status" AS ENUM ('draft', 'validated', 'in_certification', 'certified', 'published', 'deprecated');

-- Not in schema.prisma: the store search's haystack, for the generated column app.search_text.
-- IMMUTABLE so a generated column may use it (array_to_string and concat_ws are only STABLE in
-- general because of their polymorphic arguments; for text they cannot change).
CREATE FUNCTION "mecport_store_search_text"(name TEXT, name_zh TEXT, provider TEXT, tags TEXT[], description_en TEXT, description_zh TEXT)
RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT concat_ws(' ', name, name_zh, provider, array_to_string(tags, ' '), description_en, description_zh) $$;

-- CreateTable
CREATE TABLE "app" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_zh" TEXT,
    "provider" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "industry" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "description_en" TEXT NOT NULL DEFAULT '',
    "description_zh" TEXT NOT NULL DEFAULT '',
    "icon_url" TEXT,
    "screenshots" JSONB NOT NULL DEFAULT '[]',
    "video_url" TEXT,
    "created_by" TEXT NOT NULL,
    "download_count" INTEGER NOT NULL DEFAULT 0,
    "rating_count" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" INTEGER NOT NULL DEFAULT 0,
    -- Not in schema.prisma: GENERATED (schema.prisma declares it Unsupported("text")).
    "search_text" TEXT GENERATED ALWAYS AS ("mecport_store_search_text"("name", "name_zh", "provider", "tags", "description_en", "description_zh")) STORED,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_version" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "package_digest" TEXT NOT NULL,
    "package_size" BIGINT NOT NULL,
    "appd" JSONB NOT NULL,
    "appd_id" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "status" "app_version_status" NOT NULL DEFAULT 'draft',
    "validation_report" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "certified_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "deprecated_at" TIMESTAMPTZ(3),

    CONSTRAINT "app_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "package_blob" (
    "digest" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "package_blob_pkey" PRIMARY KEY ("digest"),
    -- Not in schema.prisma: digests are lower-case sha256 hex.
    CONSTRAINT "package_blob_digest_check" CHECK ("digest" ~ '^[0-9a-f]{64}$')
);

-- CreateTable
CREATE TABLE "download" (
    "id" UUID NOT NULL,
    "app_version_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "download_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rating" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rating_pkey" PRIMARY KEY ("id"),
    -- Not in schema.prisma: one to five stars.
    CONSTRAINT "rating_stars_check" CHECK ("stars" BETWEEN 1 AND 5)
);

-- CreateTable
CREATE TABLE "comment" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_tenant_id_slug_key" ON "app"("tenant_id", "slug");

-- CreateIndex
CREATE INDEX "app_tenant_id_created_at_id_idx" ON "app"("tenant_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "app_search_text_idx" ON "app" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "app_version_app_id_version_key" ON "app_version"("app_id", "version");

-- CreateIndex
CREATE INDEX "app_version_app_id_created_at_id_idx" ON "app_version"("app_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "app_version_status_app_id_published_at_idx" ON "app_version"("status", "app_id", "published_at" DESC);

-- CreateIndex
CREATE INDEX "app_version_package_digest_idx" ON "app_version"("package_digest");

-- CreateIndex
CREATE INDEX "download_app_version_id_at_idx" ON "download"("app_version_id", "at");

-- CreateIndex
CREATE INDEX "download_tenant_id_at_idx" ON "download"("tenant_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "rating_app_id_subject_key" ON "rating"("app_id", "subject");

-- CreateIndex
CREATE INDEX "comment_app_id_created_at_id_idx" ON "comment"("app_id", "created_at" DESC, "id");

-- AddForeignKey
ALTER TABLE "app" ADD CONSTRAINT "app_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_version" ADD CONSTRAINT "app_version_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_version" ADD CONSTRAINT "app_version_package_digest_fkey" FOREIGN KEY ("package_digest") REFERENCES "package_blob"("digest") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "download" ADD CONSTRAINT "download_app_version_id_fkey" FOREIGN KEY ("app_version_id") REFERENCES "app_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "download" ADD CONSTRAINT "download_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating" ADD CONSTRAINT "rating_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;
