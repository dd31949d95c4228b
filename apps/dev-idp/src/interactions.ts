/**
 * The interaction routes oidc-provider redirects the browser to (`interactions.url`):
 *
 *   GET  /interaction/:uid        the sign-in form (prompt "login"), or an automatic consent
 *   POST /interaction/:uid/login  checks the credentials (refused while locked out, see
 *                                 login-throttle.ts); on success resumes the authorization
 *
 * Consent is automatic: MECport's clients are first-party, as in the Keycloak realm.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import { errors, type KoaContextWithOIDC, type Provider } from 'oidc-provider';
import { verifyCredentials } from './accounts';
import { renderErrorPage } from './error-page';
import { renderLoginPage } from './login-page';
import type { LoginThrottle } from './login-throttle';

const ROUTE = /^\/interaction\/([\w-]+)(\/login)?$/;
const MAX_FORM_BYTES = 16 * 1024;

export function interactionUrl(_ctx: KoaContextWithOIDC, interaction: { uid: string }): string {
  return `/interaction/${interaction.uid}`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new errors.InvalidRequest('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function grantConsent(provider: Provider, ctx: Context): Promise<void> {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const accountId = details.session?.accountId;
  const clientId = String(details.params.client_id);
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  ctx.respond = false;
  await provider.interactionFinished(ctx.req, ctx.res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
}

function clientName(provider: Provider, clientId: unknown): Promise<string | undefined> {
  return typeof clientId === 'string' ? provider.Client.find(clientId).then((c) => c?.clientName) : Promise.resolve(undefined);
}

/** Koa middleware serving the interaction routes; everything else goes on to oidc-provider. */
export function interactionRoutes(provider: Provider, portalUrl: string, throttle: LoginThrottle): Middleware {
  return async (ctx, next) => {
    const match = ROUTE.exec(ctx.path);
    if (!match) return next();
    const [, uid, isLogin] = match;
    const method = isLogin ? 'POST' : 'GET';
    if (ctx.method !== method && !(method === 'GET' && ctx.method === 'HEAD')) {
      ctx.status = 405;
      ctx.set('Allow', method);
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Frame-Options', 'DENY');
    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.uid !== uid) throw new errors.SessionNotFound('interaction mismatch');
      const action = `/interaction/${uid}/login`;
      const name = await clientName(provider, details.params.client_id);

      if (!isLogin) {
        if (details.prompt.name === 'consent') return await grantConsent(provider, ctx);
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
        ctx.type = 'html';
        ctx.body = renderLoginPage({ action, clientName: name, username: hint });
        return;
      }

      const form = await readForm(ctx.req);
      const username = form.get('username')?.trim() ?? '';
      const password = form.get('password') ?? '';
      if (username && throttle.isLocked(username, ctx.ip)) {
        ctx.status = 429;
        ctx.type = 'html';
        ctx.body = renderLoginPage({ action, clientName: name, username, error: 'locked' });
        return;
      }
      const user = username && password ? verifyCredentials(username, password) : undefined;
      if (username && password) {
        if (user) throttle.recordSuccess(username);
        else throttle.recordFailure(username, ctx.ip);
      }
      if (!user) {
        ctx.status = 401;
        ctx.type = 'html';
        ctx.body = renderLoginPage({ action, clientName: name, username, error: username && password ? 'invalid-credentials' : 'missing-fields' });
        return;
      }
      ctx.respond = false;
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: user.subject, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
    } catch (error) {
      if (!(error instanceof errors.OIDCProviderError)) throw error;
      ctx.respond = true;
      ctx.status = error instanceof errors.SessionNotFound ? 400 : error.statusCode;
      ctx.type = 'html';
      ctx.body = renderErrorPage({
        error: error instanceof errors.SessionNotFound ? 'sign-in session expired or not found (登录会话已过期)' : error.error,
        description: 'Start again from the portal. 请从门户重新开始。',
        portalUrl,
      });
    }
  };
}
