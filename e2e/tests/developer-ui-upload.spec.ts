/**
 * Uploading a version through the developer workspace: the tus upload with its progress, the
 * validation report, then publishing and deleting versions behind confirmations; and cancelling
 * an upload after confirming.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { helloPackage as buildHelloPackage, newApp as newTestApp, choosePackage } from '../support/uploads';

const work = mkdtempSync(path.join(tmpdir(), 'mecport-e2e-upload-ui-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** This file's packages share one appDId of their own (an appDId belongs to the first app publishing it). */
const APPD_ID = randomUUID();

/** hello-mec with its own digest; by default with this file's appDId, so one app's versions share it. */
const helloPackage = (payloadBytes = 256 * 1024, appDId = APPD_ID) => buildHelloPackage(work, payloadBytes, appDId);
const newApp = (request: APIRequestContext) => newTestApp(request, 'ui-upload');

test('a developer uploads a version, reads its validation report, publishes it and deletes another after confirming', async ({ page, request }) => {
  const app = await newApp(request);
  const [first, second] = [await helloPackage(), await helloPackage()];
  await signIn(page, 'developer', `/developer/apps/${app.id}`);
  const section = page.getByTestId('upload-section');
  await expect(section).toHaveAttribute('data-tus', '1.0.0');

  // the version is checked before anything is sent
  await choosePackage(section, first, '../1');
  await section.getByTestId('upload-start').click();
  await expect(section.getByText('1-64 letters, digits')).toBeVisible();

  await section.getByRole('textbox', { name: 'Version' }).fill('1.0.0');
  await section.getByTestId('upload-start').click();
  await expect(section.getByTestId('upload-done')).toBeVisible({ timeout: 30_000 });
  const row = section.getByTestId('upload-row').filter({ hasText: '1.0.0' });
  await expect(row).toHaveAttribute('data-state', 'validated', { timeout: 30_000 });
  await row.getByTestId('upload-report-toggle').click();
  await expect(row.getByTestId('report-check').first()).toBeVisible();
  await expect(row.locator('[data-testid="report-check"][data-status="fail"]')).toHaveCount(0);

  const version = page.getByTestId('version-row').filter({ hasText: '1.0.0' });
  await expect(version.getByTestId('version-status')).toHaveAttribute('data-status', 'validated', { timeout: 15_000 });
  await expect(version.getByTestId('validation-counts')).toContainText(/[1-9]\d* pass/);

  // a second version, deleted after confirming
  await choosePackage(section, second, '1.0.1');
  await section.getByTestId('upload-start').click();
  const other = page.getByTestId('version-row').filter({ hasText: '1.0.1' });
  await expect(other.getByTestId('version-status')).toHaveAttribute('data-status', 'validated', { timeout: 30_000 });
  await other.getByTestId('version-delete').click();
  await page.getByRole('dialog', { name: 'Delete version 1.0.1?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(other).toHaveCount(0);

  // publish 1.0.0 after confirming: it is in the store
  await version.getByTestId('version-publish').click();
  await page.getByRole('dialog', { name: 'Publish version 1.0.0?' }).getByRole('button', { name: 'Publish' }).click();
  await expect(version.getByTestId('version-status')).toHaveAttribute('data-status', 'published');
  await page.getByRole('link', { name: 'View in the store' }).click();
  await expect(page.getByTestId('store-app-version')).toContainText('1.0.0');
  await expect(page.getByTestId('download-button')).toBeVisible();

  // deprecate it after confirming: the store stops showing the app (and the demo catalog stays as other tests expect it)
  await page.goto(`/developer/apps/${app.id}`);
  await version.getByTestId('version-deprecate').click();
  await page.getByRole('dialog', { name: 'Deprecate version 1.0.0?' }).getByRole('button', { name: 'Deprecate' }).click();
  await expect(version.getByTestId('version-status')).toHaveAttribute('data-status', 'deprecated');
  expect((await request.get(`/api/v1/store/apps/${app.id}`)).status()).toBe(404);
});

test('a developer pauses, resumes and cancels an upload after confirming', async ({ page, request }) => {
  const app = await newApp(request);
  const big = await helloPackage(120 * 1024 * 1024);
  await signIn(page, 'developer', `/developer/apps/${app.id}`);
  const section = page.getByTestId('upload-section');
  await choosePackage(section, big, '9.9.9');
  await section.getByTestId('upload-start').click();
  const progress = section.getByTestId('upload-progress');
  await expect(progress).toHaveAttribute('data-phase', 'uploading');
  await section.getByTestId('upload-pause').click();
  await expect(progress).toHaveAttribute('data-phase', 'paused');
  await section.getByTestId('upload-resume').click();
  await expect(progress).toHaveAttribute('data-phase', /uploading|done/);
  if ((await progress.getAttribute('data-phase')) === 'uploading') {
    await section.getByTestId('upload-cancel').click();
    await page.getByRole('dialog', { name: 'Cancel this upload?' }).getByRole('button', { name: 'Cancel upload' }).click();
    await expect(section.getByTestId('upload-progress')).toHaveCount(0);
  }
});

test('the version comes from the package, and the upload says when it is validated', async ({ page, request }) => {
  const app = await newApp(request);
  const pkg = await helloPackage(undefined, randomUUID()); // another app than the one that published APPD_ID
  await signIn(page, 'developer', `/developer/apps/${app.id}`);
  const section = page.getByTestId('upload-section');
  const versionBox = section.getByRole('textbox', { name: 'Version' });

  // what the developer typed is theirs: choosing a package does not overwrite it
  await versionBox.fill('7.7.7');
  await section.locator('input[type="file"]').setInputFiles(pkg);
  await expect(section.getByTestId('upload-version'), 'the package was read').toHaveAttribute('data-package-version', '1.0.0');
  await expect(versionBox).toHaveValue('7.7.7');
  await expect(section.getByTestId('upload-version')).toHaveAttribute('data-from-package', 'false');

  // an empty field takes the manifest's vnf_software_version (hello-mec says 1.0.0)
  await versionBox.fill('');
  await section.locator('input[type="file"]').setInputFiles([]);
  await section.locator('input[type="file"]').setInputFiles(pkg);
  await expect(versionBox).toHaveValue('1.0.0');
  await expect(section.getByTestId('upload-version')).toHaveAttribute('data-from-package', 'true');
  await expect(section.getByText("From the package's manifest")).toBeVisible();

  await section.getByTestId('upload-start').click();
  const done = section.getByTestId('upload-done');
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toHaveAttribute('data-outcome', 'validated', { timeout: 30_000 });
  await expect(done).toHaveText('Uploaded and validated: version 1.0.0 is ready.');
  await expect(section.getByText('Uploaded; validation runs now.')).toHaveCount(0);
  await expect(page.getByTestId('version-row').filter({ hasText: '1.0.0' }).getByTestId('version-status')).toHaveAttribute('data-status', 'validated');
});
