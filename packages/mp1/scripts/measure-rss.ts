/**
 * Resident memory of a process that only serves Mp1 (`rss-server.ts`): idle, after 1,000 requests
 * and after 5,000 (a plateau, not a leak), compared with an empty node:http server. The server is
 * bundled with esbuild and run by plain node, as a deployable would ship it, also with a small
 * V8 young generation (`--max-semi-space-size=1`), and run from source through tsx.
 *
 *   flock /tmp/mecport-bench.lock npx tsx packages/mp1/scripts/measure-rss.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';

const SETTLE_MS = 2000;
const ROUNDS = [1000, 4000];
const CONCURRENCY = 8;

const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return (kb / 1024).toFixed(1);
};

async function start(command: string, args: string[]): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as Record<string, string> };
}

/** 1,000 requests a running app would make: a token now and then, reads of its rules, discovery, time, register/deregister. */
async function load(info: Record<string, string>, requests: number): Promise<void> {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const tokenOf = async () => ((await (await fetch(`${info.url}/oauth2/token`, { method: 'POST', headers: form, body: `grant_type=client_credentials&client_id=${info.clientId}&client_secret=${info.clientSecret}` })).json()) as { access_token: string }).access_token;
  let token = await tokenOf();
  let sent = 1;
  const one = async (i: number) => {
    const auth = { authorization: `Bearer ${token}` };
    const kind = i % 10;
    if (kind === 0) token = await tokenOf();
    else if (kind === 1) {
      const created = await fetch(`${info.url}/mec_service_mgmt/v1/applications/app-1/services`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ serName: `svc-${i}`, version: '1', state: 'ACTIVE', serializer: 'JSON', transportId: 'mp1-rest' }) });
      const { serInstanceId } = (await created.json()) as { serInstanceId: string };
      await (await fetch(`${info.url}/mec_service_mgmt/v1/applications/app-1/services/${serInstanceId}`, { method: 'DELETE', headers: auth })).arrayBuffer();
      sent++;
    } else {
      const paths = ['/mec_service_mgmt/v1/services', '/mec_app_support/v1/applications/app-1/traffic_rules', '/mec_app_support/v1/applications/app-1/dns_rules/dns-1', '/mec_app_support/v1/timing/current_time', '/mec_service_mgmt/v1/transports'];
      const response = await fetch(`${info.url}${paths[i % paths.length]}`, { headers: auth });
      if (response.status !== 200) throw new Error(`${response.status} from ${response.url}`);
      await response.arrayBuffer();
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (sent < requests) {
      sent++;
      await one(next++);
    }
  }));
}

async function measure(label: string, args: string[], withLoad: boolean): Promise<void> {
  const { child, info } = await start(process.execPath, args);
  await sleep(SETTLE_MS);
  let line = `${label.padEnd(52)} idle ${rssMb(child.pid!, 'VmRSS')} MB`;
  let total = 0;
  for (const requests of withLoad ? ROUNDS : []) {
    await load(info, requests);
    total += requests;
    await sleep(SETTLE_MS);
    line += `   after ${total} requests ${rssMb(child.pid!, 'VmRSS')} MB`;
  }
  console.log(withLoad ? `${line}   (peak ${rssMb(child.pid!, 'VmHWM')} MB)` : line);
  child.kill();
}

const dir = mkdtempSync(path.join(tmpdir(), 'mp1-rss-'));
try {
  const bundle = path.join(dir, 'rss-server.mjs');
  await build({ entryPoints: [path.resolve(import.meta.dirname, 'rss-server.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'warning',
    // find-my-way is CommonJS and requires node: built-ins; an ESM bundle needs a require for them.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
  const empty = path.join(dir, 'empty.mjs');
  // Answers every request with a small JSON body that the load below accepts, so it gets the same traffic.
  writeFileSync(empty, [
    "import { createServer } from 'node:http';",
    'const body = JSON.stringify({ access_token: "t", serInstanceId: "s" });',
    "const s = createServer((q, r) => { q.resume(); r.writeHead(q.method === 'DELETE' ? 204 : 200, { 'content-type': 'application/json' }).end(q.method === 'DELETE' ? undefined : body); });",
    "s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${s.address().port}`, clientId: 'c', clientSecret: 's' })));",
  ].join('\n'));
  console.log(`Mp1 server RSS (VmRSS) on Node ${process.version}, ${SETTLE_MS} ms settle before each reading, requests ${CONCURRENCY} at a time`);
  await measure('plain node:http server answering JSON (baseline)', [empty], true);
  await measure('Mp1 server, esbuild bundle on node', [bundle], true);
  await measure('same, node --max-semi-space-size=1', ['--max-semi-space-size=1', bundle], true);
  await measure('Mp1 server from source through tsx', ['--import', 'tsx', path.resolve(import.meta.dirname, 'rss-server.ts')], true);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
