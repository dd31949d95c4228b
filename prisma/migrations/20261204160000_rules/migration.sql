-- Traffic and DNS rules (issue 12): an instance's current rules (null: its AppD's, never edited),
-- each node's rule-set version and its history, rule changes with their rollout per node, and the
-- last reported status of every rule. Written by hand to match prisma/schema.prisma (ADR 0003).

ALTER TABLE "edge_node" ADD COLUMN "rule_set_version" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "app_instance" ADD COLUMN "traffic_rules" JSONB,
ADD COLUMN "dns_rules" JSONB;

CREATE TABLE "rule_change" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "selection" JSONB NOT NULL DEFAULT '{}',
    "edits" JSONB NOT NULL DEFAULT '[]',
    "diff" JSONB NOT NULL DEFAULT '[]',
    "created_by" TEXT NOT NULL,
    "created_by_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rollback_of" UUID,

    CONSTRAINT "rule_change_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "rule_change_node" (
    "change_id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rule_change_node_pkey" PRIMARY KEY ("change_id","node_id")
);

CREATE TABLE "rule_set_version" (
    "id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "change_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "instances" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "rule_set_version_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "rule_status" (
    "app_instance_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "state_changed_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rule_status_pkey" PRIMARY KEY ("app_instance_id","kind","rule_id")
);

CREATE INDEX "rule_change_tenant_id_created_at_id_idx" ON "rule_change"("tenant_id", "created_at" DESC, "id");

CREATE INDEX "rule_change_node_node_id_status_revision_idx" ON "rule_change_node"("node_id", "status", "revision");

CREATE UNIQUE INDEX "rule_set_version_node_id_version_key" ON "rule_set_version"("node_id", "version");

ALTER TABLE "rule_change" ADD CONSTRAINT "rule_change_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "rule_change_node" ADD CONSTRAINT "rule_change_node_change_id_fkey" FOREIGN KEY ("change_id") REFERENCES "rule_change"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "rule_change_node" ADD CONSTRAINT "rule_change_node_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "edge_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "rule_set_version" ADD CONSTRAINT "rule_set_version_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "edge_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "rule_status" ADD CONSTRAINT "rule_status_app_instance_id_fkey" FOREIGN KEY ("app_instance_id") REFERENCES "app_instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
