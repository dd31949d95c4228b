/**
 * `npm start` as a user runs it: Ctrl-C (SIGINT to the whole foreground process group) stops
 * every process it started, and a second start keeps the data. Uses its own ports and data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEMO_PASSWORD, type TMe } from '@mecport/contracts';
import { expect, test } from '@playwright/test';
import { fetchPasswordGrantToken } from '../../scripts/lib/fetch-token';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORTS = { portal: 3300, idp: 3301, pg: 54369 };
const DATA_DIR = '.data/start-stop-test';
const portal = `http://localhost:${PORTS.portal}`;

function startStack(): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn('npm', ['start'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(PORTS.portal), DEV_IDP_PORT: String(PORTS.idp), EMBEDDED_PG_PORT: String(PORTS.pg), MECPORT_DATA_DIR: DATA_DIR, MECPORT_SKIP_BUILD: '1', LOG_LEVEL: 'warn', DATABASE_URL: '', OIDC_ISSUER: '',
      // The suite's own stack already runs the demo agent, whose Hello Edge holds its port on this machine.
      MECPORT_DEMO_AGENT: '0' },
  });
  child.stdout?.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
  return { child, output: () => output };
}

async function waitUntilUp(stack: ReturnType<typeof startStack>): Promise<void> {
  await expect.poll(async () => {
    expect(stack.child.exitCode, stack.output()).toBeNull();
    return stack.output().includes('MECport is up') && (await fetch(`${portal}/api/health`).catch(() => null))?.status;
  }, { timeout: 120_000, intervals: [500] }).toBe(200);
}

/** What a terminal does on Ctrl-C: SIGINT to every process of the foreground group. */
async function pressCtrlC(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(true));
  });
}

async function token(): Promise<string> {
  return fetchPasswordGrantToken({ issuer: `http://localhost:${PORTS.idp}`, clientId: 'mecport-cli', username: 'operator', password: DEMO_PASSWORD });
}

test('Ctrl-C stops everything npm start started, and a second start keeps the data', async () => {
  test.setTimeout(300_000);
  rmSync(path.join(ROOT, DATA_DIR), { recursive: true, force: true });

  const first = startStack();
  try {
    await waitUntilUp(first);
    expect(first.output()).toContain('Demo logins');
    expect(first.output()).toMatch(/operator\s+operator\s+acme-mobile/);
    const changed = await fetch(`${portal}/api/v1/me/preferences`, { method: 'PUT', headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' }, body: '{"locale":"zh-CN"}' });
    expect(changed.status).toBe(200);
  } finally {
    await pressCtrlC(first.child);
  }
  for (const port of Object.values(PORTS)) await expect.poll(() => portIsFree(port), { timeout: 20_000 }).toBe(true);

  const second = startStack();
  try {
    await waitUntilUp(second);
    const me = (await (await fetch(`${portal}/api/v1/me`, { headers: { authorization: `Bearer ${await token()}` } })).json()) as TMe;
    expect(me.locale, 'the preference written before the restart').toBe('zh-CN');
  } finally {
    await pressCtrlC(second.child);
  }
  for (const port of Object.values(PORTS)) await expect.poll(() => portIsFree(port), { timeout: 20_000 }).toBe(true);
});
