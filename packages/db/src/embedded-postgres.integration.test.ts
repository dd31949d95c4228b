import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

const started: EmbeddedPostgres[] = [];
let root: string | undefined;

afterAll(async () => {
  for (const server of started) await server.stop().catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function start(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, port, database: 'keep_me', unsafeFastWrites: true });
  started.push(server);
  return server;
}

describe('startEmbeddedPostgres', () => {
  it('keeps data across stop and start, shares one server between callers, and survives a stale postmaster.pid', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'mecport-embedded-'));
    const dataDir = path.join(root, 'pg');
    const port = await freePort();

    const first = await start(dataDir, port);
    expect(first.startedServer).toBe(true);
    expect(first.url).toMatch(new RegExp(`^postgresql://postgres:[0-9a-f]{48}@127\\.0\\.0\\.1:${port}/keep_me$`));
    expect((await stat(path.join(dataDir, 'password'))).mode & 0o777).toBe(0o600);
    await sql(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    const listen = await sql<{ setting: string }>(first.url, "SELECT setting FROM pg_settings WHERE name = 'listen_addresses'");
    expect(listen[0]?.setting).toBe('127.0.0.1');

    // A second caller attaches; the server outlives the first caller's stop().
    const second = await start(dataDir, port);
    expect(second.startedServer).toBe(false);
    expect(second.url).toBe(first.url);
    await first.stop();
    expect(await sql(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    await second.stop();
    await expect(sql(second.url, 'SELECT 1')).rejects.toThrow();
    expect(existsSync(path.join(dataDir, 'cluster', 'postmaster.pid'))).toBe(false);

    // A killed server leaves postmaster.pid behind; a pid that no longer runs must not block the start.
    const deadPid = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    await writeFile(path.join(dataDir, 'cluster', 'postmaster.pid'), `${deadPid}\n${path.join(dataDir, 'cluster')}\n0\n${port}\n\n127.0.0.1\n0 0\nstopping\n`);

    const third = await start(dataDir, port);
    expect(third.startedServer).toBe(true);
    expect(third.url).toBe(first.url); // same password: the cluster was not re-initialised
    expect(await sql(third.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    expect(await readFile(path.join(dataDir, 'postgres.log'), 'utf8')).toContain('ready to accept connections');
    await third.stop();
    // initdb and three server starts: seconds on a quiet machine, over 30 s while CI's other
    // workspaces load the same two cores. A limit on waiting, not an assertion about speed.
  }, 180_000);
});
