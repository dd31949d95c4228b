/** Starts pg-boss on the shared Postgres, creates the queues, and works every registered job. */
import { JOBS, NODE_OFFLINE_AFTER_SEC_DEFAULT, UPLOAD_EXPIRY_HOURS_DEFAULT, type TJobName, type TJobPayload } from '@mecport/contracts';
import { PgBoss } from 'pg-boss';
import { JOB_DEFINITIONS, parsePayload, type TJobDeps } from './registry';

export interface TRunnerOptions { databaseUrl: string; auditRetentionDays: number; uploadExpiryHours?: number; nodeOfflineAfterSec?: number; deps: TJobDeps; schedules?: boolean }

export async function startJobRunner(options: TRunnerOptions): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss' });
  boss.on('error', (err) => options.deps.log.error({ err }, 'pg-boss error'));
  await boss.start();
  for (const name of Object.keys(JOB_DEFINITIONS) as TJobName[]) {
    const definition = JOB_DEFINITIONS[name];
    await boss.createQueue(name);
    await boss.work(name, { pollingIntervalSeconds: 1 }, async (jobs) => {
      const results = [];
      for (const job of jobs) {
        const payload = parsePayload(name, job.data);
        const result = await definition.handler(payload as never, options.deps);
        options.deps.log.info({ job: name, id: job.id, result }, 'job done');
        results.push(result);
      }
      return results;
    });
    if (options.schedules !== false && definition.schedule) {
      await boss.schedule(name, definition.schedule.cron, definition.schedule.payload({ auditRetentionDays: options.auditRetentionDays, uploadExpiryHours: options.uploadExpiryHours ?? UPLOAD_EXPIRY_HOURS_DEFAULT, nodeOfflineAfterSec: options.nodeOfflineAfterSec ?? NODE_OFFLINE_AFTER_SEC_DEFAULT }), { tz: 'UTC' });
    }
  }
  // Uploads completed while no job could be sent (or whose job was lost) are validated now; the job skips any that moved on.
  const stranded = await options.deps.prisma.upload.findMany({ where: { state: 'validating' }, select: { id: true } });
  for (const { id } of stranded) await enqueue(boss, 'package.validate', { uploadId: id });
  if (stranded.length > 0) options.deps.log.info({ count: stranded.length }, 'queued validation of stranded uploads');
  return boss;
}

/** Validates on enqueue, so a bad payload fails at the caller instead of in the worker. */
export async function enqueue<N extends TJobName>(boss: PgBoss, name: N, payload: TJobPayload<N>): Promise<string | null> {
  return boss.send(name, JOBS[name].parse(payload) as object);
}
