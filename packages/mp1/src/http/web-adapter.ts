/**
 * The Mp1 handler as a web-standard `(Request) => Promise<Response>`, for hosts built on it (a
 * Next.js route, the MEC sandbox). Only hosts that call it pay for loading undici. The body is read
 * whole (the handler refuses more than MAX_BODY_BYTES); bound it in the host as for any route.
 *
 * @example export const POST = toWebHandler(createMp1Handler({ registry, publicUrl }));
 */
import type { TMp1Handler } from '../mp1-handler';

export function toWebHandler(handler: Pick<TMp1Handler, 'handle'>): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const response = await handler.handle({ method: request.method, url: url.pathname + url.search, headers, body });
    return new Response(response.body ?? null, { status: response.status, headers: response.headers });
  };
}
