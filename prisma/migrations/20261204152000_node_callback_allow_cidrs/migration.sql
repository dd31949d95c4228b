-- A node's Mp1 callback allow-list (issue 10): address ranges (CIDR) its apps may receive
-- notifications in, besides loopback on their own declared ports. Empty: none.
ALTER TABLE "edge_node" ADD COLUMN "callback_allow_cidrs" TEXT[] DEFAULT ARRAY[]::TEXT[];
