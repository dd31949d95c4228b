/**
 * The sandbox's MEP agent as a child process: the real `apps/mep-agent/bin/mecport-agent.mjs`
 * (never imported: the sandbox runs it), started under the network's command prefix (a network
 * namespace, or nothing on loopback) with the same lean flags as `npm start`'s demo agent
 * (scripts/lib/lean-node.ts). Its output lines go to the site's log; an exit nobody asked for is
 * reported.
 *
 * @example
 *   await runAgentCommand(spec, ['enroll', '--portal', url, '--token', token, '--data-dir', dir], log);
 *   const agent = AgentProcess.start(spec, ['run', '--data-dir', dir, ...], log, (code) => fail(code));
 *   await agent.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { agentBaseEnv } from './env';

/** The bin of the agent workspace, from this file (sandbox/src/site). */
export const AGENT_BIN = join(import.meta.dirname, '../../../apps/mep-agent/bin/mecport-agent.mjs');
/** As scripts/lib/lean-node.ts: the agent's old generation grows by half its live size, a 2 MB young generation, one malloc arena. */
const LEAN_NODE_ARGS = ['--heap-growing-percent=50'];
const LEAN_NODE_ENV = { MALLOC_ARENA_MAX: '1', NODE_OPTIONS: '--max-semi-space-size=2' };

export interface TAgentCommand {
  commandPrefix: readonly string[];
  env: Record<string, string>;
  bin?: string;
}

export type TLineSink = (stream: 'stdout' | 'stderr', line: string) => void;

function spawnAgent(command: TAgentCommand, args: string[]): ChildProcess {
  const argv = [...command.commandPrefix, process.execPath, ...LEAN_NODE_ARGS, command.bin ?? AGENT_BIN, ...args];
  return spawn(argv[0]!, argv.slice(1), {
    env: { ...agentBaseEnv(), ...LEAN_NODE_ENV, ...command.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function pipeLines(child: ChildProcess, sink: TLineSink): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    let buffer = '';
    child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) sink(stream, line);
    });
    child[stream]?.on('end', () => {
      if (buffer.trim()) sink(stream, buffer);
    });
  }
}

/** Runs a one-shot agent command (`enroll`) to its end; rejects with its output when it fails. */
export function runAgentCommand(command: TAgentCommand, args: string[], sink: TLineSink, timeoutMs = 60_000): Promise<void> {
  const child = spawnAgent(command, args);
  const output: string[] = [];
  pipeLines(child, (stream, line) => {
    output.push(line);
    sink(stream, line);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`mecport-agent ${args[0]} failed (${signal ?? `exit code ${code}`}): ${output.slice(-5).join(' | ')}`));
    });
  });
}

export class AgentProcess {
  private stopping = false;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess, onUnexpectedExit: (how: string) => void) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (!this.stopping) onUnexpectedExit(signal ? `signal ${signal}` : `exit code ${code}`);
        resolve();
      });
      child.once('error', (error) => {
        if (!this.stopping) onUnexpectedExit(error.message);
        resolve();
      });
    });
  }

  static start(command: TAgentCommand, args: string[], sink: TLineSink, onUnexpectedExit: (how: string) => void): AgentProcess {
    const child = spawnAgent(command, args);
    pipeLines(child, sink);
    return new AgentProcess(child, onUnexpectedExit);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (the agent stops its apps with itself: `--stop-apps-on-exit`), SIGKILL after `graceMs`. */
  async stop(graceMs = 8000): Promise<void> {
    this.stopping = true;
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
