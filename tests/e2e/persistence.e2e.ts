import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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

const DEATHS =
  'area_code,area_name,deaths\nE06000031,Peterborough,30\nE10000003,Cambridgeshire,67\n';
const QUERY = 'SELECT area_name, deaths FROM deaths ORDER BY deaths DESC';

async function buildNotebook(page: Page) {
  await addFiles(page, [csv('deaths.csv', DEATHS)]);
  await page.getByRole('status').filter({ hasText: 'Loaded deaths.csv' }).waitFor();
  await page.getByLabel('Notebook title').fill('Drug deaths chapter');
  await page.getByRole('button', { name: 'Add SQL cell' }).click();
  const sql = cell(page, 'SQL', 0);
  await fillSql(sql.getByLabel('SQL', { exact: true }), QUERY);
  await sql.getByRole('button', { name: 'Run', exact: true }).click();
  return readTable(page, /Result of SQL cell 1/);
}

async function reload(page: Page) {
  await page.reload();
  await page.getByRole('heading', { name: 'jsna-notebook' }).waitFor();
}

describe('saving, reopening and forgetting', () => {
  it('saves a notebook file without data, then reopens it with its data file and gets the same results', async () => {
    const { page } = app;
    const before = await buildNotebook(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save notebook' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Drug-deaths-chapter.jsna.json');
    const text = await readFile((await download.path())!, 'utf8');
    const saved = JSON.parse(text);
    expect(saved).toMatchObject({
      format: 'jsna-notebook',
      version: 1,
      title: 'Drug deaths chapter',
    });
    expect(saved.dataSources).toEqual([
      expect.objectContaining({
        table: 'deaths',
        fileName: 'deaths.csv',
        size: DEATHS.length,
        fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      }),
    ]);
    expect(text).not.toContain('Peterborough'); // never the data

    // A fresh start (forget what the browser kept), then open the saved file.
    await page.getByRole('button', { name: 'Forget all local data' }).click();
    await page.getByRole('button', { name: 'Yes, forget everything' }).click();
    await reload(page);
    await expect(page.getByRole('article', { name: /^SQL cell/ }).count()).resolves.toBe(0);
    await page.getByLabel('Open notebook').setInputFiles({
      name: 'Drug-deaths-chapter.jsna.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await page.getByRole('heading', { name: 'This notebook needs its data files' }).waitFor();
    await page
      .getByLabel("Add the notebook's data files")
      .setInputFiles([csv('deaths.csv', DEATHS)]);
    expect(await readTable(page, /Result of SQL cell 1/)).toEqual(before);
    await expect(page.getByLabel('Notebook title').inputValue()).resolves.toBe(
      'Drug deaths chapter',
    );
  });

  it('autosaves, so a reloaded tab gets its notebook back and asks for the data', async () => {
    const { page } = app;
    const before = await buildNotebook(page);
    await page.getByText(/Autosaved in this browser at/).waitFor();
    await reload(page);
    await page
      .getByRole('status')
      .filter({ hasText: /Restored your notebook/ })
      .waitFor();
    await expect(sqlSource(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }))).resolves.toBe(
      QUERY,
    );
    await page
      .getByLabel("Add the notebook's data files")
      .setInputFiles([csv('deaths.csv', DEATHS)]);
    expect(await readTable(page, /Result of SQL cell 1/)).toEqual(before);
  });

  it('keeps data files only when asked, lists them, and forgets everything on request', async () => {
    const { page } = app;
    const before = await buildNotebook(page);
    await page.getByLabel(/Keep loaded data files on this computer/).check();
    await page
      .getByRole('list', { name: 'Data files kept on this computer' })
      .getByText(/deaths\.csv/)
      .waitFor();
    await page.getByText(/Autosaved in this browser at/).waitFor();
    await reload(page);
    // The kept file reloads by itself and the notebook re-runs.
    expect(await readTable(page, /Result of SQL cell 1/)).toEqual(before);

    await page.getByRole('button', { name: 'Forget all local data' }).click();
    await page.getByRole('button', { name: 'Yes, forget everything' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Everything this app stored in this browser has been deleted' })
      .waitFor();
    await reload(page);
    await expect(page.getByRole('article', { name: /^SQL cell/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('article', { name: /^Table / }).count()).resolves.toBe(0);
  });

  it('refuses a broken or newer notebook file and changes nothing', async () => {
    const { page } = app;
    await buildNotebook(page);
    const open = (name: string, content: string) =>
      page
        .getByLabel('Open notebook')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    await open('broken.jsna.json', '{"format": "jsna-notebook", "cells": [');
    await page.getByRole('button', { name: 'Open and replace' }).click();
    await page
      .getByRole('status')
      .filter({
        hasText:
          'broken.jsna.json is not a notebook file (it is not valid JSON). Nothing was changed.',
      })
      .waitFor();
    await open(
      'future.jsna.json',
      JSON.stringify({ format: 'jsna-notebook', version: 99, cells: [] }),
    );
    await page.getByRole('button', { name: 'Open and replace' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /saved by a newer version of jsna-notebook \(file version 99/ })
      .waitFor();
    await expect(sqlSource(cell(page, 'SQL', 0).getByLabel('SQL', { exact: true }))).resolves.toBe(
      QUERY,
    );
    await expect(page.getByRole('article', { name: 'Table deaths' }).count()).resolves.toBe(1);
  });

  it('keeps nothing at all in private mode', async () => {
    const { page } = app;
    await page.goto(page.url() + '?private');
    await page.getByText('Private mode: nothing is stored.').waitFor();
    await buildNotebook(page);
    await reload(page);
    await page.getByText('Private mode: nothing is stored.').waitFor();
    await expect(page.getByRole('article', { name: /^SQL cell/ }).count()).resolves.toBe(0);
    const databases = await page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name),
    );
    expect(databases).not.toContain('jsna-notebook');
  });
});
