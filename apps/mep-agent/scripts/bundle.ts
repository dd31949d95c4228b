/**
 * Builds the agent into one ES module, dist/mecport-agent.mjs (`npm run build`), plus
 * dist/meta.json, which the bin reads to tell whether the bundle is older than its sources.
 * One file that needs only Node.js is what an edge node gets, and without a TypeScript loader
 * the agent's resident memory is lower.
 *
 * The contracts package re-exports every schema of the project from one index; marking its
 * modules (reached through the index or a subpath such as `@mecport/contracts/mec011`, which
 * `@mecport/mp1` uses) free of side effects lets esbuild leave out the ones the agent never uses.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const contractsWithoutSideEffects: Plugin = {
  name: 'contracts-side-effect-free',
  setup(b) {
    b.onResolve({ filter: /^(@mecport\/contracts(\/|$)|\.)/ }, async (args) => {
      const inContracts = args.path.startsWith('@mecport/contracts') || args.importer.split(sep).join('/').includes('/packages/contracts/src/');
      if (args.pluginData === 'inner' || !inContracts) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'inner' });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, sideEffects: false };
    });
  },
};

export async function bundleAgent(outfile = join(root, 'dist', 'mecport-agent.mjs')): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // yauzl and other CommonJS dependencies call require() on Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [contractsWithoutSideEffects],
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((input) => [relative(root, join(process.cwd(), input)).split(sep).join('/'), true]));
  await writeFile(join(dirname(outfile), 'meta.json'), JSON.stringify({ inputs }));
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await bundleAgent();
  process.stdout.write(`built ${relative(process.cwd(), out)}\n`);
}
