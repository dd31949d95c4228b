import { describe, expect, it } from 'vitest';
import { BufferedResponse } from './buffered-response';

const json = () => new BufferedResponse('{"a":1}', { status: 201, headers: { 'content-type': 'application/json' } });

describe('BufferedResponse', () => {
  it('is a Response with its status and headers, whose body reads like any other', async () => {
    const response = json();
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.ok, response.headers.get('content-type')]).toEqual([201, true, 'application/json']);
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ a: 1 });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('reads as text, bytes and a stream', async () => {
    expect(await json().text()).toBe('{"a":1}');
    expect(new TextDecoder().decode(await json().arrayBuffer())).toBe('{"a":1}');
    expect(await new Response(json().body).text()).toBe('{"a":1}');
    expect(await (await json().blob()).text()).toBe('{"a":1}');
  });

  it('offers its text to a server until the body is read some other way', async () => {
    const response = json();
    expect(response.unreadText).toBe('{"a":1}');
    await response.text();
    expect(response.unreadText).toBeUndefined();
    const streamed = json();
    expect(streamed.body).not.toBeNull();
    expect(streamed.unreadText, 'a stream was handed out').toBeUndefined();
  });

  it('carries headers set after it was made into the body\'s response', async () => {
    const response = json();
    response.headers.set('x-request-id', 'rid-12345678');
    expect(response.materialize().headers.get('x-request-id')).toBe('rid-12345678');
    expect(await response.json()).toEqual({ a: 1 });
  });

  it('clones before and after its body was read', async () => {
    const response = json();
    const copy = response.clone();
    expect(await copy.json()).toEqual({ a: 1 });
    expect(await response.json()).toEqual({ a: 1 });
    const streamed = json();
    expect(streamed.body).not.toBeNull();
    const second = streamed.clone();
    expect(await streamed.text()).toBe('{"a":1}');
    expect(await second.text()).toBe('{"a":1}');
  });
});
