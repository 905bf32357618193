/**
 * The demo's views are ready-made: computed when the app was built, by the same view code over
 * the same tables (src/lib/demo/readyMade.ts). "Load demo data" shows them while the database
 * engine is still held back, saying so in each view's status; once the engine runs, it computes
 * every view again and what the analyst sees does not change. A notebook that is not exactly the
 * demo's gets no ready-made results: its views wait for the engine.
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  cspViolations,
  launchBrowser,
  openApp,
  readTable,
  viewsDone,
  type AppPage,
} from './harness';

let browser: Browser;
let app: AppPage | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  if (!app) return;
  expect(app.foreignRequests).toEqual([]);
  expect(cspViolations(app)).toEqual([]);
  await app.close();
  app = null;
});
afterAll(async () => {
  await browser?.close();
});

const READY_MADE = /^Ready-made results, computed from the same files when this app was built/;

/** Every status text each view cell shows, in order, recorded in the page as it changes. */
async function recordViewStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { viewStatuses: string[] }).viewStatuses = seen;
    const look = () => {
      for (const s of document.querySelectorAll('article[aria-label^="View cell"] .cell-status')) {
        const text = s.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        if (text && !seen.includes(text)) seen.push(text);
      }
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

/** What each view shows: its notes, method, tables and charts' descriptions, as text. */
async function viewTexts(page: Page): Promise<string[]> {
  return page
    .getByRole('article', { name: /^View cell/ })
    .evaluateAll((views) =>
      views.map((v) => (v.querySelector('.cell-result') as HTMLElement | null)?.innerText ?? ''),
    );
}

describe("the demo's ready-made views", () => {
  it('show before the engine has started, and the engine then finds the same', async () => {
    app = await openApp(browser, { holdEngine: true });
    const { page } = app;
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.getByRole('button', { name: 'Load demo data' }).click();
    const views = page.getByRole('article', { name: /^View cell/ });
    await views.nth(3).waitFor();
    expect(await views.count()).toBe(4);
    for (let i = 0; i < 4; i++)
      await views.nth(i).getByRole('status').filter({ hasText: READY_MADE }).waitFor();
    // Every chart drawn and the tables behind them there, with no engine at all.
    await expect
      .poll(() =>
        views
          .locator('figure.chart-area')
          .evaluateAll((fs) => fs.length > 0 && fs.every((f) => f.querySelector('svg') !== null)),
      )
      .toBe(true);
    const deaths = await readTable(page, /^Deaths from drug misuse, Persons, 2019-21/);
    expect(deaths.rows.some((r) => r.some((c) => c.startsWith('Peterborough')))).toBe(true);
    expect(await page.getByText(/SYNTHETIC/).count()).toBeGreaterThan(0);
    // The engine has not run anything: no table is loaded, the SQL cell has no result.
    expect(await page.getByRole('table', { name: /^Result of SQL cell/ }).count()).toBe(0);
    const readyMade = await viewTexts(page);

    app.releaseEngine();
    await viewsDone(page);
    await page.getByRole('table', { name: /^Result of SQL cell/ }).waitFor();
    expect(await viewTexts(page)).toEqual(readyMade);
    expect(await page.getByText(/differ from the ready-made ones/).count()).toBe(0);
    expect(warnings.filter((w) => /ready-made/.test(w))).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('are not shown to a notebook that is not the demo’s', async () => {
    app = await openApp(browser);
    const { page } = app;
    await recordViewStatuses(page);
    // A view cell of the analyst's own before the demo: the comparison would read its figures too.
    await page
      .getByRole('button', { name: /^Add view/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await viewsDone(page, 5);
    const statuses = await page.evaluate(
      () => (window as unknown as { viewStatuses: string[] }).viewStatuses,
    );
    expect(statuses.some((s) => /^Done in/.test(s))).toBe(true);
    expect(statuses.filter((s) => READY_MADE.test(s))).toEqual([]);
  });
});
