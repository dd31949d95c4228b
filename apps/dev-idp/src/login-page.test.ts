import { DEMO_PASSWORD } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { renderLoginPage } from './login-page';

describe('the sign-in page', () => {
  const html = renderLoginPage({ action: '/interaction/abc/login', clientName: 'MECport portal' });

  it('has a labelled username and password field and a Sign in button', () => {
    expect(html).toContain('<h1>MECport dev sign-in');
    expect(html).toMatch(/<label for="username">Username/);
    expect(html).toMatch(/<input id="username" name="username" type="text"/);
    expect(html).toMatch(/<label for="password">Password/);
    expect(html).toMatch(/<input id="password" name="password" type="password"/);
    expect(html).toMatch(/<button type="submit">Sign in<span lang="zh-CN" aria-hidden="true">/);
    expect(html).toContain('action="/interaction/abc/login"');
  });

  it('is bilingual, lists the demo logins, and loads nothing from elsewhere', () => {
    expect(html).toContain('用户名');
    expect(html).toContain('<code>operator</code>');
    expect(html).toContain(`<code>${DEMO_PASSWORD}</code>`);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('role="alert"');
  });

  it('shows an error in an alert and keeps the username, escaped', () => {
    const failed = renderLoginPage({ action: '/x', username: '"><script>', error: 'invalid-credentials' });
    expect(failed).toMatch(/role="alert"[^>]*>Invalid username or password\./);
    expect(failed).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(failed).not.toContain('"><script>');
  });

  it('says sign-in is locked, in both languages, without naming the account', () => {
    const locked = renderLoginPage({ action: '/x', username: 'operator', error: 'locked' });
    expect(locked).toMatch(/role="alert"[^>]*>Too many failed sign-ins: signing in is temporarily locked/);
    expect(locked).toContain('登录已暂时锁定');
    const alert = /role="alert"[^>]*>(.*?)<\/p>/s.exec(locked)?.[1] ?? '';
    expect(alert).not.toMatch(/account|user|exist/i);
  });
});
