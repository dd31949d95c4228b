/**
 * Makes a northbound API hold exactly the resources an instance's rules need: deletes what no
 * rule needs any more, updates what changed, creates what is missing, and remembers every id in
 * the ResourceStore as soon as the server confirms it. A rule is `applied` only when the server
 * accepted every resource it needs (issue 12: applied means applied).
 */
import { createHash } from 'node:crypto';
import type { TRuleResult } from '@mecport/contracts';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import { ApiError } from './client-credentials';
import type { ResourceStore, TInstanceRecord } from './resource-store';

export interface TDesiredResource {
  /** Stable for the same rule and target (e.g. `ue:10.0.0.7`), so a changed rule updates in place. */
  key: string;
  api: string;
  body: unknown;
}

/** What a rule needs on the data plane: some resources (none: nothing to do), or a reason it cannot. */
export type TRulePlan = { kind: 'traffic' | 'dns'; ruleId: string; rule: TTrafficRule | TDnsRule } & (
  | { resources: TDesiredResource[] }
  | { state: 'unsupported' | 'failed'; reason: string }
);

export interface TResourceOps {
  /** Creates the resource; returns the server's id for it. */
  create(api: string, body: unknown): Promise<string>;
  /** Replaces the resource; an ApiError with status 404 means it is gone (it is then created). */
  update(api: string, id: string, body: unknown): Promise<void>;
  /** Deletes the resource; a resource already gone counts as deleted. */
  remove(api: string, id: string): Promise<void>;
  /** Whether the server still holds it (an operator may have deleted it there). */
  exists(api: string, id: string): Promise<boolean>;
}

const digestOf = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('base64url');
const slot = (kind: string, ruleId: string) => `${kind}:${ruleId}`;
const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function syncInstance(store: ResourceStore, appInstanceId: string, plans: TRulePlan[], ops: TResourceOps): Promise<TRuleResult[]> {
  // Never throws past the interface: an unexpected error (the id file unwritable) fails every rule with it.
  return store.exclusive(appInstanceId, () => sync(store, appInstanceId, plans, ops)).catch((e: unknown) =>
    plans.map((p): TRuleResult => ({ appInstanceId, kind: p.kind, ruleId: p.ruleId, state: 'failed', reason: `not applied: ${reasonOf(e)}`.slice(0, 2000) })));
}

async function sync(store: ResourceStore, appInstanceId: string, plans: TRulePlan[], ops: TResourceOps): Promise<TRuleResult[]> {
  const record = await store.instance(appInstanceId);
  const wanted = new Map(plans.map((p) => [slot(p.kind, p.ruleId), new Set('resources' in p ? p.resources.map((r) => r.key) : [])]));
  const failures = new Map<string, string>();
  const result = (kind: 'traffic' | 'dns', ruleId: string, state: TRuleResult['state'], reason?: string): TRuleResult => ({ appInstanceId, kind, ruleId, state, ...(reason ? { reason } : {}) });

  // 1. Delete first: a resource nobody needs must not outlive the change, and an intent for the same
  //    target (CAMARA: one per app, zone and device) must be gone before its successor is created.
  for (const [name, stored] of Object.entries(record)) {
    for (const [key, res] of Object.entries(stored.resources)) {
      if (wanted.get(name)?.has(key)) continue;
      try {
        await ops.remove(res.api, res.id);
        delete stored.resources[key];
        await store.save(appInstanceId, record);
      } catch (e) {
        failures.set(name, `could not delete ${res.api}/${res.id}: ${reasonOf(e)}`);
      }
    }
    if (Object.keys(stored.resources).length === 0 && !wanted.has(name)) delete record[name];
  }
  await store.save(appInstanceId, record);

  const results: TRuleResult[] = [];
  for (const plan of plans) {
    const name = slot(plan.kind, plan.ruleId);
    if (!('resources' in plan)) {
      if (!record[name] || Object.keys(record[name].resources).length === 0) delete record[name];
      results.push(result(plan.kind, plan.ruleId, failures.has(name) ? 'failed' : plan.state, failures.get(name) ?? plan.reason));
      continue;
    }
    const entry = (record[name] ??= { kind: plan.kind, rule: plan.rule, resources: {} });
    entry.rule = plan.rule;
    let failed = failures.get(name);
    for (const desired of plan.resources) {
      if (failed) break;
      try {
        await ensure(entry.resources, desired, ops);
      } catch (e) {
        failed = reasonOf(e);
      }
      await store.save(appInstanceId, record);
    }
    results.push(failed ? result(plan.kind, plan.ruleId, 'failed', failed) : result(plan.kind, plan.ruleId, 'applied'));
  }
  // A rule that left the set but whose resource could not be deleted still steers: say so.
  for (const [name, reason] of failures) {
    if (!wanted.has(name) && record[name]) results.push(result(record[name].kind, name.slice(name.indexOf(':') + 1), 'failed', reason));
  }
  await store.save(appInstanceId, record);
  return results;
}

async function ensure(resources: TInstanceRecord[string]['resources'], desired: TDesiredResource, ops: TResourceOps): Promise<void> {
  const digest = digestOf(desired.body);
  const stored = resources[desired.key];
  // Unchanged: still confirmed with the server, so "applied" is never only this file's word.
  if (stored && stored.digest === digest && (await ops.exists(stored.api, stored.id))) return;
  if (stored && stored.digest !== digest) {
    try {
      await ops.update(desired.api, stored.id, desired.body);
      resources[desired.key] = { ...stored, digest };
      return;
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
  }
  const id = await ops.create(desired.api, desired.body);
  resources[desired.key] = { api: desired.api, id, digest };
}

/** Removes every resource of the instance; a result per rule that had any. */
export function removeInstance(store: ResourceStore, appInstanceId: string, ops: TResourceOps): Promise<TRuleResult[]> {
  return store.exclusive(appInstanceId, () => removeAll(store, appInstanceId, ops));
}

async function removeAll(store: ResourceStore, appInstanceId: string, ops: TResourceOps): Promise<TRuleResult[]> {
  const record = await store.instance(appInstanceId);
  const results: TRuleResult[] = [];
  for (const [name, stored] of Object.entries(record)) {
    const ruleId = name.slice(name.indexOf(':') + 1);
    let failed: string | undefined;
    for (const [key, res] of Object.entries(stored.resources)) {
      try {
        await ops.remove(res.api, res.id);
        delete stored.resources[key];
      } catch (e) {
        failed ??= `could not delete ${res.api}/${res.id}: ${reasonOf(e)}`;
      }
    }
    if (!failed) delete record[name];
    results.push({ appInstanceId, kind: stored.kind, ruleId, state: failed ? 'failed' : 'removed', ...(failed ? { reason: failed } : {}) });
  }
  await store.save(appInstanceId, record);
  return results;
}
