/** Error pages of the dev IdP, in place of oidc-provider's default (which loads Google Fonts). */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { bi, escapeHtml, page } from './html';

export function renderErrorPage(options: { error: string; description?: string; portalUrl: string }): string {
  const description = options.description ? `<p>${escapeHtml(options.description)}</p>` : '';
  return page({
    title: 'Sign-in error',
    body: `<h1>${bi('Something went wrong', '出错了')}</h1>
<p class="alert" role="alert"><code>${escapeHtml(options.error)}</code></p>
${description}
<p><a href="${escapeHtml(options.portalUrl)}/">${bi('Back to MECport', '返回 MECport')}</a></p>`,
  });
}

/** oidc-provider's `renderError` hook (errors of /auth, /session/end and the like). */
export function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, portalUrl: string): void {
  ctx.type = 'html';
  ctx.body = renderErrorPage({ error: out.error, description: out.error_description, portalUrl });
}
