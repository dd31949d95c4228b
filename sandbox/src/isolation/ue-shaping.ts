/**
 * The `tc` commands that shape one UE: an htb class with the UE's throughput and a netem leaf with
 * its latency, jitter and loss, chosen by a u32 filter on the UE's address. The app's side of the
 * UE link shapes the downlink (to the UE, with the loss); the UE's side the uplink (from the UE).
 * The latency is one-way: a round trip takes about twice `latencyMs`. Where the kernel has no
 * netem (`withNetem` false) only the throughput is shaped, and the network says so.
 */
import type { TNetChar } from '@mecport/contracts/sandbox';

export type TDirection = 'downlink' | 'uplink';

/** The root qdisc of a UE link's end; unclassified traffic (ARP) passes unshaped. */
export function rootQdisc(device: string): string {
  return `qdisc add dev ${device} root handle 1: htb`;
}

/** The class number of the `slot`-th UE (class 1:<n>, netem handle <n>:), hexadecimal as tc reads it. */
function classHex(slot: number): string {
  if (!Number.isInteger(slot) || slot < 0 || slot > 0xfffd) throw new Error(`UE slot ${slot} is out of range`);
  return (slot + 2).toString(16);
}

function rate(mbps: number): string {
  // htb refuses a zero rate; a stalled link is 8 kbit/s.
  return `${Math.max(Math.round(mbps * 1000), 8)}kbit`;
}

function netem(netChar: TNetChar, direction: TDirection): string {
  const delay = `delay ${netChar.latencyMs}ms${netChar.latencyVariationMs > 0 ? ` ${netChar.latencyVariationMs}ms` : ''}`;
  const loss = direction === 'downlink' && netChar.packetLossPct > 0 ? ` loss ${netChar.packetLossPct}%` : '';
  return `netem ${delay}${loss}`;
}

function mbps(netChar: TNetChar, direction: TDirection): number {
  return direction === 'downlink' ? netChar.throughputDlMbps : netChar.throughputUlMbps;
}

/** First shaping of a UE: class, netem leaf and the filter matching its address. */
export function addUeCommands(device: string, slot: number, ueAddress: string, netChar: TNetChar, direction: TDirection, withNetem: boolean): string[] {
  const n = classHex(slot);
  const match = direction === 'downlink' ? 'dst' : 'src';
  return [
    `class add dev ${device} parent 1: classid 1:${n} htb rate ${rate(mbps(netChar, direction))}`,
    ...(withNetem ? [`qdisc add dev ${device} parent 1:${n} handle ${n}: ${netem(netChar, direction)}`] : []),
    `filter add dev ${device} parent 1: protocol ip prio 1 u32 match ip ${match} ${ueAddress}/32 flowid 1:${n}`,
  ];
}

/** New characteristics for an already shaped UE (it moved to another zone or POA). */
export function changeUeCommands(device: string, slot: number, netChar: TNetChar, direction: TDirection, withNetem: boolean): string[] {
  const n = classHex(slot);
  return [
    `class change dev ${device} parent 1: classid 1:${n} htb rate ${rate(mbps(netChar, direction))}`,
    ...(withNetem ? [`qdisc change dev ${device} parent 1:${n} handle ${n}: ${netem(netChar, direction)}`] : []),
  ];
}
