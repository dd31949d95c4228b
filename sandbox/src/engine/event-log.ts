/**
 * The ordered event log: numbers each event (`seq`, from 1), hashes it into a running SHA-256
 * (node:crypto, incremental: one JSON line per event, so equal logs give equal hashes without
 * keeping every event), keeps the most recent events for paging, and tells the listeners.
 */
import { createHash, type Hash } from 'node:crypto';
import type { TEngineEvent } from '@mecport/contracts/sandbox';

/** An event before the log numbers it. */
export type TEventBody = TEngineEvent extends infer E ? (E extends TEngineEvent ? Omit<E, 'seq'> : never) : never;

/** Enough for hours of a busy sandbox; older events stay in the hash, not in memory. */
const KEEP = 100_000;

export class EventLog {
  private seq = 0;
  private hash: Hash = createHash('sha256');
  private kept: TEngineEvent[] = [];

  constructor(private readonly listeners: ReadonlySet<(event: TEngineEvent) => void>) {}

  get lastSeq(): number {
    return this.seq;
  }

  append(body: TEventBody): void {
    const event = { seq: ++this.seq, ...body } as TEngineEvent;
    this.hash.update(`${JSON.stringify(event)}\n`);
    this.kept.push(event);
    if (this.kept.length >= 2 * KEEP) this.kept = this.kept.slice(-KEEP);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's bug must not leave the world half-updated: it surfaces as an uncaught error, after this event.
        queueMicrotask(() => { throw error; });
      }
    }
  }

  /** Events after `afterSeq`, oldest first, at most `limit` (the oldest may have been dropped: see KEEP). */
  page(afterSeq: number, limit: number): TEngineEvent[] {
    const first = this.kept[0]?.seq ?? this.seq + 1;
    const from = Math.max(0, afterSeq + 1 - first);
    return this.kept.slice(from, from + Math.max(0, limit));
  }

  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}
