-- Container apps (issue 14): the images (and digests) an instance ran, as its agent reports them.
-- Written by hand to match prisma/schema.prisma (ADR 0003).

ALTER TABLE "app_instance" ADD COLUMN "images" JSONB;
