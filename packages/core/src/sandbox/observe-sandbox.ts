/**
 * What a sandbox shows: the emulated site now, the MEC API calls the app made (and as HAR), the
 * app's and agent's log lines, the live stream, and "try it" requests to its MEC APIs. The host
 * answers; these check who asks and pass the answer on.
 */
import type { TSandboxCallQuery, TWorldSnapshot } from '@mecport/contracts/sandbox';
import type { TActor } from '../identity';
import { findSandbox } from './access';
import { AppError } from '@mecport/contracts';
import { hostUnavailable, TSiteGone } from './host-client';
import { onSite } from './host-state';
import { requireHost, type TSandboxDeps } from './sandbox-deps';

export async function sandboxWorld(deps: TSandboxDeps, actor: TActor, sandboxId: string): Promise<TWorldSnapshot> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'read');
  return onSite(deps.db, row, () => host.world(row.id));
}

export async function sandboxCalls(deps: TSandboxDeps, actor: TActor, sandboxId: string, query: TSandboxCallQuery) {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'read');
  return onSite(deps.db, row, () => host.calls(row.id, query));
}

export async function sandboxLogs(deps: TSandboxDeps, actor: TActor, sandboxId: string, query: { cursor?: string; limit: number }) {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'read');
  return onSite(deps.db, row, () => host.logs(row.id, query.cursor, query.limit));
}

/** The call record as a HAR 1.2 file, as a download. */
export async function sandboxHar(deps: TSandboxDeps, actor: TActor, sandboxId: string): Promise<Response> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'read');
  const answer = await onSite(deps.db, row, async () => siteAnswer(row.id, await host.raw(row.id, '/calls/har')));
  const har = await answer.text();
  return new Response(har, {
    status: 200,
    headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="sandbox-${row.id}.har"`, 'cache-control': 'no-store' },
  });
}

/** The live view (`world`, `event`, `status` events) passed through as it comes; ends when the caller goes. */
export async function sandboxStream(deps: TSandboxDeps, actor: TActor, sandboxId: string, signal: AbortSignal): Promise<Response> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'read');
  const answer = await onSite(deps.db, row, async () => siteAnswer(row.id, await host.raw(row.id, '/stream', { headers: new Headers({ accept: 'text/event-stream' }), signal, stream: true })));
  return new Response(answer.body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
}

/** Largest "try it" body passed to the sandbox (the MEC APIs take small JSON documents). */
export const TRY_IT_MAX_BODY_BYTES = 256 * 1024;

/**
 * "Try it": the request goes to the sandbox's MEC APIs (`path` is what follows `/mec/`), recorded
 * there as source try-it; the answer comes back as the MEC API gave it, any status.
 */
export async function sandboxTryIt(deps: TSandboxDeps, actor: TActor, sandboxId: string, request: Request, mecPath: string): Promise<Response> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'write');
  const body = await readLimited(request, TRY_IT_MAX_BODY_BYTES);
  const search = new URL(request.url).search;
  const headers = new Headers();
  for (const name of ['content-type', 'accept']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const answer = await host.raw(row.id, `/mec/${mecPath.replace(/^\/+/, '')}${search}`, { method: request.method, headers, body: body.byteLength > 0 ? body : undefined });
  const passed = new Headers();
  for (const name of ['content-type', 'location']) {
    const value = answer.headers.get(name);
    if (value) passed.set(name, value);
  }
  return new Response(answer.status === 204 || answer.status === 304 ? null : await answer.arrayBuffer(), { status: answer.status, headers: passed });
}

/** A 404 from the host about the site itself (not from an app behind it). */
function siteAnswer(sandboxId: string, answer: Response): Response {
  if (answer.status === 404) throw new TSiteGone(sandboxId);
  if (!answer.ok) throw hostUnavailable(`The sandbox host answered ${answer.status}`);
  return answer;
}

/** The request body, refused with 413 past `max` bytes (read as it comes, never more than `max` + one chunk). */
async function readLimited(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body || request.method === 'GET' || request.method === 'HEAD') return new Uint8Array(0);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > max) throw tooLarge(max);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(max: number): AppError {
  return new AppError('payload-too-large', `A "try it" request body may have at most ${max} bytes`);
}
