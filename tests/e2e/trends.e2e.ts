/**
 * The trend option in real Chromium on the demo: turned on in the CJS view and in Compare areas,
 * the recent-trend result, the change and the sentence are read from the page and checked against
 * figures computed here from the shipped files (continuity of care from the synthetic CSV with
 * src/lib/stats proportion; drug misuse deaths from the ONS file with twoPeriodChange).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  axeViolations,
  cell,
  cspViolations,
  launchBrowser,
  openApp,
  type AppPage,
  viewsDone,
} from './harness';
import { proportion, twoPeriodChange } from '../../src/lib/stats';

let browser: Browser;
let app: AppPage;
let page: Page;

const PETERBOROUGH = 'E06000031';

function csvRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

const signed = (x: number) => (x > 0 ? `+${x.toFixed(1)}` : x.toFixed(1));

/** Turns the trend option on in a view cell and waits for the trends table. */
async function trendOn(view: Locator): Promise<void> {
  await view.getByLabel('Trend over time').selectOption('on');
  await view.getByRole('table', { name: /^Trends: latest value/ }).waitFor();
  await view
    .getByRole('status')
    .filter({ hasText: /^Done in/ })
    .waitFor();
}

/** Reads a table of one view cell (caption match) into header + rows of text. */
async function readViewTable(view: Locator, caption: RegExp) {
  const table = view.getByRole('table', { name: caption }).first();
  await table.waitFor();
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td,th')).map((td) => (td as HTMLElement).innerText.trim()),
      ),
    );
  return { headers, rows };
}

function rowOf(table: { headers: string[]; rows: string[][] }, indicator: RegExp, area: string) {
  const i = table.headers.indexOf('Indicator');
  const a = table.headers.indexOf('Area');
  const row = table.rows.find((r) => indicator.test(r[i]) && r[a] === area);
  expect(row, `${indicator} ${area} in ${table.rows.map((r) => r[i]).join(' | ')}`).toBeTruthy();
  return (header: string) => row![table.headers.indexOf(header)];
}

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

describe('trends', () => {
  it('CJS treatment: continuity of care over four years, its recent trend, change and sentence', async () => {
    const view = cell(page, 'View', 2);
    await trendOn(view);
    const own = csvRows('datasets/synthetic/continuity_of_care.csv').filter(
      (r) => r.area_code === PETERBOROUGH,
    );
    expect(own.map((r) => r.period)).toEqual(['2019/20', '2020/21', '2021/22', '2022/23']);
    const fig = (p: string) => {
      const r = own.find((x) => x.period === p)!;
      return { engaged: Number(r.engaged_within_3_weeks), released: Number(r.released_with_need) };
    };
    const now = fig('2022/23');
    const before = fig('2021/22');
    const pct = proportion(now.engaged, now.released, { multiplier: 100 });
    const change = twoPeriodChange(
      { period: '2021/22', count: before.engaged, denominator: before.released },
      { period: '2022/23', count: now.engaged, denominator: now.released },
      { kind: 'proportion' },
    );

    const table = await readViewTable(view, /^Trends: latest value/);
    const at = rowOf(table, /^Continuity of care/, 'Peterborough');
    expect(at('Latest period')).toBe('2022/23');
    expect(at('Periods')).toBe('4');
    // Four periods: Fingertips needs five.
    expect(at('Recent trend')).toBe('cannot be calculated: fewer than 5 periods');
    expect(at('Change since previous period')).toBe(
      `${change.result === 'no-significant-change' ? 'no significant change' : `significantly ${change.result}`} since 2021/22: ${signed(change.difference!)} (95% CI ${signed(change.lower!)} to ${signed(change.upper!)})`,
    );
    const sentence = `Peterborough: ${now.engaged} of ${now.released}, ${pct.value!.toFixed(1)}% in 2022/23; recent trend cannot be calculated (fewer than 5 periods)`;
    await view.getByText(sentence).first().waitFor();
    await view
      .locator('.chart-description')
      .filter({ hasText: /^SYNTHETIC data\. Line chart of Continuity of care/ })
      .filter({ hasText: sentence })
      .waitFor();
    // The chart itself: its figure is labelled with the description, sentence included.
    const labels = await view
      .locator('figure')
      .evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-label') ?? ''));
    expect(
      labels.some((l) => l.includes('Line chart of Continuity of care') && l.includes(sentence)),
      labels.join(' | '),
    ).toBe(true);
  });

  it('Compare areas: drug misuse deaths over every 3-year period, with the change from 2018-20', async () => {
    const view = cell(page, 'View', 3);
    await trendOn(view);
    const ons = csvRows('datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv').filter(
      (r) => r.area_code === PETERBOROUGH && r.measure === 'drug_misuse' && r.sex === 'Persons',
    );
    const of = (p: string) => ons.find((r) => r.period === p)!;
    const [a, b] = [of('2018-20'), of('2019-21')];
    const change = twoPeriodChange(
      { period: '2018-20', value: +a.asr_per_100k, lower95: +a.lcl95, upper95: +a.ucl95 },
      { period: '2019-21', value: +b.asr_per_100k, lower95: +b.lcl95, upper95: +b.ucl95 },
      { kind: 'rate', overlapping: true },
    );
    const table = await readViewTable(view, /^Trends: latest value/);
    const at = rowOf(table, /^Deaths from drug misuse/, 'Peterborough');
    expect(at('Latest period')).toBe('2019-21');
    expect(at('Periods')).toBe(String(new Set(ons.map((r) => r.period)).size));
    expect(at('Value')).toBe(Number(b.asr_per_100k).toFixed(1));
    expect(at('Recent trend')).toBe(
      'cannot be calculated: Fingertips calculates a recent trend only for proportions and crude rates',
    );
    expect(at('Change since previous period')).toBe(
      `no significant change since 2018-20: ${signed(change.difference!)} (95% CI ${signed(change.lower!)} to ${signed(change.upper!)})`,
    );
    expect(change.result).toBe('no-significant-change');
    // England, the region and the comparators are in the table too.
    const roles = new Set(table.rows.map((r) => r[table.headers.indexOf('Role')]));
    expect([...roles].sort()).toEqual(['Comparator', 'England', 'Focal area', 'Region']);
    const sentence = `Peterborough: ${b.deaths} deaths, ${Number(b.asr_per_100k).toFixed(1)} per 100,000 in 2019-21; recent trend cannot be calculated`;
    await view
      .locator('.chart-description')
      .filter({ hasText: /Line chart of Deaths from drug misuse/ })
      .filter({ hasText: sentence })
      .waitFor();
    // The data table behind the trend chart, one step away.
    await view
      .getByRole('button', { name: /^Show data table of Deaths from drug misuse.*: trend$/ })
      .click();
    await view
      .getByRole('table', { name: /^Data drawn in Deaths from drug misuse.*: trend$/ })
      .waitFor();
  });

  it('passes axe with the trends drawn', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
