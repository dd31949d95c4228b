/** The downlink rate tc applies to each UE address in a namespace, in bit/s (from the u32 filters and the htb classes). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const UNITS: Record<string, number> = { bit: 1, Kbit: 1e3, Mbit: 1e6, Gbit: 1e9 };

export async function ueRates(ns: string, device: string): Promise<Map<string, number>> {
  const filters = JSON.parse((await exec('tc', ['-n', ns, '-j', 'filter', 'show', 'dev', device])).stdout) as Array<{ options?: { flowid?: string; match?: { value: string } } }>;
  const classes = (await exec('tc', ['-n', ns, 'class', 'show', 'dev', device])).stdout;
  const rateOf = new Map<string, number>();
  for (const [, id, value, unit] of classes.matchAll(/class htb (\S+) .*?rate (\d+(?:\.\d+)?)(bit|Kbit|Mbit|Gbit)/g)) rateOf.set(id!, Number(value) * UNITS[unit!]!);
  const rates = new Map<string, number>();
  for (const filter of filters) {
    const { flowid, match } = filter.options ?? {};
    if (!flowid || !match) continue;
    const ip = [24, 16, 8, 0].map((shift) => (parseInt(match.value, 16) >>> shift) & 255).join('.');
    rates.set(ip, rateOf.get(flowid)!);
  }
  return rates;
}
