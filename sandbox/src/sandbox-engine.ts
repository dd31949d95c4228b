/**
 * The contract of the sandbox engine (issue 13 builds it): one emulated MEC site per sandbox,
 * driven by a scenario on a clock the engine owns, so that the same scenario and seed give the
 * same events in the same order (certification replays scenarios as test cases).
 *
 * @example
 *   const sandbox = await engine.create({ scenario, seed: 42, clock: 'virtual' });
 *   await sandbox.deploy({ appVersionId });
 *   await sandbox.run({ untilSec: 120 });
 *   const calls = await sandbox.apiCalls();
 */

/** Real time for a person watching; virtual time as fast as the machine allows. */
export type TSandboxClock = 'real' | 'virtual';

export type TSandboxState = 'created' | 'running' | 'paused' | 'stopped';

/** A scripted event of a scenario, at a time on the sandbox clock (e.g. take an access point down). */
export interface TScenarioEvent {
  atSec: number;
  kind: 'move-ue' | 'access-point-down' | 'access-point-up' | 'set-network';
  target: string;
  params: Record<string, unknown>;
}

/** One MEC API call the app under test made, as the sandbox recorded it. */
export interface TRecordedCall {
  atSec: number;
  api: 'mp1' | 'location' | 'rnis' | 'ue-identity' | 'bwm';
  method: string;
  path: string;
  status: number;
}

export interface TSandbox {
  readonly id: string;
  state(): TSandboxState;
  deploy(app: { appVersionId: string }): Promise<void>;
  run(until: { untilSec: number }): Promise<void>;
  pause(): Promise<void>;
  reset(): Promise<void>;
  inject(event: Omit<TScenarioEvent, 'atSec'>): Promise<void>;
  apiCalls(): Promise<TRecordedCall[]>;
  delete(): Promise<void>;
}

export interface TSandboxEngine {
  create(options: { scenarioId: string; seed: number; clock: TSandboxClock }): Promise<TSandbox>;
}
