/** Where things are on disk, independent of the current working directory. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The monorepo root: the nearest ancestor of `from` whose package.json declares "workspaces".
 * Throws if there is none (e.g. the package was copied out of the repo).
 */
export function findRepoRoot(from: string = here): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
        if (parsed.workspaces) return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json with "workspaces" above ${from}: cannot locate the MECport repo root`);
    dir = parent;
  }
}

/** `<repo>/prisma/migrations`, the folder `prisma migrate` and our own runner both use. */
export function defaultMigrationsDir(): string {
  return path.join(findRepoRoot(), 'prisma', 'migrations');
}
