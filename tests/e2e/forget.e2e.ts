/**
 * What the app keeps in this browser: after "Forget all local data" nothing at all until the
 * analyst turns saving back on, and, without the opt-in to keep data files, no file names and no
 * file hashes in the autosave (only the table names the notebook's SQL uses).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addFiles, cell, csv, fillSql, readTable, type AppPage, freshAppPerTest } from './harness';

let app: AppPage;
freshAppPerTest((a) => (app = a));

const FILE_NAME = 'deaths-2023 (final).csv';
const TABLE = 'deaths_2023_final';
const DEATHS =
  'area_code,area_name,deaths\nE06000031,Peterborough,30\nE10000003,Cambridgeshire,67\n';
const SHA256 = createHash('sha256').update(DEATHS).digest('hex');
const QUERY = `SELECT area_name, deaths FROM ${TABLE} ORDER BY deaths DESC`;

/** Everything the app's IndexedDB holds, as text (null when there is no database at all). */
async function storedText(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('jsna-notebook')) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('jsna-notebook');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      out[store] = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    db.close();
    return JSON.stringify(out);
  });
}

async function buildNotebook(page: Page) {
  await addFiles(page, [csv(FILE_NAME, DEATHS)]);
  await page
    .getByRole('status')
    .filter({ hasText: `Loaded ${FILE_NAME}` })
    .waitFor();
  await page.getByRole('button', { name: 'Add SQL cell' }).click();
  await fillSql(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }), QUERY);
  await cell(page, 'SQL', 0).getByRole('button', { name: 'Run', exact: true }).click();
  return readTable(page, /Result of SQL cell 1/);
}

async function reload(page: Page) {
  await page.reload();
  await page.getByRole('heading', { name: 'jsna-notebook' }).waitFor();
}

const saveCheckbox = (page: Page) =>
  page.getByRole('checkbox', {
    name: 'Save my work in this browser (the notebook, without its data)',
  });
const notSaving = (page: Page) =>
  page.getByRole('status').filter({
    hasText: 'Not saving: nothing is stored in this browser until you turn saving back on.',
  });

describe('forgetting, and what the autosave keeps', () => {
  it('stores nothing after "Forget all local data" until saving is turned back on', async () => {
    const { page } = app;
    await buildNotebook(page);
    await page.getByText(/Autosaved in this browser at/).waitFor();

    await page.getByRole('button', { name: 'Forget all local data' }).click();
    await page.getByRole('button', { name: 'Yes, forget everything' }).click();
    await notSaving(page).waitFor();
    await expect(saveCheckbox(page).isChecked()).resolves.toBe(false);

    // Edit the notebook: the app stays in its "not saving" state and writes nothing.
    await page.getByLabel('Notebook title').fill('Edited after forgetting');
    await page.getByRole('button', { name: 'Add text cell' }).click();
    await notSaving(page).waitFor();
    await expect(page.getByText('Saving changes in this browser…').count()).resolves.toBe(0);
    await expect(storedText(page)).resolves.toBeNull();

    // A reload restores nothing and is still not saving.
    await reload(page);
    await notSaving(page).waitFor();
    await expect(page.getByRole('article', { name: / cell \d+$/ }).count()).resolves.toBe(0);
    await page.getByLabel('Notebook title').fill('Still not saved');
    await expect(storedText(page)).resolves.toBeNull();

    // Turned back on: saved at once, and restored after a reload.
    await saveCheckbox(page).check();
    await page
      .getByRole('status')
      .filter({ hasText: /^\s*Saving in this browser is on\.\s*$/ })
      .waitFor();
    await page.getByText(/Autosaved in this browser at/).waitFor();
    await page.getByRole('button', { name: 'Add text cell' }).click();
    await page.getByText(/Autosaved in this browser at/).waitFor();
    await reload(page);
    await page
      .getByRole('status')
      .filter({ hasText: /Restored your notebook/ })
      .waitFor();
    await expect(page.getByLabel('Notebook title').inputValue()).resolves.toBe('Still not saved');
  });

  it('keeps no data file name, size or hash without the opt-in, and still reopens', async () => {
    const { page } = app;
    const before = await buildNotebook(page);
    await page.getByText(/Autosaved in this browser at/).waitFor();
    const stored = (await storedText(page))!;
    expect(stored).toContain(TABLE); // the notebook's SQL names the table anyway
    expect(stored).not.toContain('deaths-2023');
    expect(stored).not.toContain(SHA256);
    expect(stored).not.toMatch(/sha256/);
    expect(stored).not.toContain(`"size":${DEATHS.length}`);

    // After a reload the notebook asks for the file by its table and takes it.
    await reload(page);
    await page
      .getByRole('status')
      .filter({ hasText: /Restored your notebook/ })
      .waitFor();
    await page.getByText(`The file that was loaded as table ${TABLE}`).waitFor();
    await page.getByLabel("Add the notebook's data files").setInputFiles([csv(FILE_NAME, DEATHS)]);
    expect(await readTable(page, /Result of SQL cell 1/)).toEqual(before);

    // With the opt-in the files are kept, and so are their names and hashes.
    await page.getByLabel(/Keep loaded data files on this computer/).check();
    await page
      .getByRole('list', { name: 'Data files kept on this computer' })
      .getByText(FILE_NAME)
      .waitFor();
    await expect
      .poll(async () => (await storedText(page)) ?? '', { timeout: 60_000 })
      .toContain(SHA256);
  });
});
