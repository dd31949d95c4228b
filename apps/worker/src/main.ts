/** The worker process: background jobs on pg-boss. Stops gracefully on SIGINT/SIGTERM. */
import { createHostClient } from '@mecport/core';
import { createPrismaClient } from '@mecport/db';
import { createLogger } from '@mecport/http';
import { workerEnv } from './env';
import { startJobRunner } from './jobs/runner';

const env = workerEnv();
const log = createLogger('worker', env.LOG_LEVEL);
const prisma = createPrismaClient(env.DATABASE_URL);
const sandboxHost = env.MECPORT_SANDBOX_HOST_URL && env.MECPORT_SANDBOX_HOST_SECRET ? createHostClient({ url: env.MECPORT_SANDBOX_HOST_URL, secret: env.MECPORT_SANDBOX_HOST_SECRET }) : null;
const boss = await startJobRunner({ databaseUrl: env.DATABASE_URL, auditRetentionDays: env.AUDIT_RETENTION_DAYS, uploadExpiryHours: env.UPLOAD_EXPIRY_HOURS, nodeOfflineAfterSec: env.MECPORT_NODE_OFFLINE_AFTER_SEC, deps: { prisma, log, sandboxHost } });
log.info('worker ready');

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'worker stopping');
  await boss.stop({ graceful: true, timeout: 10_000 });
  await prisma.$disconnect();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
