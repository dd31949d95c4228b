/**
 * What the node's DNS server answers for itself: the ACTIVE DNS rules (MEC 011 DnsRule) of the
 * app instances meant to run here, as name -> A and AAAA records. Names are compared without
 * case and without a trailing dot (RFC 4343). A name with rules of one address type only has
 * none of the other: the server answers NODATA for it, not a forwarded answer, so a client never
 * mixes the app's local address with one from elsewhere.
 *
 * @example const records = dnsRecords([{ appInstanceId, dnsRules }]); records.get('app.mec.example')?.A
 */
import { isIP } from 'node:net';
import type { TDnsRule } from '@mecport/contracts/mec011';

/** TTL for a rule that gives none (MEC 011 makes `ttl` optional). */
export const DEFAULT_TTL_SEC = 60;

export interface TAddressRecord {
  address: string;
  ttl: number;
}

export interface TNameRecords {
  A: TAddressRecord[];
  AAAA: TAddressRecord[];
}

export type TDnsRecords = ReadonlyMap<string, TNameRecords>;

/** `App.MEC.example.` -> `app.mec.example`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.+$/, '');
}

export function dnsRecords(instances: readonly { dnsRules: readonly TDnsRule[] }[]): TDnsRecords {
  const records = new Map<string, TNameRecords>();
  for (const rule of instances.flatMap((i) => i.dnsRules)) {
    if (rule.state !== 'ACTIVE') continue;
    const type = rule.ipAddressType === 'IP_V6' ? 'AAAA' : 'A';
    if (isIP(rule.ipAddress) !== (type === 'A' ? 4 : 6)) continue; // the portal validates; an odd rule is left out, not guessed
    const name = normalizeName(rule.domainName);
    const entry = records.get(name) ?? { A: [], AAAA: [] };
    if (!entry[type].some((r) => r.address === rule.ipAddress)) entry[type].push({ address: rule.ipAddress, ttl: rule.ttl ?? DEFAULT_TTL_SEC });
    records.set(name, entry);
  }
  return records;
}
