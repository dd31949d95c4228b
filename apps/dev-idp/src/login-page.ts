/**
 * The sign-in form of the dev IdP: a real check of username and password against the demo
 * realm, unlike oidc-provider's devInteractions, which accept anything. Being a dev IdP, it
 * lists the demo usernames and the shared password.
 */
import { DEMO_PASSWORD, DEMO_USERS } from '@mecport/contracts';
import { bi, escapeHtml, page } from './html';

export interface TLoginPageOptions {
  /** Where the form posts, e.g. `/interaction/<uid>/login`. */
  action: string;
  /** The client's display name, shown as "to continue to …". */
  clientName?: string;
  /** Prefill for the username field (after a failed attempt, or from `login_hint`). */
  username?: string;
  /** Set after a failed attempt: shows the error in a role="alert" box. */
  error?: 'invalid-credentials' | 'missing-fields' | 'locked';
}

const ERRORS: Record<NonNullable<TLoginPageOptions['error']>, [string, string]> = {
  'invalid-credentials': ['Invalid username or password.', '用户名或密码错误。'],
  'missing-fields': ['Enter a username and a password.', '请输入用户名和密码。'],
  // Said of the sign-in, not the account: the same words whether or not the user exists.
  locked: ['Too many failed sign-ins: signing in is temporarily locked. Try again later.', '登录失败次数过多，登录已暂时锁定，请稍后再试。'],
};

/**
 * @example ctx.body = renderLoginPage({ action: `/interaction/${uid}/login`, error: 'invalid-credentials', username: 'operator' });
 */
export function renderLoginPage(options: TLoginPageOptions): string {
  const alert = options.error
    ? `<p class="alert" role="alert" id="login-error">${bi(...ERRORS[options.error])}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  const client = options.clientName ? ` — ${escapeHtml(options.clientName)}` : '';
  const users = DEMO_USERS.map((u) => `<li><code>${escapeHtml(u.username)}</code></li>`).join('');
  const body = `
<h1>MECport dev sign-in <span class="zh" lang="zh-CN">开发环境登录</span></h1>
<p class="sub">${bi('Sign in to continue', '登录以继续')}${client}</p>
${alert}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off" novalidate>
  <label for="username">${bi('Username', '用户名')}</label>
  <input id="username" name="username" type="text" autocapitalize="none" spellcheck="false" required value="${escapeHtml(options.username ?? '')}"${describedBy}${options.username ? '' : ' autofocus'}>
  <label for="password">${bi('Password', '密码')}</label>
  <input id="password" name="password" type="password" required${describedBy}${options.username ? ' autofocus' : ''}>
  <button type="submit">Sign in<span lang="zh-CN" aria-hidden="true"> · 登录</span></button>
</form>
<section class="demo" aria-labelledby="demo-heading">
  <h2 id="demo-heading">${bi('Demo accounts (development only)', '演示账号（仅限开发环境）')}</h2>
  ${bi('Password for all:', '统一密码：')} <code>${escapeHtml(DEMO_PASSWORD)}</code>
  <ul>${users}</ul>
</section>`;
  return page({ title: 'MECport dev sign-in', body });
}
