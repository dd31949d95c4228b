/**
 * The developer's sandbox REST API (`@mecport/contracts/sandbox` sandbox-api.ts) as a CI would
 * drive it: create, wait until ready, deploy an app version, run the virtual clock, read the
 * event log, the call log and the app's logs, delete.
 *
 * @example
 *   const api = sandboxApi(request, await tokenFor('developer'));
 *   const sandbox = await api.create({ scenarioId: 'campus', clock: 'virtual', seed: 7 });
 */
import type { TCatalogPage, TStoreAppDetail } from '@mecport/contracts';
import type { TEngineEvent, TSandbox, TSandboxCall, TSandboxCreate, TSandboxRunResult } from '@mecport/contracts/sandbox';
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { call } from './auth-matrix';

interface TPage<T> { items: T[]; nextCursor: string | null }
interface TLogLine { id: number; source: string; line: string }

async function json<T>(response: APIResponse, status: number, what: string): Promise<T> {
  expect(response.status(), `${what}: ${await response.text()}`).toBe(status);
  return (await response.json()) as T;
}

export function sandboxApi(request: APIRequestContext, token: string) {
  const get = (path: string) => call(request, { method: 'GET', path }, token);
  const post = (path: string, body?: unknown) => call(request, { method: 'POST', path, body: body ?? {} }, token);

  /** Every item of a cursor-paged list. */
  async function all<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
      const page: TPage<T> = await json<TPage<T>>(await get(`${path}?${params}`), 200, `GET ${path}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  return {
    get, all,
    create: async (body: Partial<TSandboxCreate> & { scenarioId: string }) => json<TSandbox>(await post('/api/v1/sandboxes', body), 201, 'create a sandbox'),
    read: async (id: string) => json<TSandbox>(await get(`/api/v1/sandboxes/${id}`), 200, 'read the sandbox'),
    deploy: async (id: string, appVersionId: string) => json<TSandbox>(await post(`/api/v1/sandboxes/${id}/deployment`, { appVersionId }), 200, 'deploy'),
    start: (id: string) => post(`/api/v1/sandboxes/${id}/start`),
    run: async (id: string, seconds: number) => json<TSandboxRunResult>(await post(`/api/v1/sandboxes/${id}/run`, { seconds }), 200, 'run'),
    events: (id: string) => all<TEngineEvent>(`/api/v1/sandboxes/${id}/events`, { limit: '1000' }),
    calls: (id: string, query: Record<string, string> = {}) => all<TSandboxCall>(`/api/v1/sandboxes/${id}/calls`, query),
    logs: (id: string) => all<TLogLine>(`/api/v1/sandboxes/${id}/logs`),
    remove: (id: string) => call(request, { method: 'DELETE', path: `/api/v1/sandboxes/${id}` }, token),
    list: () => all<TSandbox>('/api/v1/sandboxes'),
  };
}
export type TSandboxApi = ReturnType<typeof sandboxApi>;

/** The published version of a demo app (by its store name) that the caller may deploy. */
export async function publishedVersionId(request: APIRequestContext, name: string, slug: string): Promise<string> {
  const page = await json<TCatalogPage>(await request.get(`/api/v1/store/apps?${new URLSearchParams({ q: name, limit: '50' })}`), 200, 'the catalog');
  const item = page.items.find((i) => i.slug === slug);
  expect(item, `${slug} is published`).toBeDefined();
  const detail = await json<TStoreAppDetail>(await request.get(`/api/v1/store/apps/${item!.id}`), 200, 'the store app');
  return detail.versions[0]!.id;
}
