/**
 * Which registry an image reference pulls from, and whether the node's runtime setting allows
 * it. A reference's first part is its registry when it has a dot or a port or is `localhost`
 * (the Docker reference rules); short names (`busybox`, `library/nginx`) are refused for pulls:
 * which registry they come from would depend on the node's registries.conf, not on its setting.
 *
 * @example registryOf('127.0.0.1:5055/demo/hello:1.0') // '127.0.0.1:5055'
 */
import type { TRegistry } from '@mecport/contracts';
import { ImageRefusedError } from './image-errors';

export function registryOf(name: string): string | undefined {
  const slash = name.indexOf('/');
  if (slash < 0) return undefined;
  const first = name.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first.toLowerCase() : undefined;
}

/** The node's registry entry this image may be pulled from; throws naming the registry otherwise. */
export function allowedRegistry(name: string, registries: readonly TRegistry[]): TRegistry {
  const host = registryOf(name);
  if (!host) throw new ImageRefusedError(`image ${name} names no registry: write it in full (e.g. registry.example:5000/team/app:1.0) or ship it as an archive under Artifacts/Images/`);
  const found = registries.find((r) => r.host.toLowerCase() === host);
  if (!found) {
    const allowed = registries.length > 0 ? registries.map((r) => r.host).join(', ') : 'none';
    throw new ImageRefusedError(`image ${name}: registry ${host} is not among the registries this node may pull from (${allowed}); add it to the node's runtime setting`);
  }
  return found;
}
