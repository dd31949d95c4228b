-- The MEC sandbox (issue 13): the portal's row of each sandbox the sandbox host runs, and the store
-- apps' "experienceable" flag. Written by hand to match prisma/schema.prisma (ADR 0003).

ALTER TABLE "app" ADD COLUMN "experienceable" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "sandbox" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "owner_subject" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scenario_id" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "clock" TEXT NOT NULL,
    "experience" BOOLEAN NOT NULL DEFAULT false,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "app_version_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'starting',
    "failure_reason" TEXT,
    "time_sec" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "deployment" JSONB,
    "network_shaping" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sandbox_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sandbox_tenant_id_created_at_id_idx" ON "sandbox"("tenant_id", "created_at" DESC, "id");

CREATE INDEX "sandbox_owner_subject_experience_idx" ON "sandbox"("owner_subject", "experience");

CREATE INDEX "sandbox_expires_at_idx" ON "sandbox"("expires_at");

ALTER TABLE "sandbox" ADD CONSTRAINT "sandbox_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "sandbox" ADD CONSTRAINT "sandbox_app_version_id_fkey" FOREIGN KEY ("app_version_id") REFERENCES "app_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;
