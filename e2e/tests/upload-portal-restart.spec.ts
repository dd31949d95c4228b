/**
 * An upload survives a portal crash: a second portal process (`next start` on the e2e stack's
 * database and data directory) receives half an upload and is killed with SIGKILL mid-way; a new
 * portal process on the same data directory answers HEAD with the bytes that reached the disk,
 * takes the rest from that offset, and the stack's worker validates the package. State lives in
 * the tus file store (`uploads/`) and the database, not in the process.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { TAppVersion, TUpload } from '@mecport/contracts';
import * as tus from 'tus-js-client';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { crashPortal, startSecondPortal } from '../support/second-portal';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';
import { helloPackage, newApp, scratchDir, stagedFilesOf, UPLOADS_DIR, uploadIdOf } from '../support/uploads';

const PORT = E2E.restartPortalPort;
const PORTAL = `http://localhost:${PORT}`;
const CHUNK = 256 * 1024;
const work = scratchDir('mecport-e2e-restart-');
let portal: ChildProcess | undefined;

async function startPortal(): Promise<ChildProcess> {
  return (await startSecondPortal(PORT)).child;
}

const killPortal = crashPortal;

test.afterAll(async () => {
  await killPortal(portal);
  work.remove();
});

test('an upload cut off by a portal crash continues after the portal restarts, from the bytes on disk', async ({ request }) => {
  test.setTimeout(300_000);
  const developer = await tokenFor('developer');
  const app = await newApp(request, 'restart');
  const file = await helloPackage(work.dir, 6 * 1024 * 1024);
  const size = statSync(file).size;
  const options = (extra: Partial<tus.UploadOptions>): tus.UploadOptions => ({
    uploadSize: size, chunkSize: CHUNK, retryDelays: [], headers: { Authorization: `Bearer ${developer}` }, ...extra,
  });

  // 1. Half the package reaches the first portal process, which then crashes mid-upload.
  portal = await startPortal();
  const first = portal;
  let uploadUrl = '';
  let accepted = 0;
  await new Promise<void>((resolve, reject) => {
    const upload: tus.Upload = new tus.Upload(createReadStream(file), options({
      endpoint: `${PORTAL}/api/v1/uploads`,
      metadata: { appId: app.id, version: '4.0.0', filename: 'restart.csar' },
      onSuccess: () => reject(new Error('the upload should not finish before the crash')),
      onError: () => resolve(),
      onChunkComplete: (_chunk, bytesAccepted) => {
        uploadUrl = upload.url ?? '';
        accepted = bytesAccepted;
        if (bytesAccepted >= size / 2 && bytesAccepted < size) void killPortal(first);
      },
    }));
    upload.start();
  });
  const uploadId = uploadIdOf(uploadUrl);
  expect(accepted).toBeGreaterThan(0);
  expect(accepted).toBeLessThan(size);
  expect(stagedFilesOf(uploadId).sort(), `staged in ${UPLOADS_DIR}`).toEqual([uploadId, `${uploadId}.json`]);

  // 2. A new portal process on the same data directory knows the upload and its offset.
  portal = await startPortal();
  const head = await fetch(uploadUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${developer}` } });
  expect(head.status).toBe(200);
  const offset = Number(head.headers.get('upload-offset'));
  expect(offset).toBeGreaterThanOrEqual(accepted);
  expect(offset).toBeLessThan(size);
  expect(Number(head.headers.get('upload-length'))).toBe(size);

  // 3. The rest is sent from that offset, and the stack's worker validates the package.
  let resumedAt = -1;
  await new Promise<void>((resolve, reject) => {
    const upload = new tus.Upload(createReadStream(file), options({
      uploadUrl,
      onError: reject,
      onSuccess: () => resolve(),
      onChunkComplete: (chunk, bytesAccepted) => { if (resumedAt < 0) resumedAt = bytesAccepted - chunk; },
    }));
    upload.start();
  });
  expect(resumedAt, 'the new process continued where the disk said').toBe(offset);
  await expect.poll(async () => {
    const response = await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/uploads/${uploadId}` }, developer);
    return ((await response.json()) as TUpload).state;
  }, { timeout: 60_000, intervals: [500] }).toBe('validated');
  const versions = (await (await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/versions` }, developer)).json()) as { items: TAppVersion[] };
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  expect(versions.items.map((v) => [v.version, v.packageSize, v.packageDigest])).toEqual([['4.0.0', size, sha256]]);
  expect(stagedFilesOf(uploadId)).toEqual([]);
});
