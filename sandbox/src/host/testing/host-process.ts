/** Runs `src/host/main.ts` as the stacks do, for the process-level tests (signals, leftovers). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

export const SANDBOX_ROOT = path.resolve(import.meta.dirname, '../../..');

export interface THostProcess { child: ChildProcess; url: string; secret: string; output: () => string; exited: Promise<number | null> }

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function spawnHost(dir: string, env: NodeJS.ProcessEnv = {}): Promise<THostProcess> {
  const port = await freePort();
  const secret = 'process-test-secret-0123';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/host/main.ts'], {
    cwd: SANDBOX_ROOT,
    env: { ...process.env, MECPORT_SANDBOX_HOST_PORT: String(port), MECPORT_SANDBOX_HOST_SECRET: secret, MECPORT_SANDBOX_HOST_DIR: dir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, secret, output: () => text, exited };
}

/** Waits for GET /health with the secret to answer 200; fails with the host's output if it exits first. */
export async function waitUntilServing(host: THostProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (host.child.exitCode !== null) throw new Error(`the host exited (${host.child.exitCode}):\n${host.output()}`);
    const ok = await fetch(`${host.url}/health`, { headers: { authorization: `Bearer ${host.secret}` } }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the host did not serve within ${timeoutMs} ms:\n${host.output()}`);
}
