/**
 * The contract of a sandbox's network (issue 13): where the machine allows network namespaces,
 * the sandbox's agent and app run in a namespace of their own, reaching only the site's MEC API
 * gateway (and the emulated UEs, whose traffic is shaped with `tc netem` by the zone's or POA's
 * network characteristics); the portal's database and other sandboxes are out of reach. Where it
 * does not (no root, no `ip`), the sandbox runs on loopback and says plainly that it is not
 * isolated and not shaped.
 */
import type { TNetChar } from '@mecport/contracts/sandbox';

export interface TSandboxNetwork {
  /** What `networkShaping` reports: real or not, and why. */
  readonly shaping: { real: boolean; reason: string };
  /** Whether the agent and app are in a namespace of their own. */
  readonly isolated: boolean;
  /** Prefix of the command that starts the agent (e.g. ['ip', 'netns', 'exec', name]); [] on loopback. */
  readonly commandPrefix: readonly string[];
  /** The address the site's servers listen on and the agent/app reach them at ('127.0.0.1' on loopback). */
  readonly siteAddress: string;
  /** The address the agent's Mp1 and the app listen on, as the site reaches them. */
  readonly appSideAddress: string;
  /** Per-UE shaping: the UE's address inside the UE namespace gets this zone's/POA's characteristics. */
  shapeUe(ueAddress: string, netChar: TNetChar): Promise<void>;
  destroy(): Promise<void>;
}

export interface TSandboxNetworkFactory {
  create(sandboxId: string, ues: ReadonlyArray<{ address: string; netChar: TNetChar }>): Promise<TSandboxNetwork>;
}
