-- Container apps (issue 14): the node's runtime setting, the runtimes its agent reports, and what a
-- version's package runs as. Written by hand to match prisma/schema.prisma (ADR 0003).

ALTER TABLE "edge_node" ADD COLUMN "runtime" JSONB NOT NULL DEFAULT '{"container":"none","registries":[]}';
ALTER TABLE "edge_node" ADD COLUMN "runtimes" JSONB;
ALTER TABLE "app_version" ADD COLUMN "workload" JSONB;
