/**
 * A fresh store app with published versions, made the way a developer makes one: create the app,
 * upload each version's package through the tus endpoint, let the worker validate it, publish.
 * Each package is the hello-mec example with its own random artefact (see uploads.ts), so every
 * version has its own digest. The app's name carries a random token to search the store with.
 *
 * Use it through the `publishApp` fixture: after the test its versions are deprecated, so they
 * leave the store and the MEC 010-2 northbound and later tests find the demo catalog as seeded.
 *
 * @example
 *   test('…', async ({ publishApp }) => {
 *     const { app, token, versions } = await publishApp(['1.0.0', '2.0.0']);
 *   });
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { TApp, TAppVersion, TUpload } from '@mecport/contracts';
import { expect, type APIRequestContext } from '@playwright/test';
import * as tus from 'tus-js-client';
import { call } from './auth-matrix';
import { test as base } from './fixtures';
import { E2E } from './stack';
import { tokenFor } from './tokens';
import { helloPackage, scratchDir } from './uploads';

const PAYLOAD_BYTES = 4096;

async function upload(token: string, appId: string, file: string, version: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const u: tus.Upload = new tus.Upload(createReadStream(file), {
      endpoint: `${E2E.portalUrl}/api/v1/uploads`, uploadSize: statSync(file).size, retryDelays: [], headers: { Authorization: `Bearer ${token}` },
      metadata: { appId, version, filename: path.basename(file) },
      onError: reject, onSuccess: () => resolve((u.url ?? '').split('/').at(-1)!),
    });
    u.start();
  });
}

async function validatedVersionId(request: APIRequestContext, token: string, appId: string, uploadId: string): Promise<string> {
  let last: TUpload | undefined;
  await expect.poll(async () => {
    const response = await call(request, { method: 'GET', path: `/api/v1/apps/${appId}/uploads/${uploadId}` }, token);
    last = (await response.json()) as TUpload;
    return last.state;
  }, { timeout: 30_000, message: 'the worker validates the upload' }).toBe('validated');
  return last!.versionId!;
}

/** Builds a version's package file in `dir` (default: hello-mec with a random artefact). */
export type TBuildVersion = (dir: string, version: string) => Promise<string>;

export interface TPublishedApp { app: TApp; token: string; versions: TAppVersion[] }

export async function publishedApp(request: APIRequestContext, versions: readonly string[], buildVersion?: TBuildVersion): Promise<TPublishedApp> {
  // Every version of the app shares one appDId of its own (an appDId belongs to the first app publishing it).
  const appDId = randomUUID();
  const build = buildVersion ?? ((dir: string) => helloPackage(dir, PAYLOAD_BYTES, appDId));
  const developer = await tokenFor('developer');
  const token = Math.random().toString(36).slice(2, 10);
  const created = await call(request, { method: 'POST', path: '/api/v1/apps', body: { slug: `deploy-${token}`, name: `Deploy probe ${token}`, provider: 'Acme QA', category: 'other' } }, developer);
  expect(created.status(), await created.text()).toBe(201);
  const app = (await created.json()) as TApp;
  const scratch = scratchDir('mecport-e2e-deploy-');
  const published: TAppVersion[] = [];
  try {
    for (const version of versions) {
      const file = await build(scratch.dir, version);
      const versionId = await validatedVersionId(request, developer, app.id, await upload(developer, app.id, file, version));
      const response = await call(request, { method: 'POST', path: `/api/v1/apps/${app.id}/versions/${versionId}/publish` }, developer);
      expect(response.status(), await response.text()).toBe(200);
      published.push((await response.json()) as TAppVersion);
    }
  } finally {
    scratch.remove();
  }
  return { app, token, versions: published };
}

export const test = base.extend<{ publishApp: (versions: readonly string[], build?: TBuildVersion) => Promise<TPublishedApp> }>({
  publishApp: async ({ request }, use) => {
    const made: TPublishedApp[] = [];
    await use(async (versions, build) => {
      const published = await publishedApp(request, versions, build);
      made.push(published);
      return published;
    });
    const developer = await tokenFor('developer');
    for (const { app, versions } of made) {
      for (const v of versions) {
        const response = await call(request, { method: 'POST', path: `/api/v1/apps/${app.id}/versions/${v.id}/deprecate` }, developer);
        expect(response.status(), await response.text()).toBe(200);
      }
    }
  },
});

export { expect };
