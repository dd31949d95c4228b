import { describe, expect, it } from 'vitest';
import { activeFilterCount, callsPath, NO_CALL_FILTERS, statusClassOf } from './call-filters';

const ID = '0b7d8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('callsPath', () => {
  it('asks for the page size only when no filter is set', () => {
    expect(callsPath(ID, NO_CALL_FILTERS, 50)).toBe(`/api/v1/sandboxes/${ID}/calls?limit=50`);
  });
  it('puts every set filter into the query', () => {
    const path = callsPath(ID, { api: 'location', direction: 'notification', method: 'POST', status: '4xx', q: ' zones ' }, 20);
    const query = new URLSearchParams(path.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({ limit: '20', api: 'location', direction: 'notification', method: 'POST', status: '4xx', q: 'zones' });
  });
  it('leaves out blank URL text and cuts long text to what the API accepts', () => {
    expect(callsPath(ID, { ...NO_CALL_FILTERS, q: '   ' }, 50)).not.toContain('q=');
    const long = new URLSearchParams(callsPath(ID, { ...NO_CALL_FILTERS, q: 'x'.repeat(300) }, 50).split('?')[1]).get('q');
    expect(long).toHaveLength(200);
  });
  it('encodes URL text', () => {
    expect(callsPath(ID, { ...NO_CALL_FILTERS, q: 'a&b=c' }, 10)).toContain('q=a%26b%3Dc');
  });
});

describe('activeFilterCount', () => {
  it('counts set filters, blank text not', () => {
    expect(activeFilterCount(NO_CALL_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...NO_CALL_FILTERS, api: 'rnis', q: ' ' })).toBe(1);
    expect(activeFilterCount({ api: 'rnis', direction: 'request', method: 'GET', status: '2xx', q: 'x' })).toBe(5);
  });
});

describe('statusClassOf', () => {
  it('classes HTTP statuses by hundreds', () => {
    expect([200, 204, 301, 404, 429, 500, 503].map(statusClassOf)).toEqual(['2xx', '2xx', '3xx', '4xx', '4xx', '5xx', '5xx']);
  });
  it('treats no answer and nonsense as errors', () => {
    expect(statusClassOf(0)).toBe('error');
    expect(statusClassOf(99)).toBe('error');
    expect(statusClassOf(600)).toBe('error');
  });
});
