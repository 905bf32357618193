import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  addFiles,
  axeViolations,
  cell,
  csv,
  cspViolations,
  launchBrowser,
  openApp,
  type AppPage,
  fillSql,
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
  if (app) {
    expect(app.foreignRequests).toEqual([]);
    expect(cspViolations(app)).toEqual([]);
    await app.close();
  }
});

async function runSql(a: AppPage, n: number, sql: string) {
  const c = cell(a.page, 'SQL', n);
  await fillSql(c.getByLabel('SQL', { exact: true }), sql);
  await c.getByRole('button', { name: 'Run', exact: true }).click();
  await c
    .getByRole('status')
    .filter({ hasText: /Done|failed/ })
    .waitFor();
}

describe('axe-core finds no WCAG 2.2 AA violations', () => {
  it('on the empty notebook', async () => {
    app = await openApp(browser);
    expect(await axeViolations(app.page)).toEqual([]);
  });

  it('with the demo loaded: tables, text, SQL results, a chart and its data table', async () => {
    app = await openApp(browser);
    const { page } = app;
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await cell(page, 'SQL', 0).getByRole('table').waitFor();
    const deaths = page.getByRole('article', {
      name: 'Table ons_drug_deaths_by_la_3yr_asr_2001_2021',
      exact: true,
    });
    await deaths.locator('summary').first().click();
    await deaths.getByText(/^Checks: \d+ finding/).click();
    await deaths.getByRole('button', { name: /^Preview/ }).click();
    await page
      .getByRole('article', { name: 'Table deaths', exact: true })
      .locator('summary')
      .click();
    await page.getByRole('button', { name: 'Add chart cell' }).click();
    const chart = cell(page, 'Chart', 0);
    await chart.getByLabel('Data from').selectOption({ label: 'SQL cell 2' });
    await chart.getByLabel('X axis').selectOption('area_name');
    await chart.getByLabel('Y axis').selectOption('published_rate');
    await chart.locator('figure svg').waitFor();
    await chart.getByRole('button', { name: /Show data table/ }).click();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('with a failed query, a refused file, a text cell being edited and a view that cannot run', async () => {
    app = await openApp(browser);
    const { page } = app;
    await addFiles(page, [
      csv('empty.csv', ''),
      csv(
        'mixed.csv',
        'a,b\n' + Array.from({ length: 20 }, (_, i) => `x${i},${i === 3 ? 'n/a' : i}`).join('\n'),
      ),
    ]);
    await page.getByRole('alert').first().waitFor();
    await page.getByRole('status').filter({ hasText: 'Loaded mixed.csv' }).waitFor();
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    await runSql(app, 0, 'SELECT * FROM no_such_table');
    await page.getByRole('button', { name: 'Add text cell' }).click();
    // A view cell that cannot run yet: its error is shown in words, next to it.
    await page.getByRole('button', { name: 'Add view cell' }).click();
    await page.getByText('Choose a focal area above the notebook to run this view.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('at 200% zoom (a 640 px wide viewport)', async () => {
    app = await openApp(browser, { viewport: { width: 640, height: 900 } });
    const { page } = app;
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await cell(page, 'SQL', 0).getByRole('table').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Reflow: nothing needs horizontal scrolling at page level.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
