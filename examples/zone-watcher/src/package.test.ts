/**
 * The package folder builds (with the codec `npx mecport-pkg build` runs) to a valid MEC 037 CSAR
 * whose AppD says what the app does: it produces "zone-events", requires Location, and its
 * process bundle runs server.mjs on the port the AppD's checksum covers.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPackage, readProcessBundle, validatePackage } from '@mecport/app-package';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_NAME } from './testing/app-modules';

const PACKAGE_DIR = path.resolve(import.meta.dirname, '../package');
const work = await mkdtemp(path.join(tmpdir(), 'zone-watcher-pkg-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the Zone Watcher package', () => {
  it('builds to a valid CSAR whose AppD produces zone-events and requires Location', async () => {
    const out = path.join(work, 'zone-watcher.csar');
    await buildPackage({ dir: PACKAGE_DIR, out, releaseDate: new Date('2026-01-15T08:00:00Z') });
    const report = await validatePackage(out);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.appd).toMatchObject({
      appName: 'zone-watcher', appSoftVersion: '1.0.0',
      appServiceProduced: [{ serName: SERVICE_NAME }],
      appServiceRequired: [{ serName: 'location', serCategory: { name: 'Location' } }],
    });
    const bundle = await readProcessBundle(out);
    expect(bundle).toMatchObject({ command: ['node', 'server.mjs'], ports: [{ name: 'HTTP', port: 8092 }] });
    const processJson = await readFile(path.join(PACKAGE_DIR, 'Artifacts/Deployment/Process/process.json'));
    expect(report.appd?.swImageDescriptor?.checksum?.hash).toBe(createHash('sha256').update(processJson).digest('hex'));
  });
});
