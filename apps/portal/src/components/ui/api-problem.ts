/**
 * Reads an API answer that was not OK as an RFC 9457 problem, keeping the per-field `errors`
 * (`{ in, field, message }`) that forms show under their inputs. A network failure becomes a
 * problem with status 0.
 *
 * @example
 *   const res = await apiFetch('/api/v1/apps', { method: 'POST', body });
 *   if (!res.ok) setProblem(await readProblem(res));
 */
import type { TFieldError } from '@mecport/contracts';
import { problemFromResponse, type TProblem } from '@/auth/problem';

/** `fields`: the problem's machine fields (`resource`, `resourceId`, `reason`, …) the UI translates its message from. */
export type TApiProblem = TProblem & { errors?: TFieldError[]; fields?: Record<string, string> };

/** Problem members that are machine fields (see ZProblem), kept when they are strings. */
const MACHINE_FIELDS = ['resource', 'resourceId', 'appId', 'reason', 'appDId'] as const;

function machineFieldsOf(body: Record<string, unknown>): Record<string, string> | undefined {
  const fields = Object.fromEntries(MACHINE_FIELDS.flatMap((k) => (typeof body[k] === 'string' ? [[k, body[k]]] : [])));
  return Object.keys(fields).length > 0 ? fields : undefined;
}

export async function readProblem(res: Response): Promise<TApiProblem> {
  let errors: TFieldError[] | undefined;
  let fields: Record<string, string> | undefined;
  try {
    const body: unknown = await res.clone().json();
    if (body && typeof body === 'object') fields = machineFieldsOf(body as Record<string, unknown>);
    if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
      errors = ((body as { errors: unknown[] }).errors).filter(
        (e): e is TFieldError => !!e && typeof e === 'object' && typeof (e as TFieldError).field === 'string' && typeof (e as TFieldError).message === 'string',
      );
    }
  } catch {
    // not JSON: the status is all there is
  }
  const problem: TApiProblem = await problemFromResponse(res);
  if (fields) problem.fields = fields;
  return errors?.length ? { ...problem, errors } : problem;
}

export function networkProblem(e: unknown): TApiProblem {
  return { title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e) };
}

/** `fetch` that never throws: the response, or a problem for a network failure. */
export async function safeFetch(run: () => Promise<Response>): Promise<Response | TApiProblem> {
  try {
    return await run();
  } catch (e) {
    return networkProblem(e);
  }
}
