/**
 * Test packages of Zone Watcher, the repository's sample MEC app (examples/zone-watcher), built
 * with the real codec on the port each test needs.
 *
 * @example const csar = await buildZoneWatcher(dir, { port: 18092 });
 */
import { randomUUID } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPackage } from '@mecport/app-package';

export const ZONE_WATCHER_DIR = join(import.meta.dirname, '../../../../examples/zone-watcher/package');

export async function buildZoneWatcher(workDir: string, options: { port: number }): Promise<string> {
  const dir = join(workDir, `zone-watcher-${options.port}-${randomUUID().slice(0, 8)}`);
  await cp(ZONE_WATCHER_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'Artifacts/Deployment/Process/process.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  Object.assign(manifest, {
    env: { ZONE_WATCHER_VERSION: '1.0.0', HOST: '127.0.0.1' },
    ports: [{ name: 'HTTP', port: options.port }],
    healthCheck: { http: { port: options.port, path: '/health' }, intervalSec: 1, timeoutSec: 1, failureThreshold: 3 },
  });
  await writeFile(manifestPath, JSON.stringify(manifest));
  const out = `${dir}.csar`;
  await buildPackage({ dir, out });
  return out;
}
