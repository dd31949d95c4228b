/**
 * Stops a process and everything it started: SIGTERM to its process group (the app was
 * spawned as a group leader), then SIGKILL to the group if it has not exited after `graceMs`.
 *
 * @example await terminateGroup(identity, 10_000); // true: exited on SIGTERM, false: had to be killed
 */
import { isSameProcess, type TProcIdentity } from './proc-info';

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal); // not a group leader after all
    } catch {
      // already gone
    }
  }
}

async function exitedWithin(identity: TProcIdentity, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (!(await isSameProcess(identity))) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function terminateGroup(identity: TProcIdentity, graceMs: number): Promise<boolean> {
  signalGroup(identity.pid, 'SIGTERM');
  if (await exitedWithin(identity, graceMs)) return true;
  signalGroup(identity.pid, 'SIGKILL');
  await exitedWithin(identity, 5000);
  return false;
}
