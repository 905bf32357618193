/**
 * Leaks of issue 13 that exports/hostile/forget.e2e.ts do not already reproduce: an England row
 * summed from the authorities shown (unmet need with every authority compared), the SQL guard
 * bypassed through EXPLAIN, a chart download that would disclose (its buttons disabled with the
 * reason, not a file), and a missing value shown as the word "null".
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { cell, fillSql, freshAppPerTest, readTable, viewsDone, type AppPage } from './harness';
import { findDisclosureLeaks, SUPPRESSED } from '../../src/lib/export';

let app: AppPage;
freshAppPerTest((a) => {
  app = a;
});

const UNMET_CAPTION = /Estimated need, number in treatment and unmet need/;
const CJS_CAPTION = /Adults in treatment referred through the criminal justice system/;

async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await viewsDone(page);
}

async function compareWithAllEngland(page: Page): Promise<void> {
  await page
    .getByLabel('Compare with', { exact: true })
    .selectOption({ label: 'All upper-tier authorities in England' });
  await page
    .getByRole('table', { name: UNMET_CAPTION })
    .getByRole('cell', { name: 'Isles of Scilly', exact: true })
    .first()
    .waitFor();
  await viewsDone(page);
}

async function downloadedText(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [
    Download,
    void,
  ];
  return readFile((await download.path())!, 'utf8');
}

describe('leaks of issue 13, reproduced and closed (continued)', () => {
  it('an England row summed from every authority shown gives no suppressed count back (unmet need)', async () => {
    const { page } = app;
    await loadDemo(page);
    await compareWithAllEngland(page);
    const text = await downloadedText(page, () =>
      cell(page, 'View', 1)
        .getByRole('button', { name: /^Download CSV of Estimated need/ })
        .click(),
    );
    const [headers, ...rest] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    const rows = rest.filter((r) => r.length === headers.length);
    const col = (name: string) => headers.indexOf(name);
    const [substance, role, inTreatment] = [col('Substance'), col('Role'), col('In treatment')];
    expect(inTreatment, headers.join(' | ')).toBeGreaterThan(0);
    expect(
      rows.some((r) => r[inTreatment] === SUPPRESSED),
      'the Isles of Scilly and City of London have small treatment counts',
    ).toBe(true);
    // The reader's equation: England = the sum of every authority, per substance.
    const table = {
      columns: [
        { key: 'area', kind: 'text' as const },
        { key: 'n', kind: 'count' as const },
      ],
      rows: rows.map((r) => ({ area: r[0], n: r[inTreatment].replaceAll(',', '') })),
      summedRows: rows.flatMap((r, i) =>
        r[role] !== 'England'
          ? []
          : [
              {
                row: i,
                from: rows
                  .map((_, j) => j)
                  .filter(
                    (j) =>
                      rows[j][substance] === r[substance] &&
                      ['Focal area', 'Comparator'].includes(rows[j][role]),
                  ),
              },
            ],
      ),
    };
    expect(table.summedRows.length).toBeGreaterThan(0);
    // Before the fix: England's in-treatment figure minus the others gave the Isles of Scilly's 2.
    expect(findDisclosureLeaks(table)).toEqual([]);
  });

  it('the SQL guard looks inside EXPLAIN: EXPLAIN ANALYZE INSTALL is refused', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    const sqlCell = cell(page, 'SQL', 0);
    await fillSql(sqlCell.getByLabel('SQL', { exact: true }), 'EXPLAIN ANALYZE INSTALL httpfs');
    await sqlCell.getByRole('button', { name: 'Run', exact: true }).click();
    await sqlCell.getByText(/DuckDB extensions are switched off in this app/).waitFor();
  });

  it('a chart whose download would disclose has its download buttons disabled, with the reason', async () => {
    const { page } = app;
    await loadDemo(page);
    await page
      .getByLabel('Compare with', { exact: true })
      .selectOption({ label: 'All upper-tier authorities in England' });
    await page
      .getByRole('table', { name: CJS_CAPTION })
      .getByRole('rowheader', { name: 'City of London', exact: true })
      .waitFor();
    await viewsDone(page);
    // Without secondary suppression the CJS table's totals give hidden cells back.
    await page
      .getByRole('checkbox', {
        name: 'Also suppress cells that would let a suppressed count be worked out from totals',
      })
      .uncheck();
    const view = cell(page, 'View', 2);
    const svg = view.getByRole('button', { name: /^Download SVG of .*CJS-referred treatment/ });
    await expect.poll(() => svg.isDisabled()).toBe(true);
    const png = view.getByRole('button', { name: /^Download PNG of .*CJS-referred treatment/ });
    expect(await png.isDisabled()).toBe(true);
    // The reason is beside the buttons and read with them.
    const reasonId = await svg.getAttribute('aria-describedby');
    expect(reasonId).toBeTruthy();
    await expect(page.locator(`[id="${reasonId}"]`).innerText()).resolves.toMatch(
      /^Export blocked: in ".*", \d+ suppressed cells? could still be worked out/,
    );
  });

  it('a missing value in a SQL result is blank on screen (read as "no value"), never "null"', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    const sqlCell = cell(page, 'SQL', 0);
    await fillSql(
      sqlCell.getByLabel('SQL', { exact: true }),
      "SELECT 'a' AS area, NULL::INTEGER AS people",
    );
    await sqlCell.getByRole('button', { name: 'Run', exact: true }).click();
    const table = sqlCell.getByRole('table').first();
    await table.waitFor();
    const cells = await table.locator('tbody td').allInnerTexts();
    expect(cells.map((c) => c.trim())).not.toContain('null');
    await expect(table.locator('tbody td').nth(1).textContent()).resolves.toBe('no value');
    expect((await readTable(page, /Result of SQL cell 1/)).rows.flat()).not.toContain('null');
  });
});
