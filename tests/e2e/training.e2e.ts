/**
 * "Generate training data" in the app: the same seeded generator as `npm run generate`, so the
 * browser makes exactly the committed synthetic files, and its record-level tables can be turned
 * into aggregates on request.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  cell,
  cspViolations,
  launchBrowser,
  openApp,
  readTable,
  type AppPage,
  fillSql,
} from './harness';

let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
});
afterAll(async () => {
  expect(app.foreignRequests).toEqual([]);
  expect(cspViolations(app)).toEqual([]);
  await app.close();
  await browser?.close();
});

describe('synthetic training data made in the browser', () => {
  it('is the same, for the same seed, as the committed files, and is labelled SYNTHETIC', async () => {
    const { page } = app;
    await page.getByLabel('Seed', { exact: true }).fill('2024');
    await page.getByRole('button', { name: 'Generate training data' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Generated SYNTHETIC training data with seed 2024/ })
      .waitFor();
    for (const name of [
      'prevalence',
      'treatment',
      'cjs_treatment',
      'continuity_of_care',
      'deaths',
      'treatment_episodes',
      'death_records',
    ])
      await page.getByRole('article', { name: `Table ${name}`, exact: true }).waitFor();

    const committed = Papa.parse<Record<string, string>>(
      readFileSync('datasets/synthetic/prevalence.csv', 'utf8'),
      { header: true, skipEmptyLines: true },
    ).data;
    const expectedSum = committed.reduce((a, r) => a + Number(r.estimate), 0);
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    await fillSql(
      cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }),
      'SELECT count(*) AS n, sum(estimate) AS total, bool_and(synthetic) AS all_synthetic FROM synthetic_prevalence_seed2024',
    );
    await cell(page, 'SQL', 0).getByRole('button', { name: 'Run', exact: true }).click();
    const result = await readTable(page, /Result of SQL cell 1/);
    expect(result.rows).toEqual([
      [committed.length.toLocaleString('en-GB'), expectedSum.toLocaleString('en-GB'), 'true'],
    ]);
  });

  it('turns record-level treatment episodes into counts by substance group when asked', async () => {
    const { page } = app;
    const episodes = page.getByRole('article', {
      name: 'Table synthetic_treatment_episodes_seed2024',
      exact: true,
    });
    await episodes
      .getByRole('button', { name: 'Count people in treatment from these episodes' })
      .click();
    await episodes.getByText(/Added [\d,]+ rows to treatment\./).waitFor();
  });
});
