/**
 * Sending background jobs from a web process: a send-only pg-boss (no workers, no supervision, no
 * schedules) on the shared Postgres, started once on first use. Payloads are validated against
 * the job contracts before they are sent.
 *
 * @example
 * const queue = jobQueue(databaseUrl);
 * await queue.send('package.validate', { uploadId });
 */
import { JOBS, type TJobName, type TJobPayload } from '@mecport/contracts';
import { PgBoss } from 'pg-boss';

export interface TJobQueue {
  send<N extends TJobName>(name: N, payload: TJobPayload<N>, options?: { singletonKey?: string }): Promise<string | null>;
  stop(): Promise<void>;
}

const globalQueues = globalThis as unknown as { __mecportJobQueues?: Map<string, TJobQueue> };

export function jobQueue(databaseUrl: string): TJobQueue {
  globalQueues.__mecportJobQueues ??= new Map();
  const cached = globalQueues.__mecportJobQueues.get(databaseUrl);
  if (cached) return cached;
  let started: Promise<PgBoss> | undefined;
  const queues = new Set<string>();
  const boss = () => {
    started ??= (async () => {
      const instance = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', supervise: false, schedule: false, max: 2 });
      instance.on('error', () => undefined);
      await instance.start();
      return instance;
    })().catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    return started;
  };
  const queue: TJobQueue = {
    async send(name, payload, options) {
      const instance = await boss();
      if (!queues.has(name)) {
        await instance.createQueue(name);
        queues.add(name);
      }
      return instance.send(name, JOBS[name].parse(payload) as object, options?.singletonKey ? { singletonKey: options.singletonKey } : {});
    },
    async stop() {
      globalQueues.__mecportJobQueues?.delete(databaseUrl);
      if (started) await (await started).stop({ graceful: false, close: true });
    },
  };
  globalQueues.__mecportJobQueues.set(databaseUrl, queue);
  return queue;
}
