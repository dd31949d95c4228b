/**
 * Issue 10's API contract items end to end: an appDId belongs to the first app that publishes it,
 * area pages answer 403 to a role they do not admit, /edge-map/nodes/import is a page, and
 * problems, audit actions and import issues read in Chinese.
 */
import { cpSync, createReadStream, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { TApp, TUpload } from '@mecport/contracts';
import * as tus from 'tus-js-client';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';
import { scratchDir } from '../support/uploads';

const HELLO_EDGE = path.resolve(import.meta.dirname, '../../packages/app-package/examples/hello-edge');

function tusUpload(token: string, appId: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const u: tus.Upload = new tus.Upload(createReadStream(file), {
      endpoint: `${E2E.portalUrl}/api/v1/uploads`, uploadSize: statSync(file).size, retryDelays: [], headers: { Authorization: `Bearer ${token}` },
      metadata: { appId, version: '1.0.0', filename: 'claim.csar' }, onError: reject, onSuccess: () => resolve((u.url ?? '').split('/').at(-1)!),
    });
    u.start();
  });
}

type TPkg = { id: string; appDId: string; appName: string; appProvider: string };

test('another tenant\'s app cannot take Hello Edge\'s appDId: validation refuses it and the northbound keeps one package for it', async ({ request }) => {
  const operator = await tokenFor('operator');
  const packages = async (query = '') => (await (await call(request, { method: 'GET', path: `/app_pkgm/v1/app_packages${query}` }, operator)).json()) as TPkg[];
  const listed = await packages();
  const hello = listed.find((p) => p.appName === 'hello-edge')!;
  expect(hello, 'the demo publishes Hello Edge').toBeDefined();

  const impostor = await tokenFor('globex-developer');
  const slug = `claim-${Date.now().toString(36)}`;
  const created = await call(request, { method: 'POST', path: '/api/v1/apps', body: { slug, name: `Claim ${slug}`, provider: 'MECport Demo', category: 'other' } }, impostor);
  expect(created.status(), await created.text()).toBe(201);
  const app = (await created.json()) as TApp;
  const scratch = scratchDir('mecport-e2e-claim-');
  try {
    const folder = path.join(scratch.dir, 'hello-edge');
    cpSync(HELLO_EDGE, folder, { recursive: true });
    writeFileSync(path.join(folder, 'Artifacts', 'claim.bin'), randomBytes(512)); // a package of its own, with Hello Edge's AppD
    const file = path.join(scratch.dir, 'claim.csar');
    await buildPackage({ dir: folder, out: file });
    const uploadId = await tusUpload(impostor, app.id, file);
    let upload: TUpload | undefined;
    await expect.poll(async () => {
      upload = (await (await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/uploads/${uploadId}` }, impostor)).json()) as TUpload;
      return upload.state;
    }, { timeout: 30_000, message: 'the worker validates the upload' }).toBe('failed');
    expect(upload!.error).toContain(`appDId ${hello.appDId} belongs to another app`);
    expect(upload!.report?.checks).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'store.appd-id', status: 'fail' }), expect.objectContaining({ id: 'store.app-provider', status: 'warn' }),
    ]));
  } finally {
    scratch.remove();
  }
  const same = await packages(`?filter=${encodeURIComponent(`(eq,appDId,${hello.appDId})`)}`);
  expect(same.map((p) => p.id)).toEqual([hello.id]);
});

test('an area page answers 403 to a signed-in role it does not admit, with the same message; 200 to one it admits', async ({ page, browser }) => {
  await signIn(page, 'developer', '/admin');
  const refused = await page.goto('/admin');
  expect(refused?.status()).toBe(403);
  await expect(page.getByTestId('area-forbidden')).toHaveAttribute('data-needs-roles', 'admin');
  expect((await page.goto('/edge-map/nodes'))?.status()).toBe(403);
  await expect(page.getByTestId('area-forbidden')).toBeVisible();
  expect((await page.goto('/developer'))?.status()).toBe(200);

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  expect((await visitor.goto('/admin'))?.status(), 'a visitor is asked to sign in, as before').toBe(200);
  await expect(visitor.getByTestId('area-sign-in-required')).toBeVisible();
  await anonymous.close();
});

test('/edge-map/nodes/import opened in a browser shows the node list with the import dialog', async ({ page }) => {
  await signIn(page, 'operator', '/edge-map/nodes/import');
  expect((await page.goto('/edge-map/nodes/import'))?.status()).toBe(200);
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByTestId('import-content')).toBeVisible();
  await expect(page.getByText('Method Not Allowed')).toHaveCount(0);
});

test('in Chinese, a missing node, audit actions and import issues read as Chinese sentences, not API wording', async ({ page, request }) => {
  const admin = await tokenFor('admin');
  const name = `zh-${Date.now().toString(36)}`;
  expect((await call(request, { method: 'POST', path: '/api/v1/edge/nodes', body: { name, latitude: 31.2, longitude: 121.5 } }, admin)).status()).toBe(201);
  await signIn(page, 'admin', '/edge-map/nodes');
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  try {
    await page.goto('/edge-map/nodes/00000000-0000-4000-8000-00000000dead');
    await expect(page.getByTestId('problem-detail')).toHaveText('在您的租户中找不到边缘节点 00000000-0000-4000-8000-00000000dead');
    await expect(page.getByTestId('problem-title')).toContainText('未找到');

    await page.goto('/edge-map/nodes/import');
    await page.getByTestId('import-content').fill(`name,latitude,longitude\n${name},31.2,121.5\n`);
    await page.getByRole('dialog').getByRole('button', { name: '检查' }).click();
    await expect(page.getByTestId('import-invalid-row')).toContainText(`您的租户已有名为“${name}”的节点。勾选“更新已存在的节点”即可修改它。`);
    await expect(page.getByTestId('import-invalid-rows')).not.toContainText('onExisting');

    await page.goto('/admin');
    await expect(page.getByTestId('audit-action-label').first()).toBeVisible();
    await expect(page.locator('[data-action="edge.node.create"]').first().getByTestId('audit-action-label')).toHaveText('创建了节点');
  } finally {
    await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
});
