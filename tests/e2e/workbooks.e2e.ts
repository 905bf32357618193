/**
 * Published data as published, in real Chromium: the real ONS drug misuse deaths workbook read
 * in the worker, its sheets picked, and the drug deaths view giving the published Peterborough
 * figures; a wide report table (areas as columns, Total row and column) mapped through the dialog
 * with a preview of the long table, into the CJS view with its totals checked; a workbook renamed
 * .csv offered as a workbook; a damaged workbook refused with nothing changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addFiles,
  cell,
  csv,
  freshAppPerTest,
  readTable,
  viewsDone,
  type AppPage,
} from './harness';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LA_BOOK = 'ons_drug_poisoning_misuse_deaths_by_la_2021reg.xlsx';
const workbook = (name = LA_BOOK, as = name) => ({
  name: as,
  mimeType: XLSX_TYPE,
  buffer: readFileSync(`tests/fixtures/workbooks/${name}`),
});
const lookup = () =>
  csv(
    'derived_england_ltla_utla_region_lookup_2023plus.csv',
    readFileSync('datasets/derived_england_ltla_utla_region_lookup_2023plus.csv', 'utf8'),
  );

let app: AppPage;
freshAppPerTest((a) => (app = a));

async function chooseFocalArea(page: Page, name: string, code: string) {
  await page.getByLabel('Focal area', { exact: true }).fill(code);
  await page.getByLabel('Focal area', { exact: true }).press('Enter');
  await page.getByText(new RegExp(`Chosen: ${name} \\(${code}\\)`)).waitFor();
}

async function addView(page: Page, title: RegExp) {
  const select = page.getByLabel('Prebuilt view', { exact: true });
  const options = await select.locator('option').allInnerTexts();
  const label = options.find((o) => title.test(o));
  expect(label, options.join(' | ')).toBeDefined();
  await select.selectOption({ label: label! });
  await page.getByRole('button', { name: 'Add view cell' }).click();
}

function column(table: { headers: string[]; rows: string[][] }, header: string, row: string) {
  const c = table.headers.indexOf(header);
  expect(c, table.headers.join(' | ')).toBeGreaterThanOrEqual(0);
  const r = table.rows.find((x) => x[0] === row);
  expect(r, `row ${row}`).toBeDefined();
  return r![c];
}

describe('workbooks and wide tables', () => {
  it('the real ONS workbook gives the published drug deaths figures for Peterborough', async () => {
    const { page } = app;
    await addFiles(page, [lookup()]);
    await page.getByText(/^Loaded derived_england_ltla_utla_region_lookup_2023plus\.csv/).waitFor();
    await addFiles(page, [workbook()]);

    // The sheet picker: every sheet listed, the publication's eight tables ticked.
    const picker = page.getByRole('form', { name: `Sheets of ${LA_BOOK}` });
    await picker.waitFor();
    await expect(picker.getByRole('checkbox').count()).resolves.toBe(11);
    await expect(picker.getByRole('checkbox', { name: 'Contents' }).isChecked()).resolves.toBe(
      false,
    );
    await expect(picker.getByRole('checkbox', { name: 'Table 6' }).isChecked()).resolves.toBe(true);
    const table6 = picker.locator('details', { hasText: 'First rows of Table 6' });
    await table6.getByText('First rows of Table 6').click();
    await table6.getByText(/^Number of deaths and age-standardised mortality rate/).waitFor();
    await picker.getByRole('button', { name: 'Load 8 selected sheets' }).click();
    await page.getByText('Added 42,636 rows to deaths.').waitFor();
    await page.getByText('Added 21,750 rows to deaths.').waitFor();

    await chooseFocalArea(page, 'Peterborough', 'E06000031');
    await addView(page, /drug.related deaths/i);
    await viewsDone(page, 1);
    const trend = await readTable(page, /Deaths from drug misuse, Persons: Peterborough over time/);
    expect(column(trend, 'Deaths', '2015-17')).toBe('30');
    expect(column(trend, 'Age-standardised rate (published) per 100,000', '2015-17')).toBe('5.0');
    expect(column(trend, 'Lower 95%', '2015-17')).toBe('3.4');
    expect(column(trend, 'Upper 95%', '2015-17')).toBe('7.2');
    expect(column(trend, 'England', '2015-17')).toBe('4.3');
  });

  it('a wide report table goes into the CJS view through the dialog, its totals checked', async () => {
    const { page } = app;
    await addFiles(page, [lookup()]);
    await page.getByText(/^Loaded derived_england_ltla_utla_region_lookup_2023plus\.csv/).waitFor();
    await addFiles(page, [
      csv(
        'humberside_cjs_wide_2020q2.csv',
        readFileSync('tests/fixtures/workbooks/humberside_cjs_wide_2020q2.csv', 'utf8'),
      ),
    ]);
    await page.getByText(/^Loaded humberside_cjs_wide_2020q2\.csv/).waitFor();
    await page
      .getByRole('button', { name: 'Map to a canonical table: humberside_cjs_wide_2020q2' })
      .click();
    const dialog = page.getByRole('dialog', { name: /^Map humberside_cjs_wide_2020q2\.csv/ });
    await dialog.getByLabel('Canonical table').selectOption('cjs_treatment');
    // The area columns were recognised by name and abbreviation; the Total column kept apart.
    await expect(dialog.getByLabel('These columns are').inputValue()).resolves.toBe('area_code');
    await expect(dialog.getByLabel('Area code for column NEL').inputValue()).resolves.toBe(
      'E06000012',
    );
    await expect(dialog.getByLabel('Area code for column Hull').inputValue()).resolves.toBe(
      'E06000010',
    );
    await expect(dialog.getByLabel('Area code for column East Riding').inputValue()).resolves.toBe(
      'E06000011',
    );
    await expect(dialog.getByLabel('Column of printed totals').inputValue()).resolves.toBe('Total');
    await dialog.getByRole('button', { name: 'Preview the long table' }).click();
    const preview = await readTable(page, /First rows of the long table/);
    expect(preview.headers).toEqual(['Substance group', 'Total', 'count', 'area_code']);
    expect(preview.rows[0]).toEqual(['Opiates', '950', '185', 'E06000012']);
    await dialog.getByLabel('substance_group (required)').selectOption('Substance group');
    await dialog.getByLabel('Value for every row: period').fill('2020 Q2');
    await dialog.getByRole('button', { name: 'Add rows to cjs_treatment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Added 20 rows to cjs_treatment.').waitFor();

    await chooseFocalArea(page, 'Kingston upon Hull', 'E06000010');
    await addView(page, /criminal justice/i);
    await viewsDone(page, 1);
    const view = cell(page, 'View', 0);
    // The printed totals are checked against the cells, never replaced.
    await view
      .getByText(
        /East Riding of Yorkshire: its substance-group cells sum to 199, but the published total is 136/,
      )
      .first()
      .waitFor();
    await view
      .getByText(/All cells sum to 1,299, but the published grand total is 1,236/)
      .first()
      .waitFor();
  });

  it('offers to read an .xlsx renamed .csv as a workbook, and refuses a damaged one changing nothing', async () => {
    const { page } = app;
    await addFiles(page, [workbook(LA_BOOK, 'deaths.csv')]);
    const problem = page.getByRole('alert').filter({ hasText: /deaths\.csv.*Excel workbook/ });
    await problem.waitFor();
    await problem.getByRole('button', { name: 'Read deaths.csv as a workbook' }).click();
    await page.getByRole('form', { name: 'Sheets of deaths.csv' }).waitFor();
    await page.getByRole('button', { name: 'Close deaths.csv without loading' }).click();

    const half = readFileSync(`tests/fixtures/workbooks/${LA_BOOK}`).subarray(0, 700_000);
    await addFiles(page, [{ name: 'broken.xlsx', mimeType: XLSX_TYPE, buffer: half }]);
    await page
      .getByRole('alert')
      .filter({ hasText: /Could not read broken\.xlsx: the workbook is damaged/ })
      .waitFor();
    await page.getByText('No tables yet. Add a CSV file or load the demo data.').waitFor();
  });
});
