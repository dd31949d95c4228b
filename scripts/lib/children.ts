/**
 * Child processes of `npm start`, each in its own process group so that one signal stops a
 * process and everything it spawned (npx/next-server, tsx/node).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { linePrefixer } from './line-prefixer';

export interface TChild { name: string; process: ChildProcess }

const PREFIX_COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m'];

export function startChild(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; index: number }): TChild {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `${PREFIX_COLOURS[options.index % PREFIX_COLOURS.length]}${name.padEnd(8)}\x1b[0m| `;
  const relay = (from: NodeJS.ReadableStream | null, to: NodeJS.WritableStream) => {
    const lines = linePrefixer(prefix, (text) => void to.write(text));
    from?.on('data', lines.push).on('end', lines.end);
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  return { name, process: child };
}

export async function stopChild(child: TChild, timeoutMs = 10_000): Promise<void> {
  const { process: p } = child;
  if (p.exitCode !== null || p.signalCode !== null || !p.pid) return;
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => { try { process.kill(-p.pid!, signal); } catch { /* already gone */ } };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForHttp(url: string, options: { timeoutMs: number; isDead: () => boolean; accept?: (status: number) => boolean }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const accept = options.accept ?? ((s: number) => s >= 200 && s < 300);
  while (Date.now() < deadline) {
    if (options.isDead()) throw new Error(`the process behind ${url} exited before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (accept(res.status)) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} was not ready within ${options.timeoutMs / 1000} s`);
}
