import { describe, expect, it } from 'vitest';
import { renderAutoLogoutPage } from './logout-pages';

describe('the logout page', () => {
  it('adds logout=yes to oidc-provider\'s form and submits it on load', () => {
    const form = '<form id="op.logoutForm" method="post" action="http://idp/session/end/confirm"><input type="hidden" name="xsrf" value="s3cr3t"/></form>';
    const html = renderAutoLogoutPage(form);
    expect(html).toContain('<input type="hidden" name="xsrf" value="s3cr3t"/><input type="hidden" name="logout" value="yes"/></form>');
    expect(html).toContain("document.getElementById('op.logoutForm').submit()");
    expect(html).toContain('<noscript>');
  });
});
