/**
 * Two fixes oidc-provider needs to serve keycloak-js and a no-external-requests policy
 * (see TOOLCHAIN.md §4). Both must run after `next()`.
 *
 * 1. keycloak-js calls /token with `credentials: 'include'`; oidc-provider's CORS never sends
 *    Access-Control-Allow-Credentials, so the browser rejects the answer ("Failed to fetch").
 *    Setting it before `next()` would make oidc-provider skip its own CORS handling.
 * 2. oidc-provider's built-in pages @import Google Fonts; strip it from any HTML body left.
 */
import type { Middleware } from 'koa';

const GOOGLE_FONTS_IMPORT = /@import url\(["']?https:\/\/fonts\.googleapis\.com[^)]*\);?/g;

export const keycloakJsWorkarounds: Middleware = async (ctx, next) => {
  await next();
  if (ctx.response.get('Access-Control-Allow-Origin') && ctx.get('Origin')) ctx.set('Access-Control-Allow-Credentials', 'true');
  if (typeof ctx.body === 'string' && ctx.body.includes('fonts.googleapis.com')) ctx.body = ctx.body.replace(GOOGLE_FONTS_IMPORT, '');
};
