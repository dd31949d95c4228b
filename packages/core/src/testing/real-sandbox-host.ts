/**
 * The real sandbox host for core's tests: `sandbox/src/host/main.ts` as a process (core never
 * imports sandbox/, it only talks to it), on loopback without network namespaces, in a temporary
 * directory. Until the host serves `GET /scenarios` (host-control.ts), a small front answers those
 * two routes from the shipped scenario files (read by a child process with the sandbox's own loader)
 * and forwards everything else to the host unchanged.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from '@mecport/blob-store';

export interface TRealSandboxHost { url: string; secret: string; dir: string; output: () => string; stop(): Promise<void> }

const SANDBOX_DIR = path.join(findRepoRoot(), 'sandbox');

async function freePort(): Promise<number> {
  const server = createNetServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The shipped scenarios as the host would serve them: `{ summaries, byId }`, read with the sandbox's loader in a child process. */
async function shippedScenarios(): Promise<{ summaries: unknown[]; byId: Record<string, unknown> }> {
  const script = "import { listScenarios, loadScenario } from './src/scenario/index.ts'; const s = await listScenarios(); const byId = {}; for (const x of s) byId[x.id] = await loadScenario(x.id); process.stdout.write(JSON.stringify({ summaries: s, byId }));";
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: SANDBOX_DIR, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as { summaries: unknown[]; byId: Record<string, unknown> };
}

function scenarioFront(hostPort: number, scenarios: { summaries: unknown[]; byId: Record<string, unknown> }): Server {
  return createServer((req, res) => {
    const match = /^\/scenarios(?:\/([^/?]+))?$/.exec(req.url ?? '');
    const forward = () => {
      const upstream = httpRequest({ host: '127.0.0.1', port: hostPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (!match) return forward();
    const body = match[1] ? scenarios.byId[match[1]] : scenarios.summaries;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { detail: `No scenario ${match[1]}` }));
  });
}

export async function startRealSandboxHost(dir: string): Promise<TRealSandboxHost> {
  const port = await freePort();
  const secret = 'core-test-host-secret-0123456789';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/host/main.ts'], {
    cwd: SANDBOX_DIR,
    env: { ...process.env, MECPORT_SANDBOX_HOST_PORT: String(port), MECPORT_SANDBOX_HOST_SECRET: secret, MECPORT_SANDBOX_HOST_DIR: dir, MECPORT_SANDBOX_ISOLATION: 'loopback', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the sandbox host exited (${child.exitCode}):\n${text}`);
    if (await fetch(`http://127.0.0.1:${port}/health`, { headers: { authorization: `Bearer ${secret}` } }).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the sandbox host did not serve within 60 s:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const hasScenarios = await fetch(`http://127.0.0.1:${port}/scenarios`, { headers: { authorization: `Bearer ${secret}` } }).then((r) => r.ok, () => false);
  const front = hasScenarios ? null : scenarioFront(port, await shippedScenarios());
  if (front) await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = front ? `http://127.0.0.1:${(front.address() as AddressInfo).port}` : `http://127.0.0.1:${port}`;
  return {
    url, secret, dir, output: () => text,
    stop: async () => {
      if (front) await new Promise((resolve) => front.close(resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
