/** Package pull and bundle extraction against FakePortal (a stand-in for the portal's package route until it exists). */
import { createHash, createPrivateKey } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawZip } from '@mecport/app-package/testing/raw-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol } from '../channel/enrol';
import { PortalClient } from '../channel/portal-client';
import { TokenSigner } from '../channel/token-signer';
import { FakePortal } from '../testing/fake-portal';
import { buildHelloEdge } from '../testing/sample-app';
import { BundleInvalidError, extractProcessBundle } from './bundle-extract';
import { DigestMismatchError, PackageStore } from './package-store';

let portal: FakePortal;
let dir: string;
let client: PortalClient;
let nodeId: string;
let csar: string;

beforeAll(async () => {
  portal = await FakePortal.start();
  dir = await mkdtemp(join(tmpdir(), 'agent-packages-'));
  const ticket = portal.createEnrolmentToken();
  const { credentials, privateKeyPem } = await enrol({ portalUrl: portal.url, token: ticket.token, hostname: 'h' });
  nodeId = credentials.nodeId;
  client = new PortalClient({ portalUrl: portal.url, nodeId, signer: new TokenSigner(createPrivateKey(privateKeyPem), credentials) });
  csar = await buildHelloEdge(dir, { port: 18090 });
});
afterAll(async () => {
  await portal.stop();
  await rm(dir, { recursive: true, force: true });
});

const open = (path: string) => (offset: number) => client.openPackage(path, offset);

describe('PackageStore', () => {
  it('downloads, verifies the sha256 and keeps the package under its digest', async () => {
    const store = new PackageStore(join(dir, 'p1'));
    const ref = await portal.addPackage(nodeId, csar);
    const path = await store.fetch(ref, open(ref.path));
    expect(path).toBe(join(dir, 'p1', `${ref.sha256}.csar`));
    expect(createHash('sha256').update(await readFile(path)).digest('hex')).toBe(ref.sha256);
    const calls = portal.calls.length;
    await store.fetch(ref, open(ref.path)); // already here: no download
    expect(portal.calls.length).toBe(calls);
  });

  it('resumes an interrupted download with a Range request', async () => {
    const store = new PackageStore(join(dir, 'p2'));
    const ref = await portal.addPackage(nodeId, csar);
    const bytes = await readFile(csar);
    await mkdir(store.dir, { recursive: true });
    await writeFile(join(dir, 'p2', `${ref.sha256}.part`), bytes.subarray(0, 1000));
    await store.fetch(ref, open(ref.path));
    expect(portal.calls.at(-1)?.status).toBe(206);
    expect(await readFile(store.pathOf(ref.sha256))).toEqual(bytes);
    expect(await readdir(join(dir, 'p2'))).toEqual([`${ref.sha256}.csar`]);
  });

  it('deletes a package whose digest does not match and says so', async () => {
    const store = new PackageStore(join(dir, 'p3'));
    const ref = await portal.addPackage(nodeId, csar, { corrupt: true });
    const error = await store.fetch(ref, open(ref.path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect((error as DigestMismatchError).expected).toBe(ref.sha256);
    expect(await readdir(join(dir, 'p3'))).toEqual([]);
  });
});

describe('extractProcessBundle', () => {
  it('extracts only Artifacts/Deployment/Process/ and reads process.json', async () => {
    const { dir: bundleDir, bundle } = await extractProcessBundle(csar, join(dir, 'b1'), 'a'.repeat(64));
    expect((await readdir(bundleDir)).sort()).toEqual(['process.json', 'server.mjs']);
    expect(bundle).toMatchObject({ command: ['node', 'server.mjs'], ports: [{ name: 'HTTP', port: 18090 }], restartPolicy: 'always' });
    expect(await readdir(join(dir, 'b1'))).toEqual(['a'.repeat(64)]);
  });

  it.each([
    ['zip-slip', [{ name: 'Artifacts/Deployment/Process/../../../evil.sh', data: Buffer.from('x') }], /"\.\."/],
    ['a symbolic link', [{ name: 'Artifacts/Deployment/Process/process.json', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }], /symbolic link/],
    ['an encrypted entry', [{ name: 'Artifacts/Deployment/Process/process.json', data: Buffer.from('{}'), flags: 1 }], /encrypted/],
    ['no process.json', [{ name: 'Artifacts/Deployment/Process/server.mjs', data: Buffer.from('') }], /no Artifacts\/Deployment\/Process\/process.json/],
    ['a bad process.json', [{ name: 'Artifacts/Deployment/Process/process.json', data: Buffer.from('{"command":[]}') }], /command/],
    ['no bundle at all', [{ name: 'Definitions/app.yaml', data: Buffer.from('x') }], /no Artifacts\/Deployment\/Process\/ folder/],
  ])('refuses a package with %s and leaves nothing behind', async (_name, entries, message) => {
    const path = join(dir, `bad-${Math.random()}.csar`);
    await writeFile(path, rawZip(entries));
    const bundles = join(dir, `b-${Math.random()}`);
    const error = await extractProcessBundle(path, bundles, 'b'.repeat(64)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleInvalidError);
    expect((error as Error).message).toMatch(message);
    expect(await readdir(bundles).catch(() => [])).toEqual([]);
    await expect(stat(join(dir, '..', 'evil.sh'))).rejects.toThrow();
  });
});
