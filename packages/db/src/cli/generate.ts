/**
 * `npm run generate -w @mecport/db` (also `build`): runs `prisma generate` offline.
 *
 * Prisma's CLI insists on knowing where its schema engine binary is, and would download it otherwise.
 * `generate` never runs that binary (the Prisma 7 client is Rust-free), so unless
 * PRISMA_SCHEMA_ENGINE_BINARY is already set we point it at a stub that exits 1 (TOOLCHAIN.md §P).
 *
 * `--if-stale` skips the work when the client was generated from the same schema by the same Prisma
 * version (the `typecheck` and `test` scripts use it, since turbo builds only a package's dependencies
 * first). Concurrent runs are serialised with a lock file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withFileLock } from '../process-lock';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = path.join(packageDir, 'node_modules', '.cache', 'mecport-db');
const schemaFile = path.resolve(packageDir, '..', '..', 'prisma', 'schema.prisma');
const outputDir = path.join(packageDir, 'src', 'generated', 'prisma');
const marker = path.join(outputDir, '.schema-sha256');
const require = createRequire(import.meta.url);

function stubSchemaEngine(): string {
  const stub = path.join(cacheDir, 'schema-engine-stub');
  if (!existsSync(stub)) {
    writeFileSync(stub, '#!/bin/sh\necho "schema engine stub: Prisma Migrate is not available offline; use npm run db:migrate" >&2\nexit 1\n');
  }
  chmodSync(stub, 0o755);
  return stub;
}

function fingerprint(): string {
  const prismaVersion = (JSON.parse(readFileSync(require.resolve('prisma/package.json'), 'utf8')) as { version: string }).version;
  return createHash('sha256').update(readFileSync(schemaFile)).update(`\0prisma@${prismaVersion}`).digest('hex');
}

function generate(): void {
  const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = stubSchemaEngine();
  const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--config', path.join(packageDir, 'prisma.config.ts')], {
    cwd: packageDir,
    env,
    stdio: 'inherit',
  });
  if (result.error) throw new Error(`prisma generate could not be started: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`prisma generate failed (exit ${result.status ?? `signal ${result.signal}`}); see its output above`);
  if (!existsSync(path.join(outputDir, 'client.ts'))) throw new Error(`prisma generate reported success but ${outputDir}/client.ts does not exist`);
}

async function main(): Promise<void> {
  const ifStale = process.argv.includes('--if-stale');
  mkdirSync(cacheDir, { recursive: true });
  await withFileLock(path.join(cacheDir, 'generate.lock'), 120_000, async () => {
    const wanted = fingerprint();
    if (ifStale && existsSync(marker) && readFileSync(marker, 'utf8').trim() === wanted && existsSync(path.join(outputDir, 'client.ts'))) return;
    generate();
    writeFileSync(marker, `${wanted}\n`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
