/**
 * The app processes the sandbox's agent started, found by pid in the agent's runtime records
 * (`<agent data>/runtime/<appInstanceId>.json`), so that a destroyed sandbox can prove none is
 * left: the agent stops its apps when it stops, and whatever survives (the agent was killed) is
 * killed here with its process group.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function recordedAppPids(runtimeDir: string): Promise<number[]> {
  const names = await readdir(runtimeDir).catch(() => [] as string[]);
  const pids: number[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const record = JSON.parse(await readFile(join(runtimeDir, name), 'utf8').catch(() => '{}')) as { process?: { pid?: unknown } | null };
    if (typeof record.process?.pid === 'number') pids.push(record.process.pid);
  }
  return pids;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readStat(pid));
  } catch {
    return false;
  }
}

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

/** SIGKILLs each live pid's process group (the agent starts every app as a group leader), else the pid. */
export function killProcesses(pids: readonly number[]): void {
  for (const pid of pids.filter(isAlive)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
}
