/**
 * ETSI GS MEC 010-2 v2.1.1 application package management, read-only, for MEC orchestrators:
 * `/app_pkgm/v1/app_packages[/{appPkgId}[/appd|/package_content]]` over the store's published
 * (not deprecated) versions. Machine-to-machine in the standard; for now the caller is a signed-in
 * operator, store-admin or admin (client-credential callers come later).
 *
 * Errors are problem+json whose `instance` is an absolute URI, since the spec's ProblemDetails
 * declares `instance` (and `type`) with `format: uri`.
 */
import {
  MEC010_BASE_PATH, ZMec010AppD, ZMec010AppPackagesQuery, ZMec010AppPkgInfo, ZMec010AppPkgInfoList, ZMec010AppPkgParams,
} from '@mecport/contracts';
import { findAppPackageContent, getAppPackage, getAppPackageAppd, listAppPackages } from '@mecport/core';
import { PROBLEM_CONTENT_TYPE, problemResponse, withUser, type TRouteHandler } from '@mecport/http';
import { api } from '../api';
import { packageFileResponse } from '../package-file-response';
import { blobStore, prisma } from '../services';

const tags = ['MEC 010-2 app package management'];
const auth = withUser({ roles: ['operator', 'store-admin', 'admin'] });
const AUTH_NOTE = 'Machine-to-machine API for MEC orchestrators; for now it needs a signed-in operator, store-admin or admin.';

function baseUrlOf(request: Request): string {
  return `${new URL(request.url).origin}${MEC010_BASE_PATH}`;
}

/** Media ranges of an Accept header with q > 0 (no header accepts anything). */
function acceptedRanges(request: Request): string[] | null {
  const header = request.headers.get('accept');
  if (!header || !header.trim()) return null;
  return header.split(',').flatMap((part) => {
    const [range, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return range && !(q && Number(q.slice(2)) === 0) ? [range] : [];
  });
}

function accepts(request: Request, type: string): boolean {
  const ranges = acceptedRanges(request);
  if (ranges === null) return true;
  const [major] = type.split('/');
  return ranges.some((r) => r === type || r === '*/*' || r === `${major}/*`);
}

/** 406 as the spec answers it: ProblemDetails (problem+json, our usual members). */
function notAcceptable(request: Request, requestId: string, offered: string[]): Response {
  return problemResponse({
    type: 'urn:mecport:problem:not-acceptable', title: 'Not acceptable', status: 406,
    detail: `This resource is available as ${offered.join(', ')} only; the Accept header asked for ${request.headers.get('accept')}`,
    instance: new URL(request.url).href, requestId,
  });
}

/** Rewrites a problem body's relative `instance` (a request path) into an absolute URI. */
export function withAbsoluteProblemInstance(handle: TRouteHandler): TRouteHandler {
  return async (request, context) => {
    const response = await handle(request, context);
    if (!response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE)) return response;
    const problem = (await response.json()) as Record<string, unknown>;
    if (typeof problem.instance === 'string' && problem.instance.startsWith('/')) problem.instance = new URL(problem.instance, request.url).href;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(problem), { status: response.status, headers });
  };
}

export const mec010ListAppPackagesRoute = api.route({
  method: 'GET', path: `${MEC010_BASE_PATH}/app_packages`, operationId: 'mec010ListAppPackages', tags,
  summary: 'MEC 010-2: the onboarded application packages (every published, non-deprecated app version of the store)',
  description: `${AUTH_NOTE} Supports the spec's attribute-based \`filter\` (MEC 009 / NFV SOL013 syntax, operators eq, neq, in, nin, cont, ncont) and the selectors all_fields, fields, exclude_fields and exclude_default over the optional complex attributes userDefinedData and additionalArtifacts; without selectors every attribute is returned. Unsupported filters answer 400. No paging (the spec's v2.1.1 defines none).`,
  auth,
  query: ZMec010AppPackagesQuery,
  response: { status: 200, description: 'AppPkgInfo of every onboarded package that passes the filter', schema: ZMec010AppPkgInfoList },
  errors: [406],
  handler: async ({ request, requestId, query }) => {
    if (!accepts(request, 'application/json')) return notAcceptable(request, requestId, ['application/json']);
    return listAppPackages(prisma(), { baseUrl: baseUrlOf(request), query });
  },
});

export const mec010GetAppPackageRoute = api.route({
  method: 'GET', path: `${MEC010_BASE_PATH}/app_packages/{appPkgId}`, operationId: 'mec010GetAppPackage', tags,
  summary: 'MEC 010-2: one onboarded application package (AppPkgInfo)',
  description: `${AUTH_NOTE} A version that does not exist, is not published or is deprecated answers 404.`,
  auth,
  params: ZMec010AppPkgParams,
  response: { status: 200, description: 'The AppPkgInfo', schema: ZMec010AppPkgInfo },
  errors: [404, 406],
  handler: async ({ request, requestId, params }) => {
    if (!accepts(request, 'application/json')) return notAcceptable(request, requestId, ['application/json']);
    return getAppPackage(prisma(), params.appPkgId, baseUrlOf(request));
  },
});

export const mec010GetAppPackageAppdRoute = api.route({
  method: 'GET', path: `${MEC010_BASE_PATH}/app_packages/{appPkgId}/appd`, operationId: 'mec010GetAppPackageAppd', tags,
  summary: 'MEC 010-2: the AppD of an onboarded application package, as JSON',
  description: `${AUTH_NOTE} Answers the MEC 010-2 AppD data model as application/json (the projection stored at upload). The spec also lists text/plain (the AppD file) and application/zip (the AppD files zipped): those answer 406 for now. The spec's filter and selector parameters on this operation name AppPkgInfo attributes and are not supported here.`,
  auth,
  params: ZMec010AppPkgParams,
  response: { status: 200, description: 'The AppD', schema: ZMec010AppD },
  errors: [404, 406],
  handler: async ({ request, requestId, params }) => {
    const appd = await getAppPackageAppd(prisma(), params.appPkgId);
    if (!accepts(request, 'application/json')) return notAcceptable(request, requestId, ['application/json']);
    return appd;
  },
});

export const mec010GetAppPackageContentRoute = api.route({
  method: 'GET', path: `${MEC010_BASE_PATH}/app_packages/{appPkgId}/package_content`, operationId: 'mec010GetAppPackageContent', tags,
  summary: 'MEC 010-2: the package file (zip) of an onboarded application package, with Range support',
  description: `${AUTH_NOTE} Streams the package (application/zip) from the blob store. One \`Range: bytes=...\` answers 206 with Content-Range, a range past the end 416 problem+json with \`Content-Range: bytes */size\`; several ranges, or an \`If-Range\` other than the ETag (the quoted sha256), get the whole file. 404 for an unknown, unpublished or deprecated package, and for one whose file is missing from the blob store (the demo data has none).`,
  auth,
  params: ZMec010AppPkgParams,
  response: { status: 200, description: 'The package zip (application/zip); 206 with Content-Range for a single byte range' },
  errors: [404, 406, 416],
  handler: async ({ request, requestId, params }) => {
    const content = await findAppPackageContent(prisma(), blobStore(), params.appPkgId);
    if (!accepts(request, 'application/zip')) return notAcceptable(request, requestId, ['application/zip']);
    return packageFileResponse(request, requestId, content, { instance: new URL(request.url).href });
  },
});

export const mec010ListAppPackages = withAbsoluteProblemInstance(mec010ListAppPackagesRoute.handle);
export const mec010GetAppPackage = withAbsoluteProblemInstance(mec010GetAppPackageRoute.handle);
export const mec010GetAppPackageAppd = withAbsoluteProblemInstance(mec010GetAppPackageAppdRoute.handle);
export const mec010GetAppPackageContent = withAbsoluteProblemInstance(mec010GetAppPackageContentRoute.handle);
