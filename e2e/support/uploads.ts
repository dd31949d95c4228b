/**
 * Helpers for the upload tests: packages with their own digest, a fresh app, the stack's staging
 * directory, reading an upload through the API, and holding the browser's upload requests so an
 * upload stops half way at a known byte instead of racing the test.
 *
 * @example
 * const gate = await holdAfterFirstChunk(page);   // the second PATCH waits until gate.release()
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { TApp, TUpload, TUploadPage } from '@mecport/contracts';
import { expect, type APIRequestContext, type Locator, type Page, type Route } from '@playwright/test';
import { call } from './auth-matrix';
import { E2E } from './stack';
import { tokenFor } from './tokens';

/** The stack's data directory, as `npm start` resolves E2E.dataDir against the repo root. */
export const DATA_DIR = path.resolve(import.meta.dirname, '../..', E2E.dataDir);
export const UPLOADS_DIR = path.join(DATA_DIR, 'uploads');
/** The browser uploader's chunk size: a package a little larger is sent in two PATCHes. */
export const UI_CHUNK = 64 * 1024 * 1024;
const UPLOAD_URLS = '**/api/v1/uploads/*';

/** A scratch directory for built packages, removed after the file's tests. */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Gives a copied example package folder an appDId of its own (the AppD's `descriptor_id`): an appDId
 * belongs to the first app that publishes it, so test apps must not share the examples' fixed ones.
 */
export function giveOwnAppDId(dir: string, appDId: string = randomUUID()): string {
  const definitions = path.join(dir, 'Definitions');
  for (const file of readdirSync(definitions).filter((f) => /\.ya?ml$/.test(f))) {
    const yaml = readFileSync(path.join(definitions, file), 'utf8');
    const current = /descriptor_id:[\s\S]*?default:\s*'?([\w.-]+)'?/.exec(yaml)?.[1];
    if (current) writeFileSync(path.join(definitions, file), yaml.replaceAll(current, appDId));
  }
  return appDId;
}

/**
 * The hello-mec example with an incompressible artefact of `payloadBytes`, so every package has its
 * own digest, and an appDId of its own (pass one to keep it across an app's versions). It gets a
 * process bundle (no ports), so that it can be deployed: hello-mec itself carries only a Helm chart,
 * which a deployment refuses (HELM_NOT_SUPPORTED). Simulated nodes never run it.
 */
export async function helloPackage(work: string, payloadBytes: number, appDId?: string): Promise<string> {
  const name = randomUUID();
  const dir = path.join(work, name);
  cpSync(path.resolve(import.meta.dirname, '../../packages/app-package/examples/hello-mec'), dir, { recursive: true });
  giveOwnAppDId(dir, appDId);
  writeFileSync(path.join(dir, 'Artifacts', 'payload.bin'), randomBytes(payloadBytes));
  mkdirSync(path.join(dir, 'Artifacts', 'Deployment', 'Process'), { recursive: true });
  writeFileSync(path.join(dir, 'Artifacts', 'Deployment', 'Process', 'process.json'), JSON.stringify({ command: ['node', '-e', 'setInterval(() => {}, 1000)'], ports: [] }));
  const out = path.join(work, `hello-${name.slice(0, 8)}.csar`);
  await buildPackage({ dir, out });
  return out;
}

/**
 * Chooses a package in an upload form and types its version once the form has read the package's
 * own (which it writes into the field when the read ends: typing during the read raced it, and
 * Playwright's fill ended up appended to "1.0.0").
 */
export async function choosePackage(section: Locator, file: string, version: string): Promise<void> {
  const field = section.getByTestId('upload-version');
  const read = Number(await field.getAttribute('data-packages-read'));
  await section.locator('input[type="file"]').setInputFiles(file);
  await expect(field).toHaveAttribute('data-packages-read', String(read + 1));
  await section.getByRole('textbox', { name: 'Version' }).fill(version);
}

export async function newApp(request: APIRequestContext, prefix: string): Promise<TApp> {
  const slug = `${prefix}-${randomUUID().slice(0, 8)}`;
  const response = await call(request, { method: 'POST', path: '/api/v1/apps', body: { slug, name: `${prefix} ${slug}`, provider: 'Acme', category: 'other' } }, await tokenFor('developer'));
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as TApp;
}

export async function appUploads(request: APIRequestContext, appId: string): Promise<TUpload[]> {
  const response = await call(request, { method: 'GET', path: `/api/v1/apps/${appId}/uploads` }, await tokenFor('developer'));
  expect(response.status()).toBe(200);
  return ((await response.json()) as TUploadPage).items;
}

/** The tus file store's files of one upload (`<id>`, `<id>.json`) still in the staging directory. */
export function stagedFilesOf(uploadId: string): string[] {
  return existsSync(UPLOADS_DIR) ? readdirSync(UPLOADS_DIR).filter((name) => name.startsWith(uploadId)) : [];
}

/** The tus URLs this browser still remembers (tus-js-client's localStorage entries). */
export function rememberedUploads(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('tus::')));
}

export function uploadIdOf(url: string): string {
  return new URL(url).pathname.split('/').at(-1)!;
}

/**
 * Holds every PATCH that does not start at byte 0 until `release()`: the upload stops after its
 * first chunk, deterministically. `stop()` removes the hold for requests to come.
 */
export async function holdAfterFirstChunk(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  const held: string[] = [];
  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'PATCH' || request.headers()['upload-offset'] === '0') return route.fallback();
    held.push(request.url());
    await released;
    // the page may have reloaded or the upload been cancelled meanwhile: the request is gone then
    await route.fallback().catch(() => undefined);
  };
  await page.route(UPLOAD_URLS, handler);
  return { held: () => held.length, release, stop: () => page.unroute(UPLOAD_URLS, handler) };
}

/** Aborts every request to an upload URL after byte 0 while `down`, like a network that dropped. */
export async function dropAfterFirstChunk(page: Page) {
  let down = true;
  let aborted = 0;
  await page.route(UPLOAD_URLS, async (route) => {
    const request = route.request();
    const firstBytes = request.method() === 'PATCH' && request.headers()['upload-offset'] === '0';
    if (!down || firstBytes) return route.fallback();
    aborted += 1;
    return route.abort('internetdisconnected');
  });
  return { aborted: () => aborted, restore: () => { down = false; } };
}
