/**
 * Store search under load: seeds 10,000 apps with published versions straight into the bench
 * stack's database (createMany in batches; English and Chinese names and descriptions from a
 * small vocabulary, every category, both architectures; the database's app_version triggers fill
 * each app's catalog listing in the same statements, exactly as for a publish), then:
 * - times queryCatalog in-process, one query at a time (the database's share, no HTTP, no cache);
 * - runs autocannon with 32 connections against `GET /api/v1/store/apps?q=<word>` rotating over
 *   English and Chinese words, as deployed (the portal's catalog page cache answers repeats), and
 *   again with `Cache-Control: no-cache` (every request queries the database).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import { APP_CATEGORIES, ARCHITECTURES, ZCatalogQuery } from '@mecport/contracts';
import { queryCatalog } from '@mecport/core';
import { createPrismaClient, type DbClient } from '@mecport/db';
import { startEmbeddedPostgres } from '@mecport/db/embedded';
import { BENCH, portalUrl } from './stack';

const APPS = 10_000;
const BATCH = 1_000;
const CONNECTIONS = 32;
const DURATION_SECONDS = 10;
const SEQUENTIAL_ROUNDS = 5;
const root = path.resolve(import.meta.dirname, '..');

const EN = ['video', 'analytics', 'edge', 'camera', 'traffic', 'gaming', 'cloud', 'sensor', 'robot', 'factory', 'health', 'stream', 'secure', 'inference', 'vehicle', 'city', 'drone', 'retail', 'map', 'voice'];
const ZH = ['视频', '分析', '边缘', '摄像头', '交通', '游戏', '云端', '传感器', '机器人', '工厂', '健康', '直播', '安全', '推理', '车辆', '城市', '无人机', '零售', '地图', '语音'];
const PROVIDERS = ['Acme Mobile', 'Globex Telecom', 'Initech Edge', 'Umbrella Networks', '华为云', '中兴通讯', 'Stark Industries', '星辰科技'];
const QUERY_WORDS = ['video', '视频', 'traffic', '机器人', 'edge analytics', '边缘', 'drone', '安全', 'inference', '工厂'];

/** mulberry32: a small seeded PRNG, so every run seeds the same catalog. */
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

/** Runs `work` with a client of the bench stack's database. */
async function withBenchDb<T>(work: (db: DbClient) => Promise<T>): Promise<T> {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, BENCH.dataDir, 'pg'), port: BENCH.pgPort });
  const db = createPrismaClient(pg.url);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
    await pg.stop();
  }
}

async function seedCatalog(db: DbClient): Promise<number> {
  const started = performance.now();
  const random = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const words = (list: readonly string[], n: number) => Array.from({ length: n }, () => pick(list));
  const tenant = await db.tenant.upsert({ where: { slug: 'bench-store' }, update: {}, create: { slug: 'bench-store', name: 'Bench Store', nameZh: '基准商店' } });
  const digest = 'b'.repeat(64);
  await db.packageBlob.createMany({ data: [{ digest, size: 1024n }], skipDuplicates: true });
  const base = Date.UTC(2026, 0, 1);
  for (let offset = 0; offset < APPS; offset += BATCH) {
    const apps = [];
    const versions = [];
    for (let i = offset; i < Math.min(APPS, offset + BATCH); i += 1) {
      const id = randomUUID();
      const [en1, en2] = words(EN, 2) as [string, string];
      const name = `${en1[0]!.toUpperCase()}${en1.slice(1)} ${en2[0]!.toUpperCase()}${en2.slice(1)} ${i}`;
      apps.push({
        id, tenantId: tenant.id, slug: `bench-${i}`, name, nameZh: `${words(ZH, 2).join('')}${i}`, provider: pick(PROVIDERS), category: pick(APP_CATEGORIES),
        tags: words(EN, 3), descriptionEn: `${words(EN, 14).join(' ')}.`, descriptionZh: `${words(ZH, 14).join('')}。`, createdBy: 'bench',
        downloadCount: Math.floor(random() * 5000), ratingCount: 0, ratingSum: 0,
      });
      const publishedAt = new Date(base + i * 60_000);
      const appd = { appDId: randomUUID(), appName: name, appProvider: 'Bench', appSoftVersion: '1.0.0', appDVersion: '1.0.0', mecVersion: ['3.2.1'] };
      versions.push({ appId: id, version: '1.0.0', packageDigest: digest, packageSize: 1024n, appd, appdId: appd.appDId, architecture: pick(ARCHITECTURES), status: 'published' as const, publishedAt });
      if (i % 3 === 0) versions.push({ ...versions.at(-1)!, version: '1.1.0', architecture: 'aarch64', publishedAt: new Date(publishedAt.getTime() + 1000) });
    }
    await db.app.createMany({ data: apps, skipDuplicates: true });
    await db.appVersion.createMany({ data: versions, skipDuplicates: true });
  }
  // The listing triggers updated every app row once: vacuum now what autovacuum would soon.
  await db.$executeRawUnsafe('VACUUM (ANALYZE) "app"');
  await db.$executeRawUnsafe('ANALYZE "app_version"');
  return (performance.now() - started) / 1000;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The database's share of a search: queryCatalog in this process, one query at a time, every word in turn. */
async function sequentialQueries(db: DbClient): Promise<void> {
  const times: number[] = [];
  for (let round = 0; round < SEQUENTIAL_ROUNDS; round += 1) {
    for (const q of QUERY_WORDS) {
      const started = performance.now();
      await queryCatalog(db, ZCatalogQuery.parse({ q }));
      if (round > 0) times.push(performance.now() - started); // round 0 warms the pool and the caches
    }
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${'queryCatalog in-process (10k apps)'.padEnd(34)}        one at a time   p50 ${percentile(times, 50).toFixed(1)} ms   p95 ${percentile(times, 95).toFixed(1)} ms   ` +
      `max ${times.at(-1)!.toFixed(1)} ms   (${times.length} queries, ${QUERY_WORDS.length} words, no HTTP, no cache)\n`,
  );
}

/** autocannon with CONNECTIONS connections over the words' URLs; p95 from every response time. */
async function load(label: string, urls: string[], headers: Record<string, string>): Promise<void> {
  let next = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: portalUrl,
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      headers,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: urls[next++ % urls.length]! }) }],
    }, (error, done) => (error ? reject(error as Error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
  });
  latencies.sort((a, b) => a - b);
  const bad = result.non2xx + result.errors + result.timeouts;
  process.stdout.write(
    `${label.padEnd(34)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   ` +
      `p50 ${result.latency.p50} ms   p95 ${percentile(latencies, 95).toFixed(0)} ms   p97.5 ${result.latency.p97_5} ms   p99 ${result.latency.p99} ms   ` +
      `(${result.requests.total} requests, ${bad} failed, ${CONNECTIONS} connections, ${DURATION_SECONDS} s, ${QUERY_WORDS.length} words; goal p95 < 50 ms)\n`,
  );
}

export async function storeSearch(): Promise<void> {
  const seedSeconds = await withBenchDb(seedCatalog);
  process.stdout.write(`store search: seeded ${APPS} apps (${Math.ceil(APPS / 3) + APPS} published versions) in ${seedSeconds.toFixed(1)} s\n`);
  const urls = QUERY_WORDS.map((w) => `/api/v1/store/apps?q=${encodeURIComponent(w)}`);
  const hits: string[] = [];
  for (const [i, url] of urls.entries()) {
    const response = await fetch(`${portalUrl}${url}`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { items: unknown[] };
    hits.push(`${QUERY_WORDS[i]}: ${page.items.length}`);
  }
  process.stdout.write(`store search words (items on the first page): ${hits.join(', ')}\n`);
  await withBenchDb(sequentialQueries);
  await load('GET /api/v1/store/apps?q= (10k apps)', urls, {});
  await load('  same, Cache-Control: no-cache', urls, { 'cache-control': 'no-cache' });
}
