/**
 * A real OCI registry on loopback for the container benchmarks: Debian's `docker-registry`
 * (CNCF distribution) on a free port with its storage in a temporary folder, and `skopeo` to put
 * an OCI archive into it. Nothing leaves the machine.
 *
 * @example
 *   const registry = await startRegistry();
 *   const digest = await registry.push('/tmp/big.tar', 'bench/hello-big:1'); // sha256:… as the registry serves it
 *   await registry.stop();
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../apps/mep-agent/src/testing/sample-app';
import { waitFor } from './timings';

const exec = promisify(execFile);

export interface TBenchRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  /** Copies an OCI archive to `<host>/<repository:tag>`; returns the manifest digest the registry serves. */
  push(archive: string, repositoryTag: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startRegistry(): Promise<TBenchRegistry> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mecport-bench-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = path.join(dir, 'config.yml');
  await writeFile(config, `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: ${host}\n`);
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor('the registry', async () => (await fetch(`http://${host}/v2/`).catch(() => undefined))?.ok === true, 30_000);
  return {
    host,
    async push(archive, repositoryTag) {
      const digestFile = path.join(dir, 'digest');
      await exec('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', '--digestfile', digestFile, `oci-archive:${archive}`, `docker://${host}/${repositoryTag}`], { maxBuffer: 16 * 1024 ** 2 });
      return (await readFile(digestFile, 'utf8')).trim();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
