// Drives the frontend in a real headless Chromium (Debian's) against the local stack: loads the page, creates
// items through the form, sees the api's validation error, deletes an item. Exits non-zero on the first
// failed expectation, printing what the page showed.
//
// Usage: node frontend_e2e.mjs <frontend-url>   (CHROMIUM overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';

const url = process.argv[2];
if (!url) {
  console.error('usage: node frontend_e2e.mjs <frontend-url>');
  process.exit(2);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const failures = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The one 400 is the validation step's, expected; anything else the browser logs as an error is not.
    const expected = message.text().includes('status of 400');
    if (message.type() === 'error' && !expected) failures.push(`console error: ${message.text()}`);
  });
  page.setDefaultTimeout(10000);

  await page.goto(url);
  await page.locator('#status').filter({ hasText: 'No items yet.' }).waitFor();
  console.log('loaded: empty list');

  for (const [name, description] of [['First item', 'made in a browser'], ['Second <b>item</b>', '']]) {
    await page.fill('#name', name);
    await page.fill('#description', description);
    await page.click('#create');
    await page.locator('#items tr', { hasText: name }).waitFor();
  }
  const rows = await page.locator('#items tr').allTextContents();
  expect(rows.length === 2, `two rows expected, got ${rows.length}: ${rows}`);
  expect(rows[0].includes('Second <b>item</b>'), `newest first, names shown as text: ${rows[0]}`);
  expect((await page.locator('#items b').count()) === 0, 'a name is never rendered as HTML');
  console.log('created two items through the form');

  // The browser's own check passes (not empty); the api's does not (only whitespace).
  await page.fill('#name', '   ');
  await page.click('#create');
  await page.locator('#status.error').filter({ hasText: "field 'name' must not be empty" }).waitFor();
  console.log("showed the api's validation error");

  const first = page.locator('#items tr', { hasText: 'First item' });
  await first.locator('button.delete').click();
  await first.waitFor({ state: 'detached' });
  await page.locator('#status').filter({ hasText: /Deleted item \d+\./ }).waitFor();

  await page.reload();
  await page.locator('#items tr', { hasText: 'Second' }).waitFor();
  const after = await page.locator('#items tr').allTextContents();
  expect(after.length === 1, `one item left after the delete and a reload, got ${after.length}: ${after}`);
  console.log('deleted one; a reload shows the other');
  expect(failures.length === 0, failures.join('\n'));
} catch (error) {
  console.error(`frontend e2e failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
