/**
 * What the call record keeps of one HTTP message: headers (credentials redacted) and the body as
 * text, cut at 64 KiB. Authorization and cookies never enter the record: a HAR export is shared.
 */
export const BODY_LIMIT_BYTES = 64 * 1024;
const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export interface TRecordedMessage { headers: Record<string, string>; body: string | null; truncated: boolean }

export function recordedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = REDACTED_HEADERS.has(name) ? redact(value) : value;
  });
  return out;
}

/** Keeps the scheme (`Bearer`, `Basic`) so a reader sees what kind of credential was sent, never the credential. */
function redact(value: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*) /.exec(value)?.[1];
  return scheme ? `${scheme} [redacted]` : '[redacted]';
}

/** The body as UTF-8 text cut at the limit (on a character boundary); null when empty. */
export function recordedBody(bytes: Uint8Array | undefined): { body: string | null; truncated: boolean } {
  if (!bytes || bytes.byteLength === 0) return { body: null, truncated: false };
  const truncated = bytes.byteLength > BODY_LIMIT_BYTES;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(truncated ? bytes.subarray(0, BODY_LIMIT_BYTES) : bytes);
  return { body: truncated ? text.replace(/\uFFFD$/, '') : text, truncated };
}

export function recordedMessage(headers: Headers, bytes: Uint8Array | undefined): TRecordedMessage {
  return { headers: recordedHeaders(headers), ...recordedBody(bytes) };
}
