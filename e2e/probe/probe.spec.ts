import { test } from '@playwright/test';
import { signIn } from '../support/sign-in';
test.use({ viewport: { width: 1024, height: 800 } });
test('probe', async ({ page }) => {
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text().slice(0, 300), m.location().url); });
  await signIn(page, 'operator', '/edge-map/nodes');
  await page.getByTestId('node-status').first().waitFor();
  const cut = (sel: string) => page.locator(sel).evaluateAll((els) => els.filter((el) => { const l = el.querySelector('.mantine-Badge-label') ?? el; return [el, l].some((e) => e.scrollWidth > e.clientWidth); }).map((e) => e.textContent));
  console.log('WITH FIX', await cut('[data-testid=node-status]'));
  await page.addStyleTag({ content: '.badge-whole{width:fit-content!important;overflow:hidden!important;flex-shrink:1!important}.badge-whole-label{overflow:hidden!important;text-overflow:ellipsis!important}' });
  console.log('WITHOUT FIX', await cut('[data-testid=node-status]'));
  await page.goto('/edge-map');
  await page.getByTestId('edge-map').waitFor();
  await page.waitForTimeout(5000);
  console.log('MAP', await page.getByTestId('edge-map').getAttribute('data-rendered'), await page.locator('.leaflet-tile-loaded').count());
});
