/**
 * The sample's image under real Podman against a real Mp1 server (@mecport/mp1, what the MEP
 * agent serves): loaded from the package's archive, Podman reports the digest the AppD pins;
 * run as the agent runs containers (its own network namespace through slirp4netns, Mp1 on the
 * host loopback at 10.0.2.2, the declared port published on 127.0.0.1), the script gets a token,
 * registers `hello-container`, confirms ready and serves its page; SIGTERM stops it at once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMp1Server, Mp1Registry } from '@mecport/mp1';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSample, IMAGE_ARCHIVE, IMAGE_NAME, SAMPLE } from './build-sample';
import { testPodman } from './testing/podman';

const work = await mkdtemp(path.join(tmpdir(), 'hello-container-podman-'));
const podman = await testPodman(work);
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('Hello Container in Podman', () => {
  it('loads with the pinned digest, registers its service over Mp1, confirms ready, serves its page and stops on SIGTERM', { timeout: 120_000 }, async () => {
    const sample = await buildSample({ distDir: path.join(work, 'dist') });
    if ('unavailable' in sample) throw new Error(`${sample.unavailable} (apt-get install -y busybox-static)`);
    await podman(['load', '-i', path.join(sample.packageDir, IMAGE_ARCHIVE)]);
    // Removed only if no one else's container uses it (podman refuses then).
    cleanups.push(() => podman(['rmi', IMAGE_NAME]));
    expect((await podman(['image', 'inspect', '--format', '{{.Digest}}', IMAGE_NAME])).trim()).toBe(sample.image.digest);

    const registry = new Mp1Registry();
    const mp1 = createMp1Server({ registry });
    const mp1Url = await mp1.listen(0, '127.0.0.1');
    cleanups.push(() => mp1.close());
    const appInstanceId = `hc-${randomBytes(4).toString('hex')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    const port = await freePort();
    registry.addAppInstance({ appInstanceId, clientSecret, listenPorts: [port] });
    const containerApiRoot = mp1Url.replace('127.0.0.1', '10.0.2.2');
    const name = `mecport-sample-test-${randomBytes(4).toString('hex')}`;
    await podman([
      'run', '-d', '--name', name, '--network', 'slirp4netns:allow_host_loopback=true', '-p', `127.0.0.1:${port}:${SAMPLE.port}`,
      '-e', `MEC_APP_INSTANCE_ID=${appInstanceId}`, '-e', `MP1_API_ROOT=${containerApiRoot}`, '-e', `MP1_TOKEN_URL=${containerApiRoot}/oauth2/token`,
      '-e', `MP1_CLIENT_ID=${appInstanceId}`, '-e', `MP1_CLIENT_SECRET=${clientSecret}`, '-e', `PORT_HTTP=${SAMPLE.port}`, IMAGE_NAME,
    ]);
    cleanups.push(() => podman(['rm', '-f', '-t', '0', name]));

    await expect.poll(() => registry.appInstance(appInstanceId)?.ready, { timeout: 60_000, interval: 500 }).toBe(true);
    const services = registry.services.find({}, appInstanceId);
    expect(services.map((s) => s.serName)).toEqual([SAMPLE.serviceName]);
    const status = async () => (await fetch(`http://127.0.0.1:${port}/status.json`)).json() as Promise<Record<string, string>>;
    await expect.poll(status, { timeout: 30_000, interval: 500 }).toMatchObject({ mp1: 'ready', appInstanceId, serviceId: services[0]!.serInstanceId });
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('Hello Container');

    await podman(['stop', '-t', '30', name]);
    const state = JSON.parse(await podman(['inspect', '--format', '{{json .State}}', name])) as { ExitCode: number; Status: string };
    expect(state).toMatchObject({ Status: 'exited', ExitCode: 0 });
  });
});
