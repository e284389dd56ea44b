import { expect, test } from '@playwright/test';
import { lab } from './lab-driver.ts';

test('a chapter’s SQL block runs where it stands: it starts the lab, shows the rows, and shows an error as the database said it', async ({
  page,
}) => {
  await page.goto('/reading/cqrs/');
  const root = lab(page, 'cqrs-lag');
  const outbox = page.locator('.sql-run').first();
  await outbox.scrollIntoViewIfNeeded();
  await outbox.getByRole('button', { name: 'Run on orders, in the cqrs-lag lab (starts it if needed)' }).click();
  // Nothing had started: the block starts the lab on the page, then runs on its order service.
  const result = outbox.getByRole('region', { name: 'Results' });
  await expect(result.getByRole('table')).toContainText('order_id', { timeout: 60_000 });
  await expect(outbox.getByRole('button')).toHaveCount(1);
  await expect(outbox.getByRole('button', { name: 'Run again on Order service (Postgres)' })).toHaveAttribute('aria-disabled', 'false');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-status', 'ready');

  const poison = page.locator('.sql-run').nth(2);
  await poison.getByRole('button', { name: /^Run on read-model/ }).click();
  await expect(poison.getByRole('region', { name: 'Results' })).toContainText('SQLITE_CONSTRAINT');
  // The lab saw both statements as the reader's own: they are in its run, and it is still ready.
  await expect(root).toHaveAttribute('data-status', 'ready');
});
