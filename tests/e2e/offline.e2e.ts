/**
 * Offline use (issue 17, item 4): after one visit the app opens, loads the demo and runs every
 * view with no network at all. The app is served by a server this test starts and then shuts
 * down, and the browser context is set offline as well, so nothing after the first visit can
 * come from anywhere but the service worker's cache. Also: the app is installable (Chromium's
 * own installability check, through the DevTools protocol).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { launchBrowser, viewsDone } from './harness';
import { E2E_TIMEOUT_MS } from './timeouts';

let browser: Browser;
let server: PreviewServer | undefined;

async function stopServer(): Promise<void> {
  if (!server) return;
  const http = server.httpServer as import('node:http').Server;
  http.closeAllConnections?.();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  server = undefined;
}

beforeAll(async () => {
  server = await preview({
    build: { outDir: process.env.E2E_DIST ?? 'dist' },
    preview: { port: 4275, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stopServer();
});

describe('offline', () => {
  it('opens, loads the demo and runs every view with the network off after one visit', async () => {
    const url = server!.resolvedUrls!.local[0];
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(E2E_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(E2E_TIMEOUT_MS);
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      // First visit: the service worker installs (caching the whole build) and takes control.
      await page.goto(url);
      await page.getByRole('heading', { name: 'jsna-notebook' }).waitFor();
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
        timeout: E2E_TIMEOUT_MS,
      });

      // Installable: a manifest with icons, a service worker with a fetch handler.
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      // (Playwright's contexts are incognito, which Chromium reports on its own.)
      expect(
        installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'),
      ).toEqual([]);

      // No network from here on: the server is gone and the browser is offline.
      await stopServer();
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { name: 'jsna-notebook' }).waitFor();
      await page.getByRole('button', { name: 'Load demo data' }).click();
      await viewsDone(page);
      expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
      expect(errors.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
