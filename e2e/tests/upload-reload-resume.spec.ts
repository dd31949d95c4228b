/**
 * Resuming a browser upload after a page reload: the upload is stopped after its first chunk
 * (the second PATCH is held), the page reloads, the workspace offers the unfinished upload and
 * says why the file must be chosen again; another file is refused, the same file continues from
 * the server's offset (HEAD, then a PATCH from that byte), and the package validates.
 */
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { appUploads, helloPackage, holdAfterFirstChunk, newApp, rememberedUploads, scratchDir, UI_CHUNK, uploadIdOf, choosePackage } from '../support/uploads';

const work = scratchDir('mecport-e2e-reload-');
test.afterAll(() => work.remove());

test('after a reload, choosing the same file again continues the upload from the server\'s offset', async ({ page, request }) => {
  test.setTimeout(180_000);
  const app = await newApp(request, 'reload');
  const pkg = await helloPackage(work.dir, UI_CHUNK + 3 * 1024 * 1024);
  const other = await helloPackage(work.dir, 1024);
  await signIn(page, 'developer', `/developer/apps/${app.id}`);
  const section = page.getByTestId('upload-section');
  await expect(section).toHaveAttribute('data-tus', '1.0.0');

  // 1. Upload until the first chunk is stored; the second PATCH is held, so the upload is half way.
  const gate = await holdAfterFirstChunk(page);
  const firstChunk = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 204);
  await choosePackage(section, pkg, '1.0.0');
  await section.getByTestId('upload-start').click();
  const stored = await firstChunk;
  const offset = Number(stored.headers()['upload-offset']);
  const uploadUrl = stored.url();
  expect(offset).toBe(UI_CHUNK);
  await expect.poll(gate.held).toBeGreaterThan(0);
  await expect(section.getByTestId('upload-progress')).toHaveAttribute('data-phase', 'uploading');

  // 2. Reload: the workspace offers the upload with the server's bytes, and says why the file is needed again.
  await page.reload();
  await gate.stop();
  gate.release();
  await expect(section).toHaveAttribute('data-tus', '1.0.0');
  const offer = section.getByTestId('upload-pending');
  await expect(offer).toHaveCount(1);
  await expect(offer).toHaveAttribute('data-version', '1.0.0');
  await expect(offer).toHaveAttribute('data-offset', String(offset));
  await expect(offer).toContainText('choose the same file again');
  await expect(section.getByTestId('upload-progress')).toHaveCount(0);

  // 3. Another file is refused, and nothing is sent.
  let chooser = page.waitForEvent('filechooser');
  await offer.getByTestId('upload-pending-choose').click();
  await (await chooser).setFiles(other);
  await expect(offer.getByTestId('upload-pending-wrong-file')).toBeVisible();
  await expect(section.getByTestId('upload-progress')).toHaveCount(0);

  // 4. The same file continues: HEAD reads the server's offset, the next PATCH starts there.
  const head = page.waitForResponse((r) => r.request().method() === 'HEAD' && r.url() === uploadUrl);
  const nextPatch = page.waitForRequest((r) => r.method() === 'PATCH');
  chooser = page.waitForEvent('filechooser');
  await offer.getByTestId('upload-pending-choose').click();
  await (await chooser).setFiles(pkg);
  const headResponse = await head;
  expect(headResponse.status()).toBe(200);
  expect(Number(headResponse.headers()['upload-offset'])).toBe(offset);
  const patch = await nextPatch;
  expect(patch.url()).toBe(uploadUrl);
  expect(Number(patch.headers()['upload-offset'])).toBe(offset);
  await expect(section.getByTestId('upload-resumed')).toHaveAttribute('data-offset', String(offset));
  await expect(section.getByRole('textbox', { name: 'Version' })).toHaveValue('1.0.0');

  // 5. It ends validated, as the one upload of the app; the browser forgets it.
  await expect(section.getByTestId('upload-done')).toBeVisible({ timeout: 60_000 });
  const row = section.getByTestId('upload-row').filter({ hasText: '1.0.0' });
  await expect(row).toHaveAttribute('data-state', 'validated', { timeout: 60_000 });
  const uploads = await appUploads(request, app.id);
  expect(uploads.map((u) => [u.id, u.state])).toEqual([[uploadIdOf(uploadUrl), 'validated']]);
  await expect(section.getByTestId('upload-pending')).toHaveCount(0);
  expect(await rememberedUploads(page)).toEqual([]);
});
