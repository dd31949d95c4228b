/**
 * axe-core (WCAG 2 A and AA rules) on every portal page the tests visit, so the portal stays
 * accessible (issue 10). The test fixture (`fixtures.ts`) attaches an audit to each page: once a
 * navigation has settled the page is scanned, and again as the test ends; a route is scanned until
 * one scan completes, once per run (ids in paths count as one route), so the suite stays fast.
 * Scans are serialised and best effort while the test goes on: one that a navigation interrupts is
 * dropped and the route scanned on a later visit. Pages of other origins (the dev IdP) are not
 * the portal's and are skipped.
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

/** Waits, within bounds, for the page to finish loading what it shows (skeletons gone, network quiet). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load', { timeout: 10_000 });
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

export class AccessibilityAudit {
  readonly violations: TViolation[] = [];
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.enqueue(false);
    });
  }

  /** The scan at the end of the test: the page as the test left it, unless its route is done. */
  async finish(): Promise<TViolation[]> {
    this.enqueue(true);
    await this.queue;
    this.closed = true;
    return this.violations;
  }

  private enqueue(final: boolean): void {
    if (this.closed) return;
    this.queue = this.queue.then(() => this.scan(final)).catch(() => undefined);
  }

  private async scan(final: boolean): Promise<void> {
    if (this.page.isClosed()) return;
    const url = this.page.url();
    const route = url.startsWith('http') ? routeOf(url) : null;
    if (!route || scanned.has(route)) return;
    try {
      if (!final) await settle(this.page);
      // the test moved on while the page settled: that page gets its own scan
      if (this.page.url() !== url) return;
      const result = await new AxeBuilder({ page: this.page }).withTags(WCAG_TAGS).analyze();
      if (this.page.url() !== url) return;
      scanned.add(route);
      for (const v of result.violations) {
        this.violations.push({ route, url, rule: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) });
      }
    } catch {
      // a navigation interrupted the scan (execution context destroyed): scanned on a later visit
    }
  }
}

export function describeViolations(violations: readonly TViolation[]): string {
  return violations.map((v) => `${v.route} (${v.url}): ${v.rule} [${v.impact}] ${v.help}\n    ${v.targets.slice(0, 5).join('\n    ')}`).join('\n');
}
