import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  addFiles,
  cell,
  csv,
  readTable,
  type AppPage,
  freshAppPerTest,
  sqlSource,
  fillSql,
} from './harness';

let app: AppPage;
freshAppPerTest((a) => (app = a));

const DEATHS_CSV = [
  'area_code,area_name,period,deaths,rate',
  'E06000031,Peterborough,2015-17,30,5.0',
  'E10000003,Cambridgeshire,2015-17,67,3.6',
  'E06000001,Hartlepool,2015-17,*,:',
  'E06000002,Middlesbrough,2015-17,[c],..',
].join('\n');

async function runSql(app: AppPage, n: number, sql: string) {
  const sqlCell = cell(app.page, 'SQL', n);
  await fillSql(sqlCell.getByLabel('SQL', { exact: true }), sql);
  await sqlCell.getByLabel('SQL', { exact: true }).press('Control+Enter');
  await sqlCell
    .getByRole('status')
    .filter({ hasText: /Done|failed/ })
    .waitFor();
  return sqlCell;
}

describe('the foundation in real Chromium', () => {
  it('loads a CSV, lists it with its suppressed cells, and queries it with SQL', async () => {
    const { page } = app;
    await addFiles(page, [csv('deaths 2015-17.csv', DEATHS_CSV)]);
    await page
      .getByRole('status')
      .filter({ hasText: 'Loaded deaths 2015-17.csv as table deaths_2015_17: 4 rows' })
      .waitFor();

    const card = page.getByRole('article', { name: 'Table deaths_2015_17' });
    await card.locator('summary').click(); // open the details
    // Suppressed cells are counted once the table is in use: "counting…" until then.
    await card.getByText('counting…').first().waitFor({ state: 'detached' });
    const columns = await readTable(page, /Columns of deaths_2015_17/);
    expect(columns.rows).toContainEqual(['deaths', 'BIGINT', '2']);
    expect(columns.rows).toContainEqual(['rate', 'DOUBLE', '2']);

    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    const sqlCell = await runSql(
      app,
      0,
      'SELECT area_name, deaths FROM deaths_2015_17 WHERE deaths IS NOT NULL ORDER BY deaths DESC',
    );
    const result = await readTable(page, /Result of SQL cell 1/);
    expect(result.headers).toEqual(['area_name', 'deaths']);
    expect(result.rows).toEqual([
      ['Cambridgeshire', '67'],
      ['Peterborough', '30'],
    ]);
    await expect(sqlCell.locator('caption').innerText()).resolves.toMatch(
      /^Result of SQL cell 1: 2 rows in \d+ ms$/,
    );
  });

  it('refuses notebook SQL that would reach the network, with a clear message', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    const attempts: [string, RegExp][] = [
      ["SELECT * FROM read_csv('https://example.org/x.csv')", /nothing may leave this computer/],
      ['INSTALL httpfs', /extensions are switched off/],
      ['SET enable_external_access = true', /Settings are locked/],
      ['SET autoload_known_extensions = true', /Settings are locked/],
    ];
    for (const [sql, message] of attempts) {
      const sqlCell = await runSql(app, 0, sql);
      await expect(sqlCell.locator('.cell-error').innerText()).resolves.toMatch(message);
    }
    // The engine still works afterwards.
    await runSql(app, 0, 'SELECT 40 + 2 AS answer');
    expect((await readTable(page, /Result of SQL cell 1/)).rows).toEqual([['42']]);
  });

  it('draws a chart from a SQL result, with its data table one click away', async () => {
    const { page } = app;
    await addFiles(page, [csv('deaths.csv', DEATHS_CSV)]);
    await page.getByRole('status').filter({ hasText: 'Loaded deaths.csv' }).waitFor();
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    await runSql(app, 0, 'SELECT area_name, rate FROM deaths WHERE rate IS NOT NULL');
    await page.getByRole('button', { name: 'Add chart cell' }).click();
    const chart = cell(page, 'Chart', 0);
    await chart.getByLabel('Data from').selectOption({ label: 'SQL cell 1' });
    await chart.getByLabel('X axis').selectOption('area_name');
    await chart.getByLabel('Y axis').selectOption('rate');
    await chart.getByLabel('Chart title').fill('Drug misuse death rate');
    await chart.locator('figure svg').waitFor();
    // Two bars, one per area, drawn as SVG (accessible to assistive technology).
    await expect.poll(() => chart.locator('figure svg .mark-rect path').count()).toBe(2);
    await expect(chart.locator('figure').getAttribute('aria-label')).resolves.toMatch(
      /Drug misuse death rate/,
    );
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: /Download SVG of / }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('Drug-misuse-death-rate.svg');
    const svgText = await readFile((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg/);
    expect(svgText).toContain('Drug misuse death rate');
    // A chart that leaves the app says where its figures came from and how.
    expect(svgText).toMatch(/Source: SQL cell 1 of the notebook/);
    expect(svgText).toMatch(/Method: values as returned by the query/);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: /Download PNG of / }).click(),
    ]);
    const pngBytes = await readFile((await png.path())!);
    expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await chart.getByRole('button', { name: /Show data table/ }).click();
    const table = await readTable(page, /Data drawn in Chart cell 2/);
    expect(table.rows).toEqual([
      ['Peterborough', '5'],
      ['Cambridgeshire', '3.6'],
    ]);
  });

  it('refuses a bad file clearly and keeps earlier tables and the notebook as they were', async () => {
    const { page } = app;
    await addFiles(page, [csv('good.csv', 'a,b\n1,2\n')]);
    await page.getByRole('status').filter({ hasText: 'Loaded good.csv' }).waitFor();
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    await fillSql(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }), 'SELECT * FROM good');

    const workbook = readFileSync('tests/fixtures/malformed/ons-reference-tables-renamed.csv');
    await addFiles(page, [{ name: 'deaths.csv', buffer: workbook }, csv('empty.csv', '')]);
    const alerts = page.getByRole('alert');
    await alerts.filter({ hasText: 'Could not load empty.csv: the file is empty' }).waitFor();
    await expect(alerts.filter({ hasText: /deaths\.csv.*Excel workbook/ }).count()).resolves.toBe(
      1,
    );

    await expect(page.getByRole('article', { name: /^Table / }).count()).resolves.toBe(1);
    await expect(page.getByRole('article', { name: 'Table good' }).count()).resolves.toBe(1);
    await expect(sqlSource(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }))).resolves.toBe(
      'SELECT * FROM good',
    );
  });

  it('renders text cells as markdown without running any script from them', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add text cell' }).click();
    const text = cell(page, 'Text', 0);
    await text
      .getByLabel('Text (Markdown)')
      .fill(
        [
          '# Findings',
          '<img src=x onerror="window.__xss = 1">',
          '<script>window.__xss = 2</script>',
          '[click me](javascript:window.__xss=3)',
          '**bold**',
        ].join('\n\n'),
      );
    await text.getByRole('button', { name: /Show text/ }).click();
    await text.getByRole('heading', { name: 'Findings' }).waitFor();
    await expect(text.locator('strong').innerText()).resolves.toBe('bold');
    await expect(text.locator('.rendered-md img, .rendered-md script').count()).resolves.toBe(0);
    const href = await text.getByText('click me').getAttribute('href');
    expect(href ?? '').not.toMatch(/javascript:/);
    await text.getByText('click me').click();
    await expect(
      page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).resolves.toBeUndefined();
  });

  it('adds, moves, deletes (with undo) and runs all cells', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    await fillSql(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }), 'SELECT 1 AS first');
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    await fillSql(cell(page, 'SQL', 1).getByLabel('SQL', { exact: true }), 'SELECT 2 AS second');
    await cell(page, 'SQL', 1)
      .getByRole('button', { name: /^Move up/ })
      .click();
    await expect(sqlSource(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }))).resolves.toBe(
      'SELECT 2 AS second',
    );

    await page.getByRole('button', { name: 'Run all' }).click();
    await readTable(page, /Result of SQL cell 2/);
    expect((await readTable(page, /Result of SQL cell 1/)).headers).toEqual(['second']);
    expect((await readTable(page, /Result of SQL cell 2/)).headers).toEqual(['first']);

    await cell(page, 'SQL', 0)
      .getByRole('button', { name: /^Delete/ })
      .click();
    await expect(page.getByRole('article', { name: /^SQL cell/ }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await expect(page.getByRole('article', { name: /^SQL cell/ }).count()).resolves.toBe(2);
    await expect(sqlSource(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }))).resolves.toBe(
      'SELECT 2 AS second',
    );
  });

  it('loads the demo data and its starter query in one click', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Load demo data' }).click();
    const result = await readTable(page, /Result of SQL cell 2/);
    expect(result.headers).toContain('published_rate');
    expect(result.rows.length).toBe(20);
    // The raw files and the canonical tables they were mapped into.
    await expect(
      page.getByRole('article', { name: 'Table ons_drug_deaths_by_la_3yr_asr_2001_2021' }).count(),
    ).resolves.toBe(1);
    await expect(
      page
        .getByRole('article', { name: 'Table derived_england_ltla_utla_region_lookup_2023plus' })
        .count(),
    ).resolves.toBe(1);
    for (const name of [
      'areas',
      'deaths',
      'population',
      'prevalence',
      'treatment',
      'cjs_treatment',
      'indicators',
    ])
      await expect(
        page.getByRole('article', { name: `Table ${name}`, exact: true }).count(),
      ).resolves.toBe(1);
    await expect(page.getByRole('article', { name: /^View cell/ }).count()).resolves.toBe(4);
    await expect(
      cell(page, 'Text', 0).getByRole('heading', { level: 2 }).innerText(),
    ).resolves.toMatch(/Demo/);
  });
});
