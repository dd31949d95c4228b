/** The store's architecture names for what packages declare (EdgeGallery writes `x86` or `X86`). */
import type { TArchitecture } from '@mecport/contracts';

const ALIASES: Record<string, TArchitecture> = {
  x86_64: 'x86_64', x86: 'x86_64', amd64: 'x86_64', 'x86-64': 'x86_64', x64: 'x86_64',
  aarch64: 'aarch64', arm64: 'aarch64', arm: 'aarch64', armv8: 'aarch64',
};

/**
 * The one architecture of a package: x86_64 when it declares none, null when it declares an
 * unknown one or several different ones.
 *
 * @example storeArchitecture(['X86']) // 'x86_64'
 */
export function storeArchitecture(declared: readonly string[]): TArchitecture | null {
  if (declared.length === 0) return 'x86_64';
  const mapped = new Set(declared.map((a) => ALIASES[a.trim().toLowerCase()] ?? null));
  if (mapped.has(null) || mapped.size !== 1) return null;
  return [...mapped][0] ?? null;
}
