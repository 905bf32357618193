/**
 * The four prebuilt views on the shipped data, in real Chromium: published ONS figures read back
 * exactly, computed figures checked against an independent calculation from the shipped files,
 * and every view following the notebook's focal area.
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
import { proportion } from '../../src/lib/stats';

let browser: Browser;
let app: AppPage;
let page: Page;

function synthetic(name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(
    readFileSync(`datasets/synthetic/${name}.csv`, 'utf8'),
    { header: true, skipEmptyLines: true },
  ).data;
}

function column(
  table: { headers: string[]; rows: string[][] },
  header: string,
  rowLabel: string,
  labelColumn = 0,
): string {
  const c = table.headers.indexOf(header);
  expect(c, `column "${header}" in ${table.headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const row = table.rows.find((r) => r[labelColumn] === rowLabel);
  expect(row, `row "${rowLabel}"`).toBeDefined();
  return row![c];
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

describe('the four prebuilt views on the shipped data', () => {
  it('drug deaths: shows the ONS published figures for Peterborough exactly, with the ONS rules', async () => {
    const view = cell(page, 'View', 0);
    await expect(view.getByLabel('Data', { exact: true }).inputValue()).resolves.toBe('published');
    const trend = await readTable(page, /Deaths from drug misuse, Persons: Peterborough over time/);
    // ONS, Drug misuse deaths by local authority, 2021 registrations: Peterborough 2015-17.
    expect(column(trend, 'Deaths', '2015-17')).toBe('30');
    expect(column(trend, 'Age-standardised rate (published) per 100,000', '2015-17')).toBe('5.0');
    expect(column(trend, 'Lower 95%', '2015-17')).toBe('3.4');
    expect(column(trend, 'Upper 95%', '2015-17')).toBe('7.2');
    expect(column(trend, 'England', '2015-17')).toBe('4.3');
    expect(column(trend, 'Compared with England', '2015-17')).toBe('Similar');
    // Fewer than 20 deaths: shown, flagged "u", never hidden.
    expect(column(trend, 'ONS flag', '2003-05')).toBe('u');
    await view
      .getByText(/":" not calculated where deaths < 10, "u" low reliability where deaths < 20/)
      .waitFor();
    // Real published data: no SYNTHETIC label on this view.
    await expect(view.getByText(/come from generated training data/).count()).resolves.toBe(0);
    // The chart's description states the key finding, and its data table is one click away.
    await view
      .getByText(/Peterborough 4\.2 per 100,000 \(95% CI 2\.7–6\.2, 25 deaths\) in 2019-21/)
      .first()
      .waitFor();
    await view.getByRole('button', { name: /^Show data table of .*trend/ }).click();
    await view.getByRole('table', { name: /^Data drawn in .*trend/ }).waitFor();
  });

  it('unmet need: agrees with a calculation from the synthetic files, and is labelled SYNTHETIC', async () => {
    const view = cell(page, 'View', 1);
    // The banner names the synthetic areas and periods shown (from the rows' provenance).
    await view
      .getByText(/Figures for .*Peterborough .* come from generated training data/)
      .waitFor();
    // A downloaded chart carries the label, its source and its method note with it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view
        .getByRole('button', { name: /^Download SVG of SYNTHETIC: / })
        .first()
        .click(),
    ]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toContain('SYNTHETIC training data: not real figures');
    expect(svg).toMatch(/Source: /);
    expect(svg).toMatch(/Method: Unmet need/);
    const prevalence = synthetic('prevalence').find(
      (r) => r.area_code === 'E06000031' && r.period === '2019/20' && r.measure === 'opiate',
    )!;
    const treatment = synthetic('treatment').find(
      (r) =>
        r.area_code === 'E06000031' && r.period === '2019/20' && r.substance_group === 'opiate',
    )!;
    const estimate = Number(prevalence.estimate);
    const inTreatment = Number(treatment.in_treatment);
    const table = await readTable(page, /Estimated need, number in treatment and unmet need/);
    const row = table.rows.find((r) => r[0] === 'Opiates' && r[1] === 'Peterborough')!;
    expect(row).toBeDefined();
    const at = (h: string) => row[table.headers.indexOf(h)];
    expect(at('In treatment')).toBe(inTreatment.toLocaleString('en-GB'));
    expect(at('Unmet need %')).toBe(`${(((estimate - inTreatment) / estimate) * 100).toFixed(1)}%`);
    expect(at('Lower 95%')).toBe(
      `${(((Number(prevalence.lower) - inTreatment) / Number(prevalence.lower)) * 100).toFixed(1)}%`,
    );
    expect(at('Upper 95%')).toBe(
      `${(((Number(prevalence.upper) - inTreatment) / Number(prevalence.upper)) * 100).toFixed(1)}%`,
    );
    // Crack: the demo has only aggregate treatment groups, which have no crack-specific count, so
    // the row says why there is no figure and no chart is drawn for it (OCU likewise).
    for (const [substance, what] of [
      ['Crack cocaine', 'crack'],
      ['Opiate and/or crack cocaine use (OCU)', 'OCU'],
    ]) {
      const notCalculated = table.rows.find((r) => r[0] === substance && r[1] === 'Peterborough');
      expect(notCalculated, substance).toBeDefined();
      const cellOf = (h: string) => notCalculated![table.headers.indexOf(h)];
      expect(cellOf('Unmet need %')).toBe('–');
      expect(cellOf('Met need %')).toBe('–');
      expect(cellOf('Note')).toBe(`not calculated: no ${what}-specific treatment count`);
    }
    const downloads = view.getByRole('button', { name: /^Download SVG of SYNTHETIC: / });
    expect(await downloads.count()).toBe(2);
    expect(
      await view.getByRole('button', { name: /^Download SVG of SYNTHETIC: .*Crack/ }).count(),
    ).toBe(0);
  });

  it('CJS treatment: totals from the cells, the mismatch with the published total, continuity of care', async () => {
    const view = cell(page, 'View', 2);
    const rows = synthetic('cjs_treatment').filter(
      (r) => r.area_code === 'E06000031' && r.period === '2022/23' && r.substance_group !== 'all',
    );
    const sum = rows.reduce((a, r) => a + Number(r.count), 0);
    const table = await readTable(
      page,
      /Adults in treatment referred through the criminal justice system/,
    );
    expect(column(table, 'Total (sum of cells)', 'Peterborough')).toBe(sum.toLocaleString('en-GB'));
    expect(column(table, 'Check', 'Peterborough')).toBe('does not match');
    await view
      .getByText(
        new RegExp(
          `Peterborough: its substance-group cells sum to ${sum}, but the published total is`,
        ),
      )
      .waitFor();

    const coc = synthetic('continuity_of_care').find(
      (r) => r.area_code === 'E06000031' && r.period === '2022/23',
    )!;
    const expected = proportion(
      Number(coc.engaged_within_3_weeks),
      Number(coc.released_with_need),
      { multiplier: 100 },
    );
    const continuity = await readTable(page, /Continuity of care after prison release/);
    expect(column(continuity, 'Continuity of care %', 'Peterborough')).toBe(
      `${expected.value!.toFixed(1)}%`,
    );
    expect(column(continuity, 'Lower 95%', 'Peterborough')).toBe(`${expected.lower!.toFixed(1)}%`);
    expect(column(continuity, 'Against the 75% ambition', 'Peterborough')).toBe(
      'below 75% ambition',
    );
  });

  it('LA comparison: compares a Fingertips indicator with England in words, not colour alone', async () => {
    const view = cell(page, 'View', 3);
    const options = await view
      .getByLabel('Indicator', { exact: true })
      .locator('option')
      .allInnerTexts();
    const fingertips = options.find((o) => /common mental disorders/.test(o));
    expect(fingertips, options.join(' | ')).toBeDefined();
    await view.getByLabel('Indicator', { exact: true }).selectOption({ label: fingertips! });
    await viewsDone(page);
    const table = await readTable(page, /^Estimated prevalence of common mental disorders/);
    // Fingertips export: Peterborough 18.8% (17.8-20.2), England 16.9%: significantly higher, and
    // the export's own "Compared to England" says Worse.
    expect(column(table, 'Value (%)', 'Peterborough')).toBe('18.8%');
    expect(column(table, 'Compared with England', 'Peterborough')).toBe('Worse');
    await view.getByText(/^Caterpillar chart of .* Peterborough/).waitFor();
    await view.getByText(/^Funnel plot of/).waitFor();
  });

  it('every view follows a new focal area', async () => {
    await page.getByLabel('Focal area', { exact: true }).fill('E06000010');
    await page.getByLabel('Focal area', { exact: true }).press('Enter');
    await page.getByText(/Chosen: Kingston upon Hull \(E06000010\)/).waitFor();
    await page.getByRole('table', { name: /Kingston upon Hull over time/ }).waitFor();
    await viewsDone(page);
    const unmet = await readTable(page, /Estimated need, number in treatment and unmet need/);
    expect(unmet.rows.some((r) => r[1] === 'Kingston upon Hull' && r[2] === 'Focal area')).toBe(
      true,
    );
    const cjs = await readTable(
      page,
      /Adults in treatment referred through the criminal justice system/,
    );
    expect(column(cjs, 'Role', 'Kingston upon Hull')).toBe('Focal area');
  });

  it('passes axe with all four views drawn', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
