/**
 * A second edge gateway beside the bench stack's own (issue 11: several gateways on one PostgreSQL
 * behind a TCP load balancer), started the way `npm start` starts the stack's (scripts/lib/run-stack.ts:
 * `main.ts edge-gateway` with the lean node flags) on the stack's database and issuer.
 *
 * @example const replica = await startGatewayReplica({ port: 3203, databaseUrl }); …; await stopStack(replica);
 */
import path from 'node:path';
import { API_DIR, apiServerCommand, apiServerEnv } from '../scripts/lib/api-server-command';
import { startChild, stopChild, waitForHttp, type TChild } from '../scripts/lib/children';
import { BENCH, issuer } from './stack';

const root = path.resolve(import.meta.dirname, '..');

export async function startGatewayReplica(options: { port: number; databaseUrl: string }): Promise<TChild> {
  const [command, args] = apiServerCommand('edge-gateway');
  const replica = startChild('gateway2', command, args, {
    cwd: API_DIR,
    index: 1,
    env: {
      ...process.env, ...apiServerEnv(), DATABASE_URL: options.databaseUrl, OIDC_ISSUER: issuer, PORTAL_URL: `http://localhost:${BENCH.portalPort}`,
      MECPORT_DATA_DIR: path.join(root, BENCH.dataDir), EDGE_GATEWAY_PORT: String(options.port), LOG_LEVEL: 'warn',
    },
  });
  try {
    await waitForHttp(`http://localhost:${options.port}/api/health`, { timeoutMs: 120_000, isDead: () => replica.process.exitCode !== null });
  } catch (error) {
    await stopChild(replica);
    throw error;
  }
  return replica;
}
