/**
 * The resumable upload endpoint (tus 1.0 via @tus/server's `handleWeb`) at `/api/v1/uploads`:
 * POST creates, HEAD reads the offset, PATCH appends, DELETE cancels, OPTIONS describes. Every
 * request needs a Bearer token of a developer or admin; an upload belongs to the tenant of the
 * app it was created for (another tenant's upload or app answers 404). Bytes are staged in
 * `${MECPORT_DATA_DIR}/uploads/`; on the last byte the upload moves to `validating` and the
 * worker's `package.validate` job takes over.
 *
 * POST, PATCH and DELETE are declared with `api.route` (OpenAPI, role matrix); HEAD and OPTIONS,
 * which the route declarations do not model, pass the same authentication by hand.
 */
import { removeStagedFiles } from '@mecport/blob-store';
import { AppError, ERROR_STATUS, nulFieldErrors, ZUploadMetadata, ZUploadParams, type TErrorCode } from '@mecport/contracts';
import { cancelUpload, completeUpload, createUpload, findTenantApp, findTenantUpload, resolveActor, setUploadOffset, type TActor } from '@mecport/core';
import { assertUserAllowed, bearerTokenOf, errorToResponse, problemResponse, REQUEST_ID_HEADER, requestIdOf, withUser, type Logger } from '@mecport/http';
import type { Server } from '@tus/server';
import { api } from '../api';
import { log as portalLog } from '../logger';
import { prisma, tokenVerifier, uploadsDir, uploadTusServer, validationJobs } from '../services';

const uploaders = withUser({ roles: ['developer', 'admin'] });
const tags = ['Uploads'];
const TUS_PATH = '/api/v1/uploads';

// 1. The tus server's hooks (the server itself is built in ../services).
interface TCallContext { actor: TActor; requestId: string; log: Logger }
const calls = new WeakMap<Request, TCallContext>();

function callOf(request: Request): TCallContext {
  const call = calls.get(request);
  if (!call) throw new Error('tus hook called for a request that did not pass authentication');
  return call;
}

function tusServer(): Server {
  return uploadTusServer({
    path: TUS_PATH,
    onUploadCreate: async (request, upload) => {
      const { actor } = callOf(request);
      const metadata = ZUploadMetadata.parse(upload.metadata);
      await createUpload(prisma(), actor, { id: upload.id, size: upload.size ?? 0, metadata });
      return {};
    },
    onUploadFinish: async (request, upload) => {
      const { actor, requestId, log } = callOf(request);
      if (await completeUpload(prisma(), actor, upload.id, requestId)) {
        try {
          await validationJobs().send('package.validate', { uploadId: upload.id });
        } catch (err) {
          // The worker queues stranded `validating` uploads when it starts; the upload is not lost.
          log.error({ err, uploadId: upload.id }, 'could not queue the validation job');
        }
      }
      return {};
    },
  });
}

// 2. Metadata is checked before tus sees the request, so a bad key is a 400 problem naming it.
function parseUploadMetadata(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (!key) continue;
    out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

function checkedMetadata(request: Request) {
  const metadata = parseUploadMetadata(request.headers.get('upload-metadata'));
  const nul = nulFieldErrors('header', metadata);
  const parsed = ZUploadMetadata.safeParse(metadata);
  if (parsed.success && nul.length === 0) return parsed.data;
  const errors = nul.length > 0 ? nul : parsed.error!.issues.map((issue) => ({ in: 'header' as const, field: String(issue.path[0] ?? 'Upload-Metadata'), message: issue.message }));
  throw new AppError('validation', `Upload-Metadata ${errors[0]!.field}: ${errors[0]!.message}`, { errors });
}

// 3. tus answers in text; errors become problem+json with the same status where there is a code for it.
const CODE_BY_STATUS = new Map<number, TErrorCode>(Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as TErrorCode]));

async function asProblem(response: Response, requestId: string, instance: string): Promise<Response> {
  const code = CODE_BY_STATUS.get(response.status);
  if (response.status < 400 || !code) return response;
  const detail = (await response.text()).trim() || `The upload request failed with ${response.status}`;
  const tusHeaders = Object.fromEntries([...response.headers].filter(([name]) => /^(tus-|upload-|access-control-)/i.test(name)));
  return problemResponse({ type: `urn:mecport:problem:${code}`, title: code, status: response.status, detail, instance, requestId }, tusHeaders);
}

/** Hands an authenticated request to tus, after the tenant checks, and keeps the row's offset in step. */
async function handleTus(request: Request, call: TCallContext, uploadId: string | null): Promise<Response> {
  const db = prisma();
  if (request.method === 'POST') {
    const metadata = checkedMetadata(request);
    await findTenantApp(db, call.actor.tenant.id, metadata.appId);
  } else if (uploadId) {
    await findTenantUpload(db, call.actor.tenant.id, uploadId);
  }
  if (request.method === 'DELETE' && uploadId) {
    await cancelUpload(db, call.actor, uploadId, call.requestId);
    await tusServer().handleWeb(request).catch(() => undefined);
    await removeStagedFiles(uploadsDir(), uploadId);
    return new Response(null, { status: 204, headers: { 'tus-resumable': '1.0.0' } });
  }
  calls.set(request, call);
  const response = await tusServer().handleWeb(request);
  const offset = response.headers.get('upload-offset');
  if (uploadId && offset !== null && (request.method === 'PATCH' || request.method === 'HEAD')) await setUploadOffset(db, uploadId, Number(offset));
  return asProblem(response, call.requestId, new URL(request.url).pathname);
}

// 4. The documented routes.
export const createUploadRoute = api.route({
  method: 'POST', path: TUS_PATH, operationId: 'createUpload', tags,
  summary: 'Start a resumable package upload (tus 1.0 creation)',
  description: 'Headers: `Tus-Resumable: 1.0.0`, `Upload-Length`, `Upload-Metadata` with base64 `appId` (an app of your tenant), `version` and `filename`. '
    + 'Answers 201 with `Location: /api/v1/uploads/{uploadId}`; send the bytes with PATCH, read the offset with HEAD (tus-js-client does both). '
    + 'Packages larger than UPLOAD_MAX_BYTES are refused with 413. When the last byte arrives the upload is validated in the background: '
    + 'follow it at `/api/v1/apps/{appId}/uploads/{uploadId}`.',
  auth: uploaders,
  response: { status: 201, description: 'Created; `Location` is the upload URL' },
  errors: [404, 413],
  handler: ({ request, actor, requestId, log }) => handleTus(request, { actor, requestId, log }, null),
});

export const appendUploadRoute = api.route({
  method: 'PATCH', path: `${TUS_PATH}/{uploadId}`, operationId: 'appendUpload', tags,
  summary: 'Append bytes to a resumable upload (tus 1.0 PATCH)',
  description: 'Body `application/offset+octet-stream`; `Upload-Offset` must equal the server\'s offset (HEAD). Answers 204 with the new `Upload-Offset`.',
  auth: uploaders,
  params: ZUploadParams,
  response: { status: 204, description: 'Bytes stored; `Upload-Offset` is the new offset' },
  errors: [404, 409, 413],
  handler: ({ request, actor, requestId, log, params }) => handleTus(request, { actor, requestId, log }, params.uploadId),
});

export const cancelUploadRoute = api.route({
  method: 'DELETE', path: `${TUS_PATH}/{uploadId}`, operationId: 'cancelUpload', tags,
  summary: 'Cancel an upload in progress: its bytes are deleted and it becomes `cancelled` (audited); 409 once complete',
  auth: uploaders,
  params: ZUploadParams,
  response: { status: 204, description: 'Cancelled' },
  errors: [404, 409],
  handler: ({ request, actor, requestId, log, params }) => handleTus(request, { actor, requestId, log }, params.uploadId),
});

// 5. HEAD and OPTIONS: the same authentication, by hand.
async function authenticated(request: Request, uploadId: string | null): Promise<Response> {
  const requestId = requestIdOf(request);
  const log = portalLog.child({ requestId });
  const instance = new URL(request.url).pathname;
  let response: Response;
  try {
    const principal = await tokenVerifier()(bearerTokenOf(request));
    assertUserAllowed(principal, uploaders);
    const actor = await resolveActor(prisma(), principal);
    if (uploadId !== null && !ZUploadParams.safeParse({ uploadId }).success) {
      throw new AppError('validation', 'params.uploadId: not a UUID', { errors: [{ in: 'params', field: 'uploadId', message: 'not a UUID' }] });
    }
    response = await handleTus(request, { actor, requestId, log }, uploadId);
  } catch (error) {
    response = errorToResponse(error, { requestId, instance, log });
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
  log.info({ method: request.method, path: instance, status: response.status }, 'request');
  return response;
}

type TUploadContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** `HEAD /api/v1/uploads/{uploadId}`: the server's offset (tus). */
export async function headUpload(request: Request, context: TUploadContext): Promise<Response> {
  return authenticated(request, String((await context.params).uploadId ?? ''));
}

/** `OPTIONS /api/v1/uploads[/{uploadId}]`: tus version, extensions and Tus-Max-Size. */
export async function uploadOptions(request: Request): Promise<Response> {
  return authenticated(request, null);
}
