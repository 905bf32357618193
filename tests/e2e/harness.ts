/**
 * Shared end-to-end plumbing: real Chromium (the system's /usr/bin/chromium, nothing downloaded),
 * a page on the built app, and a record of every request so a test fails if anything goes to a
 * host other than the app's own, or to the app's own server for anything but its files.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { E2E_TIMEOUT_MS, PLAYWRIGHT_TIMEOUT_MS } from './timeouts';

export { CHROMIUM };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: E2E_TIMEOUT_MS,
  });
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /**
   * Every request the page (and its workers) made to another origin, or to the app's own origin
   * for anything that is not a file of the built app (a URL carrying data to the server's log).
   */
  foreignRequests: string[];
  /** Console errors and CSP violations. */
  consoleErrors: string[];
  /** With `holdEngine`: lets the engine's WebAssembly through (else a no-op). */
  releaseEngine(): void;
  close(): Promise<void>;
}

export async function openApp(
  browser: Browser,
  options: {
    viewport?: { width: number; height: number };
    /**
     * Holds back the engine's WebAssembly until releaseEngine(): the app starts its engine as
     * soon as it opens, so a test of what the page says while the engine starts holds it.
     */
    holdEngine?: boolean;
  } = {},
): Promise<AppPage> {
  const baseUrl = inject('baseUrl');
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 1000 },
    acceptDownloads: true,
    // The service worker would precache the whole app (about 48 MB) in every test's context;
    // offline.e2e.ts tests it in a context of its own.
    serviceWorkers: 'block',
  });
  // Every wait and navigation may take (almost) as long as the test itself (see timeouts.ts).
  context.setDefaultTimeout(PLAYWRIGHT_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PLAYWRIGHT_TIMEOUT_MS);
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  // Context-level: also sees requests from the DuckDB Web Worker.
  context.on('request', (req) => {
    const problem = requestProblem(req.url(), baseUrl);
    if (problem) foreignRequests.push(problem);
  });
  let releaseEngine = () => undefined as void;
  if (options.holdEngine) {
    const released = new Promise<void>((resolve) => (releaseEngine = resolve));
    // Context-level routes see the DuckDB Web Worker's requests too.
    await context.route(/duckdb-[^/]*\.wasm$/, async (route) => {
      await released;
      await route.continue();
    });
  }
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'jsna-notebook' }).waitFor();
  return {
    page,
    context,
    foreignRequests,
    consoleErrors,
    releaseEngine,
    close: () => context.close(),
  };
}

/** The built app's files, as paths under its base URL ("/index.html", "/assets/x.js", ...). */
let appFilesCache: Set<string> | null = null;
function appFiles(): Set<string> {
  if (appFilesCache) return appFilesCache;
  // The folder globalSetup serves (E2E_DIST, or dist/).
  const root = path.resolve(process.env.E2E_DIST ?? 'dist');
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.add('/' + path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  appFilesCache = files;
  return files;
}

/** The app's own query strings: none, or `?private` (a private-mode tab). */
const APP_QUERIES = new Set(['', '?private']);

/**
 * Why a request is not allowed, or null: it must be inline (data:, blob:), or a file of the built
 * app on its own origin with no query. Anything else on the app's origin (`/?x=3`,
 * `/some-data-in-path`) would carry data into that server's log, so it fails the test too.
 */
export function requestProblem(url: string, baseUrl: string): string | null {
  if (url.startsWith('data:') || url.startsWith('blob:')) return null;
  const u = new URL(url);
  const base = new URL(baseUrl);
  if (u.origin !== base.origin) return url;
  const basePath = base.pathname.endsWith('/') ? base.pathname : base.pathname + '/';
  if (!u.pathname.startsWith(basePath)) return `same origin, outside the app: ${url}`;
  const file = '/' + decodeURIComponent(u.pathname.slice(basePath.length));
  const isPage = file === '/' || file === '/index.html';
  if (isPage && APP_QUERIES.has(u.search)) return null;
  if (!isPage && u.search === '' && appFiles().has(file)) return null;
  return `same origin, not a file of the app: ${url}`;
}

/** Console messages that are CSP violations (Chromium words them "Refused to ..."). */
export function cspViolations(app: AppPage): string[] {
  return app.consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m));
}

/** Adds files through the "Add data files" input and waits until each is loaded or refused. */
export async function addFiles(
  page: Page,
  files: { name: string; mimeType?: string; buffer: Buffer }[],
): Promise<void> {
  await page
    .getByLabel('Add data files')
    .setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: f.mimeType ?? 'text/csv', buffer: f.buffer })),
    );
}

export function csv(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

/** The n-th (0-based) cell of a kind, as a locator scoped to that cell. */
export function cell(page: Page, kind: 'SQL' | 'Text' | 'Chart' | 'View', n: number) {
  return page.getByRole('article', { name: new RegExp(`^${kind} cell \\d+$`) }).nth(n);
}

/** Saves an area group from the groups editor (members by name or code) and waits for it. */
export async function defineGroup(page: Page, name: string, members: string): Promise<void> {
  await page.getByLabel('Group name').fill(name);
  await page.getByLabel('Members').fill(members);
  await page.getByRole('button', { name: 'Save group' }).click();
  await page.getByRole('button', { name: `Make ${name} the focal area` }).waitFor();
}

/** The four Humberside unitaries, by name, as an analyst types them. */
export const HUMBERSIDE_MEMBERS =
  'Hull, East Riding of Yorkshire, North East Lincolnshire, North Lincolnshire';

/** Reads an HTML table (caption match) into header + rows of text. */
export async function readTable(
  page: Page,
  caption: RegExp,
): Promise<{ headers: string[]; rows: string[][] }> {
  const table = page.getByRole('table', { name: caption }).first();
  await table.waitFor();
  const headers = await table.locator('thead th').allInnerTexts();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td,th')).map((td) => (td as HTMLElement).innerText.trim()),
      ),
    );
  return { headers: headers.map((h) => h.trim()), rows };
}

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page as it is now and returns the
 * violations in a readable form. axe is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, so the app's policy stays exactly as shipped.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[]; failureSummary: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
  });
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(', ')}`,
  );
}

/**
 * One browser per test file and a fresh page on the app for each test, handed over by `use`.
 * After every test the privacy rules are enforced: nothing went to another host and nothing
 * broke the Content-Security-Policy.
 */
export function freshAppPerTest(use: (app: AppPage, browser: Browser) => void): void {
  let browser: Browser;
  let app: AppPage;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    app = await openApp(browser);
    use(app, browser);
  });
  afterEach(async () => {
    expect(app.foreignRequests).toEqual([]);
    expect(cspViolations(app)).toEqual([]);
    await app.close();
  });
}

/** Waits until the demo's view cells exist and every view cell has finished its latest run. */
export async function viewsDone(page: Page, expected = 4): Promise<void> {
  const views = page.getByRole('article', { name: /^View cell/ });
  // Loading the demo takes seconds here and can take minutes on a slow machine (the context's
  // default timeout is almost the test's own, PLAYWRIGHT_TIMEOUT_MS).
  await views.nth(expected - 1).waitFor();
  const n = await views.count();
  for (let i = 0; i < n; i++)
    await views
      .nth(i)
      .getByRole('status')
      .filter({ hasText: /^Done in/ })
      .waitFor();
}

/** The text of a SQL cell's editor (CodeMirror's content, or the fallback textarea's value). */
export async function sqlSource(locator: import('playwright-core').Locator): Promise<string> {
  return locator.evaluate((el) =>
    el instanceof HTMLTextAreaElement
      ? el.value
      : Array.from(el.querySelectorAll('.cm-line'))
          .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
          .join('\n'),
  );
}

/**
 * Replaces a SQL cell's text. CodeMirror is a contenteditable: Playwright's fill() replaces
 * highlighted text with execCommand, which makes Chromium try inline style attributes (blocked by
 * the CSP, and reported); selecting, deleting and inserting the text is what typing does.
 */
export async function fillSql(editor: import('playwright-core').Locator, text: string) {
  if (await editor.evaluate((el) => el instanceof HTMLTextAreaElement)) return editor.fill(text);
  await editor.focus();
  await editor.press('ControlOrMeta+a');
  await editor.press('Delete');
  await editor.page().keyboard.insertText(text);
}
