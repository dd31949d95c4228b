/**
 * Per-instance status for reports and heartbeats: every instance of the document in effect
 * (or failing to prepare), with the runtime's state, restarts, Mp1 readiness, its message (text,
 * code and parameters), and the instances the runtime still has that the document no longer names.
 */
import type { TDesiredState, TInstanceStatus } from '@mecport/contracts';
import type { TMp1Port } from '../mp1-host';
import type { AppRuntime, TRuntimeStatus } from '../runtime/app-runtime';
import { prepareFailed } from '../runtime/status-message';
import type { TItemFailure } from './prepare';

/** The runtime's message with its code and parameters (which the portal translates). */
function messageOf(status: TRuntimeStatus): Pick<TInstanceStatus, 'message' | 'messageCode' | 'messageParams'> {
  return { message: status.message, messageCode: status.messageCode ?? null, messageParams: status.messageParams ?? null };
}

/** A container app's images as they run (process apps have none). */
function imagesOf(status: TRuntimeStatus): Pick<TInstanceStatus, 'images'> {
  return status.images && status.images.length > 0 ? { images: status.images.slice(0, 16) } : {};
}

export function instanceStatuses(
  document: TDesiredState | undefined,
  runtime: AppRuntime,
  mp1: TMp1Port,
  failures: ReadonlyMap<string, TItemFailure>,
  downloading: ReadonlySet<string>,
): TInstanceStatus[] {
  const out = new Map<string, TInstanceStatus>();
  for (const desired of document?.appInstances ?? []) {
    const id = desired.appInstanceId;
    const found = runtime.get(id);
    const base = { appInstanceId: id, restarts: found?.status.restarts ?? 0, ready: mp1.isReady(id), digestMismatch: false };
    if (downloading.has(desired.package.sha256)) out.set(id, { ...base, state: 'DOWNLOADING', message: null });
    else if (found) out.set(id, { ...base, state: found.status.state, ...messageOf(found.status), ...imagesOf(found.status) });
    else out.set(id, { ...base, state: desired.desiredState === 'STOPPED' ? 'STOPPED' : 'PENDING', message: null });
  }
  for (const instance of runtime.instances()) {
    const id = instance.spec.appInstanceId;
    if (!out.has(id)) out.set(id, { appInstanceId: id, state: instance.status.state, restarts: instance.status.restarts, ready: mp1.isReady(id), ...messageOf(instance.status), ...imagesOf(instance.status), digestMismatch: false });
  }
  for (const failure of failures.values()) {
    const previous = out.get(failure.appInstanceId);
    const why = prepareFailed(failure.message);
    out.set(failure.appInstanceId, {
      appInstanceId: failure.appInstanceId, state: 'FAILED', restarts: previous?.restarts ?? 0, ready: false,
      message: why.text.slice(0, 2000), messageCode: why.code, messageParams: why.params, digestMismatch: failure.digestMismatch,
    });
  }
  return [...out.values()];
}
