/**
 * The new-deployment form without React: its values, what the query string preselects (the map
 * links here with `?nodeIds=<id>,<id>`, an instance page with `?appId=…&nodeIds=…&kind=upgrade`),
 * client-side checks with the API's own zod contract, and the request body.
 *
 * @example
 *   const values = initialFormValues(new URLSearchParams('nodeIds=a1…,b2…'));
 *   const errors = validateDeploymentForm(values);   // {} when it may be sent
 *   if (!Object.keys(errors).length) await post(deploymentBody(values));
 */
import { ZDeploymentCreate, ZLabelKey, ZLabelValue, type TDeploymentCreate } from '@mecport/contracts';

export type TTargetKind = 'nodes' | 'group' | 'labels';
export type TDeploymentKind = 'install' | 'upgrade';

export interface TDeploymentFormValues {
  appId: string | null;
  appVersionId: string | null;
  kind: TDeploymentKind;
  targetKind: TTargetKind;
  nodeIds: string[];
  groupId: string | null;
  selector: string;
  batchSize: number | string;
  stopOnFailure: boolean;
}

export type TDeploymentFormField = 'appId' | 'appVersionId' | 'nodeIds' | 'groupId' | 'selector' | 'batchSize' | 'target';
/** Message keys under `edgeDeploy.form.errors`. */
export type TDeploymentFormError = 'required' | 'pickNodes' | 'selectorSyntax' | 'batchSize' | 'noMatch' | 'previewPending' | 'server';
export type TDeploymentFormErrors = Partial<Record<TDeploymentFormField, TDeploymentFormError>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DEFAULT_BATCH_SIZE = 10;

/** `a,b, a,junk` -> `['a', 'b']`: uuid-shaped ids only, each once, in order. */
export function parseNodeIds(param: string | null): string[] {
  if (!param) return [];
  return [...new Set(param.split(',').map((s) => s.trim().toLowerCase()).filter((s) => UUID.test(s)))];
}

export function initialFormValues(query: URLSearchParams): TDeploymentFormValues {
  const appId = query.get('appId');
  return {
    appId: appId && UUID.test(appId) ? appId : null,
    appVersionId: null,
    kind: query.get('kind') === 'upgrade' ? 'upgrade' : 'install',
    targetKind: 'nodes',
    nodeIds: parseNodeIds(query.get('nodeIds')),
    groupId: null,
    selector: '',
    batchSize: DEFAULT_BATCH_SIZE,
    stopOnFailure: true,
  };
}

/**
 * `region=south, tier=gold` -> `{ region: 'south', tier: 'gold' }`, or null when a pair is not
 * `key=value` with a valid key and value (the same rules the API applies).
 */
export function parseSelector(selector: string): Record<string, string> | null {
  const parts = selector.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const labels: Record<string, string> = {};
  for (const part of parts) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    if (extra !== undefined || value === undefined || !ZLabelKey.safeParse(key).success || !ZLabelValue.safeParse(value).success) return null;
    labels[key as string] = value;
  }
  return labels;
}

/** The selector as the API gets it: trimmed pairs joined by commas. */
export function normaliseSelector(selector: string): string {
  return selector.split(',').map((p) => p.split('=').map((s) => s.trim()).join('=')).filter((p) => p.length > 0).join(',');
}

function targetOf(v: TDeploymentFormValues): TDeploymentCreate['target'] {
  if (v.targetKind === 'group') return { kind: 'group', groupId: v.groupId ?? '' };
  if (v.targetKind === 'labels') return { kind: 'labels', selector: normaliseSelector(v.selector) };
  return { kind: 'nodes', nodeIds: v.nodeIds };
}

export function deploymentBody(v: TDeploymentFormValues): TDeploymentCreate {
  return { appVersionId: v.appVersionId ?? '', kind: v.kind, target: targetOf(v), batchSize: Number(v.batchSize), stopOnFailure: v.stopOnFailure };
}

/**
 * What is wrong before anything is sent. `matched` is how many nodes the target reaches (the
 * preview's count), or null while it is not known yet.
 */
export function validateDeploymentForm(v: TDeploymentFormValues, matched: number | null = null): TDeploymentFormErrors {
  const errors: TDeploymentFormErrors = {};
  if (!v.appId) errors.appId = 'required';
  else if (!v.appVersionId) errors.appVersionId = 'required';
  if (v.targetKind === 'nodes' && v.nodeIds.length === 0) errors.nodeIds = 'pickNodes';
  if (v.targetKind === 'group' && !v.groupId) errors.groupId = 'required';
  if (v.targetKind === 'labels') {
    if (!v.selector.trim()) errors.selector = 'required';
    else if (!parseSelector(v.selector)) errors.selector = 'selectorSyntax';
  }
  const batch = Number(v.batchSize);
  if (v.batchSize === '' || !Number.isInteger(batch) || batch < 1 || batch > 10_000) errors.batchSize = 'batchSize';
  const fieldOfTarget: TDeploymentFormField = v.targetKind === 'nodes' ? 'nodeIds' : v.targetKind === 'group' ? 'groupId' : 'selector';
  if (!errors[fieldOfTarget] && matched === 0) errors[fieldOfTarget] = 'noMatch';
  // Whatever the checks above let through must also pass the contract the API validates with.
  if (Object.keys(errors).length === 0 && !ZDeploymentCreate.safeParse(deploymentBody(v)).success) errors.target = 'required';
  return errors;
}

/** The server's `errors[].field` (e.g. `target.nodeIds`) as the form field to mark. */
export function formFieldOfServerError(field: string, targetKind: TTargetKind): TDeploymentFormField | null {
  if (field === 'appVersionId') return 'appVersionId';
  if (field === 'batchSize') return 'batchSize';
  if (field.startsWith('target')) return targetKind === 'nodes' ? 'nodeIds' : targetKind === 'group' ? 'groupId' : 'selector';
  return null;
}

export function batchCount(nodes: number, batchSize: number): number {
  return nodes <= 0 || batchSize <= 0 ? 0 : Math.ceil(nodes / batchSize);
}
