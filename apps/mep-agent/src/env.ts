/**
 * The agent's configuration from the environment, validated once. Command-line flags win over
 * these (see cli/); everything else reads the parsed object, never `process.env`.
 */
import { presentEnv } from '@mecport/contracts';
import { z } from 'zod';

export const PAUSE_POINTS = ['prepare:after-first-package', 'commit:after-first-change', 'rules:after-apply', 'podman:after-play'] as const;
export type TPausePoint = (typeof PAUSE_POINTS)[number];

export const ZAgentEnv = z.object({
  /** Where the agent keeps its credentials, state, packages, bundles and app logs. */
  MECPORT_AGENT_DATA_DIR: z.string().default('.data/agent'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Tests only: the apply stops for good at this point (after writing `paused-at` in the data
   * dir), so a test can SIGKILL the agent in the middle of a revision.
   */
  MECPORT_AGENT_PAUSE_AT: z.enum(PAUSE_POINTS).optional(),
  /** The node's DNS server: its port (`0` or `off`: no DNS server), its address, and where it forwards other names. */
  MECPORT_AGENT_DNS_PORT: z.string().optional(),
  MECPORT_AGENT_DNS_HOST: z.string().default('0.0.0.0'),
  /** Comma-separated `host:port` (IPv6 as `[addr]:port`); none: names that are not the apps' are REFUSED. */
  MECPORT_AGENT_DNS_UPSTREAMS: z.string().optional(),
  /** How often changed app log tails are pushed to the portal (default 10 s; the MEC sandbox wants them sooner). */
  MECPORT_AGENT_LOG_PUSH_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).optional(),
  /** The first wait before an app is restarted, doubling per restart (default 1 s; the MEC sandbox finds crash loops sooner). */
  MECPORT_AGENT_RESTART_BACKOFF_MS: z.coerce.number().int().min(50).max(60_000).optional(),
  /**
   * The node's registry credentials (a containers-auth.json, as `podman login --authfile` writes
   * it), passed to podman pulls as --authfile; `--registry-auth` wins. They stay on the node: the
   * desired state never carries credentials.
   */
  MECPORT_AGENT_REGISTRY_AUTH: z.string().min(1).optional(),
});
export type TAgentEnv = z.infer<typeof ZAgentEnv>;

export function agentEnv(source: Record<string, string | undefined> = process.env): TAgentEnv {
  return ZAgentEnv.parse(presentEnv(source));
}

/** What every app inherits from the agent's environment (nothing else of it: no agent secrets). */
export function appBaseEnv(source: Record<string, string | undefined> = process.env): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];
  return Object.fromEntries(keep.flatMap((name) => (source[name] ? [[name, source[name]]] : [])));
}

/** The DNS server's port from `--dns-port` or MECPORT_AGENT_DNS_PORT: 53 by default, undefined when off (`0` or `off`). */
export function dnsPort(value: string | undefined): number | undefined {
  const text = (value ?? '53').trim().toLowerCase();
  if (text === 'off' || text === '0') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`the DNS port must be 1-65535, 0 or off, not ${JSON.stringify(value)}`);
  return port;
}

/**
 * What a data-plane adapter may read of the agent's environment: its own settings and secrets
 * (a NEF client secret, say), which never travel from the portal. The adapters name their variables.
 */
export function adapterEnv(source: Record<string, string | undefined> = process.env): Readonly<Record<string, string | undefined>> {
  return { ...source };
}
