/**
 * The scale benchmark's simulated fleet, seen from the benchmark: thin agents spread over several
 * child processes (edge-scale-agents.ts), each holding at most `perProcess` agents. Every agent
 * holds up to two sockets, and one process may open 20,000 files (`ulimit -n`): 10,000 agents in
 * one process would not fit. The processes answer by IPC: counts, long-polls parked, timings.
 *
 * @example
 *   const fleet = await AgentFleet.start(specs, { heartbeatSec: 60, waitSec: 30, rampPerSec: 500, perProcess: 2500 });
 *   const { acknowledged } = await fleet.snapshot(); …; await fleet.stop();
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TBenchNode } from './edge-fleet-seed';

export interface TAgentSpec { node: TBenchNode; gatewayUrl: string; replica: number }

export type TToAgents =
  | { kind: 'start'; agents: TAgentSpec[]; heartbeatSec: number; waitSec: number; rampPerSec: number }
  | { kind: 'heartbeats'; on: boolean }
  | { kind: 'snapshot'; id: number }
  | { kind: 'timings'; id: number; revision: number }
  | { kind: 'stop'; id: number };

export type TFromAgents =
  | { kind: 'snapshot'; id: number; started: number; acknowledged: Record<number, number>; parked: number[]; tally: Record<string, number> }
  | { kind: 'timings'; id: number; delivered: number[]; applied: number[] }
  | { kind: 'stopped'; id: number };

/** The fleet's figures at one moment, summed over its processes. */
export interface TFleetSnapshot {
  started: number;
  /** Agents whose report of each revision the gateway acknowledged. */
  acknowledged: Map<number, number>;
  /** Long-polls in flight per replica. */
  parked: number[];
  /** Calls by `replica|route|outcome` (thin-agent.ts), since start. */
  tally: Map<string, number>;
}

const ENTRY = path.join(import.meta.dirname, 'edge-scale-agents.ts');
const STOP_WAIT_MS = 30_000;

export class AgentFleet {
  private nextId = 0;
  private readonly pending = new Map<number, { child: ChildProcess; resolve: (message: TFromAgents) => void; reject: (error: Error) => void }>();

  private constructor(private readonly children: ChildProcess[]) {
    for (const child of children) {
      child.on('message', (message: TFromAgents) => this.settle(message.id, (p) => p.resolve(message)));
      child.on('exit', (code, signal) => {
        for (const [id, p] of this.pending) if (p.child === child) this.settle(id, (q) => q.reject(new Error(`agent process ${child.pid} exited (${signal ?? code})`)));
      });
    }
  }

  /** Forks the processes and starts their agents (at `rampPerSec` in all, spread evenly over the processes). */
  static start(specs: TAgentSpec[], settings: { heartbeatSec: number; waitSec: number; rampPerSec: number; perProcess: number }): AgentFleet {
    const count = Math.ceil(specs.length / settings.perProcess);
    const children = Array.from({ length: count }, () => fork(ENTRY, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const fleet = new AgentFleet(children);
    children.forEach((child, i) => {
      // Every process gets both replicas' agents, interleaved, as a TCP load balancer spreads them.
      const agents = specs.filter((_, j) => j % count === i);
      child.send({ kind: 'start', agents, heartbeatSec: settings.heartbeatSec, waitSec: settings.waitSec, rampPerSec: settings.rampPerSec / count } satisfies TToAgents);
    });
    return fleet;
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  setHeartbeats(on: boolean): void {
    for (const child of this.children) child.send({ kind: 'heartbeats', on } satisfies TToAgents);
  }

  async snapshot(): Promise<TFleetSnapshot> {
    const parts = await this.ask((id) => ({ kind: 'snapshot', id }));
    const sum: TFleetSnapshot = { started: 0, acknowledged: new Map(), parked: [0, 0], tally: new Map() };
    for (const part of parts) {
      if (part.kind !== 'snapshot') continue;
      sum.started += part.started;
      for (const [revision, n] of Object.entries(part.acknowledged)) sum.acknowledged.set(Number(revision), (sum.acknowledged.get(Number(revision)) ?? 0) + n);
      part.parked.forEach((n, replica) => { sum.parked[replica] = (sum.parked[replica] ?? 0) + n; });
      for (const [key, n] of Object.entries(part.tally)) sum.tally.set(key, (sum.tally.get(key) ?? 0) + n);
    }
    return sum;
  }

  /** Every agent's delivery and acknowledged-report times of `revision` (epoch ms; NaN where it has none). */
  async timings(revision: number): Promise<{ delivered: number[]; applied: number[] }> {
    const parts = await this.ask((id) => ({ kind: 'timings', id, revision }));
    return {
      delivered: parts.flatMap((p) => (p.kind === 'timings' ? p.delivered : [])),
      applied: parts.flatMap((p) => (p.kind === 'timings' ? p.applied : [])),
    };
  }

  /** Stops every agent (its calls aborted) and waits for the processes to exit; kills one that does not within 30 s. */
  async stop(): Promise<void> {
    await Promise.all(this.children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
      if (child.connected) child.send({ kind: 'stop', id: this.nextId++ } satisfies TToAgents);
      else child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }));
  }

  /** Sends each process a request and collects the answers (a process that died fails the call). */
  private ask(request: (id: number) => TToAgents): Promise<TFromAgents[]> {
    return Promise.all(this.children.map((child) => new Promise<TFromAgents>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`agent process ${child.pid} is gone (exit ${child.exitCode ?? child.signalCode})`));
      const id = this.nextId++;
      this.pending.set(id, { child, resolve, reject });
      child.send(request(id));
    })));
  }

  private settle(id: number, how: (p: { resolve: (message: TFromAgents) => void; reject: (error: Error) => void }) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    how(p);
  }
}
