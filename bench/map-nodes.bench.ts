/**
 * The edge map at 10,000 nodes (issue 4: the map query's p95 under 200 ms, first render under 2 s):
 * 1. seeds 10,000 nodes (about 15 cities in China and Europe, a mix of pending, enrolled and
 *    revoked, labels, eight groups) and an app instance on every tenth node, straight into the bench
 *    stack's database for Globex Telecom, whose operator has no other nodes there;
 * 2. autocannon with a few connections on `GET /api/v1/edge/map/nodes` as `globex-operator`
 *    (p50/p95 from every response time), sending `Accept-Encoding: gzip` as every browser does
 *    (so each answer goes out gzipped, once per content, as the map page gets it): as deployed (the
 *    portal reuses the built answer while the nodes are unchanged), then with the answer's ETag in
 *    `If-None-Match`, which is what the map page's 15 s re-read sends once the browser holds it
 *    (304), then with `Cache-Control: no-cache` (every request rebuilds it);
 * 3. headless Chromium (/usr/bin/chromium, driven by Playwright) signs in through the dev IdP's form
 *    and opens /edge-map: the figure is the page's own `edge-map:clusters-drawn` performance mark,
 *    i.e. from the navigation's start to every node clustered and the clusters painted, over
 *    several loads. Tiles are answered locally with a blank PNG (no tile server). Playwright's
 *    routing turns the browser's HTTP cache off, so every load fetches the whole answer (200, no
 *    304): the line prints the status and encoding the page got.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { chromium, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { fetchPasswordGrantToken } from '../scripts/lib/fetch-token';
import { withBenchDb } from './bench-db';
import { issuer, portalUrl } from './stack';

const NODES = 10_000;
const BATCH = 2_000;
const TENANT = 'globex-telecom';
const USER = 'globex-operator';
const CONNECTIONS = 4;
const DURATION_SECONDS = 10;
const RENDERS = 5;
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const CITIES: [string, string, number, number][] = [
  ['北京市', '北京', 39.9, 116.4], ['上海市', '上海', 31.23, 121.47], ['广东省', '深圳', 22.54, 114.06], ['广东省', '广州', 23.13, 113.26], ['浙江省', '杭州', 30.27, 120.16],
  ['四川省', '成都', 30.57, 104.07], ['湖北省', '武汉', 30.59, 114.31], ['Bayern', 'München', 48.14, 11.58], ['Berlin', 'Berlin', 52.52, 13.4], ['Île-de-France', 'Paris', 48.86, 2.35],
  ['Comunidad de Madrid', 'Madrid', 40.42, -3.7], ['Lombardia', 'Milano', 45.46, 9.19], ['England', 'London', 51.51, -0.13], ['Noord-Holland', 'Amsterdam', 52.37, 4.9], ['Stockholm', 'Stockholm', 59.33, 18.07],
];

/** mulberry32: a small seeded PRNG, so every run seeds the same nodes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function nodeRow(i: number, random: () => number, tenantId: string, groupIds: string[]) {
  const [province, city, lat, lng] = CITIES[i % CITIES.length]!;
  const roll = random();
  const now = new Date();
  const enrolled = roll < 0.8;
  return {
    id: randomUUID(), tenantId, name: `bench-${String(i).padStart(5, '0')}`, latitude: lat + (random() - 0.5) * 3, longitude: lng + (random() - 0.5) * 4,
    province, city, district: `D${i % 12}`, groupId: groupIds[i % groupIds.length]!,
    labels: { tier: random() < 0.3 ? 'gold' : 'silver', site: ['campus', 'factory', 'mall', 'port'][i % 4]!, bench: 'yes' },
    capacity: { architecture: i % 3 === 0 ? 'aarch64' : 'x86_64', cpuCores: 32, memoryMb: 131072, gpus: i % 5 === 0 ? 1 : 0, npus: 0 },
    // enrolled: most heartbeat now (online for the offline timeout, then offline), some long ago; a few revoked
    enrolledAt: enrolled ? now : null, lastHeartbeatAt: enrolled ? (roll < 0.6 ? now : new Date(now.getTime() - 3600_000)) : null,
    revokedAt: roll > 0.97 ? now : null, hostname: enrolled ? `host-${i}` : null, agentVersion: enrolled ? 'bench' : null,
  };
}

async function seedNodes(db: DbClient): Promise<{ seconds: number; instances: number }> {
  const started = performance.now();
  const random = prng(7);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: TENANT } });
  await db.nodeGroup.createMany({ data: Array.from({ length: 8 }, (_, i) => ({ tenantId: tenant.id, name: `bench-group-${i}` })), skipDuplicates: true });
  const groupIds = (await db.nodeGroup.findMany({ where: { tenantId: tenant.id, name: { startsWith: 'bench-group-' } }, select: { id: true } })).map((g) => g.id);
  const versions = await db.appVersion.findMany({ where: { status: 'published' }, select: { id: true, appId: true }, take: 3 });
  if (versions.length === 0) throw new Error('the bench stack has no published app version to run on the nodes');
  let instances = 0;
  for (let offset = 0; offset < NODES; offset += BATCH) {
    const nodes = Array.from({ length: Math.min(BATCH, NODES - offset) }, (_, k) => nodeRow(offset + k, random, tenant.id, groupIds));
    await db.edgeNode.createMany({ data: nodes });
    const running = nodes.filter((_, k) => (offset + k) % 10 === 0).map((n, k) => {
      const v = versions[k % versions.length]!;
      return { tenantId: tenant.id, nodeId: n.id, appId: v.appId, appVersionId: v.id, state: 'RUNNING', ready: true, createdBy: 'bench' };
    });
    const { count } = await db.appInstance.createMany({ data: running });
    instances += count;
  }
  await db.$executeRawUnsafe('ANALYZE "edge_node"');
  await db.$executeRawUnsafe('ANALYZE "app_instance"');
  return { seconds: (performance.now() - started) / 1000, instances };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

/**
 * autocannon on the map query; p50/p95/p99 from every response time. `revalidate`: every request
 * carries the ETag of the answer read just before in `If-None-Match` (304 while it is unchanged;
 * should the seeded statuses turn offline meanwhile, the changed answer comes back as a 200).
 */
async function mapQueryLoad(label: string, headers: Record<string, string>, revalidate = false): Promise<void> {
  // fetch() decodes a gzip body itself; the size on the wire is autocannon's bytes per response
  const first = await fetch(`${portalUrl}/api/v1/edge/map/nodes`, { headers, signal: AbortSignal.timeout(60_000) });
  if (!first.ok) throw new Error(`GET /api/v1/edge/map/nodes: ${first.status} ${await first.text()}`);
  const body = await first.text();
  const total = (JSON.parse(body) as { total: number }).total;
  if (total !== NODES) throw new Error(`the map query returned ${total} nodes, expected ${NODES}`);
  const encoding = first.headers.get('content-encoding') ?? 'identity';
  const etag = first.headers.get('etag');
  if (revalidate && !etag) throw new Error('the map query sent no ETag');
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `${portalUrl}/api/v1/edge/map/nodes`, connections: CONNECTIONS, duration: DURATION_SECONDS, headers: revalidate ? { ...headers, 'if-none-match': etag! } : headers },
      (error, done) => (error ? reject(error as Error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
  });
  latencies.sort((a, b) => a - b);
  // a 304 is autocannon's 3xx (and a non-2xx): only 4xx/5xx, errors and timeouts failed
  const bad = result['4xx'] + result['5xx'] + result.errors + result.timeouts;
  const wire = result.throughput.total / Math.max(1, result.requests.total);
  const size = revalidate ? `${result['3xx']} answered 304 with no body` : `${mib(Buffer.byteLength(body))} JSON, ${mib(wire)} ${encoding} on the wire each`;
  process.stdout.write(
    `${label.padEnd(34)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${percentile(latencies, 50).toFixed(0)} ms   p95 ${percentile(latencies, 95).toFixed(0)} ms   ` +
      `p99 ${percentile(latencies, 99).toFixed(0)} ms   (${result.requests.total} requests, ${bad} failed, ${CONNECTIONS} connections, ${DURATION_SECONDS} s, ${size}; goal p95 < 200 ms)\n`,
  );
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${portalUrl}/`);
  await page.getByTestId('sign-in-button').click();
  await page.getByLabel(/Username/).fill(USER);
  await page.getByLabel(/Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === portalUrl && !url.pathname.startsWith('/auth/callback'));
  await page.getByTestId('user-menu-button').waitFor();
}

/** One load of /edge-map: the page's clusters-drawn mark (ms from the navigation's start), the markers it clustered and how the map query was answered. */
async function renderOnce(page: Page): Promise<{ ms: number; markers: number; answer: string }> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/edge/map/nodes');
  await page.goto(`${portalUrl}/edge-map`);
  const res = await answered;
  const answer = `${res.status()} ${(await res.allHeaders())['content-encoding'] ?? 'identity'}`;
  await page.locator('[data-testid="edge-map"][data-rendered="true"]').waitFor({ timeout: 120_000 });
  const mark = await page.waitForFunction(() => {
    const entry = performance.getEntriesByName('edge-map:clusters-drawn').at(-1) as { startTime: number; detail: unknown } | undefined;
    return entry ? { ms: entry.startTime, markers: (entry.detail as { markers: number }).markers } : null;
  });
  return { ...(await mark.jsonValue())!, answer };
}

async function firstRender(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.route((url) => url.hostname !== 'localhost' && url.hostname !== '127.0.0.1', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG }));
    await signIn(page);
    await renderOnce(page); // warms the portal's compiled page, the browser cache and the session
    const runs: { ms: number; markers: number; answer: string }[] = [];
    for (let i = 0; i < RENDERS; i += 1) runs.push(await renderOnce(page));
    if (runs.some((r) => r.markers !== NODES)) throw new Error(`the map clustered ${runs.map((r) => r.markers).join(', ')} markers, expected ${NODES}`);
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    process.stdout.write(
      `${'edge map first render (10k)'.padEnd(34)}        navigation -> clusters drawn   median ${(percentile(ms, 50) / 1000).toFixed(2)} s   max ${(ms.at(-1)! / 1000).toFixed(2)} s   ` +
        `(${RENDERS} loads: ${ms.map((m) => (m / 1000).toFixed(2)).join(', ')} s; map query ${[...new Set(runs.map((r) => r.answer))].join(' / ')}; headless Chromium, ${NODES} markers; goal < 2 s)\n`,
    );
  } finally {
    await browser.close();
  }
}

export async function mapNodes(): Promise<void> {
  const seeded = await withBenchDb(seedNodes);
  process.stdout.write(`edge map: seeded ${NODES} nodes and ${seeded.instances} app instances for ${TENANT} in ${seeded.seconds.toFixed(1)} s\n`);
  const token = await fetchPasswordGrantToken({ issuer, clientId: 'mecport-cli', username: USER, password: DEMO_PASSWORD });
  // Accept-Encoding: gzip as a browser sends it (Chromium: gzip, deflate, br, zstd)
  const auth = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };
  await mapQueryLoad('GET /api/v1/edge/map/nodes (10k)', auth);
  // before the no-cache run: the seeded heartbeats go stale (online -> offline) about 30 s after
  // seeding, which changes the answer, and the no-cache run rebuilds every time anyway
  await mapQueryLoad('  same, If-None-Match (page re-read)', auth, true);
  await mapQueryLoad('  same, Cache-Control: no-cache', { ...auth, 'cache-control': 'no-cache' });
  await firstRender();
}
