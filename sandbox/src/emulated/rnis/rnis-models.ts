/**
 * MEC 012 v2.1.1 (RNI API) models of the emulated RNIS: the two emulated subscription types as
 * zod schemas named after the spec's, the query filters, and the bearer every attached UE has.
 * The sandbox models one default bearer per UE (E-RAB 5, QCI 9, non-GBR, its maximum bit rates
 * from the serving POA's throughput); 4G and 5G POAs are cells, Wi-Fi POAs are not.
 */
import { z } from 'zod';
import { zQueryList } from '../mec-input';

export const RNIS_BASE_PATH = '/rni/v2';

/** The default bearer's identity and QoS class (TS 23.401: EBI 5, QCI 9 for the default bearer). */
export const DEFAULT_ERAB_ID = 5;
export const DEFAULT_QCI = 9;
/** hoStatus 3 = COMPLETED: the engine moves a UE between cells at once, so every handover is complete. */
export const HO_COMPLETED = 3;

export const RNIS_SUBSCRIPTION_TYPES = [
  'CellChangeSubscription', 'RabEstSubscription', 'RabModSubscription', 'RabRelSubscription', 'MeasRepUeSubscription',
  'NrMeasRepUeSubscription', 'MeasTaSubscription', 'CaReconfSubscription', 'S1BearerSubscription',
] as const;
export const EMULATED_RNIS_TYPES = ['CellChangeSubscription', 'RabEstSubscription'] as const;
/** The list filter's names (`subscription_type`) of each type. */
export const SUBSCRIPTION_TYPE_FILTER: Record<string, (typeof RNIS_SUBSCRIPTION_TYPES)[number]> = {
  cell_change: 'CellChangeSubscription', rab_est: 'RabEstSubscription', rab_mod: 'RabModSubscription', rab_rel: 'RabRelSubscription',
  meas_rep_ue: 'MeasRepUeSubscription', nr_meas_rep_ue: 'NrMeasRepUeSubscription', timing_advance_ue: 'MeasTaSubscription',
  ca_reconf: 'CaReconfSubscription', s1_bearer: 'S1BearerSubscription',
};

export const ZTimeStamp = z.object({ seconds: z.int().min(0).max(4_294_967_295), nanoSeconds: z.int().min(0).max(999_999_999) });
const ZPlmn = z.object({ mcc: z.string().regex(/^\d{3}$/, '3 digits'), mnc: z.string().regex(/^\d{2,3}$/, '2 or 3 digits') });
export const ZEcgi = z.object({ plmn: ZPlmn, cellId: z.string().min(1).max(16) });
export type TEcgi = z.infer<typeof ZEcgi>;
export const ZAssociateId = z.object({ type: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), value: z.string().min(1).max(200) });
export type TAssociateId = z.infer<typeof ZAssociateId>;

const common = {
  callbackReference: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000),
  expiryDeadline: ZTimeStamp.optional(),
  /** Clients may send back what they got (PUT); the server sets it. */
  _links: z.unknown().optional(),
};

export const ZCellChangeSubscription = z.object({
  ...common,
  subscriptionType: z.literal('CellChangeSubscription'),
  filterCriteriaAssocHo: z.object({
    appInstanceId: z.string().max(200).optional(),
    associateId: z.array(ZAssociateId).max(1000).optional(),
    ecgi: z.array(ZEcgi).max(1000).optional(),
    hoStatus: z.array(z.int().min(1).max(5)).max(5).optional(),
  }),
});
export type TCellChangeSubscription = z.infer<typeof ZCellChangeSubscription>;

export const ZRabEstSubscription = z.object({
  ...common,
  subscriptionType: z.literal('RabEstSubscription'),
  filterCriteriaQci: z.object({
    appInstanceId: z.string().max(200).optional(),
    ecgi: z.array(ZEcgi).max(1000).optional(),
    qci: z.int().min(0).max(255),
  }),
});
export type TRabEstSubscription = z.infer<typeof ZRabEstSubscription>;

export type TRnisSubscription = TCellChangeSubscription | TRabEstSubscription;

const int = z.coerce.number().int().min(0).max(2_147_483_647);
export const QueryRabInfo = z.object({
  app_ins_id: z.string().max(200).optional(),
  cell_id: zQueryList(z.string().max(16)),
  ue_ipv4_address: zQueryList(z.string().max(64)),
  ue_ipv6_address: zQueryList(z.string().max(64)),
  nated_ip_address: zQueryList(z.string().max(64)),
  gtp_teid: zQueryList(z.string().max(64)),
  erab_id: int.optional(),
  qci: int.optional(),
  erab_mbr_dl: int.optional(),
  erab_mbr_ul: int.optional(),
  erab_gbr_dl: int.optional(),
  erab_gbr_ul: int.optional(),
});
export type TQueryRabInfo = z.infer<typeof QueryRabInfo>;

export const QueryPlmnInfo = z.object({
  app_ins_id: z.preprocess((v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter((x) => x !== '')), z.array(z.string().max(200)).min(1, 'give at least one app_ins_id').max(100)),
});

export const QuerySubscriptions = z.object({
  subscription_type: z.enum(Object.keys(SUBSCRIPTION_TYPE_FILTER) as [string, ...string[]]).optional(),
});
