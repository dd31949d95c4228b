/**
 * A real edge gateway process (`main.ts edge-gateway`, started the way `npm start` starts it) on a
 * throwaway database, for the reliability tests: start it, crash it (SIGKILL) and start it again on
 * the same port, as a supervisor would.
 *
 * @example const gw = await startGateway({ port, databaseUrl, issuer }); …; await gw.crash(); await gw.restart();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** apps/api, where `main.ts` runs from (as scripts/lib/api-server-command.ts starts it, minus the lean V8 flags). */
const API_DIR = path.resolve(import.meta.dirname, '../..');

export interface TGatewaySettings { port: number; databaseUrl: string; issuer: string; dataDir: string }

export interface TGateway {
  readonly url: string;
  /** SIGKILL to its process group: no graceful stop, connections reset, nothing flushed. */
  crash(): Promise<void>;
  restart(): Promise<void>;
}

/** A port nothing listens on now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const HEALTH_WAIT_MS = 120_000;

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const until = Date.now() + HEALTH_WAIT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}):\n${output()}`);
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the gateway did not answer its health check in ${HEALTH_WAIT_MS} ms:\n${output()}`);
}

function spawnGateway(settings: TGatewaySettings): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'edge-gateway'], {
    cwd: API_DIR, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, NODE_ENV: 'production', EDGE_GATEWAY_PORT: String(settings.port), MECPORT_LISTEN_HOST: '127.0.0.1',
      DATABASE_URL: settings.databaseUrl, OIDC_ISSUER: settings.issuer, MECPORT_DATA_DIR: settings.dataDir, LOG_LEVEL: 'warn',
    },
  });
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

export async function startGateway(settings: TGatewaySettings): Promise<TGateway> {
  const url = `http://127.0.0.1:${settings.port}`;
  let current = spawnGateway(settings);
  await waitHealthy(url, current.child, current.output);
  const crash = async (): Promise<void> => {
    const { child } = current;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  };
  return {
    url,
    crash,
    restart: async () => {
      await crash();
      current = spawnGateway(settings);
      await waitHealthy(url, current.child, current.output);
    },
  };
}
