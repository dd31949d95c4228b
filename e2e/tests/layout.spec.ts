/** Responsive shell and keyboard use. */
import { expect, test } from '../support/fixtures';

test('on a phone the navigation hides behind a burger that opens it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/');
  const nav = page.getByTestId('main-nav');
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Show or hide navigation' }).click();
  await expect(nav).toBeVisible();
});

test('the first Tab reaches the skip link, which moves focus to the content', async ({ page }) => {
  await page.goto('/store');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);
});
