/** Turns registry events into the MEC 011 notifications the subscribed apps asked for. */
import type { TAppTerminationNotification, TServiceAvailabilityNotification } from '@mecport/contracts/mec011';
import type { TCallbackPolicyOf } from './callback-policy';
import type { Links } from './http/links';
import type { Notifier } from './notifier';
import type { Mp1Registry } from './registry/registry';
import type { TMp1Events } from './registry/events';
import { matchesCriteria } from './service-filter';

/** Subscribes to the registry; returns the function that unsubscribes. */
export function wireNotifications(registry: Mp1Registry, notifier: Notifier, links: Links, policyOf: TCallbackPolicyOf): () => void {
  const onServiceChanged = ({ service, changeType }: TMp1Events['serviceChanged'][0]) => {
    for (const sub of registry.services.allSubscriptions()) {
      if (!matchesCriteria(service, sub.subscription.filteringCriteria)) continue;
      const notification: TServiceAvailabilityNotification = {
        notificationType: 'SerAvailabilityNotification',
        serviceReferences: [{ link: { href: links.service(service.serInstanceId) }, serName: service.serName, serInstanceId: service.serInstanceId, state: service.state, changeType }],
        _links: { subscription: { href: links.serviceSubscription(sub.appInstanceId, sub.subscriptionId) } },
      };
      notifier.send(sub.subscriptionId, sub.subscription.callbackReference, notification, () => policyOf(sub.appInstanceId));
    }
  };
  const onTerminationStarted = ({ appInstanceId, operationAction, maxGracefulTimeout }: TMp1Events['terminationStarted'][0]) => {
    for (const sub of registry.terminationSubscriptionsOf(appInstanceId)) {
      const notification: TAppTerminationNotification = {
        notificationType: 'AppTerminationNotification', operationAction, maxGracefulTimeout,
        _links: { subscription: { href: links.terminationSubscription(appInstanceId, sub.subscriptionId) }, confirmTermination: { href: links.appSupport(appInstanceId, 'confirm_termination') } },
      };
      notifier.send(sub.subscriptionId, sub.subscription.callbackReference, notification, () => policyOf(appInstanceId));
    }
  };
  registry.on('serviceChanged', onServiceChanged);
  registry.on('terminationStarted', onTerminationStarted);
  return () => {
    registry.off('serviceChanged', onServiceChanged);
    registry.off('terminationStarted', onTerminationStarted);
  };
}
