#!/usr/bin/env node
// Starts the agent CLI: `npx mecport-agent --help`.
// The esbuild bundle in dist/ (`npm run build -w @mecport/mep-agent`) is used when it is newer
// than every workspace source it was built from: on an edge node that saves the TypeScript
// loader's memory. Otherwise (an edited checkout) the TypeScript source runs through tsx.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'mecport-agent.mjs');

function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(join(root, 'dist', 'meta.json'), 'utf8'));
    return Object.keys(inputs).every((input) => input.includes('node_modules/') || statSync(join(root, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
