/**
 * The nftables data plane: a Linux edge node that breaks UE traffic out locally. Each app
 * instance's traffic rules become two nft tables (`ip` and `ip6 mecport_<instance>`, see
 * `table-names.ts`), replaced atomically by one `nft -f` and then read back: a rule is `applied`
 * only when the kernel's table holds it. The kernel keeps the tables when the agent restarts;
 * `list` reads them back, `listInstanceIds` finds every instance that has some.
 *
 * DNS rules are not this adapter's: `capabilities().dns` is false and the agent's DNS server
 * answers them, so `apply` returns results for traffic rules only.
 *
 * @example
 *   const adapter = new NftablesAdapter(ZNftablesSettings.parse({ netns: 'breakout' }), log);
 *   const results = await adapter.apply({ appInstanceId, trafficRules, dnsRules: [] });
 */
import type { TRuleResult } from '@mecport/contracts';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { capabilitiesOf } from '../capabilities';
import type { TAdapterCapabilities, TInstanceRules, TUpfAdapter } from '../upf-adapter';
import { deleteScript, replaceScript } from './nft-script';
import { NftRunner } from './nft-runner';
import type { TNftablesSettings } from './nftables-settings';
import { planRules, type TNftRule, type TPlannedRule } from './rule-plan';
import { readRules, toTrafficRules, type TReadRule } from './table-readback';
import { FAMILIES, instanceIdOf, isInstanceId, tableName } from './table-names';

/** What the adapter logs through (the agent's logger; a subset of TAdapterDeps['log'], declared here to keep create-upf-adapter.ts out of an import cycle). */
export interface TNftLog { warn(msg: string, fields?: Record<string, unknown>): void }

type TReadOutcome = { ok: true; rules: TReadRule[] } | { ok: false; reason: string };

export class NftablesAdapter implements TUpfAdapter {
  private readonly nft: NftRunner;
  /** One change at a time, so a read-back sees the table its own script wrote. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(settings: TNftablesSettings, private readonly log: TNftLog) {
    this.nft = new NftRunner(settings);
  }

  capabilities(): TAdapterCapabilities {
    return capabilitiesOf('nftables');
  }

  apply(rules: TInstanceRules): Promise<TRuleResult[]> {
    // Whatever goes wrong (an nft whose JSON does not parse), the agent gets a result per rule, not an exception.
    return this.serialized(() => this.applyNow(rules)).catch((error: unknown) => rules.trafficRules.map((r): TRuleResult => (
      { appInstanceId: rules.appInstanceId, kind: 'traffic', ruleId: r.trafficRuleId, state: 'failed', reason: `nftables adapter: ${(error as Error).message}`.slice(0, 2000) })));
  }

  remove(appInstanceId: string): Promise<TRuleResult[]> {
    return this.serialized(() => this.removeNow(appInstanceId));
  }

  async list(appInstanceId: string): Promise<TInstanceRules> {
    const empty: TInstanceRules = { appInstanceId, trafficRules: [], dnsRules: [] };
    if (!isInstanceId(appInstanceId)) return empty;
    const read = await this.read(appInstanceId);
    if (!read.ok) throw new Error(read.reason);
    return { ...empty, trafficRules: toTrafficRules(read.rules) };
  }

  /** Every app instance that has tables on the node, e.g. to remove the ones no longer desired after a restart. */
  async listInstanceIds(): Promise<string[]> {
    const out = await this.nft.run(['-j', 'list', 'tables']);
    if (!out.ok) throw new Error(out.reason);
    const tables = (JSON.parse(out.stdout) as { nftables?: { table?: { name?: string } }[] }).nftables ?? [];
    return [...new Set(tables.flatMap((t) => instanceIdOf(t.table?.name ?? '') ?? []))];
  }

  private async applyNow({ appInstanceId, trafficRules }: TInstanceRules): Promise<TRuleResult[]> {
    const result = (rule: TTrafficRule, state: TRuleResult['state'], reason?: string): TRuleResult =>
      ({ appInstanceId, kind: 'traffic', ruleId: rule.trafficRuleId, state, ...(reason === undefined ? {} : { reason }) });
    if (!isInstanceId(appInstanceId)) return trafficRules.map((r) => result(r, 'failed', 'the nftables adapter names its tables by the instance id, which must be a UUID'));
    const plan = planRules(trafficRules, this.capabilities());
    const byId = new Map<string, TRuleResult>(plan.rejected.map((r) => [r.rule.trafficRuleId, result(r.rule, r.state, r.reason)]));
    const loaded = await this.nft.run(['-f', '-'], replaceScript(appInstanceId, plan.planned.flatMap((p) => p.nftRules)));
    const read: TReadOutcome = loaded.ok ? await this.read(appInstanceId) : { ok: false, reason: loaded.reason };
    if (!loaded.ok) this.log.warn('nft refused the rule set; the previous tables stay', { appInstanceId, reason: loaded.reason });
    for (const planned of plan.planned) {
      const missing = read.ok ? missingOf(planned, read.rules) : read.reason;
      byId.set(planned.rule.trafficRuleId, missing ? result(planned.rule, 'failed', loaded.ok && read.ok ? `not in the table read back: ${missing}` : missing) : result(planned.rule, 'applied'));
    }
    // One result per rule id of the request, in its order.
    return [...new Set(trafficRules.map((r) => r.trafficRuleId))].map((id) => byId.get(id)!);
  }

  private async removeNow(appInstanceId: string): Promise<TRuleResult[]> {
    if (!isInstanceId(appInstanceId)) return [];
    const held = await this.list(appInstanceId);
    const deleted = await this.nft.run(['-f', '-'], deleteScript(appInstanceId));
    if (!deleted.ok && held.trafficRules.length === 0) throw new Error(deleted.reason);
    return held.trafficRules.map((r): TRuleResult => ({
      appInstanceId, kind: 'traffic', ruleId: r.trafficRuleId,
      ...(deleted.ok ? { state: 'removed' } : { state: 'failed', reason: deleted.reason }),
    }));
  }

  /** Both tables of the instance; a table that does not exist holds no rules. */
  private async read(appInstanceId: string): Promise<TReadOutcome> {
    const table = tableName(appInstanceId);
    const outs = await Promise.all(FAMILIES.map((family) => this.nft.run(['-j', '-n', 'list', 'table', family, table])));
    const rules: TReadRule[] = [];
    for (const out of outs) {
      if (out.ok) rules.push(...readRules(out.stdout));
      else if (!out.missingTable) return { ok: false, reason: out.reason };
    }
    return { ok: true, rules };
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** What of a planned rule the table read back lacks, in words, or undefined when all is there. */
function missingOf(planned: TPlannedRule, read: readonly TReadRule[]): string | undefined {
  const held = new Set(read.filter((r) => r.foreign === 0).map((r) => keyOf(r.family, r.chain, r.comment, r.verdict, r.target)));
  const absent = planned.nftRules.filter((n) => !held.has(keyOf(n.family, n.chain, n.comment, verdictKind(n), planned.target && n.verdict.includes(' to ') ? planned.target : undefined)));
  return absent.length === 0 ? undefined : absent.map((n) => `${n.family} ${n.chain}: ${n.match} ${n.verdict}`).join('; ');
}

function verdictKind(rule: TNftRule): TReadRule['verdict'] {
  return rule.verdict.startsWith('dnat') ? 'dnat' : rule.verdict.startsWith('dup') ? 'dup' : rule.verdict === 'drop' ? 'drop' : 'accept';
}

function keyOf(family: string, chain: string, comment: string, verdict: string, target: string | undefined): string {
  return [family, chain, comment, verdict, target === undefined ? '' : canonicalAddress(target)].join('|');
}

/** nft prints IPv6 addresses compressed and in lower case; the rule may not be written so. */
function canonicalAddress(address: string): string {
  return address.includes(':') ? new URL(`http://[${address}]`).hostname : address;
}
