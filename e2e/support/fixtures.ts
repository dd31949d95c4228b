/**
 * Test fixtures: every page fails its test on any request to a host other than this machine,
 * so the portal can never quietly depend on a CDN, a font service or a tile server; and on any
 * axe-core WCAG 2 A / AA violation on a portal page it shows (see accessibility.ts).
 */
import { test as base, expect } from '@playwright/test';
import { AccessibilityAudit, describeViolations } from './accessibility';

const LOCAL = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;

export const test = base.extend<{ externalRequests: string[]; accessibility: AccessibilityAudit }>({
  externalRequests: [
    async ({ page }, use) => {
      const leaked: string[] = [];
      await page.route(() => true, (route) => {
        const url = route.request().url();
        if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.fallback();
        leaked.push(url);
        return route.abort('blockedbyclient');
      });
      await use(leaked);
      expect(leaked, 'requests to non-local hosts').toEqual([]);
    },
    { auto: true },
  ],
  accessibility: [
    async ({ page }, use) => {
      const audit = new AccessibilityAudit(page);
      // the page the test leaves for another is scanned first (the test waits for it)
      const goto = page.goto.bind(page);
      page.goto = async (...args: Parameters<typeof page.goto>) => { await audit.scan(); return goto(...args); };
      await use(audit);
      await audit.scan();
      const violations = audit.violations;
      expect(violations, `axe-core WCAG 2 A/AA violations:\n${describeViolations(violations)}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
