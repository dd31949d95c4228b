/**
 * A node's data plane: which UPF adapter makes its traffic and DNS rules real, and that adapter's
 * settings. It travels in the node's desired state so the agent picks the adapter; secrets (a NEF's
 * client secret) never do: they stay on the node (`@mecport/upf-adapters` says which variables).
 */
import { z } from 'zod';

export const DATA_PLANE_ADAPTERS = ['memory', 'nftables', 'nef', 'camara'] as const;
export const ZDataPlane = z.object({
  adapter: z.enum(DATA_PLANE_ADAPTERS).default('memory'),
  settings: z.record(z.string().max(64), z.string().max(2000)).default({}).describe('Adapter settings, e.g. the NEF base URL (no secrets: those stay on the node)'),
});
export type TDataPlane = z.infer<typeof ZDataPlane>;
