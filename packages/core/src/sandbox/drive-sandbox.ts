/** The sandbox's clock (start, pause, reset, run N seconds on the virtual clock) and its events (inject, read the log). */
import { AppError } from '@mecport/contracts';
import type { TEngineEvent, TInjectedEvent, TSandbox, TSandboxRunResult } from '@mecport/contracts/sandbox';
import type { TActor } from '../identity';
import { findSandbox } from './access';
import { cacheSite, onSite } from './host-state';
import type { TSiteAction } from './host-client';
import { toSandbox } from './mappers';
import { notVirtual } from './problems';
import { requireHost, type TSandboxDeps } from './sandbox-deps';

export async function actOnSandbox(deps: TSandboxDeps, actor: TActor, sandboxId: string, action: TSiteAction): Promise<TSandbox> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'write');
  const site = await onSite(deps.db, row, () => host.act(row.id, action));
  return toSandbox(await cacheSite(deps.db, row, site), site);
}

/** Virtual clock only (409 `sandbox-not-virtual` otherwise): advances `seconds` as fast as the machine allows. */
export async function runSandbox(deps: TSandboxDeps, actor: TActor, sandboxId: string, seconds: number): Promise<TSandboxRunResult> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'write');
  if (row.clock !== 'virtual') throw notVirtual();
  const result = await onSite(deps.db, row, () => host.run(row.id, seconds));
  await deps.db.sandbox.update({ where: { id: row.id }, data: { timeSec: result.timeSec } });
  return result;
}

export async function injectSandboxEvent(deps: TSandboxDeps, actor: TActor, sandboxId: string, event: TInjectedEvent): Promise<void> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'write');
  await onSite(deps.db, row, () => host.inject(row.id, event));
}

/** The ordered event log, from the event after the cursor (the last `seq` seen). */
export async function listSandboxEvents(deps: TSandboxDeps, actor: TActor, sandboxId: string, query: { cursor?: string; limit: number }): Promise<{ items: TEngineEvent[]; nextCursor: string | null }> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'read');
  const afterSeq = seqCursor(query.cursor);
  return onSite(deps.db, row, () => host.events(row.id, afterSeq, query.limit));
}

function seqCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const seq = Number(cursor);
  if (!Number.isInteger(seq) || seq < 0) throw badCursor();
  return seq;
}

function badCursor(): AppError {
  return new AppError('validation', 'query.cursor: not a cursor this API issued', { errors: [{ in: 'query', field: 'cursor', message: 'not a cursor this API issued' }] });
}
