/**
 * The real agent as a child process (the bundle the global setup built): `mecport-agent run`,
 * `enroll` and `status`, with its log lines collected, and the ways tests end it (SIGTERM, SIGKILL).
 *
 * @example const agent = await AgentProcess.run({ bundle, dataDir, mp1Port }); await agent.kill('SIGKILL');
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export class AgentProcess {
  readonly lines: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    const collect = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      this.lines.push(...parts);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static run(options: { bundle: string; dataDir: string; mp1Port: number; env?: Record<string, string>; args?: string[] }): AgentProcess {
    const child = spawn(process.execPath, [options.bundle, 'run', '--data-dir', options.dataDir, '--mp1-port', String(options.mp1Port), ...(options.args ?? [])], {
      // No DNS server unless a test asks for one: the default (0.0.0.0:53) is a real node's, and parallel tests would fight over it.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'debug', MECPORT_AGENT_DNS_PORT: 'off', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AgentProcess(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Log lines (JSON) whose msg contains `text`. */
  logged(text: string): boolean {
    return this.lines.some((line) => line.includes(text));
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }

  exit(): Promise<number | null> {
    return this.exited;
  }
}

export async function cli(bundle: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bundle, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Pids of the live processes started for `appInstanceId` (the app's session leader, by its environment tag). */
export async function appProcesses(appInstanceId: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (!environ.includes(`MECPORT_INSTANCE=${appInstanceId}:`)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[3]) === pid) pids.push(pid);
  }
  return pids;
}

/** Kills whatever runs for these instances (test clean-up: app processes outlive the agent by design). */
export async function killApps(appInstanceIds: string[]): Promise<void> {
  for (const id of appInstanceIds) {
    for (const pid of await appProcesses(id)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}
