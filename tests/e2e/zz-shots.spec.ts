import { test } from '@playwright/test';
import { act, playUntilQuiet, startLab } from './lab-driver.ts';

for (const width of [1280, 390]) {
  test(`shots ${width}`, async ({ page }) => {
    await page.setViewportSize({ width, height: 1800 });
    const root = await startLab(page, '/events/inside-out/', 'log-views');
    await act(root, 'Ada places an order');
    await playUntilQuiet(root);
    await act(root, 'Load a year of history (1,000 events)');
    await playUntilQuiet(root);
    await act(root, 'Drop the reporting view and rebuild it from position 0');
    await playUntilQuiet(root);
    await act(root, 'Add a third store: the key-value cache');
    await playUntilQuiet(root);
    await root.screenshot({ path: `/tmp/lv-${width}.png` });
    const table = page.getByRole('table', { name: /Measured by the log-views lab/ }).first();
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/lv-table-${width}.png` });
  });
}
