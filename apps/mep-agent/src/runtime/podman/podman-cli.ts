/**
 * Runs the `podman` command line the way these machines need it (../shared/TOOLCHAIN.md §10):
 * runc with the cgroupfs manager (crun refuses the hybrid cgroup layout), and a containers.conf
 * of the agent's own in its data dir that clears the default ulimits (setrlimit NOFILE/NPROC is
 * refused here) and writes events to a file (no journald on an edge node). Every call is one
 * `podman` process: the agent holds no connection and no daemon runs.
 *
 * @example
 *   const podman = await PodmanCli.create({ dataDir: '/var/lib/mecport-agent', env: appBaseEnv() });
 *   const { stdout } = await podman.run(['ps', '--format', 'json']);
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findExecutable } from '../launch-command';

const exec = promisify(execFile);

export class PodmanError extends Error {
  constructor(readonly args: string[], readonly stderr: string, readonly exitCode: number | null) {
    super(`podman ${args.slice(0, 3).join(' ')} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${stderr.trim().split('\n').slice(-3).join(' ').slice(0, 800)}`);
    this.name = 'PodmanError';
  }
}

export interface TPodmanCliOptions {
  /** The agent's data dir: containers.conf is written under podman/ there. */
  dataDir: string;
  /** The environment podman runs with (PATH, HOME, TMPDIR: the agent's appBaseEnv); podman and runc are looked for on PATH, then /usr/bin and /usr/sbin. */
  env: Record<string, string>;
}

export class PodmanCli {
  private constructor(
    readonly podman: string,
    readonly runc: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** undefined when podman or runc is not installed (the node then has the process runtime only). */
  static async create(options: TPodmanCliOptions): Promise<PodmanCli | undefined> {
    const path = [options.env.PATH ?? '', '/usr/bin', '/usr/sbin', '/bin', '/sbin'].filter(Boolean).join(':');
    const podman = await findExecutable('podman', path);
    const runc = await findExecutable('runc', path);
    if (!podman || !runc) return undefined;
    const dir = join(options.dataDir, 'podman');
    await mkdir(dir, { recursive: true });
    const conf = join(dir, 'containers.conf');
    await writeFile(conf, '[containers]\ndefault_ulimits = []\n\n[engine]\nevents_logger = "file"\n', { mode: 0o644 });
    return new PodmanCli(podman, runc, { ...options.env, PATH: path, CONTAINERS_CONF: conf });
  }

  /** The global flags every call carries. */
  get globalArgs(): string[] {
    return ['--runtime', this.runc, '--cgroup-manager=cgroupfs'];
  }

  async run(args: string[], options: { timeoutMs?: number; input?: string } = {}): Promise<{ stdout: string; stderr: string }> {
    try {
      const child = exec(this.podman, [...this.globalArgs, ...args], { env: this.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 });
      if (options.input !== undefined) child.child.stdin?.end(options.input);
      return await child;
    } catch (error) {
      const e = error as { stderr?: string; code?: number | string; message: string };
      throw new PodmanError(args, e.stderr || e.message, typeof e.code === 'number' ? e.code : null);
    }
  }

  /** True when podman answers and can reach its storage (what the node reports as the `podman` runtime). */
  async works(): Promise<boolean> {
    return this.run(['info', '--format', '{{.Host.OCIRuntime.Name}}'], { timeoutMs: 30_000 }).then(() => true, () => false);
  }
}
