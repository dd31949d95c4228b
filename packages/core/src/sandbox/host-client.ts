/**
 * The sandbox host's control API (`@mecport/contracts/sandbox` host-control.ts) as core calls it:
 * loopback HTTP with the bearer secret both sides read from MECPORT_SANDBOX_HOST_SECRET. Core
 * never imports `sandbox/`; this client and the contract are the whole coupling.
 *
 * Failures come back as AppErrors the API can answer as they are: the host unreachable or not
 * configured -> 503 (reason `sandbox-host-unavailable`), a site the host does not run -> `TSiteGone`,
 * the host's own 409 / 400 -> the same status with the host's detail.
 *
 * @example
 *   const host = createHostClient({ url: 'http://127.0.0.1:3003', secret });
 *   const site = await host.getSite(sandboxId);
 */
import { AppError } from '@mecport/contracts';
import {
  SANDBOX_PROBLEMS, ZHostScenarioList, ZHostSite, ZSandboxCallPage, ZSandboxEventPage, ZSandboxLogPage, ZSandboxRunResult, ZScenario, ZWorldSnapshot,
  type THostDeploy, type THostSite, type THostSiteCreate, type TInjectedEvent, type TSandboxCallQuery, type TSandboxRunResult, type TScenario,
  type TScenarioSummary, type TWorldSnapshot,
} from '@mecport/contracts/sandbox';
import { z } from 'zod';

export interface THostClientOptions {
  url: string;
  secret: string;
  /** Per call, in ms (default 30 s: a site's start or a long virtual run takes a while). */
  timeoutMs?: number;
}

export type TSiteAction = 'start' | 'pause' | 'reset';

export interface THostClient {
  scenarios(): Promise<TScenarioSummary[]>;
  scenario(scenarioId: string): Promise<TScenario>;
  putSite(sandboxId: string, create: THostSiteCreate): Promise<THostSite>;
  listSites(): Promise<THostSite[]>;
  getSite(sandboxId: string): Promise<THostSite>;
  deleteSite(sandboxId: string): Promise<void>;
  act(sandboxId: string, action: TSiteAction): Promise<THostSite>;
  run(sandboxId: string, seconds: number): Promise<TSandboxRunResult>;
  inject(sandboxId: string, event: TInjectedEvent): Promise<void>;
  events(sandboxId: string, afterSeq: number, limit: number): Promise<z.infer<typeof ZSandboxEventPage>>;
  deploy(sandboxId: string, deploy: THostDeploy): Promise<THostSite>;
  world(sandboxId: string): Promise<TWorldSnapshot>;
  calls(sandboxId: string, query: TSandboxCallQuery): Promise<z.infer<typeof ZSandboxCallPage>>;
  logs(sandboxId: string, cursor: string | undefined, limit: number): Promise<z.infer<typeof ZSandboxLogPage>>;
  /** The host's answer as it is, any status (the HAR file, the event stream, a try-it answer): the caller passes it through. */
  raw(sandboxId: string, path: string, init?: { method?: string; headers?: Headers; body?: RequestInit['body']; signal?: AbortSignal; stream?: boolean }): Promise<Response>;
}

/** The host answered 404 for a site: it does not run that sandbox (it restarted, or the site expired there). */
export class TSiteGone extends Error {
  constructor(readonly sandboxId: string) {
    super(`The sandbox host does not run sandbox ${sandboxId}`);
    this.name = 'TSiteGone';
  }
}

export function hostUnavailable(detail: string, cause?: unknown): AppError {
  return new AppError('unavailable', detail, { extensions: { reason: SANDBOX_PROBLEMS.hostUnavailable }, cause });
}

/** Without a configured host every sandbox call answers this (the API's routes still exist). */
export const HOST_NOT_CONFIGURED = 'The sandbox host is not configured (MECPORT_SANDBOX_HOST_URL and MECPORT_SANDBOX_HOST_SECRET)';

const ZHostProblem = z.object({ detail: z.string().optional(), title: z.string().optional() }).loose();

export function createHostClient(options: THostClientOptions): THostClient {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const site = (id: string) => `/sites/${encodeURIComponent(id)}`;

  async function send(path: string, init: { method?: string; headers?: Headers; body?: RequestInit['body']; signal?: AbortSignal; stream?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${options.secret}`);
    // Streams (SSE) live as long as the reader; everything else gets the timeout.
    const signal = init.stream ? init.signal : AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal] : [])]);
    try {
      return await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, body: init.body, signal, redirect: 'manual', ...(init.body ? { duplex: 'half' } : {}) } as RequestInit);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw hostUnavailable(`The sandbox host at ${base} did not answer (${(error as Error).message})`, error);
    }
  }

  async function json<T>(schema: z.ZodType<T>, path: string, init: { method?: string; body?: unknown; siteId?: string } = {}): Promise<T> {
    const headers = new Headers(init.body === undefined ? {} : { 'content-type': 'application/json' });
    const response = await send(path, { method: init.method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    await throwUnlessOk(response, init.siteId);
    if (response.status === 204 || response.status === 202) return undefined as T;
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw hostUnavailable(`The sandbox host answered ${init.method ?? 'GET'} ${path} with a body this portal does not understand`);
    return parsed.data;
  }

  return {
    scenarios: () => json(ZHostScenarioList, '/scenarios'),
    scenario: async (scenarioId) => {
      const response = await send(`/scenarios/${encodeURIComponent(scenarioId)}`);
      if (response.status === 404) throw new AppError('not-found', `No sandbox scenario ${scenarioId}`, { extensions: { resourceId: scenarioId } });
      await throwUnlessOk(response);
      const parsed = ZScenario.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw hostUnavailable(`The sandbox host's scenario ${scenarioId} does not match the contract`);
      return parsed.data;
    },
    putSite: (id, create) => json(ZHostSite, site(id), { method: 'PUT', body: create }),
    listSites: () => json(z.array(ZHostSite), '/sites'),
    getSite: (id) => json(ZHostSite, site(id), { siteId: id }),
    deleteSite: async (id) => {
      const response = await send(site(id), { method: 'DELETE' });
      if (response.status === 404) return;
      await throwUnlessOk(response);
    },
    act: (id, action) => json(ZHostSite, `${site(id)}/${action}`, { method: 'POST', siteId: id }),
    run: (id, seconds) => json(ZSandboxRunResult, `${site(id)}/run`, { method: 'POST', body: { seconds }, siteId: id }),
    inject: (id, event) => json(z.unknown(), `${site(id)}/events`, { method: 'POST', body: event, siteId: id }).then(() => undefined),
    events: (id, afterSeq, limit) => json(ZSandboxEventPage, `${site(id)}/events?afterSeq=${afterSeq}&limit=${limit}`, { siteId: id }),
    deploy: (id, deploy) => json(ZHostSite, `${site(id)}/deployment`, { method: 'PUT', body: deploy, siteId: id }),
    world: (id) => json(ZWorldSnapshot, `${site(id)}/world`, { siteId: id }),
    calls: (id, query) => json(ZSandboxCallPage, `${site(id)}/calls?${searchOf(query)}`, { siteId: id }),
    logs: (id, cursor, limit) => json(ZSandboxLogPage, `${site(id)}/logs?${searchOf({ cursor, limit })}`, { siteId: id }),
    raw: (id, path, init) => send(`${site(id)}${path}`, init),
  };
}

function searchOf(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(key, String(value));
  return search.toString();
}

async function throwUnlessOk(response: Response, siteId?: string): Promise<void> {
  if (response.ok) return;
  if (response.status === 404 && siteId) throw new TSiteGone(siteId);
  const problem = ZHostProblem.safeParse(await response.json().catch(() => undefined));
  const detail = problem.success && problem.data.detail ? problem.data.detail : `the sandbox host answered ${response.status}`;
  if (response.status === 401 || response.status === 403) throw hostUnavailable('The sandbox host refused the portal\'s secret (MECPORT_SANDBOX_HOST_SECRET differs)');
  if (response.status === 409) throw new AppError('conflict', detail);
  if (response.status === 400 || response.status === 422) throw new AppError('validation', detail);
  if (response.status === 404) throw new AppError('not-found', detail);
  throw hostUnavailable(`The sandbox host failed: ${detail}`);
}
