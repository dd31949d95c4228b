/**
 * The node's data plane as the agent drives it: one UPF adapter, chosen by the desired state's
 * `dataPlane` (created once, re-created when that setting changes, after the old one's rules are
 * removed), every running instance's rules applied through it and the rules of instances that
 * left removed, with the adapter's result per rule.
 *
 * Crash safety: `data-plane.json` names, before anything changes, every instance whose rules may
 * be on the data plane (the old set and the new), so a restart removes those that should go; each
 * instance's rules are replaced by one idempotent `apply` (nftables swaps an instance's table
 * atomically), so after a kill an instance holds its old rules or its new ones, and the agent's
 * start applies the current ones again.
 *
 * A rule that fails does not fail the revision: its result says why, and the portal marks the
 * rule change failed on this node with that reason.
 *
 * @example const results = await dataPlane.apply(document.dataPlane, runningRuleSets(document, overrides));
 */
import { ZDataPlane, ZRuleResult, type TDataPlane, type TRuleResult } from '@mecport/contracts';
import { createUpfAdapter, type TAdapterDeps, type TUpfAdapter } from '@mecport/upf-adapters';
import { z } from 'zod';
import type { TLogger } from '../log';
import { readJson, writeJsonAtomic } from '../state/atomic-file';
import type { TRuleSet } from './rule-overrides';

const ZDataPlaneRecord = z.object({
  dataPlane: ZDataPlane,
  /** Instances whose rules may be on the data plane. */
  instances: z.array(z.string()),
  results: z.array(ZRuleResult).default([]),
});
export type TDataPlaneRecord = z.infer<typeof ZDataPlaneRecord>;

export type TCreateAdapter = (dataPlane: TDataPlane, deps: TAdapterDeps) => Promise<TUpfAdapter>;

export interface TDataPlaneOptions {
  /** data-plane.json in the agent's data dir. */
  recordPath: string;
  adapterDeps: TAdapterDeps;
  log: TLogger;
  /** Tests inject adapters here; the agent uses @mecport/upf-adapters' factory. */
  create?: TCreateAdapter;
}

const keyOf = (dataPlane: TDataPlane) => JSON.stringify([dataPlane.adapter, Object.entries(dataPlane.settings).sort()]);

export function readDataPlaneRecord(path: string): Promise<TDataPlaneRecord | undefined> {
  return readJson(path, ZDataPlaneRecord);
}

export class DataPlane {
  private adapter: { key: string; dataPlane: TDataPlane; instance: TUpfAdapter } | undefined;
  private record: TDataPlaneRecord | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TDataPlaneOptions) {}

  async load(): Promise<void> {
    this.record = await readDataPlaneRecord(this.options.recordPath);
  }

  /** The latest result of every rule on the data plane. */
  get results(): TRuleResult[] {
    return this.record?.results ?? [];
  }

  get adapterKind(): string | undefined {
    return this.record?.dataPlane.adapter;
  }

  /** Makes the data plane hold exactly these instances' rules (serialised with every other change). */
  apply(dataPlane: TDataPlane, ruleSets: readonly TRuleSet[]): Promise<TRuleResult[]> {
    return this.serial(async () => {
      const adapter = await this.adapterFor(dataPlane);
      const wanted = ruleSets.map((r) => r.appInstanceId);
      const leaving = (this.record?.instances ?? []).filter((id) => !wanted.includes(id));
      await this.save({ dataPlane, instances: [...new Set([...wanted, ...leaving])], results: this.results });
      const results: TRuleResult[] = [];
      for (const ruleSet of ruleSets) results.push(...(await this.applyOne(adapter, ruleSet)));
      const stuck: string[] = [];
      for (const id of leaving) {
        const removed = await this.removeOne(adapter, id);
        if (removed) results.push(...removed);
        else stuck.push(id); // tried again at the next apply
      }
      await this.save({ dataPlane, instances: [...wanted, ...stuck], results });
      return results;
    });
  }

  /** One instance's rules again (an app switched one through Mp1); returns that instance's results. */
  applyInstance(dataPlane: TDataPlane, ruleSet: TRuleSet): Promise<TRuleResult[]> {
    return this.serial(async () => {
      const results = await this.applyOne(await this.adapterFor(dataPlane), ruleSet);
      const others = this.results.filter((r) => r.appInstanceId !== ruleSet.appInstanceId);
      const instances = [...new Set([...(this.record?.instances ?? []), ruleSet.appInstanceId])];
      await this.save({ dataPlane, instances, results: [...others, ...results] });
      return results;
    });
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.adapter?.instance.close?.();
      this.adapter = undefined;
    });
  }

  private async applyOne(adapter: TUpfAdapter | Error, ruleSet: TRuleSet): Promise<TRuleResult[]> {
    if (adapter instanceof Error) return failedAll(ruleSet, adapter.message);
    try {
      return await adapter.apply(ruleSet);
    } catch (error) {
      this.options.log.error('the data-plane adapter could not apply an instance\'s rules', { appInstanceId: ruleSet.appInstanceId, error });
      return failedAll(ruleSet, (error as Error).message);
    }
  }

  private async removeOne(adapter: TUpfAdapter | Error, appInstanceId: string): Promise<TRuleResult[] | undefined> {
    if (adapter instanceof Error) return undefined;
    try {
      return await adapter.remove(appInstanceId);
    } catch (error) {
      this.options.log.error('the data-plane adapter could not remove an instance\'s rules; trying again at the next apply', { appInstanceId, error });
      return undefined;
    }
  }

  /**
   * The adapter of this setting: the current one, or a new one after the rules of the previous
   * setting (in memory or, after a restart, as data-plane.json names them) are removed.
   */
  private async adapterFor(dataPlane: TDataPlane): Promise<TUpfAdapter | Error> {
    const key = keyOf(dataPlane);
    if (this.adapter?.key === key) return this.adapter.instance;
    const previous = this.adapter ?? (this.record ? { key: keyOf(this.record.dataPlane), dataPlane: this.record.dataPlane, instance: undefined } : undefined);
    if (previous && previous.key !== key) await this.clearPrevious(previous.dataPlane, previous.instance);
    await this.adapter?.instance.close?.();
    this.adapter = undefined;
    try {
      const instance = await (this.options.create ?? createUpfAdapter)(dataPlane, this.options.adapterDeps);
      this.adapter = { key, dataPlane, instance };
      this.options.log.info('data-plane adapter ready', { adapter: dataPlane.adapter });
      return instance;
    } catch (error) {
      this.options.log.error('the data-plane adapter could not start; every rule is reported failed until it does', { adapter: dataPlane.adapter, error });
      return new Error(`the ${dataPlane.adapter} adapter could not start: ${(error as Error).message}`);
    }
  }

  /** Another data plane is taking over: the old one keeps no rules of ours. */
  private async clearPrevious(dataPlane: TDataPlane, open: TUpfAdapter | undefined): Promise<void> {
    const instances = this.record?.instances ?? [];
    if (instances.length === 0) return;
    try {
      const adapter = open ?? (await (this.options.create ?? createUpfAdapter)(dataPlane, this.options.adapterDeps));
      for (const id of instances) await this.removeOne(adapter, id);
      if (!open) await adapter.close?.();
    } catch (error) {
      this.options.log.error('could not remove the rules of the previous data plane', { adapter: dataPlane.adapter, error });
    }
    if (this.record) this.record = { ...this.record, instances: [] };
  }

  private async save(record: TDataPlaneRecord): Promise<void> {
    this.record = record;
    await writeJsonAtomic(this.options.recordPath, record);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(work);
    this.queue = next;
    return next;
  }
}

function failedAll(ruleSet: TRuleSet, reason: string): TRuleResult[] {
  return [
    ...ruleSet.trafficRules.map((r): TRuleResult => ({ appInstanceId: ruleSet.appInstanceId, kind: 'traffic', ruleId: r.trafficRuleId, state: 'failed', reason: reason.slice(0, 2000) })),
    ...ruleSet.dnsRules.map((r): TRuleResult => ({ appInstanceId: ruleSet.appInstanceId, kind: 'dns', ruleId: r.dnsRuleId, state: 'failed', reason: reason.slice(0, 2000) })),
  ];
}
