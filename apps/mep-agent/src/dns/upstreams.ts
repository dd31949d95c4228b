/**
 * The upstream resolvers the DNS server forwards other names to, from `--dns-upstream` or
 * MECPORT_AGENT_DNS_UPSTREAMS: comma-separated `host:port` (`[v6]:port` for IPv6; the port
 * defaults to 53). Only addresses: a resolver named by a name would need a resolver first.
 *
 * @example parseUpstreams('127.0.0.1:5353, [::1]:53, 10.0.0.2') // three upstreams
 */
import { isIP } from 'node:net';

export interface TUpstream {
  host: string;
  port: number;
}

export function parseUpstreams(value: string | undefined): TUpstream[] {
  if (!value?.trim()) return [];
  return value.split(',').map((part) => part.trim()).filter(Boolean).map(parseOne);
}

function parseOne(text: string): TUpstream {
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text) ?? (isIP(text) === 6 ? [text, text, undefined] : null);
  const host = match?.[1];
  const port = Number(match?.[2] ?? 53);
  if (!host || isIP(host) === 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`DNS upstream ${JSON.stringify(text)}: must be an IP address with an optional port, e.g. 10.0.0.2:53 or [2001:db8::53]:53`);
  }
  return { host, port };
}

export function formatUpstream(u: TUpstream): string {
  return isIP(u.host) === 6 ? `[${u.host}]:${u.port}` : `${u.host}:${u.port}`;
}
