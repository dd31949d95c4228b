/** Latency and throughput of the API's authenticated hot path (token verification + profile read). */
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '@mecport/contracts';
import { fetchPasswordGrantToken } from '../scripts/lib/fetch-token';
import { issuer, portalUrl } from './stack';

const CONNECTIONS = 32;
const DURATION_SECONDS = 10;

async function measure(title: string, path: string, headers: Record<string, string> = {}): Promise<void> {
  const result = await autocannon({ url: `${portalUrl}${path}`, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  process.stdout.write(
    `${title.padEnd(34)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   ` +
      `p50 ${result.latency.p50} ms   p97.5 ${result.latency.p97_5} ms   p99 ${result.latency.p99} ms   ` +
      `(${result.requests.total} requests, ${bad} failed, ${CONNECTIONS} connections, ${DURATION_SECONDS} s)\n`,
  );
}

export async function apiLatency(): Promise<void> {
  const token = await fetchPasswordGrantToken({ issuer, clientId: 'mecport-cli', username: 'operator', password: DEMO_PASSWORD });
  await measure('GET /api/health (public + DB ping)', '/api/health');
  await measure('GET /api/v1/me (JWT + profile)', '/api/v1/me', { authorization: `Bearer ${token}` });
}
