/**
 * The portal on one port: Hono answers the API's paths (`/api/...`, `/app_pkgm/...`) before Next
 * sees them, and Next (the portal's build, `next({ dev: false })`) renders everything else, so the
 * browser keeps one origin. docs/adr/0007 says why a custom server rather than a front proxy.
 *
 * Node's global Request and Response are left alone (`overrideGlobalObjects: false`): Next shares
 * this process and uses them.
 */
import path from 'node:path';
import next from 'next';
import type { Hono } from 'hono';
import { log } from '../logger';
import { apiListener } from './api-listener';
import type { TNodeListener } from './http-server';

/** Paths the API owns; the UI's own asset routes (`/edge-map/...`) stay with Next. */
const API_PATH = /^\/(api|app_pkgm)(\/|\?|$)/;

export function isApiPath(url: string): boolean {
  return API_PATH.test(url);
}

/** The portal app's directory (its `.next` build), beside this one in the repository. */
export const PORTAL_DIR = path.resolve(import.meta.dirname, '../../../portal');

export async function portalListener(api: Hono, options: { port: number; hostname?: string }): Promise<TNodeListener> {
  const ui = next({ dev: false, dir: PORTAL_DIR, port: options.port, hostname: options.hostname });
  await ui.prepare();
  const renderUi = ui.getRequestHandler();
  const answerApi = apiListener(api, { overrideGlobalObjects: false });
  return (req, res) => {
    if (isApiPath(req.url ?? '/')) return answerApi(req, res);
    // Next answers its own errors; a rejection here is one it did not, and must not go unhandled.
    renderUi(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'the UI request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error while rendering this page');
    });
  };
}
