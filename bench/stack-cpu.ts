/**
 * The bench stack's processes and their CPU: the API server's two modes (found below `npm start`
 * by their command line), the embedded PostgreSQL (by its data directory), and CPU seconds summed
 * over PostgreSQL's processes, whose backends come and go.
 *
 * @example const before = stackCpu(stack); …; const pgSeconds = postgresCpuBetween(before.postgres, stackCpu(stack).postgres);
 */
import type { TChild } from '../scripts/lib/children';
import { cmdline, cpuSeconds, descendants } from './proc-stats';
import { BENCH } from './stack';

export function apiServerPid(stack: TChild, mode: 'portal' | 'edge-gateway'): number {
  const pid = descendants(stack.process.pid!).find((p) => cmdline(p).includes(`src/main.ts ${mode}`));
  if (!pid) throw new Error(`cannot find the ${mode} process`);
  return pid;
}
export const portalPid = (stack: TChild) => apiServerPid(stack, 'portal');
export const gatewayPid = (stack: TChild) => apiServerPid(stack, 'edge-gateway');

/** The postmaster and its children (backends, walwriter, …); it runs detached from the stack's process tree. */
export function postgresPids(): number[] {
  const postmaster = descendants(1).find((p) => cmdline(p).includes('/bin/postgres') && cmdline(p).includes(`${BENCH.dataDir}/pg`));
  return postmaster ? [postmaster, ...descendants(postmaster)] : [];
}

/** CPU seconds so far of the gateway, of the portal, of each postgres process of the stack (by pid), and of this process (the agents). */
export function stackCpu(stack: TChild): { gateway: number; portal: number; postgres: Map<number, number>; agents: number } {
  const own = process.cpuUsage();
  return { gateway: cpuSeconds(gatewayPid(stack)), portal: cpuSeconds(portalPid(stack)), postgres: new Map(postgresPids().flatMap((p): [number, number][] => { try { return [[p, cpuSeconds(p)]]; } catch { return []; /* ended meanwhile */ } })), agents: (own.user + own.system) / 1e6 };
}

/** PostgreSQL's CPU between two samples: backends that ended in between are not counted, new ones count whole. */
export function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}
