/**
 * Every HTTP exchange and notification the tests see, kept per test file so that
 * `conformance-setup.ts` can validate each one against the ETSI schemas after the file's tests.
 */
export interface TExchange { method: string; url: string; status: number; contentType: string; headers: Headers; text: string; body: unknown }
export interface TNotificationRecord { callbackUrl: string; body: unknown }

export const recorded = { exchanges: [] as TExchange[], notifications: [] as TNotificationRecord[] };

export async function recordingFetch(url: string, init: RequestInit = {}): Promise<TExchange> {
  const response = await fetch(url, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const exchange: TExchange = {
    method: init.method ?? 'GET', url, status: response.status, contentType, headers: response.headers, text,
    body: /json/.test(contentType) && text !== '' ? JSON.parse(text) : undefined,
  };
  recorded.exchanges.push(exchange);
  return exchange;
}
