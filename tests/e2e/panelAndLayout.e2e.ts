/**
 * Issue 18, items 4, 6 and 7: the data panel stays short with the demo loaded (repeated notes
 * counted behind "show"), loads say which step they are at with Cancel beside them, opening a
 * notebook says what it is doing before the notebook appears, and at 1024 px or 200% zoom no
 * table or chart makes the page scroll sideways (wide tables scroll in their own region).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  cspViolations,
  launchBrowser,
  openApp,
  viewsDone,
  type AppPage,
} from './harness';

let browser: Browser;
let app: AppPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  if (!app) return;
  expect(app.foreignRequests).toEqual([]);
  expect(cspViolations(app)).toEqual([]);
  await app.close();
  app = undefined;
});

const dataPanel = (page: Page) => page.getByRole('region', { name: 'Data', exact: true });

/** Loads the demo and waits until its notebook has run (the demo's own progress line is gone). */
async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await viewsDone(page);
  await page.locator('.demo-progress').waitFor({ state: 'detached' });
}

/** The page scrolls sideways by this many pixels (0 when it fits its viewport). */
function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

describe('the data panel with the demo loaded', () => {
  it('counts repeated notes behind "show" and stays short', async () => {
    app = await openApp(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = app;
    await loadDemo(page);
    const panel = dataPanel(page);
    const deaths = panel.getByRole('article', {
      name: 'Table ons_drug_deaths_by_la_3yr_asr_2001_2021',
      exact: true,
    });

    // One line per kind of note, counted, instead of one line per area code.
    const retired = deaths.locator('details.message-group').filter({
      hasText: /^\d+ retired area codes kept \([\d,]+ rows\)/,
    });
    await retired.waitFor();
    const count = Number(/^(\d+)/.exec((await retired.locator('summary').innerText()).trim())![1]);
    expect(count).toBeGreaterThan(1);
    const notes = retired.locator('ul > li');
    await expect(notes.count()).resolves.toBe(count);
    await expect(notes.first().isVisible()).resolves.toBe(false);
    // No note about a retired code is on show anywhere in the panel until a group is opened.
    const shownRetired = () =>
      panel
        .getByText(/which no longer exists since/)
        .evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    await expect(shownRetired()).resolves.toBe(0);

    // Short: every group closed, the whole panel fits in a few screens.
    const height = await panel.evaluate((e) => e.getBoundingClientRect().height);
    console.log(`Data panel height with the demo loaded at 1280x800: ${Math.round(height)} px`);
    expect(height).toBeLessThan(4_000);

    // "show" opens the list: each code with its rows, the shared explanation said once above.
    await retired.locator('summary').click();
    await notes.first().waitFor();
    await expect(shownRetired()).resolves.toBe(count);
    await expect(retired.getByText(/cannot be split or re-added safely/).count()).resolves.toBe(1);

    // Long file names wrap inside the panel instead of running past it.
    const panelBox = (await panel.boundingBox())!;
    const nameBox = (await deaths.locator('summary').first().boundingBox())!;
    expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('loads and waits say what is happening', () => {
  it('a load names its step, with Cancel beside the bar it stops', async () => {
    app = await openApp(browser, { holdEngine: true });
    const { page } = app;
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `E0600${String(i).padStart(4, '0')},${i}`,
    );
    await page.getByLabel('Add data files').setInputFiles({
      name: 'a_rather_long_file_name_with_no_spaces_in_it_at_all_2001_2021.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['area_code,count', ...rows].join('\n')),
    });
    // The page is fresh, so the engine starts first, and the line says so.
    const job = page.locator('.job').filter({ hasText: /^Loading a_rather_long_file_name/ });
    await job.getByText(/: starting the database engine/).waitFor();
    app.releaseEngine();
    await job
      .getByRole('button', {
        name: 'Cancel loading a_rather_long_file_name_with_no_spaces_in_it_at_all_2001_2021.csv',
      })
      .waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Loaded a_rather_long_file_name_with_no_spaces/ })
      .waitFor();
    await job.waitFor({ state: 'detached' });
  });

  it('opening a notebook shows progress at once, before its cells appear', async () => {
    app = await openApp(browser, { holdEngine: true });
    const { page } = app;
    const notebookFile = JSON.stringify({
      format: 'jsna-notebook',
      version: 1,
      title: 'Opening test',
      savedAt: '2026-01-01T00:00:00.000Z',
      parameters: {
        focalArea: null,
        comparator: 'region',
        customComparators: [],
        latestPeriod: null,
      },
      dataSources: [],
      mappings: [],
      cells: [{ id: 'c1', kind: 'sql', source: 'SELECT 42 AS answer' }],
    });
    // Records, in the page, each text the notebook bar's status takes and when the cell appears.
    await page.evaluate(() => {
      const log: { t: number; what: string }[] = [];
      (window as unknown as { openingLog: typeof log }).openingLog = log;
      const look = () => {
        const status = document.querySelector('.notebook-bar ~ .status-line')?.textContent?.trim();
        if (status && log.at(-1)?.what !== status) log.push({ t: performance.now(), what: status });
        if (
          document.querySelector('[aria-label^="SQL cell"]') &&
          !log.some((l) => l.what === 'cell')
        )
          log.push({ t: performance.now(), what: 'cell' });
      };
      new MutationObserver(look).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.getByLabel('Open notebook').setInputFiles({
      name: 'opening-test.jsna.json',
      mimeType: 'application/json',
      buffer: Buffer.from(notebookFile),
    });
    await page
      .getByRole('status')
      .filter({ hasText: /^Opening opening-test\.jsna\.json…: starting the database engine/ })
      .first()
      .waitFor();
    app.releaseEngine();
    await page.getByRole('table', { name: /^Result of SQL cell 1/ }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Opened opening-test.jsna.json.' }).waitFor();
    const log = await page.evaluate(
      () => (window as unknown as { openingLog: { t: number; what: string }[] }).openingLog,
    );
    const said = log.map((l) => l.what);
    const firstOpening = said.findIndex((w) => w.startsWith('Opening opening-test.jsna.json…'));
    expect(firstOpening).toBeGreaterThanOrEqual(0);
    expect(firstOpening).toBeLessThan(said.indexOf('cell'));
    // It names the steps: the engine starting (a fresh page), then the cell running.
    expect(said).toContainEqual(
      expect.stringMatching(/^Opening opening-test\.jsna\.json…: starting the database engine/),
    );
    expect(said).toContainEqual(
      expect.stringMatching(/^Opening opening-test\.jsna\.json…: running cell 1 of 1 \(SQL\)/),
    );
  });
});

describe('no table or chart makes the page scroll sideways', () => {
  for (const [name, viewport] of [
    ['at 1024 px', { width: 1024, height: 768 }],
    ['at 200% zoom (640 px)', { width: 640, height: 800 }],
  ] as const) {
    it(name, async () => {
      app = await openApp(browser, { viewport });
      const { page } = app;
      await loadDemo(page);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

      // Charts fit their column.
      const chartOverflow = await page
        .locator('.cell svg')
        .evaluateAll((svgs) =>
          svgs.map((s) => s.getBoundingClientRect().right - document.documentElement.clientWidth),
        );
      expect(chartOverflow.length).toBeGreaterThan(0);
      expect(chartOverflow.filter((d) => d > 1)).toEqual([]);

      // Wide tables scroll in their own focusable, labelled region, with a cue said above them.
      const wide = page.locator('.result-wrap.more-right');
      const n = await wide.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const region = wide.nth(i);
        await expect(region.getAttribute('role')).resolves.toBe('region');
        await expect(region.getAttribute('tabindex')).resolves.toBe('0');
        expect(await region.getAttribute('aria-label')).toBeTruthy();
        const hintId = await region.getAttribute('aria-describedby');
        await expect(page.locator(`#${hintId}`).innerText()).resolves.toMatch(
          /scroll sideways .* for more columns/,
        );
      }
      // The keyboard scrolls one: focus it, then the arrow keys. (Held by its name: once it has
      // scrolled, `wide` may match another region first.)
      const first = page
        .getByRole('region', {
          name: (await wide.first().getAttribute('aria-label'))!,
          exact: true,
        })
        .first();
      await first.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await first.evaluate(
        (el) =>
          new Promise<void>((resolve) => {
            const check = () => (el.scrollLeft > 0 ? resolve() : requestAnimationFrame(check));
            check();
          }),
      );
      // Its left edge is marked once the scroll has been reported (waits for that state).
      await first.evaluate(
        (el) =>
          new Promise<void>((resolve) => {
            const check = () =>
              el.classList.contains('more-left') ? resolve() : requestAnimationFrame(check);
            check();
          }),
      );
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    });
  }
});
