-- Package uploads (issue 3): resumable (tus) uploads and their validation state. Written by hand
-- to match prisma/schema.prisma (ADR 0003); the parts Prisma cannot express are marked
-- "not in schema.prisma".

-- CreateEnum
CREATE TYPE "upload_state" AS ENUM ('uploading', 'validating', 'validated', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "upload" (
    "id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "offset" BIGINT NOT NULL DEFAULT 0,
    "state" "upload_state" NOT NULL DEFAULT 'uploading',
    "progress" JSONB NOT NULL DEFAULT '{}',
    "report" JSONB,
    "version_id" UUID,
    "error" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "upload_pkey" PRIMARY KEY ("id"),
    -- Not in schema.prisma: sizes and offsets are never negative, and the offset never passes the size.
    CONSTRAINT "upload_offset_check" CHECK ("size" >= 0 AND "offset" >= 0 AND "offset" <= "size")
);

-- CreateIndex
CREATE INDEX "upload_app_id_created_at_id_idx" ON "upload"("app_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "upload_state_idx" ON "upload"("state");

-- AddForeignKey
ALTER TABLE "upload" ADD CONSTRAINT "upload_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload" ADD CONSTRAINT "upload_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload" ADD CONSTRAINT "upload_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "app_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;
