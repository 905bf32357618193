/**
 * Compare areas, Fingertips-exact, in real Chromium on the demo: with every upper-tier authority
 * computed (comparators "All upper-tier authorities in England"), the spine chart's range for
 * drug deaths is the range over every upper-tier authority in the shipped ONS file, its
 * 25th–75th percentile band is src/lib/stats `percentile` of those values, and England is the
 * published England rate — all computed here in Node from the shipped files, independently of
 * the app.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  cspViolations,
  launchBrowser,
  openApp,
  readTable,
  type AppPage,
  viewsDone,
} from './harness';
import { percentile } from '../../src/lib/stats';

let browser: Browser;
let app: AppPage;
let page: Page;

function csvRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** Drug misuse deaths, persons, 2019-21: every upper-tier authority's published rate, and England's. */
function drugDeathsFromFiles(): { rates: number[]; england: number } {
  const upperTier = new Set(
    csvRows('datasets/derived_england_ltla_utla_region_lookup_2023plus.csv').map(
      (r) => r.utla_code,
    ),
  );
  const rows = csvRows('datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv').filter(
    (r) => r.measure === 'drug_misuse' && r.sex === 'Persons' && r.period === '2019-21',
  );
  const rates = rows
    .filter((r) => upperTier.has(r.area_code) && r.asr_per_100k !== ':' && r.asr_per_100k !== '')
    .map((r) => Number(r.asr_per_100k));
  const england = Number(rows.find((r) => r.area_code === 'E92000001')!.asr_per_100k);
  return { rates, england };
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

describe('Compare areas: the spine chart as Fingertips draws it', () => {
  it('spans every upper-tier authority in England, as computed from the shipped ONS file', async () => {
    const { rates, england } = drugDeathsFromFiles();
    expect(rates.length).toBeGreaterThan(130);
    await page.getByLabel('Compare with').selectOption('england');
    // The drug-deaths view now hands over every authority; the comparison follows it.
    const spine = page.getByRole('table', { name: /Peterborough across indicators/ });
    await spine
      .getByRole('row', { name: /Deaths from drug misuse/ })
      .getByRole('cell', { name: String(rates.length), exact: true })
      .waitFor();
    await viewsDone(page);
    const table = await readTable(page, /Peterborough across indicators/);
    const row = table.rows.find((r) => r[0].startsWith('Deaths from drug misuse'))!;
    const at = (header: string) => row[table.headers.indexOf(header)];
    expect(at('Period')).toBe('2019-21');
    expect(at('Authorities in the range')).toBe(String(rates.length));
    // Low is good: the worst is the highest rate, on the left.
    expect(at('Worst / lowest')).toBe(oneDecimal(Math.max(...rates)));
    expect(at('Best / highest')).toBe(oneDecimal(Math.min(...rates)));
    expect(at('25th percentile')).toBe(oneDecimal(percentile(rates, 0.25)!));
    expect(at('75th percentile')).toBe(oneDecimal(percentile(rates, 0.75)!));
    expect(at('England')).toBe(oneDecimal(england));
    // Met and unmet need are mirror images: one row, and the view says which.
    expect(table.rows.some((r) => r[0].startsWith('Met need for treatment'))).toBe(false);
    await page
      .getByText(/Met need for treatment: .* is left out: it is 100% minus/)
      .first()
      .waitFor();
    await page
      .getByText(/^Spine chart of \d+ indicators for Peterborough, as Fingertips draws it/)
      .waitFor();
  });

  it('passes axe with the comparison drawn', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
