/**
 * Why an image cannot run, for prepare to report: a digest that differs from the manifest's or
 * the AppD's pin is a DigestMismatchError (permanent; the portal raises the digest-mismatch
 * alarm), anything else about the images that trying again cannot fix is an ImageRefusedError.
 */
import { DigestMismatchError } from '../package-store';

export class ImageDigestMismatchError extends DigestMismatchError {
  constructor(readonly image: string, expected: string, actual: string, what: string) {
    super(expected, actual);
    this.message = `image ${image}: ${what}: expected ${expected}, got ${actual}; nothing of it runs`;
    this.name = 'ImageDigestMismatchError';
  }
}

/** The node refuses the image (registry not allowed, archive not covered by the manifest, no container runtime). */
export class ImageRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageRefusedError';
  }
}
