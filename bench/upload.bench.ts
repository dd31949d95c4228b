/**
 * Package upload through the real tus endpoint (`/api/v1/uploads`) with tus-js-client, as a
 * developer: MB/s of the upload, peak RSS of the portal (the API server with Next inside) and of the worker while
 * it runs, and the time from the last byte to the worker's `validated` state.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, type TApp, type TUpload } from '@mecport/contracts';
import * as tus from 'tus-js-client';
import type { TChild } from '../scripts/lib/children';
import { fetchPasswordGrantToken } from '../scripts/lib/fetch-token';
import { issuer, portalUrl } from './stack';

const MiB = 1024 ** 2;
const MB = 1e6;
const CHUNK_BYTES = 64 * MiB;
const SAMPLE_MS = 100;
const UPLOAD_TIMEOUT_MS = 10 * 60_000;
const VALIDATION_TIMEOUT_MS = 10 * 60_000;

/** Every process below `pid` (the `npm start` child), from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch { /* exited meanwhile */ }
  }
  const out: number[] = [];
  const walk = (p: number) => { for (const [child, pp] of parent) if (pp === p) { out.push(child); walk(child); } };
  walk(pid);
  return out;
}

function cmdline(pid: number): string {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '); } catch { return ''; }
}

/** VmRSS in bytes, 0 when the process is gone. */
function rss(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch { return 0; }
}

function cwd(pid: number): string {
  try { return readlinkSync(`/proc/${pid}/cwd`); } catch { return ''; }
}

/**
 * The portal (the API server in its portal mode, `src/main.ts portal`) and the worker: the innermost process running src/main.ts in apps/worker
 * (npx and the tsx CLI wrap it; the dev IdP also runs a src/main.ts, in apps/dev-idp).
 */
function serverPids(stack: TChild): { portal: number; worker: number } {
  const all = descendants(stack.process.pid!);
  const portal = all.find((p) => cmdline(p).includes('src/main.ts portal'));
  const workers = all.filter((p) => /src\/main\.ts/.test(cmdline(p)) && cwd(p).endsWith(path.join('apps', 'worker')));
  const worker = workers.find((p) => !workers.some((other) => descendants(p).includes(other)));
  if (!portal || !worker) throw new Error(`cannot find the portal/worker processes among ${all.map((p) => `${p}: ${cmdline(p).slice(0, 60)}`).join('; ')}`);
  return { portal, worker };
}

async function api<T>(token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${portalUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

export async function upload(stack: TChild, file: string): Promise<void> {
  const token = await fetchPasswordGrantToken({ issuer, clientId: 'mecport-cli', username: 'developer', password: DEMO_PASSWORD });
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const app = await api<TApp>(token, 'POST', '/api/v1/apps', { slug, name: `Bench ${slug}`, provider: 'Bench', category: 'other' });
  const size = statSync(file).size;
  const { portal, worker } = serverPids(stack);
  const before = { portal: rss(portal), worker: rss(worker) };
  const peak = { upload: { portal: 0, worker: 0 }, validation: { portal: 0, worker: 0 } };
  let phase: 'upload' | 'validation' = 'upload';
  const sampler = setInterval(() => {
    peak[phase].portal = Math.max(peak[phase].portal, rss(portal));
    peak[phase].worker = Math.max(peak[phase].worker, rss(worker));
  }, SAMPLE_MS);
  try {
    const started = performance.now();
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => { void up.abort(true); reject(new Error(`upload not done in ${UPLOAD_TIMEOUT_MS / 1000} s`)); }, UPLOAD_TIMEOUT_MS);
      const up: tus.Upload = new tus.Upload(createReadStream(file), {
        endpoint: `${portalUrl}/api/v1/uploads`,
        uploadSize: size,
        chunkSize: CHUNK_BYTES,
        retryDelays: [],
        headers: { Authorization: `Bearer ${token}` },
        metadata: { appId: app.id, version: '1.0.0', filename: path.basename(file) },
        onError: (error) => { clearTimeout(timer); reject(error); },
        onSuccess: () => { clearTimeout(timer); resolve(up.url ?? ''); },
      });
      up.start();
    });
    const uploadSeconds = (performance.now() - started) / 1000;
    phase = 'validation';
    const uploadId = url.split('/').at(-1)!;
    const lastByte = performance.now();
    let state: TUpload | undefined;
    while (performance.now() - lastByte < VALIDATION_TIMEOUT_MS) {
      state = await api<TUpload>(token, 'GET', `/api/v1/apps/${app.id}/uploads/${uploadId}`);
      if (state.state === 'validated' || state.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const validationSeconds = (performance.now() - lastByte) / 1000;
    process.stdout.write(
      `tus upload (${CHUNK_BYTES / MiB} MiB chunks)          ${(size / MB / uploadSeconds).toFixed(0).padStart(6)} MB/s   ${uploadSeconds.toFixed(2)} s for ${mb(size)} (goal >= 200 MB/s)\n`,
    );
    process.stdout.write(`RSS before upload           portal ${mb(before.portal)}   worker ${mb(before.worker)}\n`);
    process.stdout.write(`peak RSS during upload      portal ${mb(peak.upload.portal)}   worker ${mb(peak.upload.worker)} (goal < 250 MB each)\n`);
    process.stdout.write(`peak RSS during validation  portal ${mb(peak.validation.portal)}   worker ${mb(peak.validation.worker)}\n`);
    if (state?.state !== 'validated') throw new Error(`upload ${uploadId} ended ${state?.state ?? 'unknown'} after ${validationSeconds.toFixed(1)} s: ${state?.error ?? JSON.stringify(state?.report?.checks.filter((c) => c.status === 'fail'))}`);
    process.stdout.write(
      `last byte -> validated (end to end)      ${(size / MB / validationSeconds).toFixed(0).padStart(6)} MB/s   ${validationSeconds.toFixed(2)} s for ${mb(size)}\n`,
    );
  } finally {
    clearInterval(sampler);
  }
}
