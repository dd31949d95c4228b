/**
 * The app's rule switches on the node, kept crash-safely in `rule-states.json` of the data dir:
 * the overrides in effect (see rule-overrides.ts) and the changes not yet taken by the portal,
 * so neither an agent restart nor the portal being away loses one.
 *
 * @example await store.record(change); … await store.delivered(sent, { ruleSetVersion: 7 });
 */
import { ZRuleStateChange, type TRuleStateReport } from '@mecport/contracts';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../state/atomic-file';
import { ZRuleOverride, type TRuleOverride } from './rule-overrides';

export type TRuleStateChange = TRuleStateReport['changes'][number];

const ZRuleStatesFile = z.object({ overrides: z.array(ZRuleOverride), unsent: z.array(ZRuleStateChange) });

const sameRule = (a: { appInstanceId: string; kind: string; ruleId: string }, b: { appInstanceId: string; kind: string; ruleId: string }) =>
  a.appInstanceId === b.appInstanceId && a.kind === b.kind && a.ruleId === b.ruleId;

export class RuleStateStore {
  private current: TRuleOverride[] = [];
  private outbox: TRuleStateChange[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  async load(): Promise<void> {
    const file = await readJson(this.path, ZRuleStatesFile);
    this.current = file?.overrides ?? [];
    this.outbox = file?.unsent ?? [];
  }

  get overrides(): readonly TRuleOverride[] {
    return this.current;
  }

  /** Changes the portal has not taken yet, oldest first. */
  get unsent(): readonly TRuleStateChange[] {
    return this.outbox;
  }

  /** An app switched a rule: it holds from now on, and the portal is to be told. */
  async record(change: TRuleStateChange): Promise<void> {
    this.current = [...this.current.filter((o) => !sameRule(o, change)), { ...change, supersededAt: null }];
    this.outbox = [...this.outbox, change];
    await this.save();
  }

  /**
   * The portal took `sent` (`ruleSetVersion`: the version that carries them, when it said so), or
   * refused them for good: either way they leave the outbox, and their overrides hold until a
   * desired state of that version (else the next one after `knownVersion`) is applied.
   */
  async settled(sent: readonly TRuleStateChange[], ruleSetVersion: number | undefined, knownVersion: number): Promise<void> {
    const until = ruleSetVersion ?? knownVersion + 1;
    this.outbox = this.outbox.filter((c) => !sent.includes(c));
    this.current = this.current.map((o) => (o.supersededAt === null && sent.some((c) => sameRule(c, o) && c.at === o.at) ? { ...o, supersededAt: until } : o));
    await this.save();
  }

  /** After a desired state of `ruleSetVersion` was applied: overrides it supersedes go. */
  async prune(ruleSetVersion: number): Promise<void> {
    const kept = this.current.filter((o) => o.supersededAt === null || ruleSetVersion < o.supersededAt);
    if (kept.length === this.current.length) return;
    this.current = kept;
    await this.save();
  }

  private save(): Promise<void> {
    const snapshot = { overrides: this.current, unsent: this.outbox };
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonAtomic(this.path, snapshot));
    return this.writing;
  }
}
