/**
 * RFC 9457 problem details as the MECport API answers them, read leniently: a response that is
 * not problem+json (a proxy's HTML 502, a 404 page) still becomes a problem with the HTTP status.
 */

export interface TProblem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export async function problemFromResponse(res: Response): Promise<TProblem> {
  const headerRequestId = str(res.headers.get('x-request-id'));
  let body: Record<string, unknown> = {};
  if (/json/i.test(res.headers.get('content-type') ?? '')) {
    try {
      const parsed: unknown = await res.json();
      if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // not JSON after all: keep the HTTP status only
    }
  }
  const problem: TProblem = {
    title: str(body.title) ?? str(res.statusText) ?? `HTTP ${res.status}`,
    status: typeof body.status === 'number' ? body.status : res.status,
  };
  const type = str(body.type);
  const detail = str(body.detail);
  const instance = str(body.instance);
  const requestId = str(body.requestId) ?? headerRequestId;
  if (type) problem.type = type;
  if (detail) problem.detail = detail;
  if (instance) problem.instance = instance;
  if (requestId) problem.requestId = requestId;
  return problem;
}
