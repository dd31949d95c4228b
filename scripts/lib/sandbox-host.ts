/**
 * The sandbox host in a stack (`npm start`, e2e, bench): a fresh secret per run, written beside the
 * host's directory so a person can call the control API by hand, the host's command and
 * environment, and the two variables the portal and worker reach it with.
 *
 * @example const host = await sandboxHostRun(path.join(root, '.data'), 3003);
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface TSandboxHostRun {
  url: string;
  secret: string;
  /** Where the host keeps its sites and inbox. */
  dir: string;
  /** `node --import tsx src/host/main.ts`, run in `cwd`. */
  command: [string, string[]];
  cwd: string;
  /** The host's own environment. */
  env: NodeJS.ProcessEnv;
  /** What the portal (API) and the worker need to call the host, and the directory whose inbox/ the portal writes packages into. */
  clientEnv: { MECPORT_SANDBOX_HOST_URL: string; MECPORT_SANDBOX_HOST_SECRET: string; MECPORT_SANDBOX_HOST_DIR: string };
}

export const SANDBOX_DIR = path.resolve(import.meta.dirname, '../../sandbox');

export async function sandboxHostRun(dataDir: string, port: number, name = 'sandbox-host'): Promise<TSandboxHostRun> {
  const dir = path.join(dataDir, name);
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dataDir, `${name}.secret`), `${secret}\n`, { mode: 0o600 });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    secret,
    dir,
    command: [process.execPath, ['--import', 'tsx', 'src/host/main.ts']],
    cwd: SANDBOX_DIR,
    env: { MECPORT_SANDBOX_HOST_PORT: String(port), MECPORT_SANDBOX_HOST_SECRET: secret, MECPORT_SANDBOX_HOST_DIR: dir },
    clientEnv: { MECPORT_SANDBOX_HOST_URL: url, MECPORT_SANDBOX_HOST_SECRET: secret, MECPORT_SANDBOX_HOST_DIR: dir },
  };
}

/** Resolves once the host answers its health check with this run's secret. */
export async function waitForSandboxHost(run: TSandboxHostRun, options: { timeoutMs: number; isDead: () => boolean }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.isDead()) throw new Error('the sandbox host exited before it was ready');
    try {
      const response = await fetch(`${run.url}/health`, { headers: { authorization: `Bearer ${run.secret}` }, signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the sandbox host (${run.url}) was not ready within ${options.timeoutMs / 1000} s`);
}
