/**
 * Image resolution with real podman and a real registry on loopback (Debian's docker-registry):
 * archives checked against the manifest before loading, pins compared with what Podman reports,
 * registries allowed by the node's setting only, present images not pulled again. Every image
 * this file makes is named localhost/mecport-ci-test/<random>/… and removed at the end.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TContainerImage } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodmanCli } from '../../runtime/podman/podman-cli';
import { importBusyboxImage, requirePodman, saveImageArchive } from '../../testing/busybox-image';
import { TestRegistry } from '../../testing/registry';
import type { TManifestDigest } from '../csar-manifest';
import { DigestMismatchError } from '../package-store';
import { ImageDigestMismatchError, ImageRefusedError } from './image-errors';
import { PodmanImages } from './podman-images';
import { resolveImages, type TResolveContext } from './resolve-images';

/** Counts loads and pulls, and remembers the arguments podman got. */
class CountingImages extends PodmanImages {
  loads = 0;
  pulls = 0;
  override async load(path: string): Promise<string[]> {
    this.loads += 1;
    return super.load(path);
  }
  override async pull(name: string, registry: { tlsVerify: boolean }): Promise<string> {
    this.pulls += 1;
    return super.pull(name, registry);
  }
}

const ns = `localhost/mecport-ci-test/${randomBytes(4).toString('hex')}`;
const ARCHIVE = 'Artifacts/Images/app.tar';
let dir: string;
let podman: PodmanCli;
let registry: TestRegistry;
/** An archive of a busybox image (docker-archive) and its manifest entry. */
let archive: { path: string; digest: TManifestDigest };
const made = new Set<string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resolve-images-'));
  podman = await requirePodman(join(dir, 'agent'));
  registry = await TestRegistry.start();
  const image = await importBusyboxImage(podman, { workDir: dir, name: `${ns}/source:1` });
  made.add(image.name);
  const path = await saveImageArchive(podman, image.name, join(dir, 'app.tar'));
  archive = { path, digest: { algorithm: 'sha256', label: 'SHA-256', hash: createHash('sha256').update(await readFile(path)).digest('hex') } };
}, 120_000);

afterAll(async () => {
  for (const name of made) await podman.run(['rmi', '--force', name]).catch(() => undefined);
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
}, 120_000);

/** A fresh bundle folder holding the archive, and a context for it. */
async function bundle(options: { manifest?: Map<string, TManifestDigest>; registries?: TResolveContext['registries']; images?: CountingImages } = {}): Promise<TResolveContext & { images: CountingImages }> {
  const bundleDir = await mkdtemp(join(dir, 'bundle-'));
  await mkdir(join(bundleDir, 'Artifacts/Images'), { recursive: true });
  await copyFile(archive.path, join(bundleDir, ARCHIVE));
  return { images: options.images ?? new CountingImages(podman), bundleDir, archives: [ARCHIVE], manifest: options.manifest ?? new Map([[ARCHIVE, archive.digest]]), registries: options.registries ?? [] };
}

const present = async (name: string) => (await new PodmanImages(podman).inspect(name)) !== undefined;
const named = (suffix: string) => {
  const name = `${ns}/${suffix}`;
  made.add(name);
  return name;
};

describe('an image from an archive in the package', () => {
  it('is loaded, named as the YAML names it, and pinned by the manifest digest Podman reports', async () => {
    const name = named('archived:1');
    const ctx = await bundle();
    const [first] = await resolveImages([{ name, archive: ARCHIVE }], ctx);
    const local = await ctx.images.inspect(name);
    expect(first).toEqual({ name, imageId: local!.id, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as string });
    expect(local!.repoDigests).toContain(`${name.replace(/:1$/, '')}@${first!.digest}`);
    // The same archive loaded elsewhere with that pin: accepted.
    await podman.run(['rmi', name]);
    const again = await bundle();
    expect(await resolveImages([{ name, archive: ARCHIVE, digest: first!.digest }], again)).toEqual([first]);
  });

  it('is neither hashed nor loaded again while its name still names the image loaded', async () => {
    const name = named('recorded:1');
    const ctx = await bundle();
    const [first] = await resolveImages([{ name, archive: ARCHIVE }], ctx);
    expect(ctx.images.loads).toBe(1);
    expect(await resolveImages([{ name, archive: ARCHIVE }], ctx)).toEqual([first]);
    expect(ctx.images.loads).toBe(1);
    await podman.run(['rmi', name]); // gone: loaded again
    expect(await resolveImages([{ name, archive: ARCHIVE }], ctx)).toEqual([first]);
    expect(ctx.images.loads).toBe(2);
  });

  it('is refused before anything is loaded when its bytes do not match the manifest', async () => {
    const name = named('tampered:1');
    const ctx = await bundle({ manifest: new Map([[ARCHIVE, { ...archive.digest, hash: '0'.repeat(64) }]]) });
    const error = await resolveImages([{ name, archive: ARCHIVE }], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect((error as Error).message).toContain(`${ARCHIVE} does not match the package manifest`);
    expect(ctx.images.loads).toBe(0);
    expect(await present(name)).toBe(false);
  });

  it('is refused when the manifest does not cover it, or the package does not carry it', async () => {
    const ctx = await bundle({ manifest: new Map() });
    await expect(resolveImages([{ name: named('uncovered:1'), archive: ARCHIVE }], ctx)).rejects.toThrow(/the package manifest has no digest for Artifacts\/Images\/app\.tar/);
    await expect(resolveImages([{ name: named('missing:1'), archive: 'Artifacts/Images/other.tar' }], ctx)).rejects.toThrow(/the package has no Artifacts\/Images\/other\.tar/);
    expect(ctx.images.loads).toBe(0);
  });

  it('is removed again when its digest is not the AppD\'s pin', async () => {
    const name = named('badpin:1');
    const ctx = await bundle();
    const error = await resolveImages([{ name, archive: ARCHIVE, digest: `sha256:${'1'.repeat(64)}` }], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDigestMismatchError);
    expect((error as Error).message).toMatch(/another manifest digest than the AppD pins: expected sha256:1{64}, got sha256:[0-9a-f]{64}/);
    expect(await present(name)).toBe(false);
  });
});

describe('an image from a registry', () => {
  const allowed = () => [{ host: registry.host, tlsVerify: false }];

  it('is pulled from an allowed registry with its pin, and not pulled again while present', async () => {
    const source = await importBusyboxImage(podman, { workDir: dir, name: named('push-a:1') });
    const pinned = await registry.push(podman, source.name, 'demo/a:1');
    const image: TContainerImage = { name: `${registry.host}/demo/a:1`, digest: pinned };
    made.add(image.name);
    const pulling: boolean[] = [];
    const ctx = { ...(await bundle({ registries: allowed() })), onPull: (active: boolean) => pulling.push(active) };
    const [resolved] = await resolveImages([image], ctx);
    expect(resolved).toEqual({ name: image.name, imageId: source.imageId.replace(/^sha256:/, ''), digest: pinned });
    expect(ctx.images.pulls).toBe(1);
    expect(pulling).toEqual([true, false]); // the instance shows DOWNLOADING meanwhile
    expect(await resolveImages([image], ctx)).toEqual([resolved]);
    expect(ctx.images.pulls).toBe(1);
    expect(pulling).toHaveLength(2);
  });

  it('is refused and removed when the registry serves another digest under the tag than the pin', async () => {
    const first = await importBusyboxImage(podman, { workDir: dir, name: named('push-b1:1') });
    const pinned = await registry.push(podman, first.name, 'demo/b:1');
    const second = await importBusyboxImage(podman, { workDir: dir, name: named('push-b2:1'), files: { '/www/index.html': 'another image\n' } });
    const served = await registry.push(podman, second.name, 'demo/b:1');
    expect(served).not.toBe(pinned);
    const name = `${registry.host}/demo/b:1`;
    made.add(name);
    const ctx = await bundle({ registries: allowed() });
    const error = await resolveImages([{ name, digest: pinned }], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDigestMismatchError);
    expect((error as Error).message).toMatch(new RegExp(`^image ${name}: registry ${registry.host} serves another manifest digest than the AppD pins: expected ${pinned}, got .*${served}.*; nothing of it runs$`));
    expect(ctx.images.pulls).toBe(1);
    expect(await present(name)).toBe(false);
  });

  it('is refused from a registry the node\'s setting does not list, naming it, and nothing is pulled', async () => {
    const ctx = await bundle({ registries: [{ host: '127.0.0.1:1', tlsVerify: false }] });
    const error = await resolveImages([{ name: `${registry.host}/demo/a:1` }], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRefusedError);
    expect((error as Error).message).toContain(`registry ${registry.host} is not among the registries this node may pull from (127.0.0.1:1)`);
    expect(ctx.images.pulls).toBe(0);
  });

  it('is pulled with the node\'s auth file and the registry\'s TLS setting', async () => {
    const calls: string[][] = [];
    const spy = { run: async (args: string[]) => { calls.push(args); return { stdout: 'f'.repeat(64), stderr: '' }; } } as unknown as PodmanCli;
    await new PodmanImages(spy, { authFile: '/etc/mecport/auth.json' }).pull('registry.example/app:1', { tlsVerify: true });
    await new PodmanImages(spy).pull('127.0.0.1:5000/app:1', { tlsVerify: false });
    expect(calls).toEqual([
      ['pull', '--quiet', '--tls-verify=true', '--authfile', '/etc/mecport/auth.json', 'registry.example/app:1'],
      ['pull', '--quiet', '--tls-verify=false', '127.0.0.1:5000/app:1'],
    ]);
  });
});
