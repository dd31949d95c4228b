/**
 * Throughput of the API's hot paths through the portal's port, against a bare Hono server doing the
 * same database ping (bench/bare-hono-server.ts) in the same run: `GET /api/health` (public + DB
 * ping) and `GET /api/v1/me` (JWT + profile read). Runs alternate portal / bare twice, so both see
 * the same machine; the ratio of the better runs is issue 11's figure (goal ≥ 0.5×).
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '@mecport/contracts';
import { fetchPasswordGrantToken } from '../scripts/lib/fetch-token';
import { startChild, stopChild, waitForHttp } from '../scripts/lib/children';
import { LEAN_NODE_ARGS, leanNodeEnv } from '../scripts/lib/lean-node';
import { withBenchDb } from './bench-db';
import { issuer, portalUrl } from './stack';

const CONNECTIONS = 32;
const DURATION_SECONDS = 10;
const ROUNDS = 2;
const BARE_PORT = 3209;
const bareUrl = `http://127.0.0.1:${BARE_PORT}`;

async function measure(title: string, url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  process.stdout.write(
    `${title.padEnd(40)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   ` +
      `p50 ${result.latency.p50} ms   p97.5 ${result.latency.p97_5} ms   p99 ${result.latency.p99} ms   ` +
      `(${result.requests.total} requests, ${bad} failed, ${CONNECTIONS} connections, ${DURATION_SECONDS} s)\n`,
  );
  return bad === 0 ? result.requests.average : 0;
}

/** The bare server, with the portal's V8 flags and environment, on the bench stack's database. */
async function withBareServer<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const root = path.resolve(import.meta.dirname, '..');
  const server = startChild('bare', process.execPath, [...LEAN_NODE_ARGS, '--import', 'tsx', 'bench/bare-hono-server.ts'], {
    cwd: root, index: 5, env: { ...process.env, ...leanNodeEnv(), NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(BARE_PORT) },
  });
  try {
    await waitForHttp(`${bareUrl}/api/health`, { timeoutMs: 60_000, isDead: () => server.process.exitCode !== null });
    return await work();
  } finally {
    await stopChild(server);
  }
}

const ratioLine = (title: string, portal: number[], bare: number[]) =>
  `${title} through the portal / bare Hono (best runs): ${Math.round(Math.max(...portal))} / ${Math.round(Math.max(...bare))} req/s = ${(Math.max(...portal) / Math.max(...bare)).toFixed(2)}x (goal >= 0.5x)\n`;

export async function apiLatency(): Promise<void> {
  const token = await fetchPasswordGrantToken({ issuer, clientId: 'mecport-cli', username: 'operator', password: DEMO_PASSWORD });
  await withBenchDb(async (_db, databaseUrl) => withBareServer(databaseUrl, async () => {
    const health: number[] = [];
    const me: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      health.push(await measure('GET /api/health (public + DB ping)', `${portalUrl}/api/health`));
      me.push(await measure('GET /api/v1/me (JWT + profile)', `${portalUrl}/api/v1/me`, { authorization: `Bearer ${token}` }));
      bare.push(await measure('bare Hono: GET /api/health (pg select 1)', `${bareUrl}/api/health`));
    }
    process.stdout.write(ratioLine('GET /api/health', health, bare));
    process.stdout.write(ratioLine('GET /api/v1/me ', me, bare));
  }));
}
