/**
 * The host as a process, as the stacks run it: it refuses to start without a secret, removes the
 * namespaces and site directories an earlier run left, and exits cleanly on SIGTERM. Needs root
 * for the namespace part (CI runs as root); fails, saying so, without it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespacePrefix } from '../isolation/address-plan';
import { assertCanIsolate, namespaces } from '../isolation/testing/netns-probes';
import { networkTagOf } from './env';
import { spawnHost, waitUntilServing } from './testing/host-process';

const exec = promisify(execFile);
let dir: string;

beforeAll(async () => {
  await assertCanIsolate();
  dir = await mkdtemp(path.join(tmpdir(), 'mecsb-proc-'));
});

afterAll(async () => {
  for (const name of await namespaces(namespacePrefix(networkTagOf(dir)))) await exec('ip', ['netns', 'del', name]);
  await rm(dir, { recursive: true, force: true });
});

describe('the host process', () => {
  it('refuses to start without a secret, saying so', async () => {
    const host = await spawnHost(dir, { MECPORT_SANDBOX_HOST_SECRET: '' });
    expect(await host.exited).not.toBe(0);
    expect(host.output()).toContain('MECPORT_SANDBOX_HOST_SECRET');
  });

  it('removes an earlier run\'s namespaces and site directories, serves, and exits 0 on SIGTERM', async () => {
    const leftover = `${namespacePrefix(networkTagOf(dir))}16000`;
    await exec('ip', ['netns', 'add', leftover]);
    await mkdir(path.join(dir, 'sites', 'old-site'), { recursive: true });
    await writeFile(path.join(dir, 'sites', 'old-site', 'agent.log'), 'old');
    const host = await spawnHost(dir);
    await waitUntilServing(host);
    expect(await namespaces(leftover)).toEqual([]);
    expect(existsSync(path.join(dir, 'sites', 'old-site'))).toBe(false);
    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
  });
});
