import { expect, test } from '@playwright/test';

const CHAPTER = '/operational-data/shared-database/';

test('the scorecard starts empty, explains its recommendation, and keeps the answers across a reload', async ({ page }) => {
  await page.goto(CHAPTER);
  const card = page.locator('[data-scorecard]');
  await card.scrollIntoViewIfNeeded();
  await expect(card).toHaveAttribute('data-status', 'ready');
  const result = card.getByRole('status');
  await expect(result).toContainText('Rate 8 more forces');
  await expect(card.getByRole('radio', { checked: true })).toHaveCount(0);

  await card.getByLabel('Table group').selectOption({ label: 'customers + invoices' });
  for (const force of [
    'Change control',
    'Connection management',
    'Scalability',
    'Fault tolerance',
    'Architectural quantum',
    'Database type',
  ]) {
    await card.getByRole('group', { name: force }).getByRole('radio', { name: 'Strongly' }).check();
  }
  await expect(result).toContainText('Rate 2 more forces');
  // Keyboard: focus the first option of a group and move with the arrow keys, as a radio group works.
  const relationships = card.getByRole('group', { name: 'Data relationships' });
  await relationships.getByRole('radio', { name: 'Not at all' }).focus();
  await page.keyboard.press('Space');
  await relationships.getByRole('radio', { name: 'Not at all' }).press('ArrowRight');
  await expect(relationships.getByRole('radio', { name: 'Somewhat' })).toBeChecked();
  await card.getByRole('group', { name: 'Database transactions' }).getByRole('radio', { name: 'Not at all' }).check();

  await expect(result).toHaveAttribute('data-verdict', 'split');
  await expect(result).toContainText('customers + invoices: Split these tables apart');
  await expect(result).toContainText('Disintegrators score 12 of 12; integrators score 2 of 8');
  await expect(result).toContainText('Data relationships (somewhat, integrator)');

  await page.reload();
  await card.scrollIntoViewIfNeeded();
  await expect(card).toHaveAttribute('data-status', 'ready');
  await expect(card.getByRole('status')).toHaveAttribute('data-verdict', 'split');
  await expect(card.getByRole('group', { name: 'Data relationships' }).getByRole('radio', { name: 'Somewhat' })).toBeChecked();

  await card.getByRole('button', { name: 'Clear my answers' }).click();
  await expect(card.getByRole('status')).toHaveAttribute('data-verdict', 'incomplete');
  await expect(card.getByRole('radio', { checked: true })).toHaveCount(0);
});
