/** zh-CN and English, switched in the header; the choice persists in the browser and in the profile. */
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';

test('the language switch changes the UI and survives a reload', async ({ page }) => {
  await page.goto('/store');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const english = await page.locator('h1').innerText();
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('h1')).not.toHaveText(english);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a signed-in user\'s language follows them to a new browser', async ({ page, browser }) => {
  await signIn(page, 'store-admin');
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await signIn(other, 'store-admin');
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await other.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  await fresh.close();
});
