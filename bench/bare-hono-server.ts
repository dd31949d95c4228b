/**
 * The yardstick of issue 11's API figures: the least a server can do for `GET /api/health`: Hono
 * on @hono/node-server, one `select 1` through a `pg` pool, the same JSON shape as the portal's
 * answer; no auth, validation, request id or log. Run by bench/api-latency.bench.ts as its own process.
 *
 * @example DATABASE_URL=postgres://… PORT=3209 node --import tsx bench/bare-hono-server.ts
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';

// max 10: as the portal's Prisma pool (packages/db/src/client.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = new Hono();

app.get('/api/health', async (c) => {
  const started = performance.now();
  await pool.query('select 1');
  const database = { status: 'up', latencyMs: performance.now() - started };
  return c.json({ status: 'up', checks: { process: { status: 'up', uptimeSeconds: Math.round(process.uptime()), rssBytes: process.memoryUsage().rss }, database } });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.stdout.write('listening\n'));
process.once('SIGTERM', () => { void pool.end().finally(() => process.exit(0)); });
