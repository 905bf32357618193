import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, readTable, type AppPage, freshAppPerTest, viewsDone } from './harness';

let app: AppPage;
freshAppPerTest((a) => (app = a));

/** The accessible name (roughly) and role of the focused element. */
async function focused(page: Page): Promise<{ name: string; tag: string; outline: string }> {
  return page.evaluate(() => {
    // Into shadow roots too (the SQL editor lives in one).
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el) return { name: '', tag: '', outline: '' };
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.textContent ??
      '';
    const style = getComputedStyle(el);
    return {
      name: name.replace(/\s+/g, ' ').trim(),
      tag: el.tagName,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
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

/**
 * Opens the file chooser from the focused "Add data files" control by keyboard: Space, and if
 * the browser did not take it (seen once on a loaded machine), Enter — both are keyboard use.
 */
async function chooseFilesByKeyboard(page: Page) {
  for (const key of ['Space', 'Enter']) {
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 }).catch(() => null);
    await page.keyboard.press(key);
    const c = await chooser;
    if (c) return c;
    expect((await focused(page)).name).toBe('Add data files');
  }
  throw new Error('The file chooser did not open from the keyboard');
}

describe('everything works with the keyboard alone', () => {
  it('adds a file, writes and runs SQL, moves and deletes cells, and draws a chart', async () => {
    const { page } = app;
    // The skip link is the first stop.
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Skip to the notebook');

    // Add a data file: the drop zone's keyboard equivalent opens the file chooser.
    await tabTo(page, /^Add data files$/);
    const chooser = await chooseFilesByKeyboard(page);
    await chooser.setFiles([
      {
        name: 'rates.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('area,rate\nPeterborough,5.0\nCambridgeshire,3.6\n'),
      },
    ]);
    await page
      .getByRole('status')
      .filter({ hasText: 'Loaded rates.csv as table rates: 2 rows.' })
      .waitFor();

    // Add a SQL cell: focus goes to its editor; Ctrl+Enter runs it.
    await tabTo(page, /^Add SQL cell$/);
    await page.keyboard.press('Enter');
    // The editor loads on first use: wait for it to take the focus.
    await expect.poll(async () => (await focused(page)).name).toBe('SQL');
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

  it('loads the demo, sets the focal area, reads a view and exports it, with the keyboard alone', async () => {
    const { page } = app;
    await tabTo(page, /^Load demo data$/);
    await page.keyboard.press('Enter');
    await viewsDone(page);
    // Focus moves to the notebook's first cell once the demo is in.
    await expect.poll(async () => (await focused(page)).name).toBe('Text cell 1');

    // The focal area (above the cells): type its name, pick it with Enter; every view follows.
    await shiftTabTo(page, /^Focal area$/, 200);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Kingston upon Hull');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: /Kingston upon Hull over time/ }).waitFor();

    // Read a view: its chart's data table, one key press away.
    await tabTo(page, /^Show data table of Deaths from drug misuse: trend$/, 200);
    await page.keyboard.press('Enter');
    await page
      .getByRole('table', { name: /^Data drawn in Deaths from drug misuse: trend/ })
      .waitFor();

    // Export the view's table as CSV.
    await tabTo(
      page,
      /^Download CSV of Deaths from drug misuse, Persons: Kingston upon Hull over time$/,
      200,
    );
    const [csvFile] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(csvFile.suggestedFilename()).toMatch(/kingston-upon-hull-over-time.*\.csv$/);

    // And the whole notebook as a report (the export panel sits before the notebook).
    await shiftTabTo(page, /^Download report \(HTML\)$/, 400);
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.html$/);
  });

  it('maps an unrecognised file in a dialog that keeps focus and closes with Escape', async () => {
    const { page } = app;
    await tabTo(page, /^Add data files$/);
    const chooser = await chooseFilesByKeyboard(page);
    await chooser.setFiles([
      {
        name: 'odd.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('LA,Yr,Deaths registered\nE06000031,2021,12\nE06000032,2021,9\n'),
      },
    ]);
    await page
      .getByRole('status')
      .filter({ hasText: /Loaded odd\.csv/ })
      .waitFor();
    await page.getByRole('article', { name: 'Table odd' }).locator('summary').first().waitFor();
    await tabTo(page, /^Map to a canonical table: odd$/, 200);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Map odd\.csv/ });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByRole('article', { name: 'Table odd' }).count()).resolves.toBe(1);
  });

  it('reaches the accessibility statement from the footer, and it passes axe', async () => {
    const { page } = app;
    await tabTo(page, /^Accessibility statement$/, 120);
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { name: 'Accessibility statement for jsna-notebook' })
      .waitFor();
    await page.getByRole('heading', { name: 'Known gaps' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
