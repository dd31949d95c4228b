/**
 * Group commit: items submitted while a batch is being written wait and are written together in
 * the next one, so under load one transaction serves many callers and with little load each item
 * goes at once. A batch holds at most one item per key (a later item of the same key waits for
 * the next round); if a batch fails, its items are retried one by one so that one bad item fails
 * alone.
 *
 * `lingerMs` makes an idle committer wait that long for company before writing the first item: for
 * writes nobody waits on (heartbeats), a steady trickle then shares transactions too instead of
 * paying one each (100 heartbeats/s one by one cost the gateway ~2 ms of CPU apiece).
 *
 * @example
 *   const reports = new GroupCommit((items) => recordNodeReports(db, items), (item) => item.node.nodeId);
 *   await reports.submit({ node, report });   // resolves when its batch committed
 */
interface TQueued<T> { item: T; resolve: () => void; reject: (error: unknown) => void }

export interface TGroupCommitOptions {
  /** Items per transaction at most (default 500). */
  maxBatch?: number;
  /** How long an idle committer gathers items before its first write (default 0: at once). */
  lingerMs?: number;
}

export class GroupCommit<T> {
  private queue: TQueued<T>[] = [];
  private writing = false;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly lingerMs: number;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly keyOf: (item: T) => string,
    options: TGroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.lingerMs = options.lingerMs ?? 0;
  }

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.writing || this.scheduled) return;
      this.scheduled = true;
      const start = () => { this.scheduled = false; void this.drain(); };
      if (this.lingerMs > 0) setTimeout(start, this.lingerMs); else setImmediate(start);
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) await this.writeBatch(this.takeBatch());
    } finally {
      this.writing = false;
    }
  }

  /** The oldest items, one per key, up to maxBatch; the rest stay queued in order. */
  private takeBatch(): TQueued<T>[] {
    const keys = new Set<string>();
    const batch: TQueued<T>[] = [];
    const rest: TQueued<T>[] = [];
    for (const queued of this.queue) {
      const key = this.keyOf(queued.item);
      if (batch.length < this.maxBatch && !keys.has(key)) { keys.add(key); batch.push(queued); } else rest.push(queued);
    }
    this.queue = rest;
    return batch;
  }

  private async writeBatch(batch: TQueued<T>[]): Promise<void> {
    try {
      await this.write(batch.map((q) => q.item));
      for (const q of batch) q.resolve();
    } catch (error) {
      if (batch.length === 1) { batch[0]!.reject(error); return; }
      for (const q of batch) await this.write([q.item]).then(q.resolve, q.reject);
    }
  }
}
