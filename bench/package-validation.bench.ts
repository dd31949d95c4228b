/**
 * Package validation throughput: builds a large MEC 037 package (the hello-mec example plus one
 * big artefact, BENCH_PACKAGE_GIB GiB, default 2), times `validatePackage` on it (package sha256,
 * every manifest digest, the AppD) and `openssl dgst -sha256` on the same file, twice each and
 * alternating, and prints the fastest of each. The package is flushed to disk before either runs.
 *
 * The package lives in `.data/bench-package/` (beside `.data/bench`, which `startStack` wipes)
 * so that the upload benchmark can send the same file; `removeBenchPackage` deletes it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, cpSync, createWriteStream, fsyncSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { buildPackage, validatePackage } from '@mecport/app-package';

const root = path.resolve(import.meta.dirname, '..');
export const PACKAGE_DIR = path.join(root, '.data', 'bench-package');
const MiB = 1024 ** 2;
const MB = 1e6;

export function packageGiB(): number {
  const value = Number(process.env.BENCH_PACKAGE_GIB ?? '2');
  if (!Number.isFinite(value) || value <= 0 || value > 16) throw new Error(`BENCH_PACKAGE_GIB must be a number in (0, 16], got ${process.env.BENCH_PACKAGE_GIB}`);
  return value;
}

/** Writes `bytes` bytes to `file` from one random MiB repeated (fast and deterministic in size). */
async function writeArtefact(file: string, bytes: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = createWriteStream(file, { highWaterMark: 4 * MiB });
  let left = bytes;
  while (left > 0) {
    const n = Math.min(left, MiB);
    if (!out.write(n === MiB ? block : block.subarray(0, n))) await once(out, 'drain');
    left -= n;
  }
  out.end();
  await once(out, 'finish');
}

/** Builds the package once; returns its path. The big artefact ends in .img, which the builder stores without deflate. */
export async function buildBenchPackage(): Promise<string> {
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  const dir = path.join(PACKAGE_DIR, 'src');
  mkdirSync(PACKAGE_DIR, { recursive: true });
  cpSync(path.join(root, 'packages/app-package/examples/hello-mec'), dir, { recursive: true });
  const artefactBytes = Math.round(packageGiB() * 1024 ** 3);
  const started = performance.now();
  await writeArtefact(path.join(dir, 'Artifacts', 'disk.img'), artefactBytes);
  const wrote = performance.now() - started;
  const out = path.join(PACKAGE_DIR, 'bench.csar');
  const buildStart = performance.now();
  await buildPackage({ dir, out, releaseDate: new Date('2026-01-01T00:00:00Z') });
  const built = performance.now() - buildStart;
  // Written back to disk before anything is timed: whichever hash ran first would otherwise share the cores with writeback.
  flushToDisk(out);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    `package build: ${(statSync(out).size / MB).toFixed(0)} MB CSAR (artefact stored, not deflated)   ` +
      `artefact write ${(wrote / 1000).toFixed(1)} s, buildPackage ${(built / 1000).toFixed(1)} s\n`,
  );
  return out;
}

function flushToDisk(file: string): void {
  const fd = openSync(file, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

export function removeBenchPackage(): void {
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
}

/** Runs `openssl dgst -sha256 file`; null when openssl is not installed. */
async function opensslSeconds(file: string): Promise<number | null> {
  const started = performance.now();
  const child = spawn('openssl', ['dgst', '-sha256', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const failed = await new Promise<Error | null>((resolve) => {
    child.once('error', resolve);
    child.once('close', (code) => resolve(code === 0 ? null : new Error(`openssl exited ${code}: ${stderr.trim()}`)));
  });
  if (failed) {
    if ((failed as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw failed;
  }
  return (performance.now() - started) / 1000;
}

async function validateSeconds(file: string): Promise<number> {
  const started = performance.now();
  const report = await validatePackage(file);
  const seconds = (performance.now() - started) / 1000;
  const failed = report.checks.filter((c) => c.status === 'fail');
  if (!report.ok) throw new Error(`the bench package did not validate: ${failed.map((c) => `${c.id}: ${c.message}`).join('; ')}`);
  return seconds;
}

/**
 * Each is timed ROUNDS times, alternating, and its fastest run counts: the machine's 2 cores are
 * shared, and validation (two threads) suffers more from a moment of load elsewhere than openssl (one).
 */
const ROUNDS = 2;

export async function packageValidation(file: string): Promise<void> {
  const size = statSync(file).size;
  const runs: { validate: number[]; openssl: number[] } = { validate: [], openssl: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    runs.validate.push(await validateSeconds(file));
    const ossl = await opensslSeconds(file);
    if (ossl !== null) runs.openssl.push(ossl);
  }
  const seconds = Math.min(...runs.validate);
  const rate = size / MB / seconds;
  const all = (list: number[]) => `(best of ${list.map((t) => t.toFixed(2)).join(', ')} s)`;
  process.stdout.write(
    `validatePackage (sha256 + digests + AppD) ${rate.toFixed(0).padStart(6)} MB/s   ${seconds.toFixed(2)} s for ${(size / MB).toFixed(0)} MB ${all(runs.validate)}\n`,
  );
  if (runs.openssl.length === 0) {
    process.stdout.write('openssl dgst -sha256: openssl is not installed, no comparison\n');
    return;
  }
  const ossl = Math.min(...runs.openssl);
  const osslRate = size / MB / ossl;
  process.stdout.write(`openssl dgst -sha256                     ${osslRate.toFixed(0).padStart(6)} MB/s   ${ossl.toFixed(2)} s for ${(size / MB).toFixed(0)} MB ${all(runs.openssl)}\n`);
  process.stdout.write(`validatePackage / openssl: ${((rate / osslRate) * 100).toFixed(0)}% (goal >= 50%)\n`);
}
