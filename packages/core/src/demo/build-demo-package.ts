/**
 * Builds a demo app's CSAR with the package codec's builder, the code `npx mecport-pkg build`
 * runs. The release date (manifest metadata and every zip entry's time) is fixed, so a demo
 * app always builds to the same bytes: a lost package file can be rebuilt and still match the
 * digest its version recorded.
 *
 * Unsigned on purpose: a signature needs a private key, and a key committed to the repository
 * is a secret, while one generated per machine would make the bytes differ per machine. The
 * manifest's per-file digests still give the package its integrity (MEC 037 §6.2.2).
 *
 * @example const { sha256, size } = await buildDemoPackage(DEMO_APPS[0]!, '/tmp/eva.csar');
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { DemoApp } from '@mecport/contracts';
import { writeDemoAppFolder } from './demo-app-folder';

/** Every demo package's release date: fixed, for reproducible bytes. */
export const DEMO_RELEASE_DATE = new Date('2026-01-15T08:00:00Z');

export async function buildDemoPackage(app: DemoApp, out: string): Promise<{ sha256: string; size: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), `mecport-demo-${app.slug}-`));
  try {
    await writeDemoAppFolder(app, dir);
    const built = await buildPackage({ dir, out, releaseDate: DEMO_RELEASE_DATE });
    return { sha256: built.sha256, size: built.size };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
