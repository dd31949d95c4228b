/**
 * The isolated sandbox network (needs root, `ip` and `tc`):
 *
 *   root ns  mecsb<i> 10.214.x.1  ──veth──  sb0 10.214.x.2  app ns (agent + app; no default route)
 *                                           sbue 192.0.2.1  ──veth (tc: downlink)──  ue0 192.0.2.2  UE ns
 *                                                                                   lo: every UE's address /32
 *
 * The site's servers listen on 10.214.x.1; from the app's namespace only that address (and the UEs)
 * is routable, so the portal's database on the root namespace's 127.0.0.1 and other sandboxes'
 * addresses are out of reach.
 */
import type { TNetChar } from '@mecport/contracts/sandbox';
import { BLOCK_COUNT, UE_LINK, addressPlan, firstIndexFor, type TAddressPlan } from './address-plan';
import { run } from './run-command';
import type { TSandboxNetwork } from './sandbox-network';
import { addUeCommands, changeUeCommands, rootQdisc } from './ue-shaping';

export const SHAPED_REASON = 'the agent and app run in a network namespace of their own; traffic to the emulated UEs is shaped with tc netem by each UE\'s zone or POA (one-way latency, jitter, downlink loss, throughput)';
export const RATE_ONLY_REASON = 'the agent and app run in a network namespace of their own and each UE\'s throughput is limited (tc htb), but latency, jitter and loss are not applied: this kernel has no tc netem (sch_netem)';
const APP_UE_DEVICE = 'sbue';
const UE_DEVICE = 'ue0';

type TUe = { address: string; netChar: TNetChar };

export interface TNamespaceOptions {
  tag: string;
  /** Whether the kernel has sch_netem; without it only the throughput is shaped. */
  netem: boolean;
}

export async function createNamespaceNetwork(options: TNamespaceOptions, sandboxId: string, ues: readonly TUe[]): Promise<TSandboxNetwork> {
  const plan = await claimBlock(options.tag, sandboxId);
  const shaper = new UeShaper(plan, options.netem);
  try {
    await wire(plan);
    await Promise.all(ues.map((ue) => shaper.shape(ue.address, ue.netChar)));
  } catch (error) {
    await removeNamespaces(plan);
    throw error;
  }
  return {
    shaping: options.netem ? { real: true, reason: SHAPED_REASON } : { real: false, reason: RATE_ONLY_REASON },
    isolated: true,
    commandPrefix: ['ip', 'netns', 'exec', plan.appNs],
    siteAddress: plan.siteAddress,
    appSideAddress: plan.appSideAddress,
    shapeUe: (address, netChar) => shaper.shape(address, netChar),
    destroy: () => {
      shaper.destroyed = true;
      return removeNamespaces(plan);
    },
  };
}

/**
 * Gathers shaping changes and applies them together: one `ip` and one `tc` batch per namespace
 * for everything asked since the last apply (a handover of many UEs costs four processes, not four per UE).
 */
class UeShaper {
  destroyed = false;
  private readonly slots = new Map<string, number>();
  private nextSlot = 0;
  private pending = new Map<string, TNetChar>();
  private rooted = false;
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly plan: TAddressPlan, private readonly netem: boolean) {}

  shape(address: string, netChar: TNetChar): Promise<void> {
    this.pending.set(ueIp(address), netChar);
    if (!this.scheduled) {
      this.scheduled = true;
      this.chain = this.chain.catch(() => undefined).then(() => {
        this.scheduled = false;
        return this.apply();
      });
    }
    return this.chain;
  }

  private async apply(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    if (this.destroyed || batch.size === 0) return;
    const fresh = [...batch.keys()].filter((ip) => !this.slots.has(ip));
    for (const ip of fresh) this.slots.set(ip, this.nextSlot++);
    try {
      await this.run(batch, fresh);
    } catch (error) {
      for (const ip of fresh) this.slots.delete(ip); // asked again, they are added again (under new slots)
      throw error;
    }
  }

  private async run(batch: Map<string, TNetChar>, fresh: string[]): Promise<void> {
    const down = this.rooted ? [] : [rootQdisc(APP_UE_DEVICE)];
    const up = this.rooted ? [] : [rootQdisc(UE_DEVICE)];
    for (const [ip, netChar] of batch) {
      const slot = this.slots.get(ip)!;
      const isNew = fresh.includes(ip);
      down.push(...(isNew ? addUeCommands(APP_UE_DEVICE, slot, ip, netChar, 'downlink', this.netem) : changeUeCommands(APP_UE_DEVICE, slot, netChar, 'downlink', this.netem)));
      up.push(...(isNew ? addUeCommands(UE_DEVICE, slot, ip, netChar, 'uplink', this.netem) : changeUeCommands(UE_DEVICE, slot, netChar, 'uplink', this.netem)));
    }
    if (fresh.length > 0) {
      await Promise.all([
        run('ip', ['-n', this.plan.ueNs, '-batch', '-'], fresh.map((ip) => `addr add ${ip}/32 dev lo`).join('\n')),
        run('ip', ['-n', this.plan.appNs, '-batch', '-'], fresh.map((ip) => `route add ${ip}/32 via ${UE_LINK.ueSide}`).join('\n')),
      ]);
    }
    await Promise.all([tc(this.plan.appNs, down), tc(this.plan.ueNs, up)]);
    this.rooted = true;
  }
}

/** Takes the first free block from the sandbox's starting point: the namespace and root device names are the locks. */
async function claimBlock(tag: string, sandboxId: string): Promise<TAddressPlan> {
  const start = firstIndexFor(sandboxId);
  for (let step = 0; step < BLOCK_COUNT; step += 1) {
    const plan = addressPlan(tag, (start + step) % BLOCK_COUNT);
    if (!(await succeeds('ip', ['netns', 'add', plan.appNs]))) continue;
    if (await succeeds('ip', ['link', 'add', plan.rootDevice, 'type', 'veth', 'peer', 'name', 'sb0', 'netns', plan.appNs])) return plan;
    await run('ip', ['netns', 'del', plan.appNs]);
  }
  throw new Error('no free sandbox address block (10.214.0.0/16 is used up)');
}

async function wire(plan: TAddressPlan): Promise<void> {
  const ueSide = (async () => {
    await run('ip', ['netns', 'add', plan.ueNs]);
    await run('ip', ['-n', plan.appNs, 'link', 'add', APP_UE_DEVICE, 'type', 'veth', 'peer', 'name', UE_DEVICE, 'netns', plan.ueNs]);
  })();
  await Promise.all([ueSide, run('ip', ['-batch', '-'], [`addr add ${plan.siteAddress}/30 dev ${plan.rootDevice}`, `link set ${plan.rootDevice} up`].join('\n'))]);
  await Promise.all([
    run('ip', ['-n', plan.appNs, '-batch', '-'], [
      'link set lo up',
      `addr add ${plan.appSideAddress}/30 dev sb0`,
      'link set sb0 up',
      `addr add ${UE_LINK.appSide}/${UE_LINK.prefix} dev ${APP_UE_DEVICE}`,
      `link set ${APP_UE_DEVICE} up`,
    ].join('\n')),
    run('ip', ['-n', plan.ueNs, '-batch', '-'], ['link set lo up', `addr add ${UE_LINK.ueSide}/${UE_LINK.prefix} dev ${UE_DEVICE}`, `link set ${UE_DEVICE} up`].join('\n')),
  ]);
}

/** Deleting a namespace deletes its veth ends, and with them their peers in the root namespace. */
async function removeNamespaces(plan: TAddressPlan): Promise<void> {
  for (const ns of [plan.ueNs, plan.appNs]) await succeeds('ip', ['netns', 'del', ns]);
}

/** MEC 013 says `acr:10.100.0.1`; the network wants the address. */
function ueIp(address: string): string {
  const ip = address.replace(/^acr:/, '');
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) throw new Error(`not a UE IPv4 address: ${address}`);
  return ip;
}

function tc(ns: string, commands: readonly string[]): Promise<string> {
  return run('tc', ['-n', ns, '-batch', '-'], commands.join('\n'));
}

async function succeeds(command: string, args: readonly string[]): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch {
    return false;
  }
}
