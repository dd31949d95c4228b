/**
 * Proves that `npm run check:layers` (dependency-cruiser with .dependency-cruiser.cjs) fails on
 * what it must refuse: it runs the real config against a scratch tree that breaks one rule per
 * file, and expects each rule to be named; then it runs the real check on this repository and
 * expects it to pass.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const depcruise = join(repo, 'node_modules', '.bin', 'depcruise');

/** A workspace package as npm links it: package.json with `exports`, and node_modules/@mecport/<name>. */
function workspace(root: string, dir: string, name: string, exports: Record<string, string>): void {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, type: 'module', exports }));
  mkdirSync(join(root, 'node_modules', '@mecport'), { recursive: true });
  symlinkSync(join(root, dir), join(root, 'node_modules', name));
}

function file(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** One violation per rule, each alone so that a message names exactly that rule. */
function scratchTree(root: string): void {
  for (const name of ['.dependency-cruiser.cjs', 'tsconfig.layers.json', 'tsconfig.base.json']) copyFileSync(join(repo, name), join(root, name));
  workspace(root, 'packages/contracts', '@mecport/contracts', { '.': './src/index.ts' });
  workspace(root, 'packages/db', '@mecport/db', { '.': './src/index.ts', './testing': './src/testing/db.ts' });
  workspace(root, 'packages/core', '@mecport/core', { '.': './src/index.ts' });
  workspace(root, 'packages/http', '@mecport/http', { '.': './src/index.ts' });
  workspace(root, 'apps/mep-agent', '@mecport/mep-agent', {});
  // contracts -> @mecport/db through a subpath export.
  file(root, 'packages/contracts/src/index.ts', "export { testDb } from '@mecport/db/testing';\n");
  // An import of a workspace that does not exist cannot be judged: it fails too.
  file(root, 'packages/contracts/src/rules.ts', "export * from '@mecport/upf-adapters';\n");
  file(root, 'packages/db/src/index.ts', "export const db = 1;\n");
  file(root, 'packages/db/src/testing/db.ts', "export const testDb = 2;\n");
  // A cycle of type-only imports inside http.
  file(root, 'packages/http/src/index.ts', "export type { TA } from './a';\n");
  file(root, 'packages/http/src/a.ts', "import type { TB } from './b';\nexport interface TA { b?: TB }\n");
  file(root, 'packages/http/src/b.ts', "import type { TA } from './a';\nexport interface TB { a?: TA }\n");
  // core -> http; a core feature reaching into another's file.
  file(root, 'packages/core/src/index.ts', "export * from './edge';\n");
  file(root, 'packages/core/src/edge/index.ts', "export { nodes } from './nodes';\n");
  file(root, 'packages/core/src/edge/nodes.ts', "import { auditQuery } from '../audit/query';\nimport type { TA } from '@mecport/http';\nexport const nodes = (a?: TA) => [a, auditQuery];\n");
  file(root, 'packages/core/src/audit/index.ts', "export { auditQuery } from './query';\n");
  file(root, 'packages/core/src/audit/query.ts', "export const auditQuery = 3;\n");
  // A library on another library; a package on an app.
  file(root, 'packages/db/src/seed.ts', "import { main } from '../../../apps/mep-agent/src/main';\nimport type { TA } from '@mecport/http';\nexport const seed = (a?: TA) => [a, main];\n");
  // Agent test fixtures may build packages; shipped agent code must not load them.
  workspace(root, 'packages/app-package', '@mecport/app-package', { '.': './src/index.ts' });
  file(root, 'packages/app-package/src/index.ts', "export const buildPackage = 4;\n");
  file(root, 'apps/mep-agent/src/testing/sample-app.ts', "export { buildPackage } from '@mecport/app-package';\n");
  file(root, 'apps/mep-agent/src/run.ts', "export { buildPackage } from './testing/sample-app';\n");
  // core may read the data planes' capabilities (the rule dry run), never load an adapter.
  file(root, 'upf-adapters/src/capabilities.ts', "export const capabilitiesOf = 5;\n");
  file(root, 'upf-adapters/src/memory/memory-adapter.ts', "export class MemoryAdapter {}\n");
  file(root, 'packages/core/src/edge/data-plane.ts', "import { capabilitiesOf } from '../../../../upf-adapters/src/capabilities';\nimport { MemoryAdapter } from '../../../../upf-adapters/src/memory/memory-adapter';\nexport const dataPlane = [capabilitiesOf, MemoryAdapter];\n");
  // The agent's shipped code -> @mecport/core; a cycle through the portal's `@/` alias.
  file(root, 'apps/mep-agent/src/main.ts', "import { nodes } from '@mecport/core';\nexport const main = nodes;\n");
  file(root, 'apps/portal/src/lib/a.ts', "import { b } from '@/lib/b';\nexport const a = () => b;\n");
  file(root, 'apps/portal/src/lib/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
}

function cruise(cwd: string, ...args: string[]) {
  const run = spawnSync(depcruise, ['--config', '.dependency-cruiser.cjs', ...args, '.'], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('check:layers', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mecport-layers-'));
    scratchTree(scratch);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('fails on a scratch tree that breaks the layers, naming each broken rule and the files', () => {
    const { status, output } = cruise(scratch);
    expect(status, output).not.toBe(0);
    const lines = output.replace(/→\s+/g, '→ ').split('\n'); // a cycle's steps, one a line, joined
    const has = (rule: string, from: string, to: string) => lines.some((l) => l.includes(`${rule}: ${from}`) && l.includes(to));
    expect(has('contracts-is-the-ground', 'packages/contracts/src/index.ts', 'packages/db/src/testing/db.ts'), output).toBe(true);
    expect(has('no-unresolvable', 'packages/contracts/src/rules.ts', '@mecport/upf-adapters'), output).toBe(true);
    expect(has('no-cycle', 'packages/http/src/a.ts', 'packages/http/src/b.ts'), output).toBe(true);
    expect(has('no-cycle', 'apps/portal/src/lib/a.ts', 'apps/portal/src/lib/b.ts'), output).toBe(true);
    expect(has('core-not-on-http-or-apps', 'packages/core/src/edge/nodes.ts', 'packages/http/src/index.ts'), output).toBe(true);
    expect(has('core-feature-through-its-index', 'packages/core/src/edge/nodes.ts', 'packages/core/src/audit/query.ts'), output).toBe(true);
    expect(has('agent-on-contracts-mp1-upf-only', 'apps/mep-agent/src/main.ts', 'packages/core/src/index.ts'), output).toBe(true);
    expect(has('libraries-on-contracts-only', 'packages/db/src/seed.ts', 'packages/http/src/index.ts'), output).toBe(true);
    expect(has('packages-not-on-apps', 'packages/db/src/seed.ts', 'apps/mep-agent/src/main.ts'), output).toBe(true);
    expect(has('agent-code-not-on-agent-tests', 'apps/mep-agent/src/run.ts', 'apps/mep-agent/src/testing/sample-app.ts'), output).toBe(true);
    expect(output).not.toContain('agent-tests-on-contracts-mp1-upf-app-package');
    expect(has('core-on-upf-capabilities-only', 'packages/core/src/edge/data-plane.ts', 'upf-adapters/src/memory/memory-adapter.ts'), output).toBe(true);
    expect(has('core-on-upf-capabilities-only', 'packages/core/src/edge/data-plane.ts', 'upf-adapters/src/capabilities.ts'), output).toBe(false);
    // A feature's own files and another feature's index are allowed.
    expect(output).not.toContain('core-feature-through-its-index: packages/core/src/index.ts');
    expect(output).not.toContain('→ packages/core/src/edge/nodes.ts');
  });

  it('passes on this repository (`npm run check:layers` itself)', () => {
    const run = spawnSync('npm', ['run', '--silent', 'check:layers'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    const { status, output } = { status: run.status, output: `${run.stdout}${run.stderr}` };
    expect(output).toContain('no dependency violations found');
    expect(status, output).toBe(0);
  });
});
