/**
 * The call record as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the format
 * browsers' developer tools and HTTP tools import. Each exchange is one entry; what HAR has no
 * field for (direction, source, API, sandbox clock, truncation) is in the entry's `_sandbox`
 * (custom fields start with an underscore, as the spec allows). Bodies are the recorded text,
 * cut at 64 KiB, with credentials redacted as recorded.
 *
 * @example const har = toHar(record.all(), 'http://127.0.0.1:41234'); // JSON.stringify(har)
 */
import type { Entry, Har, Header, QueryString } from 'har-format';
import type { TSandboxCall } from '@mecport/contracts/sandbox';

const headerList = (headers: Record<string, string>): Header[] => Object.entries(headers).map(([name, value]) => ({ name, value }));
const mimeOf = (headers: Record<string, string>) => headers['content-type'] ?? 'application/octet-stream';
const sizeOf = (body: string | null) => (body === null ? 0 : Buffer.byteLength(body));

function entryOf(call: TSandboxCall, gatewayUrl: string): Entry & { _sandbox: Record<string, unknown> } {
  const url = new URL(call.url, gatewayUrl);
  const queryString: QueryString[] = [...url.searchParams].map(([name, value]) => ({ name, value }));
  const { request, response } = call;
  return {
    startedDateTime: call.at,
    time: call.durationMs,
    request: {
      method: call.method, url: url.href, httpVersion: 'HTTP/1.1', cookies: [], headers: headerList(request.headers), queryString,
      ...(request.body === null ? {} : { postData: { mimeType: mimeOf(request.headers), text: request.body } }),
      headersSize: -1, bodySize: sizeOf(request.body),
    },
    response: {
      status: call.status, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], headers: headerList(response.headers),
      content: { size: sizeOf(response.body), mimeType: mimeOf(response.headers), ...(response.body === null ? {} : { text: response.body }) },
      redirectURL: response.headers.location ?? '', headersSize: -1, bodySize: sizeOf(response.body),
    },
    cache: {},
    timings: { send: 0, wait: call.durationMs, receive: 0 },
    _sandbox: { id: call.id, direction: call.direction, source: call.source, api: call.api, atSec: call.atSec, requestTruncated: request.truncated, responseTruncated: response.truncated },
  };
}

export function toHar(calls: readonly TSandboxCall[], gatewayUrl: string, creatorVersion = '0.1.0'): Har {
  return { log: { version: '1.2', creator: { name: 'MECport sandbox', version: creatorVersion }, entries: calls.map((call) => entryOf(call, gatewayUrl)) } };
}
