/**
 * Area groups in real Chromium on the demo: an analyst defines Humberside by its members' names,
 * makes it the focal area by typing its name, and the drug-deaths view shows its summed deaths
 * and a crude rate recomputed from the summed population; the CJS treatment view its summed
 * CJS-referred count, share of all in treatment (Wilson) and rate per 100,000 adults; the unmet
 * need view its summed opiate estimate, limits and count in treatment and the unmet need
 * recomputed from the sums. Each is computed here in Node from the shipped files, independently
 * of the app.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  cell,
  cspViolations,
  defineGroup,
  HUMBERSIDE_MEMBERS,
  launchBrowser,
  openApp,
  readTable,
  type AppPage,
  viewsDone,
} from './harness';
import { crudeRate, proportion, unmetNeed } from '../../src/lib/stats';

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

const sumOf = (rows: Record<string, string>[], key: string) =>
  rows.reduce((s, r) => s + Number(r[key]), 0);

/** Adults 18+ from 5-year bands, as the CJS view takes them: bands from 20 up, 2/5 of 15-19. */
function adults(rows: Record<string, string>[]): number {
  const fraction = (band: string) => {
    if (band === '90+') return 1;
    const [from, to] = band.split('-').map(Number);
    return to < 18 ? 0 : from >= 18 ? 1 : (to - 17) / (to - from + 1);
  };
  return rows.reduce((s, r) => s + fraction(r.age_band) * Number(r.population), 0);
}

/** A count as the tables show one: whole numbers grouped, fractional ones to one decimal. */
const shownCount = (v: number) =>
  v.toLocaleString('en-GB', { maximumFractionDigits: Number.isInteger(v) ? 0 : 1 });

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
    await defineGroup(page, 'Humberside', HUMBERSIDE_MEMBERS);
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
    // Districts are named as authorities are (a group of lower-tier districts).
    await page.getByLabel('Group name').fill('Fens');
    await page.getByLabel('Members').fill('Fenland, Huntingdonshire');
    await page.getByRole('button', { name: 'Save group' }).click();
    await page
      .getByRole('button', { name: 'Make Fens the focal area' })
      .or(page.locator('#group-problem'))
      .waitFor();
    expect(await page.locator('#group-problem').allInnerTexts()).toEqual([]);
    await page
      .getByRole('list', { name: 'Groups in this notebook' })
      .getByText(/Fenland, Huntingdonshire/)
      .waitFor();

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

  // Follows the test above: Humberside is the focal area of every view.
  it("shows Humberside's summed CJS-referred count with its share and rate, and its unmet need, recomputed from the sums", async () => {
    await viewsDone(page);
    // CJS treatment: the latest period's substance-group cells (not a published 'all' row).
    const cjs = csvRows('datasets/synthetic/cjs_treatment.csv').filter(
      (r) => MEMBERS.includes(r.area_code) && !['all', 'total'].includes(r.substance_group),
    );
    const period = cjs
      .map((r) => r.period)
      .sort()
      .at(-1)!;
    const cells = cjs.filter((r) => r.period === period);
    expect(new Set(cells.map((r) => r.area_code)).size).toBe(4);
    const total = sumOf(cells, 'count');
    const allInTreatment = sumOf(
      csvRows('datasets/synthetic/treatment.csv').filter(
        (r) => MEMBERS.includes(r.area_code) && r.period === period && r.substance_group === 'all',
      ),
      'in_treatment',
    );
    // Adults 18+ in the period's first year, else the latest year before it in the file.
    const firstYear = Number(period.slice(0, 4));
    const population = csvRows('datasets/derived_canonical_population_la2023_2019_2021.csv');
    const year = Math.max(...population.map((r) => Number(r.year)).filter((y) => y <= firstYear));
    const adults18 = MEMBERS.map((m) =>
      adults(
        population.filter(
          (r) => r.area_code === m && r.sex === 'Persons' && Number(r.year) === year,
        ),
      ),
    ).reduce((s, v) => s + v, 0);
    const share = proportion(total, allInTreatment, { multiplier: 100 });
    const rate = crudeRate(total, adults18);

    const cjsView = cell(page, 'View', 2);
    const cjsCaption = new RegExp(
      `^Adults in treatment referred through the criminal justice system, by substance group, ${period}`,
    );
    await cjsView
      .getByRole('table', { name: cjsCaption })
      .locator('tbody tr', { hasText: 'Humberside' })
      .first()
      .waitFor();
    const cjsTable = await readTable(page, cjsCaption);
    const at = (t: { headers: string[]; rows: string[][] }, area: string) => {
      const row = t.rows.find((r) => r[t.headers.indexOf('Area')] === area);
      expect(row, t.rows.map((r) => r.join(' | ')).join('\n')).toBeDefined();
      return (h: string, last = false) => {
        const c = last ? t.headers.lastIndexOf(h) : t.headers.indexOf(h);
        expect(c, `column "${h}" in ${t.headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
        return row![c];
      };
    };
    const g = at(cjsTable, 'Humberside');
    expect(g('Role')).toBe('Focal area');
    expect(g('Total (sum of cells)')).toBe(shownCount(total));
    expect(g('All adults in treatment')).toBe(shownCount(allInTreatment));
    expect(g('CJS share of all in treatment %')).toBe(`${oneDecimal(share.value!)}%`);
    expect(g('Lower 95%')).toBe(`${oneDecimal(share.lower!)}%`);
    expect(g('Upper 95%')).toBe(`${oneDecimal(share.upper!)}%`);
    expect(g('Adults 18+')).toBe(shownCount(adults18));
    expect(g('Per 100,000 adults')).toBe(oneDecimal(rate.value!));
    expect(g('Lower 95%', true)).toBe(oneDecimal(rate.lower!));
    expect(g('Upper 95%', true)).toBe(oneDecimal(rate.upper!));
    await cjsView
      .getByText(/Humberside \(group of 4: .*recomputed from the sums/)
      .first()
      .waitFor();

    // Unmet need, opiates: the members' estimates, limits and counts in treatment summed.
    const needView = cell(page, 'View', 1);
    const needCaption = /Estimated need, number in treatment and unmet need/;
    await needView
      .getByRole('table', { name: needCaption })
      .locator('tbody tr', { hasText: 'Humberside' })
      .first()
      .waitFor();
    const needTable = await readTable(page, needCaption);
    const opiateRow = needTable.rows.find((r) => r[0] === 'Opiates' && r[1] === 'Humberside');
    expect(opiateRow, needTable.rows.map((r) => r.join(' | ')).join('\n')).toBeDefined();
    const n = (h: string) => {
      const c = needTable.headers.indexOf(h);
      expect(c, `column "${h}" in ${needTable.headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return opiateRow![c];
    };
    // "2019/20", or "2019/20 (treatment 2022/23)" where the count is from another year.
    const shownPeriod = n('Period');
    const prevPeriod = shownPeriod.split(' ')[0];
    const trPeriod = /treatment (\S+)\)/.exec(shownPeriod)?.[1] ?? prevPeriod;
    const prevalence = csvRows('datasets/synthetic/prevalence.csv').filter(
      (r) => MEMBERS.includes(r.area_code) && r.measure === 'opiate' && r.period === prevPeriod,
    );
    const opiateTreatment = csvRows('datasets/synthetic/treatment.csv').filter(
      (r) =>
        MEMBERS.includes(r.area_code) && r.substance_group === 'opiate' && r.period === trPeriod,
    );
    expect(prevalence.length).toBe(4);
    expect(opiateTreatment.length).toBe(4);
    const need = {
      estimate: sumOf(prevalence, 'estimate'),
      estimateLower: sumOf(prevalence, 'lower'),
      estimateUpper: sumOf(prevalence, 'upper'),
      inTreatment: sumOf(opiateTreatment, 'in_treatment'),
    };
    const unmet = unmetNeed(need);
    expect(n('Role')).toBe('Focal area');
    expect(n('Estimated need')).toBe(shownCount(need.estimate));
    expect(n('Estimate lower 95%')).toBe(shownCount(need.estimateLower));
    expect(n('Estimate upper 95%')).toBe(shownCount(need.estimateUpper));
    expect(n('In treatment')).toBe(shownCount(need.inTreatment));
    expect(n('Unmet need %')).toBe(`${oneDecimal(unmet.value!)}%`);
    expect(n('Lower 95%')).toBe(`${oneDecimal(unmet.lower!)}%`);
    expect(n('Upper 95%')).toBe(`${oneDecimal(unmet.upper!)}%`);
  });
});
