/**
 * The node form's model: what the operator types (numbers as text, labels and adapter settings as
 * rows, the callback allow-list as lines, the container runtime with its registries) to the API's node body, checked with the API's own contract (ZNodeWrite), and the
 * server's `errors[].field` back onto the form's fields. Pure, so it is unit-tested.
 *
 * @example
 *   const r = nodeBody({ ...emptyNodeForm(), name: 'sz-1', latitude: '22.5', longitude: '114.1' });
 *   if (r.ok) await apiFetch('/api/v1/edge/nodes', { method: 'POST', body: JSON.stringify(r.body) });
 */
import {
  ZNodeWrite, type TEdgeNode, type TNodeWrite, DATA_PLANE_ADAPTERS, CPU_ARCHITECTURES, CONTAINER_RUNTIMES, type TFieldError,
} from '@mecport/contracts';
import { labelsToRows, rowsToLabels, type TLabelRow, type TLabelRowError } from './label-editor-model';

export type TAdapter = (typeof DATA_PLANE_ADAPTERS)[number];
export type TArchitecture = (typeof CPU_ARCHITECTURES)[number];
export type TContainerRuntime = (typeof CONTAINER_RUNTIMES)[number];
/** A registry the node may pull from, as typed (an empty host is left out of the body). */
export interface TRegistryRow { host: string; tlsVerify: boolean }

export interface TNodeFormValues {
  name: string;
  latitude: string;
  longitude: string;
  address: string;
  province: string;
  city: string;
  district: string;
  groupId: string | null;
  labels: TLabelRow[];
  /** Capacity is optional: the agent reports what it finds when it enrols. */
  hasCapacity: boolean;
  architecture: TArchitecture;
  cpuCores: string;
  memoryMb: string;
  gpus: string;
  npus: string;
  adapter: TAdapter;
  settings: TLabelRow[];
  /** The Mp1 callback allow-list as typed: CIDR ranges, one per line (commas and spaces also separate). */
  callbackAllowCidrs: string;
  /** The node's container runtime: none (process apps only) or Podman. */
  containerRuntime: TContainerRuntime;
  registries: TRegistryRow[];
}

export type TNodeFormField = Exclude<keyof TNodeFormValues, 'hasCapacity' | 'architecture' | 'adapter' | 'containerRuntime'> | 'form';
export type TNodeFormErrorCode = 'required' | 'invalidNumber' | 'outOfRange' | 'invalid';
/** A code the form translates, or the server's own message. */
export type TNodeFormErrors = Partial<Record<TNodeFormField, string>>;

export function emptyNodeForm(): TNodeFormValues {
  return {
    name: '', latitude: '', longitude: '', address: '', province: '', city: '', district: '', groupId: null, labels: [],
    hasCapacity: false, architecture: 'x86_64', cpuCores: '', memoryMb: '', gpus: '0', npus: '0', adapter: 'memory', settings: [],
    callbackAllowCidrs: '', containerRuntime: 'none', registries: [],
  };
}

export function nodeFormFrom(node: TEdgeNode): TNodeFormValues {
  const c = node.capacity;
  return {
    name: node.name, latitude: String(node.latitude), longitude: String(node.longitude), address: node.address, province: node.province, city: node.city,
    district: node.district, groupId: node.groupId, labels: labelsToRows(node.labels), hasCapacity: !!c, architecture: c?.architecture ?? 'x86_64',
    cpuCores: c ? String(c.cpuCores) : '', memoryMb: c ? String(c.memoryMb) : '', gpus: String(c?.gpus ?? 0), npus: String(c?.npus ?? 0),
    adapter: node.dataPlane.adapter, settings: labelsToRows(node.dataPlane.settings), callbackAllowCidrs: node.callbackAllowCidrs.join('\n'),
    containerRuntime: node.runtime.container, registries: node.runtime.registries.map((r) => ({ ...r })),
  };
}

/** Text to a number; '' and non-numbers stay as they are so zod names the field. */
const num = (text: string): unknown => (text.trim() === '' || !Number.isFinite(Number(text)) ? text : Number(text));

function settingsOf(rows: readonly TLabelRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), r.value.trim()]));
}

const FIELD_OF_PATH: Record<string, TNodeFormField> = {
  name: 'name', latitude: 'latitude', longitude: 'longitude', address: 'address', province: 'province', city: 'city', district: 'district', groupId: 'groupId',
  labels: 'labels', 'capacity.cpuCores': 'cpuCores', 'capacity.memoryMb': 'memoryMb', 'capacity.gpus': 'gpus', 'capacity.npus': 'npus', dataPlane: 'settings',
  callbackAllowCidrs: 'callbackAllowCidrs', runtime: 'registries',
};

/** One range per line (commas and spaces also separate); the server judges each (400 naming `callbackAllowCidrs.<n>`). */
export function cidrsOf(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== '');
}

/** `capacity.cpuCores` -> 'cpuCores'; an unknown path lands on the form as a whole. */
export function formFieldOf(path: string): TNodeFormField {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const hit = FIELD_OF_PATH[parts.slice(0, n).join('.')];
    if (hit) return hit;
  }
  return 'form';
}

function codeOf(value: unknown, issueCode: string): TNodeFormErrorCode {
  if (value === '' || value === undefined) return 'required';
  if (typeof value === 'string') return 'invalidNumber';
  return issueCode === 'too_big' || issueCode === 'too_small' ? 'outOfRange' : 'invalid';
}

export type TNodeBodyResult = { ok: true; body: TNodeWrite } | { ok: false; errors: TNodeFormErrors; labelErrors: TLabelRowError[] };

export function nodeBody(v: TNodeFormValues): TNodeBodyResult {
  const { labels, errors: labelErrors } = rowsToLabels(v.labels);
  const input = {
    name: v.name, latitude: num(v.latitude), longitude: num(v.longitude), address: v.address, province: v.province, city: v.city, district: v.district,
    groupId: v.groupId, labels,
    capacity: v.hasCapacity ? { architecture: v.architecture, cpuCores: num(v.cpuCores), memoryMb: num(v.memoryMb), gpus: num(v.gpus), npus: num(v.npus) } : null,
    dataPlane: { adapter: v.adapter, settings: settingsOf(v.settings) },
    callbackAllowCidrs: cidrsOf(v.callbackAllowCidrs),
    runtime: { container: v.containerRuntime, registries: v.registries.filter((r) => r.host.trim() !== '').map((r) => ({ host: r.host.trim(), tlsVerify: r.tlsVerify })) },
  };
  const parsed = ZNodeWrite.safeParse(input);
  if (parsed.success && labelErrors.length === 0) return { ok: true, body: parsed.data };
  const errors: TNodeFormErrors = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = formFieldOf(issue.path.map(String).join('.'));
    const value = issue.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k as string] : undefined), input);
    errors[field] ??= field === 'labels' || field === 'settings' || field === 'callbackAllowCidrs' || field === 'registries' || field === 'form' ? 'invalid' : codeOf(value, issue.code);
  }
  if (labelErrors.length > 0) errors.labels ??= 'invalid';
  return { ok: false, errors, labelErrors };
}

/** The server's field errors (`body.capacity.cpuCores`, `name`) on the form's fields, with its messages. */
export function serverNodeErrors(errors: readonly TFieldError[] | undefined): TNodeFormErrors {
  const out: TNodeFormErrors = {};
  for (const e of errors ?? []) {
    const field = formFieldOf(e.field.replace(/^body\./, ''));
    out[field] ??= e.message;
  }
  return out;
}
