/**
 * The traffic and DNS rule forms as plain strings (what the inputs hold) and back to rules, checked
 * by the contract's ZValidTrafficRule / ZValidDnsRule as the operator types, so a rule the form
 * accepts is a rule the API accepts. Each zod issue becomes an error on the form field it names,
 * with a code the UI translates (the zod message stays as the English fallback). Lists (addresses,
 * ports, protocols) are typed comma- or space-separated. Filter fields the form does not show
 * (tunnel addresses, token) are kept from the rule being edited.
 *
 * @example
 *   const { rule, errors } = trafficRuleFromForm({ ...emptyTrafficForm(), trafficRuleId: 'r1', ... });
 *   errors['filters.0.dstAddress'] // { code: 'address', value: '10.0.0.300', message: 'must be ...' }
 */
import { ZValidDnsRule, ZValidTrafficRule, type TMp1DnsRule as TDnsRule, type TMp1TrafficRule as TTrafficRule, type TValidDnsRule, type TValidTrafficRule } from '@mecport/contracts';
/** A zod issue, as much of it as the form reads. */
export interface TIssue { path: readonly PropertyKey[]; message: string }

export const TRAFFIC_ACTIONS = ['FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'PASSTHROUGH', 'DROP', 'DUPLICATE_DECAPSULATED', 'DUPLICATE_ENCAPSULATED'] as const;
export const INTERFACE_TYPES = ['IP', 'TUNNEL', 'MAC'] as const;

type TFilter = TTrafficRule['trafficFilter'][number];
export interface TFilterForm { srcAddress: string; dstAddress: string; srcPort: string; dstPort: string; protocol: string; dSCP: string; qCI: string; tC: string; kept: TFilter }
export interface TTrafficRuleForm {
  trafficRuleId: string; priority: string; filterType: 'FLOW' | 'PACKET'; action: (typeof TRAFFIC_ACTIONS)[number];
  state: 'ACTIVE' | 'INACTIVE'; interfaceType: '' | (typeof INTERFACE_TYPES)[number]; dstIpAddress: string;
  filters: TFilterForm[]; keptInterface: TTrafficRule['dstInterface'];
}
export interface TDnsRuleForm { dnsRuleId: string; domainName: string; ipAddressType: 'IP_V4' | 'IP_V6'; ipAddress: string; ttl: string; state: 'ACTIVE' | 'INACTIVE' }

/** What the UI translates: `rules.errors.<code>` with `value`; `message` is zod's English. */
export interface TFieldError { code: string; value?: string; message: string }
export type TFieldErrors = Record<string, TFieldError>;

const LIST_FIELDS = ['srcAddress', 'dstAddress', 'srcPort', 'dstPort', 'protocol'] as const;
const NUMBER_FIELDS = ['dSCP', 'qCI', 'tC'] as const;

export const emptyFilterForm = (): TFilterForm => ({ srcAddress: '', dstAddress: '', srcPort: '', dstPort: '', protocol: '', dSCP: '', qCI: '', tC: '', kept: {} });
export const emptyTrafficForm = (): TTrafficRuleForm => ({
  trafficRuleId: '', priority: '10', filterType: 'FLOW', action: 'FORWARD_DECAPSULATED', state: 'ACTIVE', interfaceType: 'IP', dstIpAddress: '', filters: [emptyFilterForm()], keptInterface: undefined,
});
export const emptyDnsForm = (): TDnsRuleForm => ({ dnsRuleId: '', domainName: '', ipAddressType: 'IP_V4', ipAddress: '', ttl: '300', state: 'ACTIVE' });

/** "a, b  c" -> ['a', 'b', 'c']; empty -> undefined (the field is left out). */
export function splitList(text: string): string[] | undefined {
  const items = text.split(/[\s,]+/).filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

/** '' -> undefined; '12' -> 12; anything else stays a string, so zod names the field. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const CODE_BY_FIELD: Record<string, string> = {
  srcAddress: 'address', dstAddress: 'address', srcTunnelAddress: 'address', tgtTunnelAddress: 'address',
  srcPort: 'port', dstPort: 'port', srcTunnelPort: 'port', dstTunnelPort: 'port', protocol: 'protocol',
  priority: 'priority', dSCP: 'dscp', qCI: 'qci', tC: 'tc', ttl: 'ttl', trafficRuleId: 'ruleId', dnsRuleId: 'ruleId',
  domainName: 'domainName', ipAddress: 'ipAddress', dstIpAddress: 'dstIpAddress', trafficFilter: 'filtersRequired',
};

/** One zod issue -> the form field it names: `filters.<i>.<field>` for a filter, else the rule's field. */
export function errorsOf(issues: readonly TIssue[], source: Record<string, unknown>): TFieldErrors {
  const errors: TFieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    let field: string;
    let value: string | undefined;
    if (path[0] === 'trafficFilter' && path.length >= 3) {
      field = `filters.${path[1]}.${path[2]}`;
      const list = (source.trafficFilter as Record<string, unknown>[] | undefined)?.[Number(path[1])]?.[path[2]!];
      if (Array.isArray(list) && path[3] !== undefined) value = String(list[Number(path[3])]);
    } else {
      field = path[0] === 'dstInterface' ? 'dstIpAddress' : (path[0] ?? 'rule');
    }
    const last = field.split('.').at(-1)!;
    if (!errors[field]) errors[field] = { code: CODE_BY_FIELD[last] ?? 'invalid', ...(value !== undefined ? { value } : {}), message: issue.message };
  }
  return errors;
}

function filterFromForm(f: TFilterForm): Record<string, unknown> {
  const out: Record<string, unknown> = { ...f.kept };
  for (const k of LIST_FIELDS) { const v = splitList(f[k]); if (v) out[k] = v; else delete out[k]; }
  for (const k of NUMBER_FIELDS) { const v = numberOrText(f[k]); if (v !== undefined) out[k] = v; else delete out[k]; }
  return out;
}

/** The raw object the form describes (before validation): also what the errors are looked up in. */
export function trafficDraft(form: TTrafficRuleForm): Record<string, unknown> {
  const draft: Record<string, unknown> = {
    trafficRuleId: form.trafficRuleId.trim(), priority: numberOrText(form.priority) ?? '', filterType: form.filterType,
    action: form.action, state: form.state, trafficFilter: form.filters.map(filterFromForm),
  };
  if (form.interfaceType) {
    const dstIpAddress = form.dstIpAddress.trim();
    draft.dstInterface = { ...form.keptInterface, interfaceType: form.interfaceType, ...(dstIpAddress ? { dstIpAddress } : {}) };
    if (!dstIpAddress) delete (draft.dstInterface as Record<string, unknown>).dstIpAddress;
  }
  return draft;
}

export function trafficRuleFromForm(form: TTrafficRuleForm): { rule: TValidTrafficRule | null; errors: TFieldErrors } {
  const draft = trafficDraft(form);
  const parsed = ZValidTrafficRule.safeParse(draft);
  return parsed.success ? { rule: parsed.data, errors: {} } : { rule: null, errors: errorsOf(parsed.error.issues, draft) };
}

export function dnsRuleFromForm(form: TDnsRuleForm): { rule: TValidDnsRule | null; errors: TFieldErrors } {
  const draft: Record<string, unknown> = {
    dnsRuleId: form.dnsRuleId.trim(), domainName: form.domainName.trim(), ipAddressType: form.ipAddressType,
    ipAddress: form.ipAddress.trim(), state: form.state,
  };
  const ttl = numberOrText(form.ttl);
  if (ttl !== undefined) draft.ttl = ttl;
  const parsed = ZValidDnsRule.safeParse(draft);
  return parsed.success ? { rule: parsed.data, errors: {} } : { rule: null, errors: errorsOf(parsed.error.issues, draft) };
}

const joined = (list: string[] | undefined) => (list ?? []).join(', ');
const numText = (n: number | undefined) => (n === undefined ? '' : String(n));

export function trafficFormFromRule(rule: TTrafficRule): TTrafficRuleForm {
  const { dstInterface } = rule;
  return {
    trafficRuleId: rule.trafficRuleId, priority: String(rule.priority), filterType: rule.filterType, action: rule.action, state: rule.state,
    interfaceType: dstInterface?.interfaceType ?? '', dstIpAddress: dstInterface?.dstIpAddress ?? '', keptInterface: dstInterface,
    filters: (rule.trafficFilter.length > 0 ? rule.trafficFilter : [{}]).map((f) => ({
      srcAddress: joined(f.srcAddress), dstAddress: joined(f.dstAddress), srcPort: joined(f.srcPort), dstPort: joined(f.dstPort), protocol: joined(f.protocol),
      dSCP: numText(f.dSCP), qCI: numText(f.qCI), tC: numText(f.tC), kept: f,
    })),
  };
}

export function dnsFormFromRule(rule: TDnsRule): TDnsRuleForm {
  return { dnsRuleId: rule.dnsRuleId, domainName: rule.domainName, ipAddressType: rule.ipAddressType, ipAddress: rule.ipAddress, ttl: numText(rule.ttl), state: rule.state };
}
