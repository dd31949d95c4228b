/**
 * The edge channel's reads, batched: when 1,000 long-polls wake on one NOTIFY burst, their
 * credential lookups, revision reads and desired-state documents are a few queries for all of
 * them instead of a few each. Requests that ask in the same turn of the event loop share a batch
 * (DataLoader, scheduled with setImmediate so that every socket read of the turn joins); nothing
 * is cached between batches, so a revoked credential or a new revision is seen at once.
 *
 * @example
 *   const reads = new ChannelReads(() => getPrisma(), { heartbeatIntervalSec: 10 });
 *   const doc = await reads.desired.load(nodeId);
 */
import type { TDesiredState } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import DataLoader from 'dataloader';
import { buildDesiredStates } from '../desired-state';

export interface TNodeCredential { id: string; tenantId: string; publicKey: unknown }

const BATCHING = { cache: false, maxBatchSize: 1000, batchScheduleFn: (run: () => void) => void setImmediate(run) } as const;

export class ChannelReads {
  /** The node holding a credential id (kid), or null (unknown or revoked). */
  readonly credentials: DataLoader<string, TNodeCredential | null>;
  /** A node's desired revision (an Error for an unknown node). */
  readonly revisions: DataLoader<string, number>;
  /** A node's desired-state document (an Error for an unknown node). */
  readonly desired: DataLoader<string, TDesiredState>;

  constructor(db: () => DbClient, options: { heartbeatIntervalSec: number }) {
    this.credentials = new DataLoader(async (kids) => {
      const rows = await db().edgeNode.findMany({ where: { credentialId: { in: [...kids] } }, select: { id: true, tenantId: true, publicKey: true, credentialId: true } });
      const byKid = new Map(rows.map((r) => [r.credentialId, r]));
      return kids.map((kid) => byKid.get(kid) ?? null);
    }, BATCHING);
    this.revisions = new DataLoader(async (nodeIds) => {
      const rows = await db().edgeNode.findMany({ where: { id: { in: [...nodeIds] } }, select: { id: true, desiredRevision: true } });
      const byId = new Map(rows.map((r) => [r.id, r.desiredRevision]));
      return nodeIds.map((id) => byId.get(id) ?? new Error(`No node ${id}`));
    }, BATCHING);
    this.desired = new DataLoader(async (nodeIds) => {
      const docs = await buildDesiredStates(db(), [...nodeIds], options.heartbeatIntervalSec);
      return nodeIds.map((id) => docs.get(id) ?? new Error(`No node ${id}`));
    }, BATCHING);
  }
}
