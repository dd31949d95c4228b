/**
 * axe-core (WCAG 2 A and AA rules) on every portal page the tests visit, so the portal stays
 * accessible (issue 10). The test fixture (`fixtures.ts`) scans the page as the test leaves it:
 * before each `page.goto` (the page the test is done with) and when the test ends. Scans never run
 * while the test acts on the page (an audit running beside a test slowed it into timeouts on a
 * busy machine). A route is scanned once per run of a worker (ids in paths count as one route), so
 * the tier stays fast. Pages of other origins (the dev IdP) are not the portal's and are skipped.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { E2E } from './stack';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa'];

/** Routes scanned completely in this run (one worker: module state is the run's). */
const scanned = new Set<string>();

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f-]{27}|c[a-z0-9]{20,}|[0-9a-f]{24,}|\d+)$/i;

/** `/edge-map/nodes/3f2…` -> `/edge-map/nodes/:id`: one route, whichever record it shows. */
export function routeOf(url: string): string | null {
  const u = new URL(url);
  if (u.origin !== new URL(E2E.portalUrl).origin || u.pathname.startsWith('/api/') || u.pathname.startsWith('/auth/callback')) return null;
  return u.pathname.split('/').map((s) => (ID_SEGMENT.test(s) ? ':id' : s)).join('/') || '/';
}

export interface TViolation { route: string; url: string; rule: string; impact: string; help: string; targets: string[] }

export class AccessibilityAudit {
  readonly violations: TViolation[] = [];

  constructor(private readonly page: Page) {}

  /** Scans the page as it is now, unless its route has been scanned in this run. */
  async scan(): Promise<void> {
    if (this.page.isClosed()) return;
    const url = this.page.url();
    const route = url.startsWith('http') ? routeOf(url) : null;
    if (!route || scanned.has(route)) return;
    try {
      const result = await new AxeBuilder({ page: this.page }).withTags(WCAG_TAGS).analyze();
      scanned.add(route);
      for (const v of result.violations) {
        this.violations.push({ route, url, rule: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => `${n.target.join(' ')} (${n.any[0]?.message ?? n.failureSummary ?? ''})`) });
      }
    } catch {
      // the page was navigating (execution context destroyed): scanned on a later visit
    }
  }
}

export function describeViolations(violations: readonly TViolation[]): string {
  return violations.map((v) => `${v.route} (${v.url}): ${v.rule} [${v.impact}] ${v.help}\n    ${v.targets.slice(0, 5).join('\n    ')}`).join('\n');
}
