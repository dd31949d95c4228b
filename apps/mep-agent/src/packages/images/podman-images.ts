/**
 * The node's images through the `podman` command line: what is present (id and manifest
 * digests), loading an archive, pulling from a registry (with the node's auth file when it has
 * one: registry credentials stay on the node), tagging and removing what the agent itself added.
 *
 * @example
 *   const images = new PodmanImages(podman, { authFile: '/etc/mecport/auth.json' });
 *   const id = await images.pull('127.0.0.1:5055/demo/hello:1.0', { tlsVerify: false });
 *   (await images.inspect(id))?.digests; // ['sha256:…']
 */
import { z } from 'zod';
import type { PodmanCli } from '../../runtime/podman/podman-cli';

/** Pulls of large images from a distant registry take long: the call's own limit is generous. */
const PULL_TIMEOUT_MS = 30 * 60_000;
const LOAD_TIMEOUT_MS = 15 * 60_000;

const ZInspected = z.array(
  z.object({
    Id: z.string(),
    Digest: z.string().optional(),
    RepoDigests: z.array(z.string()).nullable().optional(),
    RepoTags: z.array(z.string()).nullable().optional(),
  }).loose(),
);

export interface TLocalImage {
  /** 64 hex digits. */
  id: string;
  /** The digest Podman reports for the image's manifest (`.Digest`). */
  digest: string | undefined;
  /** Every manifest digest Podman knows the image by (`.Digest` and the @sha256 part of `.RepoDigests`). */
  digests: string[];
  /** `<repository>@sha256:…` */
  repoDigests: string[];
  tags: string[];
}

/**
 * The manifest digests of the image as `name` knows it: its repository's entries of
 * `.RepoDigests` (what the registry served, or what a loaded archive carried), `.Digest` first
 * when it is one of them. An image that came by several ways (pulled, and imported or loaded
 * before under another name) is known by every manifest it came with: podman does not say which
 * one a tag was pulled with, so all are candidates.
 */
export function digestsFor(image: TLocalImage, name: string): string[] {
  const repository = name.replace(/@.*$/, '').replace(/:[^/:]+$/, '');
  const own = image.repoDigests.filter((r) => r.slice(0, r.lastIndexOf('@')) === repository).map((r) => r.slice(r.lastIndexOf('@') + 1));
  const ordered = image.digest && own.includes(image.digest) ? [image.digest, ...own.filter((d) => d !== image.digest)] : own;
  return ordered.length > 0 ? ordered : image.digest ? [image.digest] : [];
}

export class PodmanImages {
  constructor(
    readonly podman: PodmanCli,
    private readonly options: { authFile?: string } = {},
  ) {}

  /** The local image `ref` (a name or an id) names, or undefined when there is none. */
  async inspect(ref: string): Promise<TLocalImage | undefined> {
    const out = await this.podman.run(['image', 'inspect', '--format', 'json', ref], { timeoutMs: 60_000 }).catch(() => undefined);
    const image = out && ZInspected.safeParse(JSON.parse(out.stdout || '[]')).data?.[0];
    if (!image) return undefined;
    const repoDigests = (image.RepoDigests ?? []).map((r) => r.slice(r.lastIndexOf('@') + 1));
    const digests = [...new Set([...(image.Digest ? [image.Digest] : []), ...repoDigests])].filter((d) => d.startsWith('sha256:'));
    return { id: image.Id.replace(/^sha256:/, ''), digest: image.Digest, digests, repoDigests: image.RepoDigests ?? [], tags: image.RepoTags ?? [] };
  }

  /** Loads an image archive (docker or OCI); the references it loaded (names, or sha256:<id> for unnamed images). */
  async load(path: string): Promise<string[]> {
    const { stdout } = await this.podman.run(['load', '--input', path], { timeoutMs: LOAD_TIMEOUT_MS });
    // "Loaded image: a" or "Loaded image(s): a,b" (podman 4)
    return stdout.split('\n').flatMap((line) => {
      const match = /^Loaded image(?:\(s\))?:\s*(.+)$/.exec(line.trim());
      return match ? match[1]!.split(',').map((s) => s.trim()).filter(Boolean) : [];
    });
  }

  /** Pulls `name` (never from anywhere but the registry it names); the pulled image's id. */
  async pull(name: string, registry: { tlsVerify: boolean }): Promise<string> {
    const args = ['pull', '--quiet', `--tls-verify=${registry.tlsVerify}`, ...(this.options.authFile ? ['--authfile', this.options.authFile] : []), name];
    const { stdout } = await this.podman.run(args, { timeoutMs: PULL_TIMEOUT_MS });
    return stdout.trim().split('\n').pop()!.trim();
  }

  async tag(ref: string, name: string): Promise<void> {
    await this.podman.run(['tag', ref, name]);
  }

  /** Removes a name the agent added, or an image only the agent's name held (never forced: an image in use stays). */
  async untag(name: string): Promise<void> {
    await this.podman.run(['rmi', name]).catch(() => undefined);
  }
}
