/** Events the registry emits for its host (the MEP agent) and for the HTTP layer's notifier. */
import type { TDnsRule, TOperationAction, TRuleState, TTrafficRule, TChangeType, TServiceInfo } from '@mecport/contracts/mec011';

export interface TRuleChange<R> { appInstanceId: string; rule: R; previousState: TRuleState }

export type TMp1Events = {
  /** An app changed a traffic rule's state through Mp1: apply it to the data plane. */
  trafficRuleChanged: [TRuleChange<TTrafficRule>];
  /** An app changed a DNS rule's state through Mp1: apply it to the DNS server. */
  dnsRuleChanged: [TRuleChange<TDnsRule>];
  /** The instance is gone (removed, or replaced by `restore`): its access tokens must stop working. */
  appInstanceRemoved: [{ appInstanceId: string }];
  /** The app instance POSTed confirm_ready. */
  appReady: [{ appInstanceId: string }];
  /** A service was registered, updated or deregistered (or went with its app instance). */
  serviceChanged: [{ appInstanceId: string; service: TServiceInfo; changeType: TChangeType }];
  /** `terminate()` began: the termination subscribers are to be notified. */
  terminationStarted: [{ appInstanceId: string; operationAction: TOperationAction; maxGracefulTimeout: number }];
  /** Something in `snapshot()` changed: persist it. */
  stateChanged: [];
};
