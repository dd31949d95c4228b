/**
 * Applies a revision as one transaction, so that it is never half-applied, also when the agent
 * is killed in the middle:
 *
 * 1. the journal records the target and the previous document (crash-safely);
 * 2. prepare: packages and bundles (nothing running changes);
 * 3. commit: reconcile what runs to the target (idempotent);
 * 4. the target becomes the applied document, the journal goes, unused files are deleted.
 *
 * When 2 or 3 fails, what runs is reconciled back to the previous document. On start,
 * `recover` finds an unfinished journal and completes it, or rolls back if completing fails
 * (e.g. a package is missing and the portal is down); without a journal it reconciles to the
 * applied document, which adopts the apps that survived and restarts those that did not.
 *
 * @example const report = await applier.apply(document); channel.report(report);
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TDesiredState, TNodeReport, TRuleResult } from '@mecport/contracts';
import type { TLogger } from '../log';
import type { TMp1Port } from '../mp1-host';
import type { PodmanImages } from '../packages/images/podman-images';
import type { PackageStore, TOpenPackage, TPackageRef } from '../packages/package-store';
import type { TPause } from '../pause';
import type { AppRuntime } from '../runtime/app-runtime';
import type { TRulesPort } from '../rules/node-rules';
import type { StateStore } from '../state/state-store';
import { prepare, PrepareError, type TItemFailure } from './prepare';
import { reconcile } from './reconcile';
import { instanceStatuses } from './statuses';

export interface TApplierDeps {
  state: StateStore;
  runtime: AppRuntime;
  mp1: TMp1Port;
  packages: PackageStore;
  /** Current way to download packages (undefined while there is no portal client). */
  openPackage: () => ((ref: TPackageRef) => TOpenPackage) | undefined;
  pause: TPause;
  log: TLogger;
  /** The node's rules: applied after each revision's instances (data plane, DNS server). */
  rules?: TRulesPort;
  /** The node's container images (podman), once known to work; undefined: no container runtime. */
  images?: () => PodmanImages | undefined;
}

export interface TApplyResult {
  /** The revision the attempt was about. */
  revision: number;
  report: TNodeReport;
  /** A failure that trying again cannot fix (wrong digest, unusable bundle). */
  permanent: boolean;
}

export class Applier {
  private current: TDesiredState | undefined;
  /** Instances the last attempt could not prepare; cleared when a revision applies. */
  readonly failures = new Map<string, TItemFailure>();
  /** Packages being downloaded right now. */
  readonly downloading = new Set<string>();

  constructor(private readonly deps: TApplierDeps) {}

  /** The document in effect. */
  get applied(): TDesiredState | undefined {
    return this.current;
  }

  /** At start: finishes or rolls back an interrupted revision; the report to send, if there was one. */
  async recover(): Promise<TApplyResult | undefined> {
    this.current = await this.deps.state.readApplied();
    const journal = await this.deps.state.readJournal();
    if (journal) {
      this.deps.log.warn('found an unfinished revision: completing it', { revision: journal.target.revision, previous: journal.previous?.revision ?? null });
      return this.run(journal.target, journal.previous ?? undefined);
    }
    if (this.current) {
      const bundles = await prepare(this.current, this.prepareDeps(false));
      await reconcile(this.current, bundles, this.deps);
      // What a kill may have left half-done on the data plane is made whole again here.
      await this.deps.rules?.apply(this.current);
    }
    return undefined;
  }

  async apply(target: TDesiredState): Promise<TApplyResult> {
    const previous = this.current;
    await this.deps.state.writeJournal({ target, previous: previous ?? null, startedAt: new Date().toISOString() });
    return this.run(target, previous);
  }

  private async run(target: TDesiredState, previous: TDesiredState | undefined): Promise<TApplyResult> {
    const log = this.deps.log.child({ revision: target.revision });
    try {
      const bundles = await prepare(target, this.prepareDeps(true));
      await reconcile(target, bundles, this.deps);
      // Inside the journal: a kill while rules are applied completes them at the next start.
      // A rule that fails fails alone (its result says why); the instances stay applied.
      const ruleResults = await this.applyRules(target);
      await this.deps.state.writeApplied(target);
      this.current = target;
      await this.deps.state.clearJournal();
      this.failures.clear();
      log.info('revision applied');
      await this.collectGarbage(target);
      const removed = (previous?.appInstances ?? []).filter((i) => !target.appInstances.some((t) => t.appInstanceId === i.appInstanceId));
      const report = { ...this.report(target.revision, 'applied', null), ...(ruleResults ? { ruleResults } : {}) };
      for (const { appInstanceId } of removed) report.instances.push({ appInstanceId, state: 'REMOVED', restarts: 0, ready: false, message: null, digestMismatch: false });
      return { revision: target.revision, report, permanent: false };
    } catch (error) {
      const failures = error instanceof PrepareError ? error.failures : [];
      this.failures.clear();
      for (const failure of failures) this.failures.set(failure.appInstanceId, failure);
      const message = `revision ${target.revision} not applied: ${(error as Error).message}`.slice(0, 2000);
      log.error('revision not applied, returning to the previous one', { error: (error as Error).message });
      await this.rollBack(previous, target.nodeId);
      // appliedRevision is what is in effect now; the message names the revision that failed.
      return { revision: target.revision, report: this.report(previous?.revision ?? 0, 'failed', message), permanent: failures.length > 0 && failures.every((f) => f.permanent) };
    }
  }

  /** Reconciles back to `previous` from what is on the node; the journal stays if that fails too. */
  private async rollBack(previous: TDesiredState | undefined, nodeId: string): Promise<void> {
    const document = previous ?? { nodeId, revision: 0, heartbeatIntervalSec: 10, appInstances: [], callbackAllowCidrs: [], dataPlane: { adapter: 'memory', settings: {} }, ruleSetVersion: 0, runtime: { container: 'none', registries: [] } };
    try {
      const bundles = await prepare(document, this.prepareDeps(false));
      await reconcile(document, bundles, this.deps);
      await this.deps.rules?.apply(document);
      await this.deps.state.clearJournal();
    } catch (error) {
      this.deps.log.error('rolling back failed too; the next start tries again', { error });
    }
  }

  private async applyRules(document: TDesiredState): Promise<TRuleResult[] | undefined> {
    const results = await this.deps.rules?.apply(document);
    if (results?.some((r) => r.state === 'failed')) this.deps.log.warn('some rules are not on the data plane', { failed: results.filter((r) => r.state === 'failed').length });
    await this.deps.pause('rules:after-apply');
    return results;
  }

  private report(revision: number, outcome: 'applied' | 'failed', message: string | null): TNodeReport {
    return { appliedRevision: revision, outcome, message, instances: this.statuses() };
  }

  statuses() {
    return instanceStatuses(this.current, this.deps.runtime, this.deps.mp1, this.failures, this.downloading);
  }

  private prepareDeps(online: boolean) {
    return {
      packages: this.deps.packages,
      bundlesDir: this.deps.state.paths.bundles,
      openPackage: online ? this.deps.openPackage() : undefined,
      pause: this.deps.pause,
      onDownload: (sha: string, active: boolean) => (active ? this.downloading.add(sha) : this.downloading.delete(sha)),
      images: this.deps.images?.(),
    };
  }

  /** Packages and bundles no instance of the applied document uses. */
  private async collectGarbage(document: TDesiredState): Promise<void> {
    const keep = new Set(document.appInstances.map((i) => i.package.sha256));
    await this.deps.packages.retainOnly(keep);
    const dir = this.deps.state.paths.bundles;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!keep.has(name)) await rm(join(dir, name), { recursive: true, force: true });
    }
  }
}
