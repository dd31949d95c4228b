/**
 * What the site's integration tests share: the agent bundle built once (so `mecport-agent.mjs`
 * runs it, as on a node), a loopback site on the campus scenario in a throwaway directory, the
 * fixture app's package in the inbox, and polling helpers.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { THostDeploy } from '@mecport/contracts/sandbox';
import { createLoopbackNetwork } from '../../isolation';
import { loadScenario } from '../../scenario';
import { createSiteWith, type TCreateSiteExtras } from '../create-site';
import type { TSite } from '../site';
import { buildFixturePackage } from './fixture-package';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../../..');

/**
 * `npm run build -w @mecport/mep-agent`: the bin then runs the bundle, not the TypeScript source.
 * Under a lock: test files run in parallel and must not write dist/ at the same time.
 */
export async function buildAgentBundle(): Promise<void> {
  await exec('flock', ['/tmp/mecport-agent-bundle.lock', 'npm', 'run', '-s', 'build', '-w', '@mecport/mep-agent'], { cwd: ROOT });
}

export async function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'site-test-'));
}

export async function openSite(dir: string, options: { clock?: 'real' | 'virtual'; rateLimitPerSec?: number } = {}, extras: TCreateSiteExtras = {}): Promise<TSite & { livePids(): Promise<number[]> }> {
  const scenario = await loadScenario('campus');
  const site = await createSiteWith({
    sandboxId: randomUUID(), dataDir: join(dir, 'site-data'), network: createLoopbackNetwork('tests run on loopback'),
    scenario, seed: 7, clock: options.clock ?? 'virtual', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), rateLimitPerSec: options.rateLimitPerSec ?? 200,
  }, extras);
  return site as TSite & { livePids(): Promise<number[]> };
}

/** Deploys the fixture app listening on `port` (default: a free one). */
export async function deployFixture(site: TSite, dir: string, mode: 'normal' | 'crash' | 'flood', port?: number) {
  const pkg = await buildFixturePackage(dir, { port: port ?? (await freePort()), mode });
  const deploy: THostDeploy = { appId: randomUUID(), appVersionId: randomUUID(), appName: `fixture-${mode}`, version: '1.0.0', packageFile: 'fixture.csar', packageSha256: pkg.sha256 };
  return site.deploy(deploy, pkg.file);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const cleanup = (dir: string) => rm(dir, { recursive: true, force: true });
