/**
 * A fetch that answers from a table of recorded responses and keeps every request, for the
 * clients' tests without a server.
 *
 * @example const f = recordingFetch({ 'GET http://x/location/v2/queries/zones': { status: 200, body: {...} } });
 */
export interface TRecordedRequest { method: string; url: string; headers: Record<string, string>; body: unknown }
export interface TRecordedResponse { status: number; body?: unknown }

export function recordingFetch(answers: Record<string, TRecordedResponse | TRecordedResponse[]>): typeof fetch & { requests: TRecordedRequest[] } {
  const requests: TRecordedRequest[] = [];
  const fake = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = String(input);
    const text = typeof init.body === 'string' ? init.body : undefined;
    requests.push({ method, url, headers: Object.fromEntries(new Headers(init.headers).entries()), body: text?.startsWith('{') ? JSON.parse(text) : text });
    const entry = answers[`${method} ${url}`];
    const answer = Array.isArray(entry) ? entry.shift() : entry;
    if (!answer) return new Response(JSON.stringify({ title: 'not recorded' }), { status: 404 });
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return Object.assign(fake as typeof fetch, { requests });
}
