import type { TAlarm } from '@mecport/contracts';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The alarm row of this node and kind on the alarms page. Alarms of other tests' nodes (offline
 * ones) may be newer, so it pages on with "load more" until the row shows.
 */
export async function alarmRow(page: Page, nodeId: string, kind: TAlarm['kind']): Promise<Locator> {
  const row = page.locator(`[data-testid="alarm-row"][data-node-id="${nodeId}"][data-kind="${kind}"]`);
  await expect(page.getByTestId('alarms-loading')).toHaveCount(0);
  for (let i = 0; i < 20 && (await row.count()) === 0 && (await page.getByTestId('alarms-more').count()) > 0; i += 1) {
    await page.getByTestId('alarms-more').click();
    await expect(page.getByTestId('alarms-more').or(row).first()).toBeVisible();
  }
  await expect(row).toBeVisible();
  return row;
}
