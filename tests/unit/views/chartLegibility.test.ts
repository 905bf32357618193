/**
 * Every chart the demo produces is legible at report and screen widths. The demo's files go
 * through the real Node DuckDB-WASM engine (as tests/unit/views/golden/load.ts loads them); every
 * view runs for the demo's focal area and for areas with long names; each chart is drawn
 * headless by Vega at the widths a chart meets (as on screen, and as exported with its source
 * and method note for the report and downloads), plus chart cells over the demo's SQL result.
 * Then Vega's scenegraph is read and a chart fails on:
 *   - any text (mark, axis label or title, legend label or title, chart title or subtitle) under
 *     11 px;
 *   - any text whose bounds leave the chart's canvas (clipped);
 *   - any two texts whose bounds overlap by more than OVERLAP_TOLERANCE px in both directions;
 *   - any text cut with an ellipsis (Vega's `limit` truncation, or a label ending in "…");
 *   - a chart with a line (a trend) whose plot is under 320 px tall.
 *
 * Text measurement. Vega measures text with a canvas; in Node without the optional `canvas`
 * package it falls back to an estimate of 0.8 × font size per character
 * (vega-scenegraph textMetrics.estimateWidth), about 40% wider than real sans-serif text, which
 * would lay the charts out unlike any browser and flag overlaps no reader sees. Vega lets the
 * measurement be replaced (textMetrics.width, as vl-convert does): here each character is
 * measured with the advance widths of DejaVu Sans (and DejaVu Sans Bold for bold text), read
 * from the font files. DejaVu Sans is what `system-ui, sans-serif` resolves to in the Chromium the
 * e2e tests run, and it is wider than Arial, Helvetica, Segoe UI or Roboto, so a chart that
 * passes here has at least as much room on Windows and macOS. Characters outside the table are
 * counted a full em wide. Kerning is ignored (it only narrows text). The e2e test
 * tests/e2e/chartLegibility.e2e.ts checks the same rules on charts drawn in real Chromium.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';
import type { Engine } from '../../../src/lib/engine/types';
import { createNodeEngine } from '../../../src/lib/engine/node';
import {
  buildViewEnvironment,
  resolveViewContext,
  runView,
  viewOptions,
  type ViewId,
  type ViewParams,
} from '../../../src/lib/views';
import { withProvenance } from '../../../src/lib/views/chartExport';
import { chartCellSpec } from '../../../src/lib/notebook/chartCell';
import type { ChartCell } from '../../../src/lib/notebook/model';
import { DEMO_FOCAL_AREA, DEMO_SQL, DEMO_VIEWS } from '../../../src/lib/notebook/demoCells';
import type { Row } from '../../../src/lib/engine/types';
import { loadDemoLikeApp } from './golden/load';

// ---------------------------------------------------------------------------------------------
// Text measurement: DejaVu Sans advance widths (em) for U+0020..U+007E, then a few others.

const DEJAVU = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318,
  0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838,
  0.838, 0.838, 0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295,
  0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685,
  0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635,
  0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634,
  0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];
const DEJAVU_BOLD = [
  0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415,
  0.38, 0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4,
  0.838, 0.838, 0.838, 0.58, 1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372,
  0.372, 0.775, 0.637, 0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103,
  0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678,
  0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595,
  0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838,
];
const OTHERS: Record<string, [number, number]> = {
  '…': [1.0, 1.0],
  '◀': [0.769, 0.769],
  '–': [0.5, 0.5],
  '—': [1.0, 1.0],
  '·': [0.318, 0.38],
  '£': [0.636, 0.696],
  '‘': [0.318, 0.38],
  '’': [0.318, 0.38],
  '“': [0.518, 0.657],
  '”': [0.518, 0.657],
  '≥': [0.838, 0.838],
  '≤': [0.838, 0.838],
  '±': [0.838, 0.838],
};

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
  angle?: number;
  opacity?: number;
  fillOpacity?: number;
  bounds: { x1: number; y1: number; x2: number; y2: number };
}

const fontSizeOf = (item: TextItem) => (item.fontSize != null ? +item.fontSize : 11);
const isBold = (item: TextItem) =>
  item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);

/** The width of one line of text in px, unclipped by any limit. */
function rawWidth(item: TextItem, text: string): number {
  const bold = isBold(item);
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code < 127) em += (bold ? DEJAVU_BOLD : DEJAVU)[code - 32];
    else em += OTHERS[ch]?.[bold ? 1 : 0] ?? 1;
  }
  return em * fontSizeOf(item);
}

// Vega calls this for layout (axis label room, legend widths), bounds and truncation. A text
// longer than its limit is drawn cut to the limit, so that is its width.
(
  vega as unknown as { textMetrics: { width: (item: TextItem, text: string) => number } }
).textMetrics.width = (item, text) => {
  const w = rawWidth(item, text == null ? '' : String(text).trim());
  return item.limit && item.limit > 0 && w > item.limit ? item.limit : w;
};

// ---------------------------------------------------------------------------------------------
// The checks.

/** Overlap (px, in both directions at once) allowed between two texts' bounds: rounding. */
const OVERLAP_TOLERANCE = 1;
/** How far (px) a text may reach past the canvas edge: rounding of Vega's bounds. */
const EDGE_TOLERANCE = 0.5;
const MIN_FONT_SIZE = 11;
const MIN_TREND_PLOT_HEIGHT = 320;
/** DejaVu Sans's ascent and descent (hhea), in em. */
const GLYPH_ASCENT = 0.928;
const GLYPH_DESCENT = 0.236;

interface Found {
  role: string;
  text: string;
  size: number;
  /** Vega's bounds, in canvas coordinates: what must stay inside the canvas. */
  box: { x1: number; y1: number; x2: number; y2: number };
  /** The box a browser gives the glyphs (taller): what must not overlap another text. */
  glyphs: { x1: number; y1: number; x2: number; y2: number };
  item: TextItem;
}

interface SceneMark {
  marktype: string;
  role?: string;
  items?: SceneItem[];
}
interface SceneItem extends TextItem {
  x?: number;
  y?: number;
  items?: SceneMark[];
}

/**
 * A text's box as a browser draws it. Vega bounds a line of text from 0.8 em above its baseline
 * to 0.2 em below; a browser's glyph box runs from the font's ascent to its descent (DejaVu
 * Sans: 0.928 em and 0.236 em), so the box grows by the difference on each side: on top and
 * bottom for level text, on the sides for text turned a quarter.
 */
function glyphBox(item: TextItem) {
  const { x1, y1, x2, y2 } = item.bounds;
  const above = (GLYPH_ASCENT - 0.8) * fontSizeOf(item);
  const below = (GLYPH_DESCENT - 0.2) * fontSizeOf(item);
  const angle = (((item.angle ?? 0) % 360) + 360) % 360;
  if (angle === 270) return { x1: x1 - above, y1, x2: x2 + below, y2 };
  if (angle === 90) return { x1: x1 - below, y1, x2: x2 + above, y2 };
  return { x1, y1: y1 - above, x2, y2: y2 + below };
}

const linesOf = (text: unknown): string[] =>
  (Array.isArray(text) ? text : [text]).map((t) => (t == null ? '' : String(t)));

/** Every visible text of a scenegraph, with its bounds in canvas coordinates. */
function texts(root: SceneMark, origin: [number, number]): Found[] {
  const out: Found[] = [];
  const visit = (mark: SceneMark, dx: number, dy: number) => {
    for (const item of mark.items ?? []) {
      if (mark.marktype === 'group')
        for (const child of item.items ?? []) visit(child, dx + (item.x ?? 0), dy + (item.y ?? 0));
      if (mark.marktype !== 'text') continue;
      const text = linesOf(item.text).join('\n').trim();
      if (!text || item.opacity === 0 || item.fillOpacity === 0) continue;
      const b = item.bounds;
      const g = glyphBox(item);
      out.push({
        role: mark.role ?? 'mark',
        text,
        size: fontSizeOf(item),
        box: { x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy },
        glyphs: { x1: g.x1 + dx, y1: g.y1 + dy, x2: g.x2 + dx, y2: g.y2 + dy },
        item,
      });
    }
  };
  visit(root, origin[0], origin[1]);
  return out;
}

function hasMark(root: SceneMark, marktype: string): boolean {
  if (root.marktype === marktype && (root.items?.length ?? 0) > 0) return true;
  return (root.items ?? []).some((i) => (i.items ?? []).some((m) => hasMark(m, marktype)));
}

const short = (t: string) => JSON.stringify(t.length > 60 ? `${t.slice(0, 57)}...` : t);

/** The legibility problems of one chart drawn at `width` px, in words (none: legible). */
async function problems(spec: TopLevelSpec, width: number, name = ''): Promise<string[]> {
  const sized = {
    ...spec,
    width:
      (spec as { width?: unknown }).width === 'container'
        ? width
        : (spec as { width?: unknown }).width,
  };
  const view = new vega.View(vega.parse(compile(sized as TopLevelSpec).spec), {
    renderer: 'none',
  });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    // LEGIBILITY_SVG_DIR=<folder> keeps each chart's SVG there, to look at.
    if (process.env.LEGIBILITY_SVG_DIR && name)
      writeFileSync(
        path.join(process.env.LEGIBILITY_SVG_DIR, `${name.replace(/[^\w-]+/g, '_')}_${width}.svg`),
        svg,
      );
    const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
    const h = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1]);
    const root = (view.scenegraph() as unknown as { root: SceneMark }).root;
    const found = texts(root, view.origin());
    const out: string[] = [];
    for (const t of found) {
      if (t.size < MIN_FONT_SIZE) out.push(`${t.role} ${short(t.text)} is ${t.size} px`);
      const { x1, y1, x2, y2 } = t.box;
      if (
        x1 < -EDGE_TOLERANCE ||
        y1 < -EDGE_TOLERANCE ||
        x2 > w + EDGE_TOLERANCE ||
        y2 > h + EDGE_TOLERANCE
      )
        out.push(
          `${t.role} ${short(t.text)} is clipped: [${x1.toFixed(0)}, ${y1.toFixed(0)}]–[${x2.toFixed(0)}, ${y2.toFixed(0)}] outside ${w}×${h}`,
        );
      const cut =
        t.text.endsWith('…') ||
        (t.item.limit != null &&
          t.item.limit > 0 &&
          linesOf(t.item.text).some((l) => rawWidth(t.item, l.trim()) > t.item.limit!));
      if (cut) out.push(`${t.role} ${short(t.text)} is cut with an ellipsis`);
    }
    for (let i = 0; i < found.length; i++)
      for (let j = i + 1; j < found.length; j++) {
        const a = found[i].glyphs;
        const b = found[j].glyphs;
        const ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
        const oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (ox > OVERLAP_TOLERANCE && oy > OVERLAP_TOLERANCE)
          out.push(
            `${found[i].role} ${short(found[i].text)} overlaps ${found[j].role} ${short(found[j].text)} by ${ox.toFixed(0)}×${oy.toFixed(0)} px`,
          );
      }
    if (svg.includes('…</text>') || /…<\/tspan>/.test(svg))
      out.push('the drawn SVG has text ending in an ellipsis');
    if (hasMark(root, 'line')) {
      const plot = Number(view.signal('height'));
      if (plot < MIN_TREND_PLOT_HEIGHT)
        out.push(`trend plot is ${plot} px tall (under ${MIN_TREND_PLOT_HEIGHT})`);
    }
    return out;
  } finally {
    view.finalize();
  }
}

// ---------------------------------------------------------------------------------------------
// The demo's charts.

/** Widths a chart meets: 200% zoom on a 1024 px screen, the report (A4 text width), a wide cell. */
const SCREEN_WIDTHS = [480, 640, 1000];
/** Exported charts (downloads and the report) are drawn off screen at the report's width. */
const EXPORT_WIDTH = 640;

/** The demo's focal area, and areas with the longest names (wrapping of titles and labels). */
const FOCAL_AREAS = [DEMO_FOCAL_AREA, 'E06000058', 'E06000010'];

/** Every view the demo offers, with the options that change its charts. */
const VIEW_RUNS: { view: ViewId; options: Record<string, string> }[] = [
  ...DEMO_VIEWS.map((v) => ({ view: v.viewId as ViewId, options: { ...v.options } })),
  { view: 'drug-deaths', options: { source: 'age-banded' } },
  { view: 'drug-deaths', options: { source: 'records' } },
  { view: 'la-comparison', options: { indicator: 'first' } },
  { view: 'treatment-outcomes', options: {} },
];

interface NamedChart {
  name: string;
  spec: TopLevelSpec;
  widths: number[];
}

async function demoCharts(engine: Engine): Promise<NamedChart[]> {
  const env = await buildViewEnvironment(engine);
  const out: NamedChart[] = [];
  for (const focalArea of FOCAL_AREAS) {
    const params: ViewParams = { focalArea, comparator: 'region', latestPeriod: null };
    const deaths = await runView('drug-deaths', resolveViewContext(env, params), {
      source: 'published',
    });
    // As the notebook does: the comparison and the scorecard get the drug-deaths indicators.
    const ctx = resolveViewContext(env, params, deaths.indicators);
    // A view that offers "Trend over time" is drawn with it too (its trend charts).
    const runs: { view: ViewId; options: Record<string, string> }[] = [];
    for (const run of VIEW_RUNS) {
      runs.push(run);
      const offered = await viewOptions(ctx, run.view).catch(() => []);
      if (offered.some((o) => o.key === 'trend'))
        runs.push({ view: run.view, options: { ...run.options, trend: 'on' } });
    }
    for (const { view, options } of runs) {
      const opts = { ...options };
      if (opts.indicator === 'first') {
        const choices = (await viewOptions(ctx, 'la-comparison')).find(
          (o) => o.key === 'indicator',
        )!.choices;
        opts.indicator =
          choices.find((c) => c.value !== 'drug_misuse_deaths_asr')?.value ?? choices[0].value;
      }
      let result;
      try {
        result = await runView(view, ctx, opts);
      } catch (e) {
        // Treatment outcomes has synthetic episodes only for some areas: nothing to draw.
        if (focalArea !== DEMO_FOCAL_AREA && /No treatment episodes/.test(String(e))) continue;
        throw e;
      }
      const label = `${view} ${JSON.stringify(opts)} ${ctx.focalAreaName}`;
      for (const chart of result.charts) {
        out.push({ name: `${label}: ${chart.title}`, spec: chart.spec, widths: SCREEN_WIDTHS });
        out.push({
          name: `${label}: ${chart.title} (exported)`,
          spec: withProvenance(chart.spec, {
            title: chart.title,
            source:
              'derived_england_ltla_utla_region_lookup_2023plus.csv, esp2013_standard_population_19band.csv, derived_canonical_population_la2023_2019_2021.csv, derived_dfe_statistical_neighbours_long_with_ons_codes.csv, ons_drug_deaths_by_la_3yr_asr_2001_2021.csv, synthetic_prevalence.csv',
            methodNote: result.methodNote,
            synthetic: result.synthetic,
          }),
          widths: [EXPORT_WIDTH],
        });
      }
    }
  }
  // Chart cells over the demo's SQL cell: area names along the axis, a line and points.
  const rows = (await engine.query(DEMO_SQL)).toRows() as Row[];
  const cell = (over: Partial<ChartCell>): ChartCell => ({
    id: 'c1',
    kind: 'chart',
    sourceCellId: 's1',
    mark: 'bar',
    x: 'area_name',
    y: 'published_rate',
    color: null,
    title: 'Deaths from drug misuse, 2019-21, highest rate first',
    ...over,
  });
  for (const c of [
    cell({}),
    cell({ mark: 'point', x: 'deaths', color: 'published_flag' }),
    cell({ mark: 'line', title: '' }),
  ]) {
    const spec = chartCellSpec(rows, c);
    out.push({ name: `chart cell ${c.mark} ${c.x}×${c.y}`, spec, widths: SCREEN_WIDTHS });
    out.push({
      name: `chart cell ${c.mark} ${c.x}×${c.y} (exported)`,
      spec: withProvenance(spec, {
        title: c.title || 'Chart cell 3',
        source: 'SQL cell 2 of the notebook "Untitled notebook"',
        methodNote: 'values as returned by the query, not adjusted',
      }),
      widths: [EXPORT_WIDTH],
    });
  }
  return out;
}

describe('chart legibility (every chart of the demo, drawn by Vega)', () => {
  let charts: NamedChart[] = [];
  beforeAll(async () => {
    const engine = await createNodeEngine();
    await loadDemoLikeApp(engine, [
      'datasets/synthetic/treatment_episodes.csv',
      'datasets/synthetic/local_metrics.csv',
    ]);
    charts = await demoCharts(engine);
  }, 600_000);

  it('finds the demo charts (each view, each focal area, and chart cells)', () => {
    expect(charts.length).toBeGreaterThan(40);
    for (const v of ['drug-deaths', 'unmet-need', 'cjs-treatment', 'la-comparison'])
      expect(charts.some((c) => c.name.startsWith(v))).toBe(true);
  });

  it('every chart: text ≥ 11 px, nothing clipped, overlapping or cut, trends ≥ 320 px tall', async () => {
    const failures: string[] = [];
    for (const chart of charts)
      for (const width of chart.widths)
        for (const p of await problems(chart.spec, width, chart.name))
          failures.push(`${chart.name} @${width}px: ${p}`);
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('the checks can fail', () => {
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: [{ a: 'A long area name that goes on and on and on and on', v: 1 }] },
    mark: 'bar',
  };
  it('flags small text, truncated labels, a short trend and clipped titles', async () => {
    const small = await problems(
      {
        ...base,
        width: 300,
        height: 100,
        encoding: {
          y: { field: 'a', type: 'nominal', axis: { labelFontSize: 9, labelLimit: 60 } },
          x: { field: 'v', type: 'quantitative' },
        },
      } as TopLevelSpec,
      300,
    );
    expect(small.join('\n')).toMatch(/is 9 px/);
    expect(small.join('\n')).toMatch(/cut with an ellipsis/);
    const trend = await problems(
      {
        ...base,
        mark: 'line',
        width: 300,
        height: 200,
        autosize: { type: 'fit', contains: 'padding' },
        encoding: {
          x: { field: 'a', type: 'nominal' },
          y: {
            field: 'v',
            type: 'quantitative',
            title: 'A y title far longer than the plot is tall',
          },
        },
      } as TopLevelSpec,
      300,
    );
    expect(trend.join('\n')).toMatch(/trend plot is \d+ px/);
    expect(trend.join('\n')).toMatch(/clipped/);
  });

  it('flags overlapping text', async () => {
    const out = await problems(
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 300,
        height: 100,
        data: { values: [{ t: 'First label' }, { t: 'Second label' }] },
        mark: { type: 'text', x: 50, y: 50, fontSize: 12 },
        encoding: { text: { field: 't' } },
      } as TopLevelSpec,
      300,
    );
    expect(out.join('\n')).toMatch(/overlaps/);
  });
});
