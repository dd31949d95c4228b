/**
 * RP-initiated logout without a confirmation click: keycloak-js sends the user to the
 * end-session endpoint with id_token_hint and post_logout_redirect_uri, and expects to come
 * straight back, as with Keycloak. The page oidc-provider would show ("Do you want to
 * sign-out?") is replaced by one that submits the logout form (with `logout=yes`, so the
 * whole IdP session ends) as soon as it loads.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { bi, escapeHtml, page } from './html';

export const AUTO_SUBMIT_SCRIPT = "document.addEventListener('DOMContentLoaded',function(){document.getElementById('op.logoutForm').submit()});";

/** The page around oidc-provider's logout `form`, which only carries the xsrf field. */
export function renderAutoLogoutPage(form: string): string {
  const withLogout = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  const body = `
<h1>${bi('Signing out…', '正在退出…')}</h1>
${withLogout}
<noscript><button type="submit" form="op.logoutForm">Sign out<span lang="zh-CN" aria-hidden="true"> · 退出</span></button></noscript>`;
  return page({ title: 'Signing out', body, script: AUTO_SUBMIT_SCRIPT });
}

export function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  ctx.type = 'html';
  ctx.body = renderAutoLogoutPage(form);
}

/** Shown only when a logout request named no post_logout_redirect_uri. */
export function postLogoutSuccessSource(ctx: KoaContextWithOIDC, portalUrl: string): void {
  ctx.type = 'html';
  ctx.body = page({
    title: 'Signed out',
    body: `<h1>${bi('You are signed out', '您已退出登录')}</h1>
<p><a href="${escapeHtml(portalUrl)}/">${bi('Back to MECport', '返回 MECport')}</a></p>`,
  });
}
