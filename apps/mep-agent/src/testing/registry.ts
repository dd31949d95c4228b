/**
 * A real OCI registry on loopback for tests: Debian's `docker-registry` (CNCF distribution) on
 * 127.0.0.1:<free port> with a temporary storage folder, plain HTTP (pulls and pushes need
 * --tls-verify=false), stopped and deleted by `stop`. Fails (never skips) when it is not installed.
 *
 * @example
 *   const registry = await TestRegistry.start();
 *   const digest = await registry.push(podman, 'localhost/mecport-test/busybox:1', 'demo/busybox:1');
 *   // pull 127.0.0.1:<port>/demo/busybox:1 with --tls-verify=false; digest is its manifest digest
 *   await registry.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PodmanCli } from '../runtime/podman/podman-cli';
import { freePort, waitFor } from './sample-app';

const REGISTRY_BIN = 'docker-registry';

export class TestRegistry {
  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
    readonly port: number,
    private readonly output: string[],
  ) {}

  /** host:port, as image references and the node's registry setting write it. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(): Promise<TestRegistry> {
    const dir = await mkdtemp(join(tmpdir(), 'test-registry-'));
    const port = await freePort();
    const config = join(dir, 'config.yml');
    await writeFile(config, `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'storage')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`);
    const output: string[] = [];
    const child = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (b: Buffer) => output.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
    const failed = new Promise<Error>((resolve) => child.once('error', (e) => resolve(new Error(`${REGISTRY_BIN} cannot start (${e.message}): apt-get install -y docker-registry (../shared/TOOLCHAIN.md §10)`))));
    const registry = new TestRegistry(child, dir, port, output);
    const ready = waitFor(`the registry on ${registry.host}`, async () => (await fetch(`http://${registry.host}/v2/`, { signal: AbortSignal.timeout(1000) })).ok, 20_000);
    const outcome = await Promise.race([ready.then(() => undefined), failed]);
    if (outcome instanceof Error) {
      await rm(dir, { recursive: true, force: true });
      throw outcome;
    }
    return registry;
  }

  /** Pushes a local image as `<host>/<repository>`; the manifest digest the registry now serves under it. */
  async push(podman: PodmanCli, local: string, repository: string): Promise<string> {
    const digestFile = join(this.dir, `digest-${Math.random().toString(36).slice(2)}`);
    await podman.run(['push', '--tls-verify=false', '--digestfile', digestFile, local, `${this.host}/${repository}`]);
    return (await readFile(digestFile, 'utf8')).trim();
  }

  /** What the registry logged (for a failing test's message). */
  get log(): string {
    return this.output.join('');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
