/**
 * @mecport/app-package: the MEC app package (CSAR) codec.
 *
 * - `validatePackage(path, options, onProgress)`: streaming validation report + MEC 010-2 AppD.
 * - `buildPackage({ dir, out })`: a MEC 037 CSAR from a folder.
 * - `signPackage({ csar, out, key, cert, mode })`: SOL004 option 1 and/or 2.
 * - `readProcessBundle(path)`: the process bundle (command, declared ports) a package carries, or null.
 * - `readWorkload(path, appd?)`: what a package runs as (process, container with its images, helm, none).
 * - `rehashPackage({ csar, out, key?, cert? })`: manifest digests rewritten from the files (placeholder digests), signed again when given a key.
 *
 * @example
 *   import { validatePackage } from '@mecport/app-package';
 *   const report = await validatePackage('app.csar', { trust: [caPem] });
 *   report.ok; report.appd?.appDId; report.signature; // 'signed by CN=ACME: trusted'
 */
export { validatePackage, type TValidateOptions, type TValidationReport } from './validate';
export { buildPackage, BUILD_DEFAULTS, type TBuildOptions, type TBuildResult } from './build';
export { signPackage, type TSignOptions, type TSignResult } from './sign';
export { readProcessBundle } from './csar/process-bundle';
export { readWorkload } from './workload/read-workload';
export { rehashPackage, type TRehashOptions, type TRehashResult } from './rehash';
export { CHECKS, type TCheck, type TCheckId, type TCheckStatus } from './report';
export { PackageRefusedError, assertNoFailure } from './errors';
export { DEFAULT_LIMITS, type TLimits } from './limits';
export type { TProgress, TProgressCallback } from './context';
export type { TSignatureReport } from './security/check-signatures';
export type { TVerdict } from './security/cms';
export * from './appd/schema';
export { LEGACY_METADATA, REQUIRED_METADATA } from './csar/manifest';
