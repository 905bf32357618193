import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, cspViolations, launchBrowser, openApp, readTable, type AppPage } from './harness';

let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  app = await openApp(browser);
});
afterEach(async () => {
  expect(app.foreignRequests).toEqual([]);
  expect(cspViolations(app)).toEqual([]);
  await app.close();
});

/** The accessible name (roughly) and role of the focused element. */
async function focused(page: Page): Promise<{ name: string; tag: string; outline: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { name: '', tag: '', outline: '' };
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.textContent ??
      '';
    const style = getComputedStyle(el);
    return { name: name.replace(/\s+/g, ' ').trim(), tag: el.tagName, outline: `${style.outlineStyle} ${style.outlineWidth}` };
  });
}

/** Presses Tab (only) until the focused control's name matches; fails if it is never reached. */
async function tabTo(page: Page, name: RegExp, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (name.test(f.name)) {
      // A visible focus indicator on every stop we use.
      expect(f.outline).not.toMatch(/^none/);
      return;
    }
  }
  throw new Error(`${name} was not reachable with the Tab key`);
}

/** Shift+Tab until the focused control's name matches. */
async function shiftTabTo(page: Page, name: RegExp, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Shift+Tab');
    if (name.test((await focused(page)).name)) return;
  }
  throw new Error(`${name} was not reachable with Shift+Tab`);
}

describe('everything works with the keyboard alone', () => {
  it('adds a file, writes and runs SQL, moves and deletes cells, and draws a chart', async () => {
    const { page } = app;
    // The skip link is the first stop.
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Skip to the notebook');

    // Add a data file: the drop zone's keyboard equivalent opens the file chooser.
    await tabTo(page, /^Add data files$/);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles([{ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from('area,rate\nPeterborough,5.0\nCambridgeshire,3.6\n') }]);
    await page.getByRole('status').filter({ hasText: 'Loaded rates.csv as table rates: 2 rows.' }).waitFor();

    // Add a SQL cell: focus goes to its editor; Ctrl+Enter runs it.
    await tabTo(page, /^Add SQL cell$/);
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe('SQL');
    await page.keyboard.type('SELECT area, rate FROM rates ORDER BY rate DESC');
    await page.keyboard.press('Control+Enter');
    expect((await readTable(page, /Result of SQL cell 1/)).rows).toEqual([
      ['Peterborough', '5'],
      ['Cambridgeshire', '3.6'],
    ]);

    // A text cell, added after it, then moved above it.
    await tabTo(page, /^Add text cell$/);
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe('Text (Markdown)');
    await page.keyboard.type('## Rates');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Rates', level: 2 }).waitFor();
    expect((await focused(page)).name).toBe('Edit text of Text cell 2');
    await shiftTabTo(page, /^Move up Text cell 2$/);
    await page.keyboard.press('Enter');
    await page.getByRole('article', { name: 'Text cell 1' }).waitFor();

    // A chart cell, set up with the keyboard (select boxes take arrow keys).
    await tabTo(page, /^Add chart cell$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Data from$/);
    await page.keyboard.press('ArrowDown'); // "SQL cell 2"
    await page.locator('figure svg').waitFor();
    await tabTo(page, /^Show data table/);
    await page.keyboard.press('Enter');
    expect((await readTable(page, /Data drawn in Chart cell 3/)).rows.length).toBe(2);

    // Delete the chart cell and undo it.
    await shiftTabTo(page, /^Delete Chart cell 3$/);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article', { name: /^Chart cell/ }).count()).resolves.toBe(0);
    await tabTo(page, /^Undo delete$/, 200);
    await page.keyboard.press('Enter');
    await page.getByRole('article', { name: 'Chart cell 3' }).waitFor();
  });

  it('reaches the accessibility statement from the footer, and it passes axe', async () => {
    const { page } = app;
    await tabTo(page, /^Accessibility statement$/, 120);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Accessibility statement for jsna-notebook' }).waitFor();
    await page.getByRole('heading', { name: 'Known gaps' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
