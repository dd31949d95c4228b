/**
 * The first half of applying a revision, which changes nothing that runs: every package the
 * document names is made present (downloaded and verified, unless its bundle is already
 * extracted) and extracted; for a container app its images are made present and checked too
 * (prepare-container.ts). Any failure fails the whole revision before a single process or
 * container is touched, naming the instances it concerns.
 *
 * @example const bundles = await prepare(document, { packages, bundlesDir, openPackage, pause, images });
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TDesiredAppInstance, TDesiredState } from '@mecport/contracts';
import { BundleInvalidError, extractBundle, readExtracted, type TExtractedBundle, type TExtractedContainer, type TExtractedProcess } from '../packages/bundle-extract';
import { ImageRefusedError } from '../packages/images/image-errors';
import type { PodmanImages } from '../packages/images/podman-images';
import { DigestMismatchError, type PackageStore, type TOpenPackage, type TPackageRef } from '../packages/package-store';
import type { TPause } from '../pause';
import type { TContainerRun } from '../runtime/app-runtime';
import { prepareContainer } from './prepare-container';

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

/** What reconcile runs: a process bundle, or a container app with its images resolved. */
export type TPreparedBundle = TExtractedProcess | (TExtractedContainer & { run: TContainerRun });

export interface TPrepareDeps {
  packages: PackageStore;
  bundlesDir: string;
  /** How to download a package; undefined: local packages and bundles only (rollback, no portal). */
  openPackage: ((ref: TPackageRef) => TOpenPackage) | undefined;
  pause: TPause;
  /** Told which packages are being downloaded (or their images pulled): instance state DOWNLOADING. */
  onDownload?(sha256: string, active: boolean): void;
  /** The node's images (podman); undefined: no container runtime here. */
  images?: PodmanImages;
}

export async function prepare(document: TDesiredState, deps: TPrepareDeps): Promise<Map<string, TPreparedBundle>> {
  const bundles = new Map<string, TPreparedBundle>();
  const failures: TItemFailure[] = [];
  const refs = new Map(document.appInstances.map((i) => [i.package.sha256, i.package]));
  let downloaded = 0;
  for (const [sha256, ref] of refs) {
    try {
      let extracted: TExtractedBundle;
      const existing = join(deps.bundlesDir, sha256);
      const local = await deps.packages.has(sha256);
      if (await stat(existing).then(() => true, () => false)) extracted = await readExtracted(existing);
      else {
        if (!local && !deps.openPackage) throw new Error('the package is not on the node and cannot be downloaded now');
        deps.onDownload?.(sha256, true);
        const csar = await deps.packages.fetch(ref, deps.openPackage ? deps.openPackage(ref) : () => Promise.reject(new Error('offline'))).finally(() => deps.onDownload?.(sha256, false));
        extracted = await extractBundle(csar, deps.bundlesDir, sha256);
        if (!local && ++downloaded === 1) await deps.pause('prepare:after-first-package');
      }
      bundles.set(sha256, extracted.kind === 'process' ? extracted : await withImages(extracted, document, sha256, deps));
    } catch (error) {
      const digestMismatch = error instanceof DigestMismatchError;
      const permanent = digestMismatch || error instanceof BundleInvalidError || error instanceof ImageRefusedError;
      for (const instance of document.appInstances.filter((i) => i.package.sha256 === sha256)) {
        failures.push({ appInstanceId: instance.appInstanceId, message: (error as Error).message, digestMismatch, permanent });
      }
    }
  }
  if (failures.length > 0) throw new PrepareError(failures);
  return bundles;
}

/**
 * The images of a container package. Instances of one package are versions of one app and name
 * the same images, so the first instance's list is resolved for all of them.
 */
async function withImages(extracted: TExtractedContainer, document: TDesiredState, sha256: string, deps: TPrepareDeps): Promise<TPreparedBundle> {
  const desired = document.appInstances.find((i) => i.package.sha256 === sha256) as TDesiredAppInstance;
  const run = await prepareContainer(extracted, desired, document.runtime, { images: deps.images, onPull: (active) => deps.onDownload?.(sha256, active) });
  return { ...extracted, run };
}
