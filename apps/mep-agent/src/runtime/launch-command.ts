/**
 * The command line that starts a bundle, with the resource limits the OS allows:
 * - argv[0] `node` is the agent's own Node.js (process.execPath), with `--max-old-space-size`
 *   when the bundle sets `resources.memoryMb` (an address-space limit breaks V8, which reserves
 *   far more virtual memory than it uses);
 * - any other command gets `prlimit --as=<bytes>` (util-linux) when prlimit is installed;
 * - `resources.nice` is applied after spawn with os.setPriority (see process-supervisor.ts).
 *
 * @example launchCommand(bundle, { execPath: process.execPath, prlimit: '/usr/bin/prlimit' }) // { file, args }
 */
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { TProcessBundle } from '@mecport/contracts';

export interface TLaunchTools {
  execPath: string;
  /** Path of prlimit, when it is installed. */
  prlimit: string | undefined;
}

export function launchCommand(bundle: TProcessBundle, tools: TLaunchTools): { file: string; args: string[]; limits: string[] } {
  const [first = '', ...rest] = bundle.command;
  const memoryMb = bundle.resources.memoryMb;
  if (first === 'node') {
    const heap = memoryMb ? [`--max-old-space-size=${memoryMb}`] : [];
    return { file: tools.execPath, args: [...heap, ...rest], limits: memoryMb ? [`heap ${memoryMb} MB`] : [] };
  }
  if (memoryMb && tools.prlimit) {
    return { file: tools.prlimit, args: [`--as=${memoryMb * 1024 * 1024}`, '--', first, ...rest], limits: [`address space ${memoryMb} MB`] };
  }
  return { file: first, args: rest, limits: [] };
}

/** Finds an executable on PATH (undefined when absent). */
export async function findExecutable(name: string, path: string | undefined): Promise<string | undefined> {
  for (const dir of (path ?? '/usr/bin:/bin').split(delimiter)) {
    const candidate = join(dir, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}
