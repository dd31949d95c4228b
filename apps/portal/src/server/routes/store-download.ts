/**
 * Package downloads from the store: `GET /api/v1/store/apps/{appId}/versions/{versionId}/package`
 * streams the package file from the blob store, with HTTP range requests (206 / Content-Range /
 * 416) so that big packages resume. A download is recorded once per full request or per range
 * that starts at byte 0, not per chunk of a resumed download.
 */
import { Readable } from 'node:stream';
import { createBlobStore, type TBlobStore } from '@mecport/blob-store';
import { AppError, ZAppVersionParams } from '@mecport/contracts';
import { findDownloadableVersion, parseByteRange, recordDownload } from '@mecport/core';
import { getPrisma } from '@mecport/db';
import { problemResponse, withUser } from '@mecport/http';
import { api } from '../api';

let blobs: TBlobStore | undefined;

export const downloadPackageRoute = api.route({
  method: 'GET', path: '/api/v1/store/apps/{appId}/versions/{versionId}/package', operationId: 'downloadAppPackage', tags: ['Store'],
  summary: 'Download a published version\'s package (application/zip); Range requests answer 206, an unsatisfiable one 416',
  description: 'Any signed-in user may download published versions; the owning tenant\'s developers and admins also their unpublished ones. '
    + '`ETag` is the package\'s sha256 (quoted); `If-Range` with it makes a Range conditional.',
  auth: withUser({ roles: 'any' }),
  params: ZAppVersionParams,
  response: { status: 200, description: 'The package file (206 for a Range request)' },
  errors: [404, 416],
  handler: async ({ request, actor, params, requestId }) => {
    const db = getPrisma();
    const target = await findDownloadableVersion(db, actor, params.appId, params.versionId);
    blobs ??= createBlobStore();
    const stored = await blobs.stat(target.version.packageDigest);
    if (!stored) throw new AppError('not-found', `The package file of version ${target.version.version} is not in this store`);
    const size = stored.size;
    const etag = `"${target.version.packageDigest}"`;
    const ifRange = request.headers.get('if-range');
    const range = !ifRange || ifRange === etag ? parseByteRange(request.headers.get('range'), size) : null;
    const headers = new Headers({ 'accept-ranges': 'bytes', etag, 'cache-control': 'private, no-transform' });
    if (range === 'unsatisfiable') {
      return problemResponse(
        { type: 'urn:mecport:problem:range-not-satisfiable', title: 'Range not satisfiable', status: 416, detail: `The range ${request.headers.get('range')} is outside the package (${size} bytes)`, instance: new URL(request.url).pathname, requestId },
        { 'content-range': `bytes */${size}`, 'accept-ranges': 'bytes' },
      );
    }
    if (target.countsAsDownload && (range === null || range.start === 0)) await recordDownload(db, actor, target.version.id);
    const { start, end } = range ?? { start: 0, end: size - 1 };
    headers.set('content-type', 'application/zip');
    headers.set('content-disposition', `attachment; filename="${target.filename}"`);
    headers.set('content-length', String(size === 0 ? 0 : end - start + 1));
    if (range) headers.set('content-range', `bytes ${start}-${end}/${size}`);
    const stream = size === 0 ? Readable.from([]) : await blobs.openRange(target.version.packageDigest, start, end);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: range ? 206 : 200, headers });
  },
});
