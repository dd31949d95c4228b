/**
 * Pause, resume and cancel from the keyboard, and what cancel leaves behind: nothing. The upload
 * is held after its first chunk so it is deterministically half way; cancelling deletes it on the
 * server (tus termination: DELETE 204), its staged files and the browser's stored URL, and the row
 * says cancelled.
 */
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';
import { appUploads, helloPackage, holdAfterFirstChunk, newApp, rememberedUploads, scratchDir, stagedFilesOf, UI_CHUNK, uploadIdOf, choosePackage } from '../support/uploads';

const work = scratchDir('mecport-e2e-cancel-');
test.afterAll(() => work.remove());

test('pause, resume and cancel work from the keyboard, and cancel leaves no bytes, files or stored URL', async ({ page, request }) => {
  test.setTimeout(180_000);
  const app = await newApp(request, 'cancel');
  const pkg = await helloPackage(work.dir, UI_CHUNK + 1024 * 1024);
  await signIn(page, 'developer', `/developer/apps/${app.id}`);
  const section = page.getByTestId('upload-section');
  await expect(section).toHaveAttribute('data-tus', '1.0.0');

  const gate = await holdAfterFirstChunk(page);
  const firstChunk = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 204);
  await choosePackage(section, pkg, '3.0.0');
  await section.getByRole('textbox', { name: 'Version' }).press('Tab');
  await expect(section.getByTestId('upload-start')).toBeFocused();
  await page.keyboard.press('Enter');
  const uploadUrl = (await firstChunk).url();
  const uploadId = uploadIdOf(uploadUrl);
  await expect.poll(gate.held).toBeGreaterThan(0);
  expect(stagedFilesOf(uploadId).sort()).toEqual([uploadId, `${uploadId}.json`]);

  // speed and time left while it runs; pause and resume with the keyboard
  const progress = section.getByTestId('upload-progress');
  await expect(progress).toHaveAttribute('data-phase', 'uploading');
  await expect(section.getByTestId('upload-speed')).toContainText('/s');
  await expect(section.getByTestId('upload-time-left')).toContainText(/\d+ seconds? left/);
  await section.getByTestId('upload-pause').focus();
  await page.keyboard.press('Enter');
  await expect(progress).toHaveAttribute('data-phase', 'paused');
  await expect(section.getByTestId('upload-resume')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(progress).toHaveAttribute('data-phase', 'uploading');
  await expect.poll(gate.held).toBeGreaterThan(1);

  // cancel, confirmed from the keyboard: DELETE answers 204
  const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url() === uploadUrl);
  await section.getByTestId('upload-cancel').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Cancel this upload?' });
  await dialog.getByRole('button', { name: 'Cancel upload' }).focus();
  await page.keyboard.press('Enter');
  expect((await deleted).status()).toBe(204);
  await gate.stop();
  gate.release();

  // nothing is left: no staged files, no upload at the server, no stored URL, no upload in progress
  await expect(section.getByTestId('upload-progress')).toHaveCount(0);
  await expect(section.getByTestId('upload-error')).toHaveCount(0);
  expect(stagedFilesOf(uploadId)).toEqual([]);
  const head = await request.fetch(uploadUrl, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${await tokenFor('developer')}` }, failOnStatusCode: false });
  expect(head.status()).toBe(404);
  expect((await appUploads(request, app.id)).map((u) => [u.id, u.state])).toEqual([[uploadId, 'cancelled']]);
  expect(await rememberedUploads(page)).toEqual([]);
  await page.reload();
  await expect(section).toHaveAttribute('data-tus', '1.0.0');
  await expect(section.getByTestId('upload-pending')).toHaveCount(0);
  const again = await call(request, { method: 'DELETE', path: new URL(uploadUrl).pathname }, await tokenFor('developer'));
  expect(again.status()).toBe(409);
});
