/**
 * Verifies the manifest's Source digests, streaming each file in archive order, and adds one
 * `manifest.digest` check per file.
 *
 * One shape is reported as a whole: every Source carries one and the same digest and the files
 * do not match it. That is a placeholder, as packages made for EdgeGallery (which does not
 * check digests) often have; the owner gets one `manifest.digest` failure that says so and
 * names the command that rewrites the digests (`mecport-pkg rehash`), instead of a mismatch per
 * file. It stays a failure: a package whose digests say nothing about its files is not accepted.
 *
 * @example await checkDigests(ctx, zip, plan, 'app.mf', 3);
 */
import type { TContext } from '../context';
import { PackageRefusedError } from '../errors';
import type { SafeZip, TZipEntry } from '../zip/safe-zip';

export interface TDigestItem {
  entry: TZipEntry;
  /** Source path (after the top folder). */
  path: string;
  /** node:crypto name (`sha256`) and the manifest's label (`SHA-256`). */
  algorithm: string;
  label: string;
  /** Declared digest, lower-case hex. */
  hash: string;
  /** Line of the Source in the manifest. */
  line: number;
}

/** How the package's owner fixes placeholder digests (README: `mecport-pkg rehash`). */
export const REHASH_HINT = 'Rewrite the digests from the files with `npx mecport-pkg rehash <package.csar>` (add `--key <key.pem> --cert <cert.pem>` to sign it again)';

/**
 * @param plan Sources that carry a digest in a supported algorithm
 * @param sourceCount every local Source of the manifest (with or without a digest)
 */
export async function checkDigests(ctx: TContext, zip: SafeZip, plan: TDigestItem[], manifestPath: string, sourceCount: number): Promise<void> {
  const ordered = [...plan].sort((a, b) => a.entry.raw.relativeOffsetOfLocalHeader - b.entry.raw.relativeOffsetOfLocalHeader);
  ctx.progress.expect(ordered.reduce((sum, p) => sum + p.entry.size, 0));
  // Decided before hashing, so that a package with real digests keeps its checks in archive order.
  const placeholderShaped = plan.length >= 2 && plan.length === sourceCount && new Set(plan.map((p) => p.hash)).size === 1;
  const mismatches: { item: TDigestItem; actual: string }[] = [];
  for (const item of ordered) {
    try {
      const actual = await zip.digest(item.entry, item.algorithm, (n) => ctx.progress.add(n, 'entries', item.path));
      if (actual === item.hash) ctx.checks.pass('manifest.digest', `${item.path}: ${item.label} digest matches`, { file: item.path });
      else if (placeholderShaped) mismatches.push({ item, actual });
      else ctx.checks.fail('manifest.digest', `${item.path}: ${item.label} digest mismatch (${manifestPath} line ${item.line} declares ${item.hash}, the file hashes to ${actual})`, { file: item.path });
    } catch (error) {
      if (!(error instanceof PackageRefusedError)) throw error;
      ctx.checks.fail(error.checkId, `${item.path}: ${error.message}`, { file: item.path });
    }
  }
  ctx.progress.add(0, 'entries', undefined, true);
  if (mismatches.length === 0) return;
  const first = plan.reduce((a, b) => (a.line <= b.line ? a : b));
  const names = mismatches.map((m) => m.item.path);
  const shown = `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
  ctx.checks.fail('manifest.digest', `every Source of ${manifestPath} carries the same ${first.label} digest ${first.hash}, a placeholder (EdgeGallery does not check digests): ${mismatches.length} of the ${plan.length} files do not match it (${shown}). ${REHASH_HINT}`, { file: manifestPath, line: first.line });
}
