/**
 * A second portal process (the API server in its `portal` mode: API and UI on one port) on the e2e
 * stack's database and data directory, on its own port, that a test may crash (SIGKILL) and start
 * again without touching the suite's stack. `startSecondGateway` does the same for an edge gateway.
 *
 * @example const p = await startSecondPortal(3102); …; await crashPortal(p.child);
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { API_DIR, apiServerCommand, apiServerEnv, type TApiServerMode } from '../../scripts/lib/api-server-command';
import { assertPortFree } from '../../scripts/lib/port-free';
import { E2E } from './stack';
import { DATA_DIR } from './uploads';

/** The embedded database of the e2e stack (its password is in the cluster's data directory). */
export function e2eDatabaseUrl(): string {
  const password = readFileSync(path.join(DATA_DIR, 'pg', 'password'), 'utf8').trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${E2E.pgPort}/mecport`;
}

export interface TSecondPortal { child: ChildProcess; url: string }

/** `env`: settings of its own (e.g. another MECPORT_MAP_TILE_URL) over the stack's. */
export function startSecondPortal(port: number, env: Record<string, string> = {}): Promise<TSecondPortal> {
  return startApiServer('portal', { PORT: String(port), ...env }, port);
}

/** An edge gateway of its own (the agents' routes only) on `port`. */
export function startSecondGateway(port: number, env: Record<string, string> = {}): Promise<TSecondPortal> {
  return startApiServer('edge-gateway', { EDGE_GATEWAY_PORT: String(port), ...env }, port);
}

async function startApiServer(mode: TApiServerMode, env: Record<string, string>, port: number): Promise<TSecondPortal> {
  await assertPortFree(port, 'e2e/support/stack.ts lists the stack\'s ports');
  let output = '';
  const [command, args] = apiServerCommand(mode);
  const child = spawn(command, args, {
    cwd: API_DIR, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...apiServerEnv(), DATABASE_URL: e2eDatabaseUrl(), OIDC_ISSUER: E2E.issuer, MECPORT_DATA_DIR: DATA_DIR, LOG_LEVEL: 'warn', ...env },
  });
  child.stdout?.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
  const url = `http://localhost:${port}`;
  await expect.poll(async () => {
    expect(child.exitCode, output).toBeNull();
    return (await fetch(`${url}/api/health`).catch(() => null))?.status;
  }, { timeout: 90_000, intervals: [500] }).toBe(200);
  return { child, url };
}

const killed = new WeakMap<ChildProcess, Promise<unknown>>();

/** A crash, not a shutdown: SIGKILL to the whole process group. */
export function crashPortal(child: ChildProcess | undefined): Promise<unknown> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  let exit = killed.get(child);
  if (!exit) {
    exit = new Promise((resolve) => child.once('exit', resolve));
    killed.set(child, exit);
    process.kill(-child.pid!, 'SIGKILL');
  }
  return exit;
}
