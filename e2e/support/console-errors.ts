/**
 * The console errors a page logs, as a test collects them: React, next-intl and the portal's own
 * errors, and Chromium's "Failed to load resource" lines (with the resource's URL as location);
 * not those of the dev IdP's sign-in pages.
 *
 * @example const errors = consoleErrors(page); …; expect(errors.map(String)).toEqual([]);
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import { E2E } from './stack';

export interface TConsoleError { text: string; url: string; toString(): string }

export function consoleErrors(page: Page): TConsoleError[] {
  const errors: TConsoleError[] = [];
  const record = (text: string, url: string) => errors.push({ text, url, toString: () => `${text}${url ? ` (${url})` : ''}` });
  page.on('console', (m: ConsoleMessage) => {
    // the dev IdP's sign-in page (its missing favicon) is not the portal
    if (m.type() === 'error' && !m.location().url.startsWith(E2E.issuer)) record(m.text(), m.location().url);
  });
  page.on('pageerror', (e) => record(`uncaught: ${e.message}`, ''));
  return errors;
}

/** Sets the UI language with the header's switch, as a person would. */
export async function switchLanguage(page: Page, to: 'en' | 'zh-CN'): Promise<void> {
  const group = page.getByRole('radiogroup', { name: /^(Language|语言)$/ });
  await group.getByText(to === 'en' ? 'English' : '简体中文').click();
  await page.locator(`html[lang="${to}"]`).waitFor();
  // the switch's own name comes from the server's messages: the refresh in that language has landed
  await page.getByRole('radiogroup', { name: to === 'en' ? 'Language' : '语言' }).waitFor();
}
