import { describe, expect, it } from 'vitest';
import {
  batchCount, deploymentBody, formFieldOfServerError, initialFormValues, normaliseSelector, parseNodeIds, parseSelector, validateDeploymentForm, type TDeploymentFormValues,
} from './deployment-form-model';

const A = '0b9f3c1e-6a55-4c1f-9d0e-6c2f0d1e2a3b';
const B = '1c8e4d2f-7b66-4d2a-8e1f-7d3a1e2b3c4d';
const VERSION = '2d7f5e3a-8c77-4e3b-9f2a-8e4b2f3c4d5e';

function ready(overrides: Partial<TDeploymentFormValues> = {}): TDeploymentFormValues {
  return { ...initialFormValues(new URLSearchParams()), appId: A, appVersionId: VERSION, nodeIds: [B], ...overrides };
}

describe('parseNodeIds', () => {
  it('keeps uuid-shaped ids once, in order, and drops the rest', () => {
    expect(parseNodeIds(`${A}, ${B.toUpperCase()},junk,${A},`)).toEqual([A, B]);
    expect(parseNodeIds(null)).toEqual([]);
    expect(parseNodeIds('')).toEqual([]);
  });
});

describe('initialFormValues', () => {
  it('preselects nodes, app and kind from the query string the map and instance pages link with', () => {
    const v = initialFormValues(new URLSearchParams(`nodeIds=${A},${B}&appId=${B}&kind=upgrade`));
    expect(v).toMatchObject({ nodeIds: [A, B], appId: B, kind: 'upgrade', targetKind: 'nodes', batchSize: 10, stopOnFailure: true });
  });

  it('ignores a malformed app id and an unknown kind', () => {
    expect(initialFormValues(new URLSearchParams('appId=nope&kind=delete'))).toMatchObject({ appId: null, kind: 'install', nodeIds: [] });
  });
});

describe('label selectors', () => {
  it('parses key=value pairs with the API\'s key and value rules', () => {
    expect(parseSelector(' region = south , tier=gold')).toEqual({ region: 'south', tier: 'gold' });
    expect(parseSelector('city=深圳')).toEqual({ city: '深圳' });
    expect(parseSelector('region')).toBeNull();
    expect(parseSelector('a=b=c')).toBeNull();
    expect(parseSelector('Region=south')).toBeNull();
    expect(parseSelector(' , ')).toBeNull();
  });

  it('normalises spacing before it is sent', () => {
    expect(normaliseSelector(' region = south ,, tier=gold ')).toBe('region=south,tier=gold');
  });
});

describe('validateDeploymentForm', () => {
  it('accepts a complete form and builds the body the API expects', () => {
    const v = ready({ batchSize: '1', stopOnFailure: false });
    expect(validateDeploymentForm(v, 1)).toEqual({});
    expect(deploymentBody(v)).toEqual({ appVersionId: VERSION, kind: 'install', target: { kind: 'nodes', nodeIds: [B] }, batchSize: 1, stopOnFailure: false });
  });

  it('asks for the app, then the version', () => {
    expect(validateDeploymentForm(ready({ appId: null, appVersionId: null }))).toMatchObject({ appId: 'required' });
    expect(validateDeploymentForm(ready({ appVersionId: null }))).toEqual({ appVersionId: 'required' });
  });

  it('checks the field of the chosen target kind only', () => {
    expect(validateDeploymentForm(ready({ nodeIds: [] }))).toEqual({ nodeIds: 'pickNodes' });
    expect(validateDeploymentForm(ready({ targetKind: 'group', nodeIds: [] }))).toEqual({ groupId: 'required' });
    expect(validateDeploymentForm(ready({ targetKind: 'labels' }))).toEqual({ selector: 'required' });
    expect(validateDeploymentForm(ready({ targetKind: 'labels', selector: 'region' }))).toEqual({ selector: 'selectorSyntax' });
    expect(validateDeploymentForm(ready({ targetKind: 'labels', selector: 'region=south' }), 3)).toEqual({});
  });

  it('refuses a target that matches no node and a batch size out of range', () => {
    expect(validateDeploymentForm(ready({ targetKind: 'labels', selector: 'region=south' }), 0)).toEqual({ selector: 'noMatch' });
    for (const batchSize of ['', 0, 1.5, 10_001]) expect(validateDeploymentForm(ready({ batchSize })), String(batchSize)).toEqual({ batchSize: 'batchSize' });
  });
});

describe('formFieldOfServerError', () => {
  it('maps the API\'s field names onto the form', () => {
    expect(formFieldOfServerError('target.nodeIds', 'nodes')).toBe('nodeIds');
    expect(formFieldOfServerError('target', 'labels')).toBe('selector');
    expect(formFieldOfServerError('appVersionId', 'group')).toBe('appVersionId');
    expect(formFieldOfServerError('other', 'group')).toBeNull();
  });
});

describe('batchCount', () => {
  it('is the number of batches the rollout takes', () => {
    expect(batchCount(5, 2)).toBe(3);
    expect(batchCount(4, 2)).toBe(2);
    expect(batchCount(0, 2)).toBe(0);
  });
});
