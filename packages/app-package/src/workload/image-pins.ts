/**
 * Which image archive and which digest a container app's image gets, from the AppD's
 * `swImageDescriptor` (MEC 010-2 / IFA011 SwImageDesc) and the package's `Artifacts/Images/*.tar`.
 *
 * - An image is *described* by a swImageDescriptor whose `name` is the reference the Kubernetes
 *   YAML writes (`127.0.0.1:5055/demo/hello:1.0`), or whose `name:version` is (EdgeGallery writes
 *   the full reference in `sw_image_data.name`).
 * - Its `digest` is that descriptor's checksum when it is a SHA-256 hash (`sha256:<hex>`).
 * - Its `archive` is the `Artifacts/Images/*.tar` the descriptor's `swImage` (the artifact's
 *   `file`) names; failing that, the archive named after the image: `<repository's last
 *   segment>.tar`, `<last segment>_<tag>.tar` or `<last segment>-<tag>.tar` (`hello.tar`,
 *   `hello_1.0.tar`). Absent: the node pulls it from a registry.
 *
 * @example
 *   resolveImage('127.0.0.1:5055/demo/hello:1.0', pinsFromAppd(appd), ['Artifacts/Images/hello.tar'])
 *   // { name: '127.0.0.1:5055/demo/hello:1.0', archive: 'Artifacts/Images/hello.tar', digest: 'sha256:…' }
 */
import { posix } from 'node:path';
import { IMAGES_DIR, type TContainerImage } from '@mecport/contracts';

export interface TImagePin {
  name?: string;
  version?: string;
  checksum?: { algorithm?: string; hash?: string };
  swImage?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** The swImageDescriptor(s) of a MEC 010-2 AppD (validated or draft), read defensively from stored JSON. */
export function pinsFromAppd(appd: unknown): TImagePin[] {
  if (!isObject(appd)) return [];
  const raw = appd.swImageDescriptor;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isObject).map((d) => ({
    name: text(d.name), version: text(d.version), swImage: text(d.swImage),
    checksum: isObject(d.checksum) ? { algorithm: text(d.checksum.algorithm), hash: text(d.checksum.hash) } : undefined,
  }));
}

/** `sha256:<hex>` from a SHA-256 checksum (`SHA-256`, `sha256`, `SHA_256`), else undefined. */
export function digestOf(checksum: TImagePin['checksum']): string | undefined {
  if (!checksum?.hash || !/^sha-?_?256$/i.test(checksum.algorithm ?? '')) return undefined;
  const hex = checksum.hash.trim().toLowerCase().replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(hex) ? `sha256:${hex}` : undefined;
}

function describes(pin: TImagePin, image: string): boolean {
  if (!pin.name) return false;
  return pin.name === image || (pin.version !== undefined && `${pin.name}:${pin.version}` === image);
}

/** `127.0.0.1:5055/demo/hello:1.0` -> { base: 'hello', tag: '1.0' } (a digest reference has no tag). */
function baseAndTag(image: string): { base: string; tag?: string } {
  const withoutDigest = image.split('@')[0]!;
  const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? { base: last } : { base: last.slice(0, colon), tag: last.slice(colon + 1) };
}

function archiveNamedAfter(image: string, archives: string[]): string | undefined {
  const { base, tag } = baseAndTag(image);
  const names = [`${base}.tar`, ...(tag ? [`${base}_${tag}.tar`, `${base}-${tag}.tar`] : [])];
  return archives.find((a) => names.includes(posix.basename(a)));
}

/**
 * One image as the node gets it. `archives` are the package's image archives, relative to its
 * top folder (`Artifacts/Images/x.tar`).
 */
export function resolveImage(image: string, pins: TImagePin[], archives: string[]): TContainerImage {
  const pin = pins.find((p) => describes(p, image));
  const declared = pin?.swImage ? posix.normalize(pin.swImage.replace(/^\.\//, '')) : undefined;
  const archive = (declared && declared.startsWith(IMAGES_DIR) && archives.includes(declared) ? declared : undefined) ?? archiveNamedAfter(image, archives);
  const digest = digestOf(pin?.checksum);
  return { name: image, ...(digest ? { digest } : {}), ...(archive ? { archive } : {}) };
}
