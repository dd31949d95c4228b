/**
 * Test packages of the Hello Edge sample app (packages/app-package/examples/hello-edge), built
 * with the real codec, with the port and version each test needs, and desired-state entries
 * that point at them.
 *
 * @example const pkg = await buildHelloEdge(dir, { port: 18090, version: '2.0.0' });
 */
import { randomUUID } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { TDesiredAppInstance } from '@mecport/contracts';

export const HELLO_EDGE_DIR = join(import.meta.dirname, '../../../../packages/app-package/examples/hello-edge');

/** Builds a CSAR of Hello Edge listening on `port`, announcing `version`. */
export async function buildHelloEdge(workDir: string, options: { port: number; version?: string; process?: Record<string, unknown> }): Promise<string> {
  const version = options.version ?? '1.0.0';
  const dir = join(workDir, `hello-edge-${options.port}-${version}-${randomUUID().slice(0, 8)}`);
  await cp(HELLO_EDGE_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'Artifacts/Deployment/Process/process.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  Object.assign(manifest, {
    env: { HELLO_EDGE_VERSION: version, HOST: '127.0.0.1' },
    ports: [{ name: 'HTTP', port: options.port }],
    healthCheck: { http: { port: options.port, path: '/health' }, intervalSec: 1, timeoutSec: 1, failureThreshold: 3 },
    ...options.process,
  });
  await writeFile(manifestPath, JSON.stringify(manifest));
  const out = `${dir}.csar`;
  await buildPackage({ dir, out });
  return out;
}

/** A desired app instance of a package served by the portal. */
export function desiredInstance(pkg: TDesiredAppInstance['package'], options: { appInstanceId?: string; version?: string; desiredState?: 'RUNNING' | 'STOPPED'; appVersionId?: string } = {}): TDesiredAppInstance {
  return {
    appInstanceId: options.appInstanceId ?? randomUUID(),
    appDId: '3b0d7f5e-8a41-4c2e-9d6b-5f2a1c7e9b30',
    appName: 'hello-edge',
    appVersionId: options.appVersionId ?? randomUUID(),
    version: options.version ?? '1.0.0',
    package: pkg,
    desiredState: options.desiredState ?? 'RUNNING',
    env: {},
    trafficRules: [],
    dnsRules: [],
    gracefulTerminationSec: 3,
  };
}

/** A port nothing listens on right now. */
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

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GET http://127.0.0.1:<port><path> as JSON, or undefined when nothing answers. */
export async function getJson(port: number, path = '/'): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
