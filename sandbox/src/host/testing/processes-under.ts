/** The live processes that belong to a directory: their command line names it or they run inside it (Linux /proc). */
import { readdir, readFile, readlink } from 'node:fs/promises';

export async function processesUnder(dir: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => '');
      if (cmdline.includes(dir) || cwd.startsWith(dir)) found.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return found;
}
