/**
 * Writes an OCI image archive (an OCI image layout in a tar, what `podman load` and
 * `skopeo copy oci-archive:` read) without podman: uncompressed layers, a config and a manifest
 * written here, so the image's digest (the manifest's SHA-256, which Podman reports for the
 * loaded image) is known before anything loads it, and is the same on every machine for the same
 * layers. The index names the image (`org.opencontainers.image.ref.name`), so `podman load`
 * tags it with that reference.
 *
 * @example
 *   const image = await writeOciArchive({ out: 'dist/hello.tar', name: 'localhost/mecport/hello:1', layers: [layerTar], config: { Entrypoint: ['/bin/sh'] } });
 *   image.digest; // 'sha256:…' — pin this in the AppD's swImageDescriptor
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { deterministicTar, FIXED_MTIME, type TTarEntry } from './deterministic-tar';

export interface TOciImage {
  /** The reference the index names (and the Kubernetes YAML writes). */
  name: string;
  /** `sha256:<hex>` of the manifest: what Podman reports as the image's digest. */
  digest: string;
  /** `sha256:<hex>` of the config: Podman's image id. */
  configDigest: string;
}

export interface TOciArchiveOptions {
  out: string;
  name: string;
  /** Uncompressed layer tars, lowest first. */
  layers: Buffer[];
  /** The image config's `config` (Entrypoint, Env, User, ExposedPorts, WorkingDir…). */
  config: Record<string, unknown>;
}

const sha256 = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** The OCI platform name of the machine that runs the build (its busybox is the image's). */
export function ociArchitecture(arch: string = process.arch): string {
  return ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[arch] ?? arch;
}

function blob(bytes: Buffer | string): { digest: string; size: number; bytes: Buffer } {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return { digest: sha256(buffer), size: buffer.length, bytes: buffer };
}

export async function writeOciArchive(options: TOciArchiveOptions): Promise<TOciImage> {
  const layers = options.layers.map(blob);
  const config = blob(JSON.stringify({
    created: FIXED_MTIME.toISOString(), architecture: ociArchitecture(), os: 'linux', config: options.config,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    history: layers.map(() => ({ created: FIXED_MTIME.toISOString(), created_by: 'MECport examples/hello-container (no podman: tar-stream)' })),
  }));
  const manifest = blob(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: l.digest, size: l.size })),
  }));
  const index = JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifest.digest, size: manifest.size, annotations: { 'org.opencontainers.image.ref.name': options.name } }],
  });
  const blobs = [...new Map([...layers, config, manifest].map((b) => [b.digest, b])).values()];
  const entries: TTarEntry[] = [
    { name: 'oci-layout', type: 'file', content: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
    { name: 'index.json', type: 'file', content: index },
    { name: 'blobs/', type: 'directory' },
    { name: 'blobs/sha256/', type: 'directory' },
    ...blobs.map((b): TTarEntry => ({ name: `blobs/sha256/${b.digest.slice('sha256:'.length)}`, type: 'file', content: b.bytes })),
  ];
  await writeFile(options.out, await deterministicTar(entries));
  return { name: options.name, digest: manifest.digest, configDigest: config.digest };
}
