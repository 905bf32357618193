/**
 * A notebook file can come from anyone. A crafted one is refused whole, or opens inert: nothing in
 * it can make the browser request a URL (from another host or from the app's own server, whose
 * log would then hold the data in the URL), run an extension or draw a column the query did not
 * return. The harness's afterEach fails any test that made such a request or broke the CSP.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, freshAppPerTest, openApp, readTable, requestProblem, type AppPage } from './harness';

let app: AppPage;
freshAppPerTest((a) => (app = a));

function notebookFile(cells: unknown[]): string {
  return JSON.stringify({
    format: 'jsna-notebook',
    version: 1,
    title: 'Crafted',
    parameters: {
      focalArea: null,
      comparator: 'region',
      customComparators: [],
      latestPeriod: null,
    },
    dataSources: [],
    mappings: [],
    cells,
  });
}

async function openNotebook(page: Page, name: string, text: string) {
  await page
    .getByLabel('Open notebook')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** The query names a column `image` holding a same-origin URL with a count in it. */
const LEAKY_SQL = "SELECT 'Area A' AS area, 3 AS people, '/?leaked-count=3' AS image";

describe('a hostile notebook file', () => {
  it('is refused whole when a cell id, a view option or a chart type is crafted', async () => {
    const { page } = app;
    const cases: [string, unknown[], RegExp][] = [
      [
        'proto.jsna.json',
        [
          { id: 'a', kind: 'markdown', source: 'hello' },
          { id: '__proto__', kind: 'sql', source: 'SELECT 1' },
        ],
        /proto\.jsna\.json is damaged or unsafe: cell 2 has an id that is not letters/,
      ],
      [
        'option.jsna.json',
        [{ id: 'v', kind: 'view', viewId: 'drug-deaths', options: { source: '"><img src=/x>' } }],
        /option\.jsna\.json is damaged or unsafe: cell 1 \(.+\): Option .+ is not one of its choices/,
      ],
      [
        'mark.jsna.json',
        [
          { id: 'q', kind: 'sql', source: 'SELECT 1 AS x' },
          {
            id: 'c',
            kind: 'chart',
            sourceCellId: 'q',
            mark: 'image',
            x: 'x',
            y: 'x',
            color: null,
            title: '',
          },
        ],
        /mark\.jsna\.json is damaged or unsafe: cell 2 \(a chart\) has a chart type/,
      ],
    ];
    for (const [name, cells, message] of cases) {
      await openNotebook(page, name, notebookFile(cells));
      await page.getByRole('status').filter({ hasText: message }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /Nothing was changed\./ })
        .waitFor();
      await expect(page.getByRole('article', { name: / cell \d+$/ }).count()).resolves.toBe(0);
    }
  });

  it('opens inert: text-only tooltips, no remote images, no stray columns, no extensions', async () => {
    const { page } = app;
    await openNotebook(
      page,
      'inert.jsna.json',
      notebookFile([
        {
          id: 't',
          kind: 'markdown',
          source:
            '# Crafted\n\n![count](/?leaked-count=3) ![remote](https://example.org/x.png) [a link](/?x=1)',
        },
        { id: 'q', kind: 'sql', source: LEAKY_SQL },
        {
          id: 'c1',
          kind: 'chart',
          sourceCellId: 'q',
          mark: 'bar',
          x: 'area',
          y: 'people',
          color: 'image',
          title: 'Tooltip bait',
        },
        {
          id: 'c2',
          kind: 'chart',
          sourceCellId: 'q',
          mark: 'bar',
          x: 'area',
          y: 'secret_column',
          color: null,
          title: 'Stray column',
        },
        { id: 'q2', kind: 'sql', source: 'SELECT $$x$$; INSTALL httpfs' },
      ]),
    );
    // With no data files to wait for, the notebook runs at once.
    await readTable(page, /Result of SQL cell 2/);
    await cell(page, 'SQL', 1)
      .getByText(/DuckDB extensions are switched off in this app/)
      .waitFor();

    // Markdown: the images are not loaded; their descriptions say so.
    const text = cell(page, 'Text', 0);
    await text.getByText('[image not loaded: count]').waitFor();
    await text.getByText('[image not loaded: remote]').waitFor();

    // The chart whose tooltip has a column named "image": hover a bar, read the tooltip.
    const chart = page.getByRole('figure', { name: /Tooltip bait/ });
    const bar = chart.locator('.mark-rect path').first();
    await bar.waitFor();
    await bar.hover();
    const tooltip = page.locator('#vg-tooltip-element.visible');
    await tooltip.waitFor();
    await expect(tooltip.innerText()).resolves.toContain('/?leaked-count=3');
    await expect(
      page.locator('#vg-tooltip-element img, #vg-tooltip-element h2').count(),
    ).resolves.toBe(0);

    // The chart naming a column the result does not have says so instead of drawing (its
    // description, which names the figure, and its only mark).
    const stray = page.getByRole('figure', {
      name: /^Stray column: Chart not drawn\. Y axis: the result has no column "secret_column"/,
    });
    await stray
      .locator('svg text')
      .filter({ hasText: /^Chart not drawn\./ })
      .waitFor();

    // No image on the page points anywhere but inline data.
    const images = await page.$$eval('img', (imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
    expect(images.filter((src) => !/^(data|blob):/.test(src))).toEqual([]);
  });

  it('is watched by a harness that fails on a same-origin request for anything but an app file', async () => {
    const base = 'http://127.0.0.1:4174/';
    expect(requestProblem(base, base)).toBeNull();
    expect(requestProblem(`${base}?private`, base)).toBeNull();
    expect(requestProblem(`${base}index.html`, base)).toBeNull();
    expect(requestProblem(`${base}?x=data`, base)).toMatch(/not a file of the app/);
    expect(requestProblem(`${base}some-data-in-path`, base)).toMatch(/not a file of the app/);
    expect(requestProblem('https://example.org/x', base)).toBe('https://example.org/x');
    // And in a real page: a request the CSP allows (same origin) is still recorded.
    const other = await openApp(app.context.browser()!);
    try {
      await other.page.evaluate(() => fetch('./some-data-in-path?count=3').catch(() => null));
      await expect
        .poll(() => other.foreignRequests.join('\n'))
        .toMatch(/not a file of the app: .*\/some-data-in-path\?count=3/);
    } finally {
      await other.close();
    }
  });
});
