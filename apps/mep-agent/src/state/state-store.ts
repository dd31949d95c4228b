/**
 * The agent's data dir: where each piece of local state lives, read and written crash-safely.
 * The runtime keeps its per-instance records in `runtime/` itself (see runtime/process-runtime.ts).
 *
 * ```
 * credentials.json   node id, credential id, portal URL (from enrolment)
 * node-key.pem       the node's Ed25519 private key, mode 0600
 * desired.json       the newest desired-state document received from the portal
 * applied.json       the document in effect (last revision applied completely)
 * journal.json       only while a revision is being applied (target + previous)
 * channel.json       edge channel state for `status` (online, offline, revoked, last apply)
 * mp1.json           Mp1 registry snapshot (services, readiness) for restarts with the portal down
 * data-plane.json    the data-plane adapter, the instances whose rules may be on it, each rule's last result
 * rule-states.json   rules the apps switched through Mp1: overrides in effect, changes the portal has not taken
 * agent.pid          the running agent
 * packages/          verified packages, <sha256>.csar (<sha256>.part while downloading)
 * bundles/<sha256>/  extracted process bundles
 * runtime/<id>.json  per-instance records of the runtime (pid, start time, restarts)
 * logs/<id>.log      app stdout/stderr (+ .log.1 after rotation)
 * ```
 *
 * @example const state = new StateStore('.data/agent'); const applied = await state.readApplied();
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ZDesiredState, type TDesiredState } from '@mecport/contracts';
import { z } from 'zod';
import { readJson, removeDurably, writeFileAtomic, writeJsonAtomic } from './atomic-file';
import { ZAgentPid, ZApplied, ZChannelStatus, ZCredentials, ZJournal, type TChannelStatus, type TCredentials, type TJournal } from './schemas';

export class StateStore {
  readonly dir: string;
  readonly paths: Readonly<Record<'credentials' | 'privateKey' | 'desired' | 'applied' | 'journal' | 'channel' | 'mp1' | 'dataPlane' | 'ruleStates' | 'pid' | 'packages' | 'bundles' | 'runtime' | 'runtimePodman' | 'logs', string>>;

  constructor(dir: string) {
    this.dir = resolve(dir);
    const at = (name: string) => join(this.dir, name);
    this.paths = {
      credentials: at('credentials.json'),
      privateKey: at('node-key.pem'),
      desired: at('desired.json'),
      applied: at('applied.json'),
      journal: at('journal.json'),
      channel: at('channel.json'),
      mp1: at('mp1.json'),
      dataPlane: at('data-plane.json'),
      ruleStates: at('rule-states.json'),
      pid: at('agent.pid'),
      packages: at('packages'),
      bundles: at('bundles'),
      runtime: at('runtime'),
      runtimePodman: at('runtime-podman'),
      logs: at('logs'),
    };
  }

  readCredentials(): Promise<TCredentials | undefined> {
    return readJson(this.paths.credentials, ZCredentials);
  }

  async readPrivateKeyPem(): Promise<string> {
    return readFile(this.paths.privateKey, 'utf8');
  }

  /** The key first: credentials without their key would be an enrolment that cannot sign. */
  async writeEnrolment(credentials: TCredentials, privateKeyPem: string): Promise<void> {
    await writeFileAtomic(this.paths.privateKey, privateKeyPem, 0o600);
    await writeJsonAtomic(this.paths.credentials, credentials, 0o600);
  }

  readDesired(): Promise<TDesiredState | undefined> {
    return readJson(this.paths.desired, ZDesiredState);
  }

  writeDesired(document: TDesiredState): Promise<void> {
    return writeJsonAtomic(this.paths.desired, document);
  }

  async readApplied(): Promise<TDesiredState | undefined> {
    return (await readJson(this.paths.applied, ZApplied))?.document;
  }

  writeApplied(document: TDesiredState): Promise<void> {
    return writeJsonAtomic(this.paths.applied, { document, appliedAt: new Date().toISOString() });
  }

  readJournal(): Promise<TJournal | undefined> {
    return readJson(this.paths.journal, ZJournal);
  }

  writeJournal(journal: TJournal): Promise<void> {
    return writeJsonAtomic(this.paths.journal, journal);
  }

  clearJournal(): Promise<void> {
    return removeDurably(this.paths.journal);
  }

  readChannelStatus(): Promise<TChannelStatus | undefined> {
    return readJson(this.paths.channel, ZChannelStatus);
  }

  writeChannelStatus(status: TChannelStatus): Promise<void> {
    return writeJsonAtomic(this.paths.channel, status);
  }

  readMp1Snapshot(): Promise<unknown> {
    return readJson(this.paths.mp1, z.unknown());
  }

  /** Mode 0600: the snapshot holds the apps' Mp1 client credentials. */
  writeMp1Snapshot(snapshot: unknown): Promise<void> {
    return writeJsonAtomic(this.paths.mp1, snapshot, 0o600);
  }

  readAgentPid(): Promise<z.infer<typeof ZAgentPid> | undefined> {
    return readJson(this.paths.pid, ZAgentPid);
  }

  writeAgentPid(pid: z.infer<typeof ZAgentPid>): Promise<void> {
    return writeJsonAtomic(this.paths.pid, pid);
  }

  clearAgentPid(): Promise<void> {
    return removeDurably(this.paths.pid);
  }
}
