/**
 * Area groups in real Chromium on the demo: an analyst defines Humberside by its members' names,
 * makes it the focal area by typing its name, and the drug-deaths view shows its summed deaths
 * and a crude rate recomputed from the summed population, each computed here in Node from the
 * shipped files, independently of the app.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  cell,
  cspViolations,
  launchBrowser,
  openApp,
  readTable,
  type AppPage,
  viewsDone,
} from './harness';
import { crudeRate } from '../../src/lib/stats';

const MEMBERS = ['E06000010', 'E06000011', 'E06000012', 'E06000013'];

let browser: Browser;
let app: AppPage;
let page: Page;

function csvRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** Humberside 2019-21 from the shipped files: summed drug-misuse deaths and population. */
function humberside2019to21(): { deaths: number; population: number } {
  const deaths = csvRows('datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv')
    .filter(
      (r) =>
        MEMBERS.includes(r.area_code) &&
        r.measure === 'drug_misuse' &&
        r.sex === 'Persons' &&
        r.period === '2019-21',
    )
    .reduce((s, r) => s + Number(r.deaths), 0);
  const population = csvRows('datasets/derived_canonical_population_la2023_2019_2021.csv')
    .filter((r) => MEMBERS.includes(r.area_code) && r.sex === 'Persons')
    .reduce((s, r) => s + Number(r.population), 0);
  return { deaths, population };
}

const oneDecimal = (v: number) =>
  v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
  page = app.page;
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await viewsDone(page);
});

afterAll(async () => {
  expect(app.foreignRequests).toEqual([]);
  expect(cspViolations(app)).toEqual([]);
  await app.close();
  await browser?.close();
});

describe('area groups', () => {
  it('defines Humberside, makes it the focal area and shows its summed deaths and recomputed crude rate', async () => {
    await page.getByLabel('Group name').fill('Humberside');
    await page
      .getByLabel('Members')
      .fill('Hull, East Riding of Yorkshire, North East Lincolnshire, North Lincolnshire');
    await page.getByRole('button', { name: 'Save group' }).click();
    await page.getByRole('button', { name: 'Make Humberside the focal area' }).waitFor();
    await page
      .getByRole('list', { name: 'Groups in this notebook' })
      .getByText(/Kingston upon Hull.*North Lincolnshire/)
      .waitFor();

    // The new controls pass axe's WCAG 2.2 AA rules (labelled, contrast, names).
    const groupProblems = (await axeViolations(page)).filter((v) =>
      /area-groups|group-list|#group-/.test(v),
    );
    expect(groupProblems).toEqual([]);
    // Keyboard: Enter in the members box saves a group too.
    await page.getByLabel('Group name').fill('Northants');
    await page.getByLabel('Members').fill('E06000061, West Northamptonshire');
    await page.getByLabel('Members').press('Enter');
    await page
      .getByRole('button', { name: 'Make Northants the focal area' })
      .or(page.locator('#group-problem'))
      .waitFor();
    expect(await page.locator('#group-problem').allInnerTexts()).toEqual([]);

    // The focal-area box takes the group by its name.
    const focal = page.getByRole('combobox', { name: 'Focal area' });
    await focal.fill('Humberside');
    await focal.press('Enter');
    await page.getByText('Chosen: Humberside (group of 4).').waitFor();

    const view = cell(page, 'View', 0);
    await view
      .getByText(/^Humberside \(group of 4: Kingston upon Hull/)
      .first()
      .waitFor();
    const { deaths, population } = humberside2019to21();
    expect(deaths).toBe(115);
    const want = crudeRate(deaths, population);
    const latest = await readTable(page, /Deaths from drug misuse, Persons, 2019-21: focal area/);
    const col = (h: string) => latest.headers.indexOf(h);
    const row = latest.rows.find((r) => r[col('Area')] === 'Humberside');
    expect(row, latest.rows.map((r) => r.join(' | ')).join('\n')).toBeDefined();
    expect(row![col('Role')]).toBe('Focal area');
    expect(row![col('Deaths')]).toBe(String(deaths));
    expect(row![col('Crude rate per 100,000')]).toBe(oneDecimal(want.value!));
    expect(row![col('Crude lower 95%')]).toBe(oneDecimal(want.lower!));
    expect(row![col('Crude upper 95%')]).toBe(oneDecimal(want.upper!));
    // The group has no age-standardised rate, and the row says why.
    expect(row![col('Note')]).toMatch(/no age-standardised rate for a group/);
  });
});
