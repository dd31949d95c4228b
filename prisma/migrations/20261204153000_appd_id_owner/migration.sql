-- An appDId belongs to one app (issue 10, item 4): the first app to publish a version with it.
-- Written by hand to match prisma/schema.prisma (ADR 0003).

CREATE TABLE "appd_id_owner" (
    "appd_id" TEXT NOT NULL,
    "app_id" UUID NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appd_id_owner_pkey" PRIMARY KEY ("appd_id")
);

CREATE INDEX "appd_id_owner_app_id_idx" ON "appd_id_owner"("app_id");

ALTER TABLE "appd_id_owner" ADD CONSTRAINT "appd_id_owner_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every appDId already published (deprecated versions were published too) goes to the app that
-- published it first.
INSERT INTO "appd_id_owner" ("appd_id", "app_id", "claimed_at")
SELECT DISTINCT ON ("appd_id") "appd_id", "app_id", "published_at"
FROM "app_version"
WHERE "published_at" IS NOT NULL
ORDER BY "appd_id", "published_at", "id";
