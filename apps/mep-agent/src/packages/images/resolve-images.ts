/**
 * Makes every image of a container app present on the node and says which local image each
 * reference runs, checked before anything runs:
 *
 * - from an archive in the package: the archive's digest is checked against the package
 *   manifest BEFORE it is loaded (a mismatch loads nothing), then `podman load`; the image is
 *   tagged with the reference the YAML writes when the archive named it otherwise;
 * - from a registry: only a registry of the node's runtime setting (host and port equal; its
 *   tlsVerify passed on), with the node's auth file; an image already present (with the pinned
 *   digest, when there is a pin) is not pulled again.
 *
 * The AppD's pin (`digest`) is compared with the digests Podman reports for the image's manifest:
 * for a pull the registry's manifest digest; for an archive the digest of the manifest the
 * archive carries (an OCI archive's index entry) or, for a docker archive, of the manifest
 * Podman writes when it loads it (the same for the same image). A difference is a
 * DigestMismatchError: the image the agent pulled or loaded is removed again and nothing runs.
 *
 * An archive loaded once is recorded in the bundle folder (`images.json`): while its reference
 * still names the same image it is neither hashed nor loaded again.
 *
 * @example const images = await resolveImages(desired.container.images, { images, bundleDir, manifest, registries });
 */
import { join } from 'node:path';
import { ZImageDigest, type TContainerImage, type TRegistry } from '@mecport/contracts';
import { z } from 'zod';
import type { TContainerRun } from '../../runtime/app-runtime';
import { readJson, writeJsonAtomic } from '../../state/atomic-file';
import type { TManifestDigest } from '../csar-manifest';
import { checkArchive } from './archive-check';
import { ImageDigestMismatchError, ImageRefusedError } from './image-errors';
import { digestsFor, type PodmanImages, type TLocalImage } from './podman-images';
import { allowedRegistry } from './registry-host';

export type TResolvedImage = TContainerRun['images'][number];

export interface TResolveContext {
  images: PodmanImages;
  bundleDir: string;
  /** The image archives the package carries (relative paths): an archive the desired state names must be one. */
  archives: readonly string[];
  /** The package manifest's digests (relative paths). */
  manifest: ReadonlyMap<string, TManifestDigest>;
  registries: readonly TRegistry[];
  /** Told while an image is being pulled (the instance shows DOWNLOADING). */
  onPull?(active: boolean): void;
}

const LOADED_FILE = 'images.json';
const ZLoaded = z.array(z.object({ archive: z.string(), name: z.string(), imageId: z.string(), digest: ZImageDigest }));

export async function resolveImages(wanted: readonly TContainerImage[], ctx: TResolveContext): Promise<TResolvedImage[]> {
  const resolved: TResolvedImage[] = [];
  for (const image of wanted) resolved.push(image.archive ? await fromArchive(image, image.archive, ctx) : await fromRegistry(image, ctx));
  return resolved;
}

async function fromArchive(image: TContainerImage, archive: string, ctx: TResolveContext): Promise<TResolvedImage> {
  const recordPath = join(ctx.bundleDir, LOADED_FILE);
  const loaded = (await readJson(recordPath, ZLoaded).catch(() => undefined)) ?? [];
  const known = loaded.find((l) => l.archive === archive && l.name === image.name && (!image.digest || l.digest === image.digest));
  if (known && (await ctx.images.inspect(image.name))?.id === known.imageId) return { name: image.name, imageId: known.imageId, digest: known.digest };
  if (!ctx.archives.includes(archive)) throw new ImageRefusedError(`image ${image.name}: the package has no ${archive}`);
  await checkArchive(ctx.bundleDir, archive, ctx.manifest, image.name);
  const before = await ctx.images.inspect(image.name);
  const refs = await ctx.images.load(join(ctx.bundleDir, archive));
  if (!refs.includes(image.name) && !refs.some((r) => sameName(r, image.name))) {
    if (refs.length !== 1) throw new ImageRefusedError(`image ${image.name}: ${archive} holds ${refs.length === 0 ? 'no image' : refs.join(', ')}, not one image to name ${image.name}`);
    await ctx.images.tag(refs[0]!, image.name);
  }
  const local = await ctx.images.inspect(image.name);
  if (!local) throw new ImageRefusedError(`image ${image.name}: not present after loading ${archive}`);
  const result = await checked(image, local, before, ctx, `the image loaded from ${archive} has another manifest digest than the AppD pins`);
  await writeJsonAtomic(recordPath, [...loaded.filter((l) => l !== known), { archive, ...result }]);
  return result;
}

async function fromRegistry(image: TContainerImage, ctx: TResolveContext): Promise<TResolvedImage> {
  const registry = allowedRegistry(image.name, ctx.registries);
  const before = await ctx.images.inspect(image.name);
  if (before && (!image.digest || before.digests.includes(image.digest))) return checked(image, before, before, ctx, '');
  ctx.onPull?.(true);
  let id: string;
  try {
    id = await ctx.images.pull(image.name, registry);
  } finally {
    ctx.onPull?.(false);
  }
  const local = await ctx.images.inspect(id);
  if (!local) throw new ImageRefusedError(`image ${image.name}: not present after pulling it`);
  return checked(image, local, before, ctx, `registry ${registry.host} serves another manifest digest than the AppD pins`);
}

/** The pin against what is present; on a mismatch the reference is removed again when the agent just made it. */
async function checked(image: TContainerImage, local: TLocalImage, before: TLocalImage | undefined, ctx: TResolveContext, what: string): Promise<TResolvedImage> {
  const own = digestsFor(local, image.name);
  if (image.digest && !local.digests.includes(image.digest)) {
    if (before?.id !== local.id) await ctx.images.untag(image.name);
    throw new ImageDigestMismatchError(image.name, image.digest, own.join(' or ') || '(none)', what);
  }
  const digest = ZImageDigest.safeParse(image.digest ?? own[0]);
  if (!digest.success) throw new ImageRefusedError(`image ${image.name}: Podman reports no manifest digest for it`);
  return { name: image.name, imageId: local.id, digest: digest.data };
}

/** `localhost/x:1` and `x:1`-style equivalence is not assumed: only a default `:latest` tag is. */
function sameName(ref: string, name: string): boolean {
  const withTag = (n: string) => (/:[^/]+$/.test(n) ? n : `${n}:latest`);
  return withTag(ref) === withTag(name);
}
