/**
 * MEC 011 v2.1.1 application support data model (MecAppSupportApi.yaml `components.schemas`).
 * The odd casing of `qCI`, `dSCP` and `tC` is the spec's.
 */
import { z } from 'zod';
import { type TLinkType, zCallbackUrl, zId, zUint32 } from './common';

export const ZRuleState = z.enum(['ACTIVE', 'INACTIVE']);
export const ZTrafficRuleAction = z.enum(['DROP', 'FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'PASSTHROUGH', 'DUPLICATE_DECAPSULATED', 'DUPLICATE_ENCAPSULATED']);
export const ZOperationAction = z.enum(['STOPPING', 'TERMINATING']);

const strings = z.array(z.string()).optional();
export const ZTrafficFilter = z.object({
  srcAddress: strings,
  dstAddress: strings,
  srcPort: strings,
  dstPort: strings,
  protocol: strings,
  token: strings,
  srcTunnelAddress: strings,
  tgtTunnelAddress: strings,
  srcTunnelPort: strings,
  dstTunnelPort: strings,
  qCI: zUint32.optional(),
  dSCP: zUint32.optional(),
  tC: zUint32.optional(),
});

export const ZTunnelInfo = z.object({ tunnelType: z.enum(['GTP_U', 'GRE']), tunnelDstAddress: z.string().optional(), tunnelSrcAddress: z.string().optional() });

export const ZDestinationInterface = z.object({
  interfaceType: z.enum(['TUNNEL', 'MAC', 'IP']),
  tunnelInfo: ZTunnelInfo.optional(),
  srcMacAddress: z.string().optional(),
  dstMacAddress: z.string().optional(),
  dstIpAddress: z.string().optional(),
});

export const ZTrafficRule = z.object({
  trafficRuleId: zId,
  filterType: z.enum(['FLOW', 'PACKET']),
  priority: zUint32,
  trafficFilter: z.array(ZTrafficFilter),
  action: ZTrafficRuleAction,
  dstInterface: ZDestinationInterface.optional(),
  state: ZRuleState,
});

export const ZDnsRule = z.object({
  dnsRuleId: zId,
  domainName: z.string().min(1).max(253),
  ipAddressType: z.enum(['IP_V6', 'IP_V4']),
  ipAddress: z.string().min(1),
  ttl: zUint32.optional(),
  state: ZRuleState,
});

export const ZAppReadyConfirmation = z.object({ indication: z.literal('READY', { error: 'indication must be "READY"' }) });
export const ZAppTerminationConfirmation = z.object({ operationAction: ZOperationAction });

export const APP_TERMINATION_SUBSCRIPTION = 'AppTerminationNotificationSubscription';
export const ZAppTerminationSubscriptionRequest = z.object({
  subscriptionType: z.literal(APP_TERMINATION_SUBSCRIPTION, { error: `subscriptionType must be "${APP_TERMINATION_SUBSCRIPTION}"` }),
  callbackReference: zCallbackUrl,
  appInstanceId: zId,
});

const ZNtpServer = z.object({
  ntpServerAddrType: z.enum(['IP_ADDRESS', 'DNS_NAME']),
  ntpServerAddr: z.string().min(1),
  minPollingInterval: z.int().min(3).max(17),
  maxPollingInterval: z.int().min(3).max(17),
  localPriority: zUint32,
  authenticationOption: z.enum(['NONE', 'SYMMETRIC_KEY', 'AUTO_KEY']),
  authenticationKeyNum: zUint32,
});
const ZPtpMaster = z.object({ ptpMasterIpAddress: z.string().min(1), ptpMasterLocalPriority: zUint32, delayReqMaxRate: zUint32 });
/** What the host says about the node's time sources; `timeStamp` is added per request. */
export const ZTimingSources = z.object({ ntpServers: z.array(ZNtpServer).optional(), ptpMasters: z.array(ZPtpMaster).optional() });

export type TRuleState = z.infer<typeof ZRuleState>;
export type TOperationAction = z.infer<typeof ZOperationAction>;
export type TTrafficRule = z.infer<typeof ZTrafficRule>;
export type TDnsRule = z.infer<typeof ZDnsRule>;
export type TTimingSources = z.infer<typeof ZTimingSources>;
export type TAppTerminationSubscriptionRequest = z.infer<typeof ZAppTerminationSubscriptionRequest>;
export type TAppTerminationNotificationSubscription = TAppTerminationSubscriptionRequest & { _links: { self: TLinkType } };

export interface TAppTerminationNotification {
  notificationType: 'AppTerminationNotification';
  operationAction: TOperationAction;
  maxGracefulTimeout: number;
  _links: { subscription: TLinkType; confirmTermination?: TLinkType };
}
export interface TCurrentTime { seconds: number; nanoSeconds: number; timeSourceStatus: 'TRACEABLE' | 'NONTRACEABLE' }
export interface TTimingCaps extends TTimingSources { timeStamp?: { seconds: number; nanoSeconds: number } }
