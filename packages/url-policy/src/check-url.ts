/**
 * A URL against the policy: first what its text says (scheme, credentials, a literal address or
 * a name that is always loopback), then, for other names, every address the name resolves to.
 * `checkUrl` answers the addresses it checked so the sender connects to exactly those: DNS cannot
 * change between the check and the connection.
 *
 * @example
 * const verdict = await checkUrl('http://localhost:8090/cb', { allowPublic: false, loopbackPorts: [8090] });
 * if (!verdict.ok) throw new Error(verdict.reason);
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { parseAddress, type TAddress } from './address-range';
import { judgeAddress, type TUrlPolicy } from './policy';

export const ALLOWED_PROTOCOLS = ['http:', 'https:'] as const;

export type TLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface TTarget {
  url: URL;
  /** The effective port (80 or 443 when the URL names none). */
  port: number;
  /** The literal address, or the name to resolve. */
  host: { address: TAddress } | { name: string };
}

export type TTargetVerdict = { ok: true; target: TTarget } | { ok: false; reason: string };
export type TCheckedUrl = { ok: true; url: URL; port: number; addresses: TAddress[] } | { ok: false; reason: string };

/** RFC 6761: `localhost` and names under it are loopback whatever a resolver says. */
const LOOPBACK_NAME = /(^|\.)localhost$/i;

/** Parses the URL and judges what its text alone decides. */
export function checkUrlText(text: string, policy: TUrlPolicy): TTargetVerdict {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'is not an absolute URL' };
  }
  if (!(ALLOWED_PROTOCOLS as readonly string[]).includes(url.protocol)) return { ok: false, reason: `must be an http or https URL (got ${url.protocol.replace(/:$/, '')})` };
  if (url.username || url.password) return { ok: false, reason: 'must not carry a user name or password' };
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const name = url.hostname.replace(/\.$/, '');
  const literal = parseAddress(LOOPBACK_NAME.test(name) ? '127.0.0.1' : name);
  if (!literal) return { ok: true, target: { url, port, host: { name } } };
  const verdict = judgeAddress(literal, port, policy);
  if (verdict.allowed) return { ok: true, target: { url, port, host: { address: literal } } };
  return { ok: false, reason: url.hostname === literal.address ? verdict.reason : `${url.hostname} means ${verdict.reason}` };
}

/** The full check: the text, then every address a name resolves to (all must pass). */
export async function checkUrl(text: string, policy: TUrlPolicy, lookup: TLookup = defaultLookup): Promise<TCheckedUrl> {
  const first = checkUrlText(text, policy);
  if (!first.ok) return first;
  const { url, port, host } = first.target;
  if ('address' in host) return { ok: true, url, port, addresses: [host.address] };
  let answers: { address: string }[];
  try {
    answers = await lookup(host.name);
  } catch (error) {
    return { ok: false, reason: `${host.name} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const addresses = answers.map((a) => parseAddress(a.address)).filter((a): a is TAddress => a !== undefined);
  if (addresses.length === 0) return { ok: false, reason: `${host.name} does not resolve to any address` };
  for (const address of addresses) {
    const verdict = judgeAddress(address, port, policy);
    if (!verdict.allowed) return { ok: false, reason: `${host.name} resolves to ${verdict.reason}` };
  }
  return { ok: true, url, port, addresses };
}

const defaultLookup: TLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });
