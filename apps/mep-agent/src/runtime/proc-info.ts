/**
 * What /proc says about a process: whether a pid is still the process the agent started (its
 * start time since boot, and the boot id, tell a reused pid apart), and a scan for processes
 * that carry a given environment tag (a process started just before the agent was killed,
 * whose pid never reached the record). Linux only; elsewhere liveness falls back to kill(0).
 *
 * @example const who = await procIdentity(pid); if (await isSameProcess({ pid, ...who })) …
 */
import { readdir, readFile } from 'node:fs/promises';

export interface TProcIdentity {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: clock ticks after boot when the process started. */
  startTicks: string;
  bootId: string;
}

interface TProcStat {
  state: string;
  session: number;
  startTicks: string;
}

async function readStat(pid: number): Promise<TProcStat | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // comm (field 2) may hold spaces and parentheses: the fields after it start after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state = '', , , session = '0'] = rest;
  return { state, session: Number(session), startTicks: rest[19] ?? '' };
}

let cachedBootId: string | undefined;
export async function bootId(): Promise<string> {
  cachedBootId ??= (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => 'unknown')).trim();
  return cachedBootId;
}

export async function procIdentity(pid: number): Promise<TProcIdentity | undefined> {
  const stat = await readStat(pid);
  return stat ? { pid, startTicks: stat.startTicks, bootId: await bootId() } : undefined;
}

/** True while `identity` is alive and not a zombie (an orphan nobody reaped is dead to us). */
export async function isSameProcess(identity: TProcIdentity): Promise<boolean> {
  const stat = await readStat(identity.pid);
  if (!stat) return process.platform === 'linux' ? false : pidExists(identity.pid);
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return stat.startTicks === identity.startTicks && (await bootId()) === identity.bootId;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Live session leaders (the app itself, not its children) whose environment has a variable
 * `name` starting with `prefix`, with that variable's value.
 */
export async function findTagged(name: string, prefix: string): Promise<{ identity: TProcIdentity; value: string }[]> {
  const needle = Buffer.from(`\0${name}=${prefix}`);
  const found: { identity: TProcIdentity; value: string }[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const environ = await readFile(`/proc/${pid}/environ`).catch(() => undefined);
    if (!environ) continue;
    const all = Buffer.concat([Buffer.from([0]), environ]);
    const at = all.indexOf(needle);
    if (at < 0) continue;
    const start = at + 1 + name.length + 1;
    const end = all.indexOf(0, start);
    const stat = await readStat(pid);
    if (stat && stat.session === pid && stat.state !== 'Z' && stat.state !== 'X') {
      found.push({ identity: { pid, startTicks: stat.startTicks, bootId: await bootId() }, value: all.subarray(start, end < 0 ? undefined : end).toString('utf8') });
    }
  }
  return found;
}
