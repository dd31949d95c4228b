/**
 * The sandbox's world: the engine and its clock for the scenario and seed, and the emulated MEC
 * services (Location, RNIS) over it, whose notifications to the app are recorded. The site drives
 * it; the gateway mounts `services()`.
 */
import type { Hono } from 'hono';
import type { TSandboxCall, TSandboxRunResult } from '@mecport/contracts/sandbox';
import type { TEngine } from '../engine/engine';

export interface TSiteWorld {
  readonly engine: TEngine;
  /** Whether the real clock moves now. */
  readonly running: boolean;
  start(): void;
  pause(): void;
  /** Engine and clock back to t = 0 with the same seed; the services' subscriptions go. */
  reset(): void;
  /** Virtual clock: `seconds` as fast as the machine allows. */
  run(seconds: number): Promise<TSandboxRunResult>;
  /** Real clock: the engine brought to now (before an injected event, so it lands at its real time). */
  sync(): void;
  services(): ReadonlyArray<{ base: string; app: Hono }>;
  close(): Promise<void>;
}

export type TNotificationCall = Omit<TSandboxCall, 'id'>;
