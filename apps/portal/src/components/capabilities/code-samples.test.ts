import { parse as parseShell } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { groupOperations, parseOpenApi, type TOperationView } from '../api-docs/openapi-model';
import { codeSamples, curlSample, pythonLiteral, sampleRequest, shellQuote } from './code-samples';
import { exampleOf } from './schema-example';
import { readVendoredSpec } from './testing/vendored-spec';

const location = parseOpenApi(readVendoredSpec('MEC013_LocationAPI.yaml'))!;
const operations = groupOperations(location).flatMap((g) => g.operations);
const op = (key: string): TOperationView => operations.find((o) => o.key === key)!;
const ROOT = 'https://mec.example.com/location/v2';

/** The shell words of a command, with the line continuations a shell would join. */
function shellWords(command: string): string[] {
  const words = parseShell(command.replaceAll('\\\n', ' '));
  expect(words.every((w) => typeof w === 'string'), 'only plain words, no operators or globs').toBe(true);
  return words as string[];
}

describe('the curl sample of real MEC 013 operations', () => {
  it('GET /queries/distance: a valid command with the required address in the query', () => {
    const words = shellWords(curlSample(sampleRequest(op('get /queries/distance'), ROOT)));
    expect(words.slice(0, 3)).toEqual(['curl', '-X', 'GET']);
    const url = new URL(words[3]!);
    expect(url.origin + url.pathname).toBe(`${ROOT}/queries/distance`);
    expect(url.searchParams.getAll('address').length).toBeGreaterThan(0);
    expect(words.slice(4)).toEqual(['-H', 'Accept: application/json']);
  });

  it('POST /subscriptions/zonalTraffic: the body is JSON from the schema\'s example', () => {
    const words = shellWords(curlSample(sampleRequest(op('post /subscriptions/zonalTraffic'), ROOT)));
    expect(words.slice(0, 4)).toEqual(['curl', '-X', 'POST', `${ROOT}/subscriptions/zonalTraffic`]);
    expect(words).toContain('Content-Type: application/json');
    const body = JSON.parse(words[words.indexOf('--data') + 1]!) as { zonalTrafficSubscription: { zoneId: string; callbackReference: { notifyURL: string } } };
    expect(body.zonalTrafficSubscription.zoneId).toBe('zone01');
    expect(body.zonalTrafficSubscription.callbackReference.notifyURL).toMatch(/^http/);
  });

  it('fills path parameters and quotes what the shell would otherwise read', () => {
    const request = sampleRequest(op('get /queries/zones/{zoneId}/accessPoints/{accessPointId}'), ROOT);
    expect(request.url).not.toMatch(/[{}]/);
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellWords(`echo ${shellQuote("it's $HOME `x`")}`)).toEqual(['echo', "it's $HOME `x`"]);
  });
});

describe('the TypeScript and Python samples', () => {
  it('TypeScript (fetch) runs as written and sends the request', async () => {
    const request = sampleRequest(op('post /subscriptions/zonalTraffic'), ROOT);
    const sent: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (url: string, init: RequestInit) => { sent.push({ url, init }); return Promise.resolve(new Response('{}', { status: 201 })); };
    const log: unknown[] = [];
    // The sample is plain JavaScript too: run it with a fake fetch and console.
    const run = new Function('fetch', 'console', `return (async () => {\n${codeSamples(request).typescript}\n})();`) as (f: typeof fakeFetch, c: { log: (...a: unknown[]) => void }) => Promise<void>;
    await run(fakeFetch, { log: (...a) => log.push(a) });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(request.url);
    expect(sent[0]!.init.method).toBe('POST');
    expect(JSON.parse(sent[0]!.init.body as string)).toEqual(request.body);
    expect(log).toEqual([[201, '{}']]);
  });

  it('Python literals: True, False, None, nested', () => {
    expect(pythonLiteral({ a: true, b: [false, null], c: 'x"y' })).toBe('{\n    "a": True,\n    "b": [\n        False,\n        None,\n    ],\n    "c": "x\\"y",\n}');
    const python = codeSamples(sampleRequest(op('get /queries/users'), ROOT)).python;
    expect(python).toContain('import requests');
    expect(python).toContain(`"${ROOT}/queries/users"`);
    expect(python).not.toContain('json=');
  });
});

describe('exampleOf', () => {
  it('prefers declared examples, then builds one from the type', () => {
    expect(exampleOf({ type: 'integer', example: 7 })).toBe(7);
    expect(exampleOf({ enum: ['ENTERING_AREA_EVENT', 'LEAVING_AREA_EVENT'] })).toBe('ENTERING_AREA_EVENT');
    expect(exampleOf({ type: 'object', required: ['a'], properties: { a: { type: 'string', format: 'uri' }, b: { type: 'number' } } })).toEqual({ a: 'http://127.0.0.1:8080/callback' });
    expect(exampleOf({ type: 'array', items: { type: 'boolean' } })).toEqual([true]);
    expect(exampleOf({ oneOf: [{ type: 'number', minimum: 3 }, { type: 'string' }] })).toBe(3);
    expect(exampleOf({ $ref: '#/components/schemas/Recursive' })).toEqual({});
  });
});
