/**
 * Where a sandbox's namespaces sit: one /30 per sandbox out of 10.214.0.0/16 between the root
 * namespace (the site's servers) and the app's namespace, and a fixed /30 between the app's
 * namespace and the UEs' namespace (each sandbox has its own pair, so it never collides).
 */
export const BLOCK_COUNT = 16_384;
export const UE_LINK = { appSide: '192.0.2.1', ueSide: '192.0.2.2', prefix: 30 } as const;

export interface TAddressPlan {
  index: number;
  /** The app's namespace and the UEs' namespace. */
  appNs: string;
  ueNs: string;
  /** The veth end in the root namespace (names there are machine-wide: at most 15 characters). */
  rootDevice: string;
  siteAddress: string;
  appSideAddress: string;
}

/** The namespace prefix of one host: `mecsb-<tag>-`, so a host removes only its own leftovers. */
export function namespacePrefix(tag: string): string {
  return `mecsb-${tag}-`;
}

export function addressPlan(tag: string, index: number): TAddressPlan {
  if (!Number.isInteger(index) || index < 0 || index >= BLOCK_COUNT) throw new Error(`address block ${index} is out of range`);
  const third = index >> 6;
  const fourth = (index & 63) * 4;
  const ns = `${namespacePrefix(tag)}${index}`;
  return {
    index,
    appNs: ns,
    ueNs: `${ns}u`,
    rootDevice: `mecsb${index}`,
    siteAddress: `10.214.${third}.${fourth + 1}`,
    appSideAddress: `10.214.${third}.${fourth + 2}`,
  };
}

/** Where to start looking for a free block: spread by sandbox id so concurrent hosts rarely race. */
export function firstIndexFor(sandboxId: string): number {
  let hash = 0;
  for (const char of sandboxId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % BLOCK_COUNT;
}
