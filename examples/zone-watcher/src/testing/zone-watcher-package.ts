/**
 * A CSAR of Zone Watcher listening on a port of the test's choosing, built from the package
 * folder with the codec `npx mecport-pkg build` runs.
 *
 * @example const { file, sha256 } = await buildZoneWatcherOn(dir, 18092);
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';

export const PACKAGE_DIR = path.resolve(import.meta.dirname, '../../package');

export async function buildZoneWatcherOn(workDir: string, port: number): Promise<{ file: string; sha256: string }> {
  const dir = path.join(workDir, `zone-watcher-${port}`);
  await cp(PACKAGE_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'Artifacts/Deployment/Process/process.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  Object.assign(manifest, { ports: [{ name: 'HTTP', port }], healthCheck: { http: { port, path: '/health' }, intervalSec: 1, timeoutSec: 1, failureThreshold: 5 } });
  await writeFile(manifestPath, JSON.stringify(manifest));
  const file = `${dir}.csar`;
  const built = await buildPackage({ dir, out: file });
  return { file, sha256: built.sha256 };
}
