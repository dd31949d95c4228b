/**
 * Package downloads from the store: `GET /api/v1/store/apps/{appId}/versions/{versionId}/package`
 * streams the package file from the blob store, with HTTP range requests (206 / Content-Range /
 * 416) so that big packages resume. A download is recorded once per full request or per range
 * that starts at byte 0, not per chunk of a resumed download.
 */
import { AppError, ZAppVersionParams } from '@mecport/contracts';
import { findDownloadableVersion, recordDownload } from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { packageFileResponse } from '../package-file-response';
import { blobStore, prisma } from '../services';

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
    const db = prisma();
    const target = await findDownloadableVersion(db, actor, params.appId, params.versionId);
    const store = blobStore();
    const stored = await store.stat(target.version.packageDigest);
    if (!stored) throw new AppError('not-found', `The package file of version ${target.version.version} is not in this store`);
    const digest = target.version.packageDigest;
    const file = { size: stored.size, etag: `"${digest}"`, filename: target.filename, open: (from: number, to: number) => store.openRange(digest, from, to) };
    return packageFileResponse(request, requestId, file, {
      instance: new URL(request.url).pathname,
      beforeStream: async (range) => {
        if (target.countsAsDownload && (range === null || range.start === 0)) await recordDownload(db, actor, target.version.id);
      },
    });
  },
});
