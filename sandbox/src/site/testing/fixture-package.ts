/**
 * Builds the site tests' app package: the fixture app (fixture-app.mjs) as a process bundle in a
 * CSAR, with Hello Edge's AppD and licence, by the package CLI (`mecport-pkg build`, run as a
 * process: the sandbox imports no package code).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../../..');
const HELLO_EDGE = join(ROOT, 'packages/app-package/examples/hello-edge');
const PKG_CLI = join(ROOT, 'packages/app-package/bin/mecport-pkg.mjs');

export interface TFixturePackage { file: string; sha256: string }

export async function buildFixturePackage(workDir: string, options: { port: number; mode: 'normal' | 'crash' | 'flood'; zone?: string }): Promise<TFixturePackage> {
  const dir = join(workDir, `fixture-${options.mode}-${options.port}`);
  await cp(HELLO_EDGE, dir, { recursive: true });
  const bundle = join(dir, 'Artifacts/Deployment/Process');
  await copyFile(join(import.meta.dirname, 'fixture-app.mjs'), join(bundle, 'server.mjs'));
  await writeFile(join(bundle, 'process.json'), JSON.stringify({
    command: ['node', 'server.mjs'],
    env: { FIXTURE_MODE: options.mode, FIXTURE_ZONE: options.zone ?? 'zone-north' },
    ports: [{ name: 'HTTP', port: options.port }],
    restartPolicy: 'always',
  }));
  const file = `${dir}.csar`;
  await exec(process.execPath, [PKG_CLI, 'build', dir, '-o', file]);
  await mkdir(workDir, { recursive: true });
  return { file, sha256: createHash('sha256').update(await readFile(file)).digest('hex') };
}
