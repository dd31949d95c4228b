-- Edge nodes, the edge channel, deployments and alarms (issue 4). Written by hand to match
-- prisma/schema.prisma (ADR 0003); the parts Prisma cannot express are marked "not in schema.prisma".

-- CreateEnum
CREATE TYPE "deployment_status" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'rolled_back', 'stopped');
CREATE TYPE "alarm_state" AS ENUM ('active', 'acknowledged', 'cleared');

CREATE TABLE "node_group" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "node_group_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "node_group_tenant_id_name_key" ON "node_group"("tenant_id", "name");

CREATE TABLE "edge_node" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "province" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "district" TEXT NOT NULL DEFAULT '',
    "group_id" UUID,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "capacity" JSONB,
    "data_plane" JSONB NOT NULL DEFAULT '{"adapter":"memory","settings":{}}',
    "hostname" TEXT,
    "agent_version" TEXT,
    "public_key" JSONB,
    "credential_id" UUID,
    "enrolled_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "desired_revision" INTEGER NOT NULL DEFAULT 0,
    "applied_revision" INTEGER NOT NULL DEFAULT -1,
    "last_heartbeat_at" TIMESTAMPTZ(3),
    "last_metrics" JSONB,
    "services" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "edge_node_pkey" PRIMARY KEY ("id"),
    -- Not in schema.prisma: coordinates on the globe.
    CONSTRAINT "edge_node_coordinates_check" CHECK ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180)
);
CREATE UNIQUE INDEX "edge_node_credential_id_key" ON "edge_node"("credential_id");
CREATE UNIQUE INDEX "edge_node_tenant_id_name_key" ON "edge_node"("tenant_id", "name");
CREATE INDEX "edge_node_tenant_id_created_at_id_idx" ON "edge_node"("tenant_id", "created_at" DESC, "id");
-- Label selectors (`labels @> '{"k":"v"}'`).
CREATE INDEX "edge_node_labels_idx" ON "edge_node" USING GIN ("labels" jsonb_path_ops);

CREATE TABLE "enrolment_token" (
    "id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "enrolment_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "enrolment_token_token_hash_key" ON "enrolment_token"("token_hash");
CREATE INDEX "enrolment_token_node_id_idx" ON "enrolment_token"("node_id");

CREATE TABLE "node_metric" (
    "node_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "cpu_percent" DOUBLE PRECISION NOT NULL,
    "mem_used_bytes" BIGINT NOT NULL,
    "mem_total_bytes" BIGINT NOT NULL,
    "disk_used_bytes" BIGINT NOT NULL,
    "disk_total_bytes" BIGINT NOT NULL,
    "load1" DOUBLE PRECISION NOT NULL,
    "load5" DOUBLE PRECISION NOT NULL,
    "load15" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "node_metric_pkey" PRIMARY KEY ("node_id", "at")
);
CREATE INDEX "node_metric_at_idx" ON "node_metric"("at");

CREATE TABLE "app_instance" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "app_version_id" UUID NOT NULL,
    "deployment_id" UUID,
    "desired_state" TEXT NOT NULL DEFAULT 'RUNNING',
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "restarts" INTEGER NOT NULL DEFAULT 0,
    "ready" BOOLEAN NOT NULL DEFAULT false,
    "message" TEXT,
    "log_tail" JSONB NOT NULL DEFAULT '[]',
    "terminated_at" TIMESTAMPTZ(3),
    "removed_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "app_instance_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "app_instance_node_id_removed_at_idx" ON "app_instance"("node_id", "removed_at");
CREATE INDEX "app_instance_app_id_idx" ON "app_instance"("app_id");
CREATE INDEX "app_instance_tenant_id_created_at_id_idx" ON "app_instance"("tenant_id", "created_at" DESC, "id");

CREATE TABLE "deployment" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "app_version_id" UUID NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'install',
    "target" JSONB NOT NULL,
    "batch_size" INTEGER NOT NULL,
    "stop_on_failure" BOOLEAN NOT NULL,
    "status" "deployment_status" NOT NULL DEFAULT 'pending',
    "message" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "deployment_pkey" PRIMARY KEY ("id"),
    -- Not in schema.prisma.
    CONSTRAINT "deployment_batch_size_check" CHECK ("batch_size" >= 1)
);
CREATE INDEX "deployment_tenant_id_created_at_id_idx" ON "deployment"("tenant_id", "created_at" DESC, "id");

CREATE TABLE "deployment_target" (
    "deployment_id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "batch" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "app_instance_id" UUID,
    "previous_version_id" UUID,
    "message" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "deployment_target_pkey" PRIMARY KEY ("deployment_id", "node_id")
);
CREATE INDEX "deployment_target_node_id_idx" ON "deployment_target"("node_id");

CREATE TABLE "alarm" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "node_id" UUID,
    "app_instance_id" UUID,
    "state" "alarm_state" NOT NULL DEFAULT 'active',
    "message" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "cleared_at" TIMESTAMPTZ(3),
    CONSTRAINT "alarm_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alarm_tenant_id_state_raised_at_idx" ON "alarm"("tenant_id", "state", "raised_at" DESC);
-- Not in schema.prisma: one open (not cleared) alarm per fault and subject, so raising is idempotent.
CREATE UNIQUE INDEX "alarm_open_fault_key" ON "alarm"("kind", COALESCE("node_id", '00000000-0000-0000-0000-000000000000'::uuid), COALESCE("app_instance_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "state" <> 'cleared';

ALTER TABLE "node_group" ADD CONSTRAINT "node_group_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "edge_node" ADD CONSTRAINT "edge_node_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "edge_node" ADD CONSTRAINT "edge_node_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "node_group"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "enrolment_token" ADD CONSTRAINT "enrolment_token_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "edge_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "node_metric" ADD CONSTRAINT "node_metric_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "edge_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "app_instance" ADD CONSTRAINT "app_instance_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "app_instance" ADD CONSTRAINT "app_instance_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "edge_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "app_instance" ADD CONSTRAINT "app_instance_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "app_instance" ADD CONSTRAINT "app_instance_app_version_id_fkey" FOREIGN KEY ("app_version_id") REFERENCES "app_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "app_instance" ADD CONSTRAINT "app_instance_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "app"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_app_version_id_fkey" FOREIGN KEY ("app_version_id") REFERENCES "app_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployment_target" ADD CONSTRAINT "deployment_target_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "deployment_target" ADD CONSTRAINT "deployment_target_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "edge_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alarm" ADD CONSTRAINT "alarm_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "alarm" ADD CONSTRAINT "alarm_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "edge_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alarm" ADD CONSTRAINT "alarm_app_instance_id_fkey" FOREIGN KEY ("app_instance_id") REFERENCES "app_instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
