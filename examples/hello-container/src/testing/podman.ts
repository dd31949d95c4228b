/**
 * `podman` for the sample's tests, called the way these machines need it (../shared/TOOLCHAIN.md
 * §10: runc, the cgroupfs manager, a containers.conf without default ulimits). Fails, never
 * skips, when podman is missing: the tests run the real image.
 *
 * @example
 *   const podman = await testPodman(workDir);
 *   await podman(['load', '-i', archive]);
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export type TPodman = (args: string[]) => Promise<string>;

export async function testPodman(workDir: string): Promise<TPodman> {
  const conf = path.join(workDir, 'containers.conf');
  await writeFile(conf, '[containers]\ndefault_ulimits = []\n\n[engine]\nevents_logger = "file"\n');
  const env = { ...process.env, CONTAINERS_CONF: conf, PATH: `${process.env.PATH ?? ''}:/usr/bin:/usr/sbin:/bin:/sbin` };
  const podman: TPodman = async (args) => {
    try {
      const { stdout } = await exec('podman', ['--runtime', 'runc', '--cgroup-manager=cgroupfs', ...args], { env, timeout: 120_000, maxBuffer: 16 * 1024 ** 2 });
      return stdout;
    } catch (error) {
      const e = error as { code?: string; stderr?: string; message: string };
      if (e.code === 'ENOENT') throw new Error('podman is not installed: apt-get install -y podman runc slirp4netns (CI\'s .ci/run installs them)');
      throw new Error(`podman ${args.slice(0, 2).join(' ')}: ${e.stderr || e.message}`);
    }
  };
  return podman;
}
