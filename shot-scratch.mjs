import { chromium } from '@playwright/test';
const [,, url, out, width = '1280', action = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
if (action === 'runblock') {
  const b = page.locator('.sql-run').first();
  await b.scrollIntoViewIfNeeded();
  await b.getByRole('button').click();
  await page.getByRole('region', { name: 'Results' }).first().getByRole('table').waitFor({ timeout: 90000 });
  await b.evaluate((el) => el.previousElementSibling.scrollIntoView());
}
if (action === 'describe') {
  const root = page.locator('[data-lab]').first();
  await root.scrollIntoViewIfNeeded();
  await root.getByRole('button', { name: /^Start/ }).click();
  await page.waitForSelector('[data-lab][data-status="ready"]', { timeout: 90000 });
  await root.getByRole('button', { name: 'Open SQL console' }).click();
  const c = root.getByRole('region', { name: 'SQL console' });
  await c.locator('textarea, .monaco-editor').first().waitFor();
  await page.waitForSelector('[data-editor="monaco"]', { timeout: 30000 });
  await c.getByRole('combobox', { name: 'Database', exact: true }).selectOption({ label: 'Bank A' });
  await c.locator('.monaco-editor').click();
  await page.keyboard.insertText('\\d accounts');
  await c.getByRole('button', { name: 'Run' }).click();
  await c.getByRole('table').first().waitFor();
  await c.evaluate((el) => el.scrollIntoView());
}
console.log('scrollWidth', await page.evaluate(() => document.documentElement.scrollWidth));
await page.screenshot({ path: out });
await browser.close();
