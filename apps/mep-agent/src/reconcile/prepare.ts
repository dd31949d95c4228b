/**
 * The first half of applying a revision, which changes nothing that runs: every package the
 * document names is made present (downloaded and verified, unless its bundle is already
 * extracted) and its process bundle extracted. Any failure fails the whole revision before a
 * single process is touched, naming the instances it concerns.
 *
 * @example const bundles = await prepare(document, { packages, bundlesDir, openPackage, pause });
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TDesiredState } from '@mecport/contracts';
import { BundleInvalidError, extractProcessBundle, readManifest, type TExtractedBundle } from '../packages/bundle-extract';
import { DigestMismatchError, type PackageStore, type TOpenPackage, type TPackageRef } from '../packages/package-store';
import type { TPause } from '../pause';

export interface TItemFailure {
  appInstanceId: string;
  message: string;
  digestMismatch: boolean;
  /** Trying again cannot help (wrong digest, unusable bundle). */
  permanent: boolean;
}

export class PrepareError extends Error {
  constructor(readonly failures: TItemFailure[]) {
    super(failures.map((f) => `${f.appInstanceId}: ${f.message}`).join('; '));
    this.name = 'PrepareError';
  }
}

export interface TPrepareDeps {
  packages: PackageStore;
  bundlesDir: string;
  /** How to download a package; undefined: local packages and bundles only (rollback, no portal). */
  openPackage: ((ref: TPackageRef) => TOpenPackage) | undefined;
  pause: TPause;
  /** Told which packages are being downloaded (instance state DOWNLOADING). */
  onDownload?(sha256: string, active: boolean): void;
}

export async function prepare(document: TDesiredState, deps: TPrepareDeps): Promise<Map<string, TExtractedBundle>> {
  const bundles = new Map<string, TExtractedBundle>();
  const failures: TItemFailure[] = [];
  const refs = new Map(document.appInstances.map((i) => [i.package.sha256, i.package]));
  let downloaded = 0;
  for (const [sha256, ref] of refs) {
    try {
      const existing = join(deps.bundlesDir, sha256);
      if (await stat(existing).then(() => true, () => false)) {
        bundles.set(sha256, { dir: existing, bundle: await readManifest(existing) });
        continue;
      }
      const local = await deps.packages.has(sha256);
      if (!local && !deps.openPackage) throw new Error('the package is not on the node and cannot be downloaded now');
      deps.onDownload?.(sha256, true);
      const csar = await deps.packages.fetch(ref, deps.openPackage ? deps.openPackage(ref) : () => Promise.reject(new Error('offline'))).finally(() => deps.onDownload?.(sha256, false));
      bundles.set(sha256, await extractProcessBundle(csar, deps.bundlesDir, sha256));
      if (!local && ++downloaded === 1) await deps.pause('prepare:after-first-package');
    } catch (error) {
      const permanent = error instanceof DigestMismatchError || error instanceof BundleInvalidError;
      for (const instance of document.appInstances.filter((i) => i.package.sha256 === sha256)) {
        failures.push({ appInstanceId: instance.appInstanceId, message: (error as Error).message, digestMismatch: error instanceof DigestMismatchError, permanent });
      }
    }
  }
  if (failures.length > 0) throw new PrepareError(failures);
  return bundles;
}
