/**
 * Makes what runs equal to a desired-state document, idempotently: running it twice changes
 * nothing the second time, and running it after a crash picks up where the first run stopped.
 * Order: instances no longer wanted go first (they free ports), then every wanted instance is
 * upgraded, (re)configured, stopped, adopted or started as its desired state says. Before a
 * process stops, its app is told through Mp1 (AppTerminationNotification) and given its
 * graceful time.
 *
 * @example await reconcile(document, bundles, { runtime, mp1, log, pause });
 */
import type { TDesiredAppInstance, TDesiredState } from '@mecport/contracts';
import type { TLogger } from '../log';
import type { TMp1Port } from '../mp1-host';
import type { TPreparedBundle } from './prepare';
import type { TPause } from '../pause';
import type { AppRuntime, TRuntimeInstance } from '../runtime/app-runtime';
import type { TRulesPort } from '../rules/node-rules';
import { buildSpec, credentialsOf } from './instance-spec';

export interface TReconcileDeps {
  runtime: AppRuntime;
  mp1: TMp1Port;
  log: TLogger;
  pause: TPause;
  /** The rules in effect (an app's own switches through Mp1 included); without it, the document's. */
  rules?: Pick<TRulesPort, 'effective'>;
}

const STOPPED_STATES = new Set(['STOPPED', 'FAILED', 'REMOVED']);

/** `bundles` holds the extracted bundle of every package the document names (see prepare.ts). */
export async function reconcile(document: TDesiredState, bundles: ReadonlyMap<string, TPreparedBundle>, deps: TReconcileDeps): Promise<void> {
  let changes = 0;
  const changed = async () => {
    changes += 1;
    if (changes === 1) await deps.pause('commit:after-first-change');
  };
  deps.mp1.setCallbackAllowCidrs(document.callbackAllowCidrs);
  const wanted = new Set(document.appInstances.map((i) => i.appInstanceId));
  for (const current of deps.runtime.instances()) {
    if (wanted.has(current.spec.appInstanceId)) continue;
    await remove(current, deps);
    await changed();
  }
  for (const desired of document.appInstances) {
    const extracted = bundles.get(desired.package.sha256);
    if (!extracted) throw new Error(`no bundle for package ${desired.package.sha256} of instance ${desired.appInstanceId}`);
    if (await converge(desired, extracted, deps, document)) await changed();
  }
}

async function remove(current: TRuntimeInstance, deps: TReconcileDeps): Promise<void> {
  const { appInstanceId, gracefulTerminationSec } = current.spec;
  deps.log.info('removing an app instance', { appInstanceId });
  if (!STOPPED_STATES.has(current.status.state)) await deps.mp1.terminate(appInstanceId, 'TERMINATING', gracefulTerminationSec);
  await deps.runtime.remove(appInstanceId, gracefulTerminationSec);
  deps.mp1.unregister(appInstanceId);
}

/** One instance to its desired state; true when something was started or stopped. */
async function converge(desired: TDesiredAppInstance, extracted: TPreparedBundle, deps: TReconcileDeps, document: TDesiredState): Promise<boolean> {
  const id = desired.appInstanceId;
  const current = deps.runtime.get(id);
  const { trafficRules, dnsRules } = deps.rules?.effective(document, desired) ?? desired;
  // The app listens on its bundle's declared ports: its Mp1 callbacks may go to loopback there.
  const registration = { trafficRules, dnsRules, listenPorts: extracted.bundle.ports.map((p) => p.port) };
  let changed = false;
  if (current && current.spec.packageSha256 !== desired.package.sha256) {
    deps.log.info('replacing an app version', { appInstanceId: id, from: current.spec.version, to: desired.version });
    await stop(current, 'STOPPING', deps);
    deps.mp1.unregister(id); // the new version registers its own services and confirms ready again
    changed = true;
  }
  if (desired.desiredState === 'STOPPED') {
    const now = deps.runtime.get(id);
    if (now && !STOPPED_STATES.has(now.status.state)) {
      await stop(now, 'STOPPING', deps);
      changed = true;
    }
    return changed;
  }
  const credentials = deps.mp1.register(id, credentialsOf(current?.spec), registration);
  const spec = buildSpec(desired, extracted, deps.mp1.appEnv(id, credentials));
  const now = deps.runtime.get(id);
  if (now && now.spec.configHash !== spec.configHash && !STOPPED_STATES.has(now.status.state)) {
    deps.log.info('restarting an app instance with a new configuration', { appInstanceId: id });
    await stop(now, 'STOPPING', deps);
    changed = true;
  }
  if (await deps.runtime.adopt(spec)) return changed;
  deps.log.info('starting an app instance', { appInstanceId: id, version: desired.version });
  await deps.runtime.start(spec);
  return true;
}

async function stop(instance: TRuntimeInstance, action: 'STOPPING' | 'TERMINATING', deps: TReconcileDeps): Promise<void> {
  const { appInstanceId, gracefulTerminationSec } = instance.spec;
  await deps.mp1.terminate(appInstanceId, action, gracefulTerminationSec);
  await deps.runtime.stop(appInstanceId, gracefulTerminationSec);
}
