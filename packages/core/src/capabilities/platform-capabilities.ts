/**
 * The MEC platform capabilities the catalog always lists: one per ETSI group specification, with
 * the official OpenAPI documents that describe it, the serNames AppDs use for it and whether the
 * sandbox emulates it (Location and RNIS by the sandbox's services, Mp1 by its MEP agent; UE identity
 * and bandwidth management are described, not emulated).
 */
import type { TMecSpecId, TPlatformCapability } from '@mecport/contracts';

export interface TPlatformCapabilityDef {
  name: TPlatformCapability;
  title: string;
  titleZh: string;
  description: string;
  descriptionZh: string;
  /** serNames (lower-case) an AppD's appServiceRequired may use for it. */
  serNames: string[];
  specs: TMecSpecId[];
  emulated: boolean;
}

export const PLATFORM_CATEGORY = 'MEC platform';

export const PLATFORM_CAPABILITY_DEFS: readonly TPlatformCapabilityDef[] = [
  {
    name: 'mp1', title: 'Mp1: application support and service management', titleZh: 'Mp1：应用支持与服务管理',
    description: 'ETSI GS MEC 011: an app confirms ready and termination, reads its traffic and DNS rules, registers the services it produces and discovers and subscribes to others.',
    descriptionZh: 'ETSI GS MEC 011：应用确认就绪与终止，读取其流量规则和 DNS 规则，注册其提供的服务，发现并订阅其他服务。',
    serNames: ['mp1', 'mec011', 'mec_app_support', 'mec_service_mgmt', 'app-support', 'service-mgmt'],
    specs: ['mec011-app-support', 'mec011-service-mgmt'], emulated: true,
  },
  {
    name: 'rnis', title: 'Radio Network Information (RNIS)', titleZh: '无线网络信息服务（RNIS）',
    description: 'ETSI GS MEC 012: radio conditions of the users in the cells of a MEC site: RAB, PLMN, S1 bearer and layer 2 measurements, and cell change and RAB notifications.',
    descriptionZh: 'ETSI GS MEC 012：MEC 站点小区内用户的无线状况：RAB、PLMN、S1 承载与二层测量，以及小区切换和 RAB 通知。',
    serNames: ['rnis', 'rni', 'mec012', 'radio network information'],
    specs: ['mec012-rnis'], emulated: true,
  },
  {
    name: 'location', title: 'Location', titleZh: '位置服务',
    description: 'ETSI GS MEC 013: where users, zones and access points are; distance queries and zonal, user tracking, circle and distance subscriptions with notifications.',
    descriptionZh: 'ETSI GS MEC 013：用户、区域和接入点的位置；距离查询，以及区域流量、用户跟踪、圆形区域和距离订阅与通知。',
    serNames: ['location', 'locationservice', 'loc-serv', 'mec013'],
    specs: ['mec013-location'], emulated: true,
  },
  {
    name: 'ue-identity', title: 'UE identity', titleZh: '终端标识（UE Identity）',
    description: 'ETSI GS MEC 014: an app registers the UE identity tags it serves so the platform can apply per-user traffic rules.',
    descriptionZh: 'ETSI GS MEC 014：应用注册其服务的终端标识标签，平台据此按用户应用流量规则。',
    serNames: ['ue-identity', 'ueidentity', 'ui', 'mec014'],
    specs: ['mec014-ue-identity'], emulated: false,
  },
  {
    name: 'bwm', title: 'Bandwidth management and traffic steering', titleZh: '带宽管理与流量调度',
    description: 'ETSI GS MEC 015: bandwidth allocations per app or session, and multi-access traffic steering sessions.',
    descriptionZh: 'ETSI GS MEC 015：按应用或会话分配带宽，以及多接入流量调度会话。',
    serNames: ['bwm', 'mts', 'mec015', 'bandwidth management', 'traffic steering'],
    specs: ['mec015-bwm', 'mec015-mts'], emulated: false,
  },
];

export function platformCapability(name: string): TPlatformCapabilityDef | undefined {
  return PLATFORM_CAPABILITY_DEFS.find((d) => d.name === name);
}

/** The platform capability an AppD's serName refers to, if any (case-insensitive). */
export function platformBySerName(serName: string): TPlatformCapabilityDef | undefined {
  const key = serName.trim().toLowerCase();
  return PLATFORM_CAPABILITY_DEFS.find((d) => d.serNames.includes(key));
}
