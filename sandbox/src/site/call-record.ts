/**
 * The sandbox's record of MEC API exchanges (ZSandboxCall): the app's (and "try it"'s) requests
 * through the gateway and the emulated services' notifications, in order of recording. Bounded:
 * past `capacity` the oldest go (ids keep counting, so a cursor stays meaningful). Pages run
 * oldest first with an opaque cursor (the last id seen).
 *
 * @example
 *   const record = new CallRecord(5000);
 *   record.add({ ...call });   // id assigned
 *   record.page({ limit: 50, api: 'location' });
 */
import type { TSandboxCall, TSandboxCallQuery } from '@mecport/contracts/sandbox';
import type { TPageOf } from './site';

export const DEFAULT_CALL_CAPACITY = 5000;

export class CallRecord {
  private readonly calls: TSandboxCall[] = [];
  private nextId = 1;
  private readonly listeners = new Set<(call: TSandboxCall) => void>();

  constructor(private readonly capacity = DEFAULT_CALL_CAPACITY) {}

  add(call: Omit<TSandboxCall, 'id'>): TSandboxCall {
    const recorded = { id: this.nextId++, ...call };
    this.calls.push(recorded);
    if (this.calls.length > this.capacity) this.calls.splice(0, this.calls.length - this.capacity);
    for (const listener of this.listeners) listener(recorded);
    return recorded;
  }

  /** Every recorded call as it is added (tests wait on these). */
  onCall(listener: (call: TSandboxCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): readonly TSandboxCall[] {
    return this.calls;
  }

  clear(): void {
    this.calls.length = 0;
  }

  page(query: Partial<TSandboxCallQuery>): TPageOf<TSandboxCall> {
    const after = query.cursor === undefined ? 0 : cursorId(query.cursor);
    const limit = query.limit ?? 20;
    const items: TSandboxCall[] = [];
    let more = false;
    for (const call of this.calls) {
      if (call.id <= after || !matches(call, query)) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(call);
    }
    return { items, nextCursor: more ? String(items.at(-1)!.id) : null };
  }
}

function cursorId(cursor: string): number {
  const id = Number(cursor);
  return Number.isInteger(id) && id >= 0 ? id : 0;
}

function statusClass(status: number): NonNullable<TSandboxCallQuery['status']> {
  if (status === 0) return 'error';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  return status >= 300 ? '3xx' : '2xx';
}

function matches(call: TSandboxCall, query: Partial<TSandboxCallQuery>): boolean {
  if (query.api && call.api !== query.api) return false;
  if (query.direction && call.direction !== query.direction) return false;
  if (query.method && call.method !== query.method.toUpperCase()) return false;
  if (query.status && statusClass(call.status) !== query.status) return false;
  return !query.q || call.url.toLowerCase().includes(query.q.toLowerCase());
}
