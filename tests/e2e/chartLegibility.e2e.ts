/**
 * Charts legible as drawn in real Chromium (issue 18): the demo's view charts and a chart cell,
 * at a wide window and at 1024 px. Each chart's SVG is read as the browser lays it out (real
 * fonts, real text measurement, the CSS that sizes the chart): every text at least 11 px as
 * displayed, inside the chart's SVG (not clipped), not overlapping another text, and not cut
 * with an ellipsis; a trend chart's plot at least 320 px tall. The unit test
 * tests/unit/views/chartLegibility.test.ts checks the same rules on every chart of the demo in
 * Node, for more focal areas and widths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { cell, cspViolations, launchBrowser, openApp, viewsDone, type AppPage } from './harness';

/** Overlap (px, in both directions at once) allowed between two texts: rounding of glyph boxes. */
const OVERLAP_TOLERANCE = 1;

/** The legibility problems of one drawn chart, in words, and how many texts were checked. */
async function chartProblems(figure: Locator): Promise<{ texts: number; problems: string[] }> {
  return figure.evaluate((fig, tolerance) => {
    const svg = fig.querySelector('svg');
    if (!svg) return { texts: 0, problems: ['no SVG drawn'] };
    const frame = svg.getBoundingClientRect();
    // The SVG may be scaled down by CSS (max-width: 100%): sizes are as displayed.
    const scale = frame.width / svg.width.baseVal.value;
    const shown = (el: Element) => {
      for (let e: Element | null = el; e && e !== svg; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.opacity === '0' || style.display === 'none' || style.visibility === 'hidden')
          return false;
      }
      return true;
    };
    const items: { text: string; rect: DOMRect; size: number }[] = [];
    for (const t of Array.from(svg.querySelectorAll('text'))) {
      if (!shown(t)) continue;
      const lines = Array.from(t.querySelectorAll('tspan'));
      for (const part of lines.length > 0 ? lines : [t]) {
        const text = (part.textContent ?? '').trim();
        if (!text) continue;
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        items.push({ text, rect: part.getBoundingClientRect(), size });
      }
    }
    const problems: string[] = [];
    for (const { text, rect, size } of items) {
      if (size < 11) problems.push(`"${text}" is ${size.toFixed(1)} px`);
      if (
        rect.left < frame.left - 1 ||
        rect.top < frame.top - 1 ||
        rect.right > frame.right + 1 ||
        rect.bottom > frame.bottom + 1
      )
        problems.push(`"${text}" is clipped (outside the chart)`);
      if (text.endsWith('…')) problems.push(`"${text}" is cut with an ellipsis`);
    }
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i].rect;
        const b = items[j].rect;
        const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (ox > tolerance && oy > tolerance)
          problems.push(
            `"${items[i].text}" overlaps "${items[j].text}" by ${ox.toFixed(0)}×${oy.toFixed(0)} px`,
          );
      }
    return { texts: items.length, problems };
  }, OVERLAP_TOLERANCE);
}

/** Every chart of the page, drawn: its accessible name, and its problems. */
async function allChartProblems(page: Page): Promise<{ charts: number; problems: string[] }> {
  const figures = page.locator('figure.chart-area');
  const n = await figures.count();
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    const figure = figures.nth(i);
    await figure.locator('svg').waitFor();
    const name = (await figure.getAttribute('aria-label')) ?? `chart ${i + 1}`;
    const found = await chartProblems(figure);
    expect(found.texts, `${name}: texts drawn`).toBeGreaterThan(3);
    problems.push(...found.problems.map((p) => `${name}: ${p}`));
  }
  return { charts: n, problems };
}

let browser: Browser;
let app: AppPage;
let page: Page;

const started = Date.now();
const step = (what: string) =>
  console.log(`[chart legibility e2e] ${Math.round((Date.now() - started) / 1000)} s: ${what}`);

/** Waits until every chart has been laid out again for its figure's width (after a resize). */
async function chartsFitTheirFigures(): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('figure.chart-area')).every((f) => {
      const svg = f.querySelector('svg');
      return !!svg && Math.abs(svg.width.baseVal.value - f.clientWidth) <= 1;
    }),
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, { viewport: { width: 1400, height: 1000 } });
  page = app.page;
  step('loading the demo');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await viewsDone(page);
  step('views done; adding a chart cell');
  // A chart cell over the demo's SQL cell: area names along the axis.
  await page.getByRole('button', { name: 'Add chart cell' }).last().click();
  const chart = cell(page, 'Chart', 0);
  const source = chart.getByLabel('Data from');
  const sqlCell = await source
    .locator('option', { hasText: /^SQL cell/ })
    .first()
    .textContent();
  await source.selectOption({ label: sqlCell!.trim() });
  await chart.getByLabel('X axis').selectOption('area_name');
  await chart.getByLabel('Y axis').selectOption('published_rate');
  await chart.getByLabel('Chart title').fill('Deaths from drug misuse, 2019-21, highest first');
  await chart.locator('figure svg').waitFor();
  step('chart cell drawn');
});

afterAll(async () => {
  expect(app.foreignRequests).toEqual([]);
  expect(cspViolations(app)).toEqual([]);
  await app?.close();
  await browser?.close();
});

describe.each([
  { window: 'a wide window', viewport: { width: 1400, height: 1000 } },
  { window: 'a 1024 px window', viewport: { width: 1024, height: 768 } },
])('the demo charts in real Chromium, $window', ({ viewport }) => {
  beforeAll(async () => {
    await page.setViewportSize(viewport);
    await chartsFitTheirFigures();
    step(`charts laid out at ${viewport.width} px`);
  });

  it('every chart: text ≥ 11 px as shown, none clipped, overlapping or cut', async () => {
    await expect(page.getByText('The chart could not be drawn').count()).resolves.toBe(0);
    const { charts, problems } = await allChartProblems(page);
    // The four views' charts and the chart cell.
    expect(charts).toBeGreaterThanOrEqual(9);
    expect(problems).toEqual([]);
  });

  it('the drug deaths trend chart is tall enough to read', async () => {
    // The drug deaths view's chart with lines: its trend.
    const trend = cell(page, 'View', 0)
      .locator('figure.chart-area')
      .filter({ has: page.locator('.mark-line') })
      .first();
    const plot = await trend.evaluate((fig) => {
      // The plot is the root group's background rectangle (the axes, title and legend are
      // outside it).
      const svg = fig.querySelector('svg')!;
      const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
      const background = svg.querySelector('g.mark-group.root > g > path.background');
      return background ? (background as SVGGraphicsElement).getBBox().height * scale : 0;
    });
    expect(plot).toBeGreaterThanOrEqual(320);
  });
});
