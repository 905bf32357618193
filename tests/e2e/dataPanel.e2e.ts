import { mkdirSync, openSync, writeSync, closeSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addFiles, csv, readTable, type AppPage, freshAppPerTest, fillSql } from './harness';

let app: AppPage;
freshAppPerTest((a) => (app = a));

/** A large record-level-shaped file, written once to disk (never held as one string). */
function bigFile(rows: number): string {
  const path = `tests/.tmp/episodes-${rows}.csv`;
  if (existsSync(path)) return path;
  mkdirSync('tests/.tmp', { recursive: true });
  const fd = openSync(path, 'w');
  writeSync(fd, 'client_id,area_code,age,sex,substances,start_date,count\n');
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(
      `C${i},E0600000${(i % 9) + 1},${18 + (i % 60)},${i % 2 ? 'Male' : 'Female'},heroin;crack,2020-01-${10 + (i % 18)},${i % 50 === 0 ? '*' : i % 13}`,
    );
    if (chunk.length === 20000) {
      writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  closeSync(fd);
  return path;
}

describe('the data panel', () => {
  it('accepts files dropped on the drop zone', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['area,deaths\nE06000031,30\n'], 'dropped.csv', { type: 'text/csv' }));
      const zone = document.querySelector('[aria-label="Drop zone for CSV files"]')!;
      zone.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    });
    await page
      .getByRole('status')
      .filter({ hasText: 'Loaded dropped.csv as table dropped: 1 row.' })
      .waitFor();
  });

  it('says "Loaded" once the rows are in, then shows the checks and notes on its card', async () => {
    const { page } = app;
    const header =
      'client_id,area_code,age,sex,substances,referral_source,start_date,discharge_date,discharge_reason';
    await addFiles(page, [
      csv(
        'local episodes.csv',
        `${header}\nC1,E08000016,30,M,Heroin,Self,01/04/2021,,\nC1,E08000016,30,M,Heroin,Self,01/04/2021,,\n` +
          `C2,E06000031,41,F,Alcohol,GP,02/05/2021,01/06/2021,Completed\n`,
      ),
    ]);
    await page
      .getByRole('status')
      .filter({ hasText: 'Loaded local episodes.csv as table local_episodes: 3 rows.' })
      .waitFor();
    const card = page.getByRole('article', { name: 'Table local_episodes', exact: true });
    await card.getByText('Added 3 rows to treatment_episodes.').waitFor();
    // The findings and the count of old area codes follow "Loaded" on the card.
    await card.getByText(/^Checks: \d+ findings?$/).click();
    await card.getByText(/combination of client_id, start_date appears more than once/).waitFor();
    await card.getByText('1 old area code recoded (2 rows)').waitFor();
    await expect(card.getByText(/^Checking its rows/).count()).resolves.toBe(0);

    // The only source of treatment_episodes (the table is a view over the file's own table until
    // something changes it): removing the file empties it, and the next file fills it again.
    const canonical = page.getByRole('article', { name: 'Table treatment_episodes', exact: true });
    const sources = () =>
      canonical.getByRole('list', { name: 'Sources of treatment_episodes' }).locator('li');
    await expect.poll(() => sources().allInnerTexts()).toEqual(['local episodes.csv: 3 rows']);
    await card.getByRole('button', { name: 'Remove local_episodes' }).click();
    await card.getByRole('button', { name: 'Yes, remove local_episodes' }).click();
    await page
      .getByRole('status')
      .filter({
        hasText: /^Removed table local_episodes\. Removed 3 rows from treatment_episodes\./,
      })
      .waitFor();
    await expect.poll(() => sources().count()).toBe(0);
    await addFiles(page, [
      csv('clinic.csv', `${header}\nD1,E06000031,50,F,Alcohol,GP,03/05/2021,,\n`),
    ]);
    await page
      .getByRole('article', { name: 'Table clinic', exact: true })
      .getByText('Added 1 row to treatment_episodes.')
      .waitFor();
    await expect.poll(() => sources().allInnerTexts()).toEqual(['clinic.csv: 1 row']);
  });

  it('renames and removes a table, refusing a bad name', async () => {
    const { page } = app;
    await addFiles(page, [csv('first.csv', 'a\n1\n'), csv('second.csv', 'b\n2\n')]);
    await page.getByRole('status').filter({ hasText: 'Loaded second.csv' }).waitFor();
    const first = page.getByRole('article', { name: 'Table first' });
    await first.getByRole('button', { name: 'Rename first' }).click();
    await first.getByLabel('New name for first').fill('second');
    await first.getByRole('button', { name: 'Save name' }).click();
    await first.getByText('There is already a table called second.').waitFor();
    await first.getByLabel('New name for first').fill('deaths_2021');
    await first.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('article', { name: 'Table deaths_2021' }).waitFor();

    const second = page.getByRole('article', { name: 'Table second' });
    await second.getByRole('button', { name: 'Remove second' }).click();
    await second.getByRole('button', { name: 'Yes, remove second' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed table second.' }).waitFor();
    const names = await page
      .getByRole('article', { name: /^Table / })
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names).toEqual(['Table deaths_2021']);
  });

  it('names stray text values in a numeric column and converts the column on request', async () => {
    const { page } = app;
    const rows = Array.from({ length: 30 }, (_, i) => `E${i},${i === 4 ? 'n/a' : i * 10}`);
    await addFiles(page, [csv('counts.csv', ['area,count', ...rows].join('\n'))]);
    const card = page.getByRole('article', { name: 'Table counts' });
    await card
      .getByText('Column "count" is mostly numbers, but 1 value is not (row 5: "n/a")')
      .waitFor();
    await card.getByRole('button', { name: 'Convert count to numbers' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Converted column count of counts to numbers.' })
      .waitFor();
    await card.locator('summary').click();
    expect((await readTable(page, /Columns of counts/)).rows).toContainEqual([
      'count',
      'DOUBLE',
      '0',
    ]);
  });

  it('maps a file it does not recognise through the dialog, saying what is missing until it is complete', async () => {
    const { page } = app;
    await addFiles(page, [
      csv('odd.csv', 'LA,Yr,Deaths registered\nE06000031,2021,12\nE06000032,2021,9\n'),
    ]);
    await page
      .getByRole('status')
      .filter({ hasText: /Loaded odd\.csv/ })
      .waitFor();
    await page.getByRole('button', { name: 'Map to a canonical table: odd' }).click();
    const dialog = page.getByRole('dialog', { name: /^Map odd\.csv/ });
    await dialog.getByLabel('Canonical table').selectOption('deaths');
    await dialog.getByLabel('area_code (required)').selectOption('LA');
    await dialog.getByLabel('period (required)').selectOption('Yr');
    await dialog.getByLabel('deaths (required)').selectOption('Deaths registered');
    await dialog.getByRole('button', { name: 'Add rows to deaths' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /type a value for every row, for measure/ })
      .waitFor();
    await dialog.getByLabel('Value for every row: measure').fill('Drug misuse');
    await dialog.getByRole('button', { name: 'Add rows to deaths' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Added 2 rows to deaths.').waitFor();
    // The typed value was normalised like a file's would be.
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    await fillSql(
      page.getByRole('article', { name: /^SQL cell/ }).getByLabel('SQL', { exact: true }),
      'SELECT area_code, period, sex, age_band, measure, deaths FROM deaths ORDER BY area_code',
    );
    await page
      .getByRole('article', { name: /^SQL cell/ })
      .getByRole('button', { name: 'Run', exact: true })
      .click();
    expect((await readTable(page, /Result of SQL cell 1/)).rows).toEqual([
      ['E06000031', '2021', 'Persons', 'All ages', 'drug_misuse', '12'],
      ['E06000032', '2021', 'Persons', 'All ages', 'drug_misuse', '9'],
    ]);
  });

  it('shows progress while a large file loads, and cancelling leaves nothing behind', async () => {
    const { page } = app;
    const path = bigFile(1_000_000);
    await page.getByLabel('Add data files').setInputFiles(path);
    const progress = page.getByText(/^Loading episodes-1000000\.csv: /);
    await progress.waitFor();
    await page.getByRole('button', { name: 'Cancel loading episodes-1000000.csv' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Loading episodes-1000000.csv was cancelled. Nothing was changed.' })
      .waitFor();
    await expect(page.getByRole('article', { name: /^Table / }).count()).resolves.toBe(0);

    // Loaded in full it is counted exactly, suppressed cells included.
    await page.getByLabel('Add data files').setInputFiles(path);
    await page
      .getByRole('status')
      .filter({ hasText: 'Loaded episodes-1000000.csv as table episodes_1000000: 1,000,000 rows.' })
      .waitFor();
    const card = page.getByRole('article', { name: 'Table episodes_1000000' });
    await card.locator('summary').click();
    // Usable first; its suppressed cells are counted next (a second pass over the file).
    await card.getByText('counting…').first().waitFor({ state: 'detached' });
    expect((await readTable(page, /Columns of episodes_1000000/)).rows).toContainEqual([
      'count',
      'BIGINT',
      '20,000',
    ]);
  });
});
