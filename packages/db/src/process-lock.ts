/** Cross-process helpers shared by the embedded server and the generate CLI. */
import { readFileSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether a process exists and is not a zombie (PID 1 does not reap orphans in some containers). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform === 'linux') {
    try {
      const statLine = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = statLine.lastIndexOf(')');
      const state = statLine.slice(close + 2, close + 3);
      if (state === 'Z' || state === 'X') return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * A simple cross-process mutex: a file created exclusively, holding the owner's pid. A lock whose owner
 * died is broken. (Two processes breaking the same stale lock at the same instant could both proceed;
 * the window needs the previous owner to have died while holding it, so it is accepted.)
 */
export async function withFileLock<T>(lockPath: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const content = await readFile(lockPath, 'utf8').catch(() => '');
      const holder = Number.parseInt(content, 10);
      const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
      if ((content && !isProcessAlive(holder)) || (!content && age > 10_000)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${lockPath} (held by pid ${content || 'unknown'})`);
      await sleep(50 + Math.random() * 100);
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
