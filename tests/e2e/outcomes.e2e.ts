/**
 * Treatment outcomes and the scorecard in real Chromium: the demo, plus the synthetic episode
 * extract and local metrics loaded through the data panel; a treatment-outcomes and a scorecard
 * view cell added from the notebook's toolbar. A successful-completion proportion and its Wilson
 * interval, and a scorecard RAG rating, are checked against calculations made here from the
 * shipped CSV files (no app code).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  addFiles,
  cell,
  cspViolations,
  defineGroup,
  HUMBERSIDE_MEMBERS,
  launchBrowser,
  openApp,
  readTable,
  viewsDone,
  type AppPage,
} from './harness';

let browser: Browser;
let app: AppPage;
let page: Page;

const PBO = 'E06000031';

const started = Date.now();
const step = (what: string) =>
  console.log(`[outcomes e2e] ${Math.round((Date.now() - started) / 1000)} s: ${what}`);

function rowsOf(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** Wilson score interval, written out (Newcombe 1998, method 3), as percentages. */
function wilson(x: number, n: number): [number, number, number] {
  const z = 1.959963984540054;
  const p = x / n;
  const centre = 2 * n * p + z * z;
  const spread = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
  const denom = 2 * (n + z * z);
  return [100 * p, (100 * (centre - spread)) / denom, (100 * (centre + spread)) / denom];
}

const oneDecimal = (v: number) =>
  v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function column(table: { headers: string[]; rows: string[][] }, header: string, row: string[]) {
  const c = table.headers.indexOf(header);
  expect(c, table.headers.join(' | ')).toBeGreaterThanOrEqual(0);
  return row[c];
}

async function addView(title: string, index: number) {
  await page.getByLabel('Prebuilt view', { exact: true }).selectOption({ label: title });
  await page.getByRole('button', { name: 'Add view cell' }).click();
  const view = cell(page, 'View', index);
  await view
    .getByRole('status')
    .filter({ hasText: /^Done in/ })
    .waitFor();
  return view;
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
  page = app.page;
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await viewsDone(page);
  step('demo loaded');
});

afterAll(async () => {
  expect(app.foreignRequests).toEqual([]);
  expect(cspViolations(app)).toEqual([]);
  await app.close();
  await browser?.close();
});

describe('treatment outcomes and the scorecard on the demo data', () => {
  it('shows successful completion with the Wilson interval computed from the episodes', async () => {
    // One file at a time: the data panel's status line shows the latest load only.
    for (const name of ['treatment_episodes', 'local_metrics']) {
      await addFiles(page, [
        { name: `${name}.csv`, buffer: readFileSync(`datasets/synthetic/${name}.csv`) },
      ]);
      await page
        .getByRole('status')
        .filter({ hasText: `Loaded ${name}.csv` })
        .waitFor();
      await page.getByRole('article', { name: `Table ${name}`, exact: true }).waitFor();
    }
    step('episodes and local metrics loaded');
    const view = await addView('Treatment outcomes', 4);
    step('treatment outcomes done');
    await view.getByText(/come from generated training data/).waitFor();
    const table = await readTable(page, /^Treatment outcomes, Peterborough, All substances, /);
    const caption = await page
      .getByRole('table', { name: /^Treatment outcomes, Peterborough, All substances, / })
      .locator('caption')
      .innerText();
    const fy = Number(/(\d{4})\/\d{2}$/.exec(caption)![1]);
    const from = `${fy}-04-01`;
    const to = `${fy + 1}-03-31`;
    // Adults with an episode open in the financial year; those with a completed discharge in it.
    const episodes = rowsOf('datasets/synthetic/treatment_episodes.csv').filter(
      (e) => e.area_code === PBO && Number(e.age) >= 18,
    );
    const open = episodes.filter(
      (e) => e.start_date <= to && (e.discharge_date === '' || e.discharge_date >= from),
    );
    const people = new Set(open.map((e) => e.client_id));
    const completed = new Set(
      open
        .filter(
          (e) =>
            e.discharge_date >= from &&
            e.discharge_date <= to &&
            e.discharge_reason.startsWith('Treatment completed'),
        )
        .map((e) => e.client_id),
    );
    const [value, lower, upper] = wilson(completed.size, people.size);
    const row = table.rows.find(
      (r) => r[0] === 'Successful completions as % of adults in treatment',
    )!;
    expect(row, table.rows.map((r) => r[0]).join(' | ')).toBeDefined();
    expect(column(table, 'Count', row)).toBe(completed.size.toLocaleString('en-GB'));
    expect(column(table, 'Denominator', row)).toBe(people.size.toLocaleString('en-GB'));
    expect(column(table, 'Value (% or days)', row)).toBe(oneDecimal(value));
    expect(column(table, 'Lower 95%', row)).toBe(`${oneDecimal(lower)}%`);
    expect(column(table, 'Upper 95%', row)).toBe(`${oneDecimal(upper)}%`);
  });

  it('rates a local metric against its target in words and a shape, beside the other views', async () => {
    const view = await addView('Outcomes scorecard', 5);
    step('scorecard done');
    await view.getByText(/come from generated training data/).waitFor();
    const table = await readTable(page, /^Combating-drugs outcomes scorecard, Peterborough/);
    const metric = 'Positive drug tests on arrest assessed for treatment';
    const latest = rowsOf('datasets/synthetic/local_metrics.csv').filter(
      (r) => r.area_code === PBO && r.metric === metric && r.period === '2023 Q1',
    )[0];
    const n = Number(latest.numerator);
    const d = Number(latest.denominator);
    const target = Number(latest.target);
    const [value, lower, upper] = wilson(n, d);
    // The stated rule: green at or above the target; amber within 5% of it; red below that.
    const expected =
      value >= target
        ? '● Green: target met'
        : value >= target * 0.95
          ? '▲ Amber: within 5% of target'
          : '■ Red: target missed by more than 5%';
    const row = table.rows.find((r) => r[1] === metric)!;
    expect(row, table.rows.map((r) => r[1]).join(' | ')).toBeDefined();
    expect(column(table, 'Outcome', row)).toBe('Reduce drug-related crime');
    expect(column(table, 'Latest period', row)).toBe('2023 Q1');
    expect(column(table, 'Value', row)).toBe(oneDecimal(value));
    expect(column(table, 'Lower 95%', row)).toBe(oneDecimal(lower));
    expect(column(table, 'Upper 95%', row)).toBe(oneDecimal(upper));
    expect(column(table, 'Rating', row)).toBe(expected);
    expect(column(table, 'Source', row)).toMatch(/^Local metric: SYNTHETIC/);
    // The treatment-outcomes cell's figures arrive in memory, under their outcome.
    const completion = table.rows.find(
      (r) => r[1] === 'Successful completions as % of adults in treatment: All substances',
    )!;
    expect(completion, table.rows.map((r) => r[1]).join(' | ')).toBeDefined();
    expect(column(table, 'Outcome', completion)).toBe('Improve recovery outcomes');
    expect(column(table, 'Source', completion)).toMatch(/^Treatment outcomes view/);
  });

  // Follows the tests above (their view cells stay in the notebook).
  it("a partnership: Humberside's outcomes from its members' aggregate counts, and its scorecard", async () => {
    await addFiles(page, [
      {
        name: 'treatment_outcomes.csv',
        buffer: readFileSync('datasets/synthetic/treatment_outcomes.csv'),
      },
    ]);
    await page.getByRole('status').filter({ hasText: 'Loaded treatment_outcomes.csv' }).waitFor();

    // Peterborough's outcomes from the aggregate counts instead of its episodes: the scorecard,
    // which reads them, follows (it runs again after the cell it reads from).
    const pbo = rowsOf('datasets/synthetic/treatment_outcomes.csv')
      .filter((r) => r.area_code === PBO && r.substance_group === 'all')
      .sort((a, b) => a.period.localeCompare(b.period))
      .at(-1)!;
    const [pboValue] = wilson(Number(pbo.completions), Number(pbo.in_treatment));
    // The views already on screen ran again for the new file: let them finish first.
    await viewsDone(page, 6);
    await cell(page, 'View', 4)
      .getByLabel('Data', { exact: true })
      .selectOption({ label: 'Aggregate counts (treatment_outcomes)' });
    const completionLine = cell(page, 'View', 5)
      .getByRole('row')
      .filter({ hasText: 'Successful completions as % of adults in treatment: All substances' })
      .filter({ hasText: pbo.period });
    await completionLine.getByRole('cell', { name: oneDecimal(pboValue), exact: true }).waitFor();
    await completionLine.getByText(/^Treatment outcomes view/).waitFor();
    await defineGroup(page, 'Humberside', HUMBERSIDE_MEMBERS);
    const focal = page.getByRole('combobox', { name: 'Focal area' });
    await focal.fill('Humberside');
    await focal.press('Enter');
    await page.getByText('Chosen: Humberside (group of 4).').waitFor();
    step('Humberside is the focal area');

    // No member has episodes, so the group's figures are its members' aggregate counts added.
    const outcomes = cell(page, 'View', 4);
    await outcomes
      .getByText(/^Humberside \(group of 4: .*counts in the treatment_outcomes table added/)
      .first()
      .waitFor();
    const caption = /^Treatment outcomes, Humberside, All substances, /;
    const table = await readTable(page, caption);
    const period = /, (\d{4}\/\d{2})$/.exec(
      await page.getByRole('table', { name: caption }).locator('caption').innerText(),
    )![1];
    const members = ['E06000010', 'E06000011', 'E06000012', 'E06000013'];
    const rows = rowsOf('datasets/synthetic/treatment_outcomes.csv').filter(
      (r) => members.includes(r.area_code) && r.period === period && r.substance_group === 'all',
    );
    expect(rows.length).toBe(4);
    const completions = rows.reduce((s, r) => s + Number(r.completions), 0);
    const inTreatment = rows.reduce((s, r) => s + Number(r.in_treatment), 0);
    const [value, lower, upper] = wilson(completions, inTreatment);
    const row = table.rows.find(
      (r) => r[0] === 'Successful completions as % of adults in treatment',
    )!;
    expect(row, table.rows.map((r) => r[0]).join(' | ')).toBeDefined();
    expect(column(table, 'Count', row)).toBe(completions.toLocaleString('en-GB'));
    expect(column(table, 'Denominator', row)).toBe(inTreatment.toLocaleString('en-GB'));
    expect(column(table, 'Value (% or days)', row)).toBe(oneDecimal(value));
    expect(column(table, 'Lower 95%', row)).toBe(`${oneDecimal(lower)}%`);
    expect(column(table, 'Upper 95%', row)).toBe(`${oneDecimal(upper)}%`);
    await expect(outcomes.getByText(/does not yet sum/).count()).resolves.toBe(0);

    // The scorecard takes the group's line from the view above and says why Fingertips and
    // local metrics have none for a group.
    const scorecard = cell(page, 'View', 5);
    await scorecard
      .getByText(/^Humberside is a group of areas: its lines come from the other views/)
      .first()
      .waitFor();
    const card = await readTable(page, /^Combating-drugs outcomes scorecard, Humberside/);
    const line = card.rows.find(
      (r) => r[1] === 'Successful completions as % of adults in treatment: All substances',
    )!;
    expect(line, card.rows.map((r) => r[1]).join(' | ')).toBeDefined();
    expect(column(card, 'Latest period', line)).toBe(period);
    expect(column(card, 'Value', line)).toBe(oneDecimal(value));
  });
});
