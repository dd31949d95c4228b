/**
 * A network drop in the middle of a browser upload: every upload request after the first chunk
 * fails for a while; the workspace says it is reconnecting (not that the upload failed), and
 * once the network is back tus-js-client's retries carry the same upload to the end.
 */
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { appUploads, dropAfterFirstChunk, helloPackage, newApp, scratchDir, UI_CHUNK, choosePackage } from '../support/uploads';

const work = scratchDir('mecport-e2e-drop-');
test.afterAll(() => work.remove());

test('a short network drop shows "reconnecting…" and the upload then finishes on its own', async ({ page, request }) => {
  test.setTimeout(180_000);
  const app = await newApp(request, 'drop');
  const pkg = await helloPackage(work.dir, UI_CHUNK + 2 * 1024 * 1024);
  await signIn(page, 'developer', `/developer/apps/${app.id}`);
  const section = page.getByTestId('upload-section');
  await expect(section).toHaveAttribute('data-tus', '1.0.0');

  const network = await dropAfterFirstChunk(page);
  await choosePackage(section, pkg, '2.0.0');
  await section.getByTestId('upload-start').click();

  // the drop: retries are failing, and the UI says so without giving up
  const progress = section.getByTestId('upload-progress');
  await expect(progress).toHaveAttribute('data-phase', 'reconnecting', { timeout: 60_000 });
  await expect(section.getByTestId('upload-reconnecting')).toContainText('reconnecting…');
  await expect.poll(network.aborted, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(section.getByTestId('upload-error')).toHaveCount(0);
  await expect(section.getByTestId('upload-pause')).toBeEnabled();

  // the network is back: the same upload finishes and validates, with no error shown
  network.restore();
  await expect(section.getByTestId('upload-done')).toBeVisible({ timeout: 60_000 });
  await expect(section.getByTestId('upload-error')).toHaveCount(0);
  await expect(section.getByTestId('upload-row').filter({ hasText: '2.0.0' })).toHaveAttribute('data-state', 'validated', { timeout: 60_000 });
  const uploads = await appUploads(request, app.id);
  expect(uploads.map((u) => u.state)).toEqual(['validated']);
});
