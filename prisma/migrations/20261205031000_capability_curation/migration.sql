-- The capability catalog's curation (issue 13): one row per curated capability, store-wide.
-- Written by hand to match prisma/schema.prisma (ADR 0003).

CREATE TABLE "capability_curation" (
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "featured" BOOLEAN NOT NULL DEFAULT false,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "deprecated" BOOLEAN NOT NULL DEFAULT false,
    "description_en" TEXT NOT NULL DEFAULT '',
    "description_zh" TEXT NOT NULL DEFAULT '',
    "updated_by" TEXT NOT NULL,
    "updated_by_name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "capability_curation_pkey" PRIMARY KEY ("kind","name")
);
