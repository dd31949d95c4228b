/**
 * Starts the whole stack the way `npm start` does, on benchmark ports and a fresh data
 * directory, and stops it again. Benchmarks measure the real thing, never a mock.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startChild, stopChild, waitForHttp, type TChild } from '../scripts/lib/children';
import { assertPortsFree } from '../scripts/lib/port-free';

export const BENCH = { portalPort: 3200, idpPort: 3201, gatewayPort: 3202, pgPort: 54359, agentMp1Port: 8781, sandboxHostPort: 3204, dataDir: '.data/bench' } as const;
export const portalUrl = `http://localhost:${BENCH.portalPort}`;
/** The stack's edge gateway (the agents' routes), where benchmarks' agents connect as real ones do. */
export const gatewayUrl = `http://localhost:${BENCH.gatewayPort}`;
export const issuer = `http://localhost:${BENCH.idpPort}`;
/** The stack's sandbox host; its secret is in `<dataDir>/sandbox-host.secret` (a fresh one per run). */
export const sandboxHostUrl = `http://127.0.0.1:${BENCH.sandboxHostPort}`;

const root = path.resolve(import.meta.dirname, '..');

export async function startStack(): Promise<TChild> {
  // Another stack on these ports (another checkout's bench) would answer the health check below.
  await assertPortsFree([BENCH.portalPort, BENCH.idpPort, BENCH.gatewayPort, BENCH.pgPort, BENCH.agentMp1Port, BENCH.sandboxHostPort], 'bench/stack.ts lists the bench ports; is another bench running without /tmp/mecport-bench.lock?');
  rmSync(path.join(root, BENCH.dataDir), { recursive: true, force: true });
  const stack = startChild('stack', 'npm', ['start'], {
    cwd: root,
    index: 0,
    env: {
      ...process.env, PORT: String(BENCH.portalPort), EDGE_GATEWAY_PORT: String(BENCH.gatewayPort), MECPORT_EDGE_GATEWAY_URL: '', DEV_IDP_PORT: String(BENCH.idpPort), EMBEDDED_PG_PORT: String(BENCH.pgPort), MECPORT_AGENT_MP1_PORT: String(BENCH.agentMp1Port), MECPORT_SANDBOX_HOST_PORT: String(BENCH.sandboxHostPort),
      MECPORT_DATA_DIR: BENCH.dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', OIDC_ISSUER: '',
      // A bench step holds one token for up to 10 minutes (a multi-GB upload); access tokens last
      // 5 minutes by default and benches do not renew them.
      DEV_IDP_TOKEN_TTL_SECONDS: '3600',
    },
  });
  await waitForHttp(`${portalUrl}/api/health`, { timeoutMs: 300_000, isDead: () => stack.process.exitCode !== null });
  return stack;
}

export { stopChild as stopStack };
