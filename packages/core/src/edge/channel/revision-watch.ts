/**
 * Long-poll support: one LISTEN connection per process wakes every request waiting for a node's
 * next revision. If the connection drops, waiters still end at their timeout and the agent asks
 * again, so a lost notification only delays, never loses, a change.
 */
import pg from 'pg';
import { DESIRED_CHANNEL } from './revision';

type TWaiter = (revision: number) => void;

export class RevisionWatcher {
  private readonly waiters = new Map<string, Set<TWaiter>>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly connectionString: string) {}

  /**
   * Resolves with the revision once it is above `after` (at once if it already is), or null when
   * `waitMs` passes or `signal` aborts. It subscribes first and then reads `current()`, so a change
   * committed in between is not missed; the wait starts after that read.
   */
  async waitForChange(nodeId: string, after: number, waitMs: number, current: () => Promise<number>, signal?: AbortSignal): Promise<number | null> {
    await this.ensureListening();
    return new Promise((resolve) => {
      const set = this.waiters.get(nodeId) ?? new Set<TWaiter>();
      this.waiters.set(nodeId, set);
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const finish = (value: number | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        set.delete(waiter);
        if (set.size === 0) this.waiters.delete(nodeId);
        resolve(value);
      };
      const waiter: TWaiter = (revision) => { if (revision > after) finish(revision); };
      const onAbort = () => finish(null);
      set.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) return finish(null);
      const startWaiting = () => { if (!done) timer = setTimeout(() => finish(null), waitMs); };
      current().then((revision) => { waiter(revision); startWaiting(); }, startWaiting);
    });
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => { this.connecting = undefined; });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'mecport-edge-watch' });
    client.on('notification', (message) => this.dispatch(message.payload ?? ''));
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${DESIRED_CHANNEL}`);
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = undefined;
  }

  private dispatch(payload: string): void {
    const [nodeId, revision] = payload.split(':');
    const waiters = nodeId ? this.waiters.get(nodeId) : undefined;
    if (waiters) for (const waiter of [...waiters]) waiter(Number(revision));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
