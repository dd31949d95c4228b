/**
 * The Mp1 handler's own request and response: plain objects, so the node:http server needs no
 * WHATWG Request/Response (loading undici costs about 10 MB of RSS), and tests or other hosts
 * can call the handler in-process. `toWebHandler` adapts it to Request/Response where wanted.
 */
export interface TMp1Request {
  method: string;
  /** Path and query, e.g. `/mec_service_mgmt/v1/services?ser_name=rni`. */
  url: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | undefined>;
  body?: Buffer;
}

export interface TMp1Response {
  status: number;
  headers: Record<string, string>;
  body?: string;
}
