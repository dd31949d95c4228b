/**
 * Where an app's Mp1 notifications may go: where the subscribing app itself listens (loopback on
 * its declared ports; for the process runtime that is where it runs) or into a range the node's
 * operator allow-lists. Never elsewhere: not the other services on the node (the agent, the
 * portal, the database), not link-local (cloud metadata), private or public addresses. Judged at
 * subscribe time (400 naming callbackReference) and again at every send (names may resolve
 * differently by then), with @mecport/url-policy.
 */
import { validationError } from '@mecport/contracts/input';
import { checkUrl, type TLookup, type TUrlPolicy } from '@mecport/url-policy';
import type { Mp1Registry } from './registry/registry';

/** The policy for one app instance's callbacks, read when asked (ports and allow-list may change). */
export type TCallbackPolicyOf = (appInstanceId: string) => TUrlPolicy;

export function callbackPolicies(registry: Mp1Registry, allowCidrs: () => readonly string[]): TCallbackPolicyOf {
  return (appInstanceId) => ({ allowPublic: false, loopbackPorts: registry.listenPorts(appInstanceId), allowCidrs: allowCidrs() });
}

const WHERE_CALLBACKS_GO = 'callbacks go only to the subscribing app\'s own declared ports on loopback, or to address ranges the node\'s operator allow-lists (callbackAllowCidrs)';

/** Throws a 400 naming `callbackReference` when the policy refuses it. */
export async function assertCallbackAllowed(callbackReference: string, policy: TUrlPolicy, lookup?: TLookup): Promise<void> {
  const verdict = await checkUrl(callbackReference, policy, lookup);
  if (!verdict.ok) throw validationError([{ in: 'body', field: 'callbackReference', message: `refused: ${verdict.reason}; ${WHERE_CALLBACKS_GO}` }]);
}
