/**
 * The DuckDB worker never needs to evaluate a string (issue 13, item 8). The built app's CSP has
 * no 'unsafe-eval'; the stock Emscripten glue builds the method caller behind DuckDB's progress
 * display with `new Function`, so whenever a statement ran long enough to report progress the
 * query failed with "Evaluating a string as JavaScript violates the Content Security Policy"
 * and a demo file was dropped. The build patches the worker (tools/vite/cspClean.ts) and the
 * engine now reports progress on every long statement, so each demo load goes through the
 * patched path: against an unpatched worker this test fails on the first load.
 *
 * Twenty demo loads, each in a fresh browser context (a new worker and engine every time), in
 * one browser: every file loaded, every view finished, no CSP violation, no alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cspViolations, launchBrowser, openApp, viewsDone } from './harness';
import { DEMO_FILES_ON_DISK } from './demoFiles';

const LOADS = 20;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the DuckDB engine under the CSP', () => {
  it('serves a worker whose method callers are not generated from strings', async () => {
    const app = await openApp(browser);
    try {
      await app.page.getByRole('button', { name: 'Load demo data' }).click();
      await viewsDone(app.page);
      // The engine starts as the app opens: the page's resource timing names the worker it ran.
      const workers = (
        await app.page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => e.name.split('#')[0]),
        )
      ).filter((url) => /duckdb-browser-\w+\.worker[^/]*\.js$/.test(url));
      expect(workers.length).toBeGreaterThan(0);
      for (const url of workers) {
        const source = await (await fetch(url)).text();
        const caller = source.match(/function __emval_get_method_caller[\s\S]*?\}(?=__emval)/);
        expect(caller, url).not.toBeNull();
        expect(caller![0]).not.toMatch(/newFunc\(|\bFunction\(/);
      }
      expect(cspViolations(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it(
    `loads the demo ${LOADS} times in fresh contexts without a CSP error`,
    { timeout: 3_600_000 },
    async () => {
      const failures: string[] = [];
      for (let i = 0; i < LOADS; i++) {
        const app = await openApp(browser);
        try {
          await app.page.getByRole('button', { name: 'Load demo data' }).click();
          await viewsDone(app.page);
          const alerts = await app.page.getByRole('alert').allInnerTexts();
          const tables = await app.page
            .getByRole('list', { name: 'Tables' })
            .getByRole('listitem')
            .count();
          const problems = [
            ...cspViolations(app),
            ...app.consoleErrors.filter((m) => /EvalError|unsafe-eval/i.test(m)),
            ...alerts,
            ...app.foreignRequests.map((u) => `request to ${u}`),
          ];
          if (tables < DEMO_FILES_ON_DISK.length) problems.push(`only ${tables} tables listed`);
          if (problems.length > 0) failures.push(`load ${i + 1}: ${problems.join(' | ')}`);
        } finally {
          await app.close();
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
