/**
 * The report as a JSNA chapter draft (issue 18, item 1): title page, contents, one section per
 * view in the order key finding → chart → short table → method, long tables in Appendix A,
 * and "About this report" last with every checksum and the disclosure rule. Read back through a
 * real HTML parser (jsdom), the way a browser or Word reads it.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { setSanitizerWindow } from '../../../src/lib/export/sanitize.ts';

setSanitizerWindow(new JSDOM('').window);
import { describeRule, SUPPRESSED } from '../../../src/lib/export/disclosure.ts';
import {
  buildReport,
  buildWordHtml,
  reportTitle,
  type ReportInput,
  type ReportTable,
} from '../../../src/lib/export/report.ts';
import { findingOf, keyFinding, sentences } from '../../../src/lib/export/report/keyFinding.ts';
import { shortTable } from '../../../src/lib/export/report/shortTable.ts';
import {
  PUBLISHER_NOT_RECORDED,
  publisherOf,
  SYNTHETIC_PUBLISHER,
} from '../../../src/lib/export/report/publishers.ts';

async function chartSvg(): Promise<string> {
  const spec = compile({
    data: { values: [{ a: 'Peterborough', n: 4.2 }] },
    mark: 'bar',
    encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
  }).spec;
  return new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG();
}

const AREAS = [
  ['Peterborough', 'Focal area'],
  ['England', 'England'],
  ['East of England', 'Region'],
  ...['Luton', 'Southend-on-Sea', 'Thurrock', 'Bedford', 'Central Bedfordshire'].map((a) => [
    a,
    'Comparator',
  ]),
  ...['Cambridgeshire', 'Essex', 'Hertfordshire', 'Norfolk', 'Suffolk'].map((a) => [
    a,
    'Comparator',
  ]),
];

/** A comparison table as the drug deaths view gives it: 13 areas, one missing rate. */
const deathsTable: ReportTable = {
  caption: 'Deaths from drug misuse, Persons, 2019-21: focal area, England, region and comparators',
  columns: [
    { key: 'area_name', label: 'Area' },
    { key: 'role', label: 'Role' },
    { key: 'deaths', label: 'Deaths', numeric: true, decimals: 0 },
    { key: 'dsr', label: 'Rate per 100,000', numeric: true, decimals: 1 },
  ],
  rows: AREAS.map(([area_name, role], i) => ({
    area_name,
    role,
    deaths: i === 5 ? SUPPRESSED : 20 + i,
    dsr: i === 6 ? null : 4 + i / 10,
  })),
};

const trendTable: ReportTable = {
  caption: 'Deaths from drug misuse, Persons: Peterborough over time',
  columns: [
    { key: 'period', label: 'Period' },
    { key: 'dsr', label: 'Rate', numeric: true, decimals: 1 },
  ],
  rows: Array.from({ length: 19 }, (_, i) => ({
    period: `${2001 + i}-${String(3 + i).padStart(2, '0')}`,
    dsr: 4 + i / 10,
  })),
};

const HASH = 'ab'.repeat(32);

async function chapterInput(): Promise<ReportInput> {
  const svg = await chartSvg();
  return {
    title: reportTitle('Untitled notebook', 'Peterborough'),
    area: 'Peterborough (East of England), compared with other upper-tier authorities in its region',
    generatedAt: new Date(Date.UTC(2026, 10, 29, 21, 0)),
    disclosureRule: describeRule(),
    appVersion: '0.1.0',
    dataSources: [
      {
        name: 'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv',
        size: 4096,
        sha256: HASH,
        publisher: publisherOf({ fileName: 'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv' }),
      },
      {
        name: 'synthetic_cjs_treatment.csv',
        size: 10,
        sha256: 'cd'.repeat(32),
        synthetic: true,
        publisher: SYNTHETIC_PUBLISHER,
      },
    ],
    cells: [
      { kind: 'text', html: '<h2>Demo: a needs assessment for Peterborough</h2><p>Intro.</p>' },
      {
        kind: 'view',
        title: 'Drug-related deaths',
        subject: deathsTable.caption,
        finding: keyFinding({
          descriptions: [
            'Line chart of deaths from drug misuse by 3-year period for Peterborough. Peterborough 4.2 per 100,000 in 2019-21, lower than England 5.1 but not significantly different (Similar).',
          ],
          notes: [
            'Trend: Peterborough: 25 deaths, 4.2 per 100,000 in 2019-21; no significant change',
          ],
        }),
        methodNote: 'ONS published age-standardised rates (ESP2013) with 95% CI.',
        notes: [
          '40 rates flagged "u" (low reliability).',
          'Trend: Peterborough: 25 deaths, 4.2 per 100,000 in 2019-21; no significant change',
        ],
        tables: [deathsTable, trendTable],
        charts: [
          { title: 'Deaths from drug misuse: trend', svg, description: 'Falling.' },
          { title: 'Deaths from drug misuse: comparison', svg, description: 'Ranked.' },
        ],
        synthetic: false,
      },
      {
        kind: 'sql',
        sql: '-- Deaths from drug misuse, 2019-21, highest rate first\nSELECT area_name, dsr FROM deaths',
        table: { ...trendTable, caption: 'Result of Cell 3' },
      },
      {
        kind: 'view',
        title: 'Criminal justice system and treatment',
        finding: 'Peterborough: 266 people, most in opiates.',
        methodNote: 'CJS counts as published.',
        notes: [],
        tables: [{ ...deathsTable, caption: 'Adults in treatment referred through the CJS' }],
        charts: [{ title: 'CJS-referred treatment', svg, description: 'Stacked.' }],
        synthetic: true,
        syntheticScope: 'Peterborough 2022/23',
      },
    ],
  };
}

/** Parses the report and returns its document. */
function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

/** Position of a node in document order (for "comes before" checks). */
function position(doc: Document, node: Element | null): number {
  expect(node, 'element exists').not.toBeNull();
  return Array.from(doc.querySelectorAll('*')).indexOf(node!);
}

describe('the report as a JSNA chapter draft', () => {
  it('title page, contents, sections, appendix, then About this report last', async () => {
    const html = buildReport(await chapterInput());
    const doc = parse(html);
    const body = doc.body;
    // Title page: the chapter title (the notebook was untitled), area, date, sources, publishers.
    const h1 = body.querySelector('header.title-page h1');
    expect(h1?.textContent).toBe('Drug and alcohol needs assessment: Peterborough');
    const title = body.querySelector('header.title-page')!.textContent!;
    expect(title).toContain('Area: Peterborough (East of England), compared with');
    expect(title).toContain('Date: 29 November 2026');
    expect(title).toContain(
      'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv: Office for National Statistics (ONS)',
    );
    expect(title).toContain('synthetic_cjs_treatment.csv: Generated training data (SYNTHETIC)');
    expect(title).not.toMatch(/SHA-256|[0-9a-f]{64}|suppress/i);

    // Top-level order: title page, contents, text, sections, appendix, About.
    const h2s = Array.from(body.querySelectorAll('h2')).map((h) => h.textContent);
    expect(h2s).toEqual([
      'Contents',
      '1. Drug-related deaths',
      '2. Deaths from drug misuse, 2019-21, highest rate first',
      '3. Criminal justice system and treatment',
      'Appendix A: full tables',
      'About this report',
    ]);
    expect(body.querySelector('main > section:last-of-type')?.id).toBe('about');

    // Contents: a link to every section, the appendix and About, each pointing at a real id.
    const links = Array.from(body.querySelectorAll('nav.contents a'));
    expect(links.map((a) => a.textContent)).toEqual([
      'Demo: a needs assessment for Peterborough',
      '1. Drug-related deaths',
      '2. Deaths from drug misuse, 2019-21, highest rate first',
      '3. Criminal justice system and treatment',
      'Appendix A: full tables',
      'About this report',
    ]);
    for (const a of links)
      expect(doc.getElementById(a.getAttribute('href')!.slice(1)), a.textContent!).not.toBeNull();

    // Each view section: key finding, then chart, then the short table, then the method note.
    for (const id of ['section-1', 'section-3']) {
      const s = doc.getElementById(id)!;
      const finding = position(doc, s.querySelector('.finding'));
      const chart = position(doc, s.querySelector('figure svg'));
      const table = position(doc, s.querySelector('table'));
      const method = position(doc, s.querySelector('.method'));
      expect(finding).toBeLessThan(chart);
      expect(chart).toBeLessThan(table);
      expect(table).toBeLessThan(method);
      // Every chart before the table.
      const lastChart = Array.from(s.querySelectorAll('figure')).at(-1)!;
      expect(position(doc, lastChart)).toBeLessThan(table);
    }
    // The key finding says what the chart found, then the trend.
    expect(doc.querySelector('#section-1 .finding')?.textContent).toBe(
      'Key finding: Peterborough 4.2 per 100,000 in 2019-21, lower than England 5.1 but not significantly different (Similar). Peterborough: 25 deaths, 4.2 per 100,000 in 2019-21; no significant change.',
    );
    expect(doc.querySelector('#section-1 .method')?.textContent).toContain(
      'ONS published age-standardised rates (ESP2013)',
    );
    expect(doc.querySelector('#section-1 .method')?.textContent).toContain(
      'figures marked * are suppressed',
    );

    // The short table: the focal area, England, the region, then others, 10 rows, linked to A1.
    const short = doc.querySelector('#section-1 table')!;
    const rowNames = Array.from(short.querySelectorAll('tbody tr')).map(
      (tr) => tr.querySelector('th,td')!.textContent,
    );
    expect(rowNames.slice(0, 3)).toEqual(['Peterborough', 'England', 'East of England']);
    expect(rowNames).toHaveLength(10);
    // Its caption says what it keeps, not the full table's caption (that is Table A1's).
    expect(short.querySelector('caption')?.textContent).toBe(
      'Table 1. Summary: Peterborough, England and East of England, then the first other rows (10 of 13 rows)',
    );
    expect(doc.querySelector('#section-2 caption')?.textContent).toBe(
      'Table 2. Summary: the first 10 of 19 rows',
    );
    // The trend sentence is in the key finding, so it is not repeated among the notes; the
    // other notes are.
    const notes = doc.querySelector('#section-1 .notes')!.textContent!;
    expect(notes).not.toContain('no significant change');
    expect(notes).toContain('low reliability');
    // A long synthetic scope is cut short on the page.
    expect(doc.querySelector('#section-3 .synthetic')?.textContent).toContain(
      '(Peterborough 2022/23)',
    );
    const toAppendix = doc.querySelector<HTMLAnchorElement>(
      '#section-1 .table-note a[href="#table-a1"]',
    );
    expect(toAppendix?.textContent).toBe('Table A1 in Appendix A');

    // Appendix A: the full tables (13 and 19 rows), after every section, before About.
    const a1 = doc.getElementById('table-a1')!;
    expect(a1.querySelector('caption')?.textContent).toBe(`Table A1. ${deathsTable.caption}`);
    expect(a1.querySelectorAll('tbody tr')).toHaveLength(13);
    const a2 = doc.getElementById('table-a2')!;
    expect(a2.querySelector('caption')?.textContent).toBe(`Table A2. ${trendTable.caption}`);
    expect(a2.querySelectorAll('tbody tr')).toHaveLength(19);
    expect(position(doc, doc.getElementById('section-3'))).toBeLessThan(
      position(doc, doc.getElementById('appendix-a')),
    );
    expect(position(doc, doc.getElementById('appendix-a'))).toBeLessThan(
      position(doc, doc.getElementById('about')),
    );

    // About this report: the rule, every checksum, provenance, the app's version.
    const about = doc.getElementById('about')!.textContent!;
    expect(about).toContain(describeRule());
    expect(about).toContain(HASH);
    expect(about).toContain('cd'.repeat(32));
    expect(about).toContain('Parts of this report use generated training data');
    expect(about).toContain('jsna-notebook version 0.1.0');
  });

  it('no checksum and no disclosure boilerplate before About this report, and never "null"', async () => {
    const html = buildReport(await chapterInput());
    const about = html.indexOf('<section class="section about" id="about"');
    expect(about).toBeGreaterThan(0);
    const before = html.slice(0, about);
    expect(before).not.toMatch(/[0-9a-f]{64}/i);
    expect(before).not.toContain('SHA-256');
    expect(before).not.toContain(describeRule());
    expect(html.slice(about)).toMatch(/[0-9a-f]{64}/);
    // The missing rate is a blank cell, not "null"; nowhere in the text or markup.
    expect(html).not.toMatch(/\bnull\b/i);
    expect(html).not.toMatch(/\bundefined\b/);
    expect(html).not.toMatch(/\bNaN\b/);
  });

  it('prints each section from a new page, with tables that fit A4', async () => {
    const input = await chapterInput();
    // The CJS table with 10 columns: a wide table.
    const cjs = input.cells[3] as Extract<ReportInput['cells'][number], { kind: 'view' }>;
    const extra = Array.from({ length: 6 }, (_, i) => ({
      key: `g${i}`,
      label: `Group ${i}`,
      numeric: true,
    }));
    cjs.tables = [
      {
        ...cjs.tables[0],
        columns: [...cjs.tables[0].columns, ...extra],
        rows: cjs.tables[0].rows.map((r) => ({ ...r, g0: 1, g1: 2, g2: 3, g3: 4, g4: 5, g5: 6 })),
      },
    ];
    const html = buildReport(input);
    const print = /@media print \{([^]*)\}\s*<\/style>/.exec(html)?.[1] ?? '';
    expect(print).toMatch(/\.contents, \.section \{ break-before: page;/);
    expect(print).toMatch(/table \{ width: 100%; font-size: 8pt; \}/);
    expect(html).toMatch(/th, td \{[^}]*overflow-wrap: break-word;/);
    // Tables with many columns print with fixed columns in smaller type, wrapping anywhere.
    expect(print).toMatch(/table\.wide \{ table-layout: fixed; font-size: 6\.5pt; \}/);
    expect(html).toMatch(/<table class="wide"><caption>Table A4\./);
    expect(html).toMatch(/<table><caption>Table A1\./);
    expect(html).toMatch(/\.chart svg, \.chart img, img \{ max-width: 100%; height: auto; \}/);
    // No fixed width anywhere in the stylesheet wider than the page.
    const styles = /<style>([^]*)<\/style>/.exec(html)![1];
    for (const m of styles.matchAll(/(?:^|[\s;{])(?:min-)?width:\s*([0-9.]+)(px|mm|cm|in|pt)/g))
      expect(`${m[1]}${m[2]}`).toBe('never');
  });

  it('the Word copy: headings, real tables with header cells, charts as PNG with alt text', async () => {
    const input = await chapterInput();
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    for (const cell of input.cells)
      if (cell.kind === 'view')
        for (const c of cell.charts) c.png = { dataUrl: png, width: 640, height: 300 };
    const html = buildWordHtml(input);
    const doc = parse(`<!doctype html><body>${html}</body>`);
    expect(doc.querySelector('h1')?.textContent).toBe(
      'Drug and alcohol needs assessment: Peterborough',
    );
    expect(doc.querySelectorAll('svg')).toHaveLength(0);
    const imgs = Array.from(doc.querySelectorAll('img'));
    expect(imgs).toHaveLength(3);
    for (const img of imgs) {
      expect(img.getAttribute('src')).toBe(png);
      expect(img.getAttribute('alt')).toMatch(/^Deaths from drug misuse|^CJS-referred/);
      expect(img.getAttribute('width')).toBe('640');
    }
    const table = doc.getElementById('table-a1')!.querySelector('table')!;
    expect(table.getAttribute('border')).toBe('1');
    expect(table.querySelectorAll('thead th[scope="col"]')).toHaveLength(4);
    expect(table.querySelectorAll('tbody th[scope="row"]')).toHaveLength(13);
    // A PNG that is not a plain base64 data URL is never written; the chart is named instead.
    (input.cells[1] as { charts: { png?: unknown }[] }).charts[0].png = {
      dataUrl: 'data:image/png;base64,AAAA" onerror="x',
      width: 1,
      height: 1,
    };
    const hostile = buildWordHtml(input);
    expect(hostile).not.toContain('onerror');
    expect(hostile).toContain('[Chart: Deaths from drug misuse&#58; trend&#58; Falling.]');
  });
});

describe('key finding', () => {
  it('drops the sentence that says what the chart draws, and keeps sentences whole', () => {
    expect(
      sentences('Peterborough 4.2 (95% CI 2.7–6.2. Odd). England 5.1. 2 areas not calculated.'),
    ).toEqual([
      'Peterborough 4.2 (95% CI 2.7–6.2. Odd).',
      'England 5.1.',
      '2 areas not calculated.',
    ]);
    expect(
      findingOf(
        'Ranked bar chart of unmet need for treatment (Opiates, 2019/20). Peterborough 51.7%, higher than England 49.6%.',
      ),
    ).toBe('Peterborough 51.7%, higher than England 49.6%.');
    expect(findingOf('Funnel plot of X for 145 areas. Peterborough is outside the limits.')).toBe(
      'Peterborough is outside the limits.',
    );
    // A description written by disclosure control is kept whole.
    expect(findingOf('CJS. Figures under disclosure control: 3 of 40 values are suppressed.')).toBe(
      'CJS. Figures under disclosure control: 3 of 40 values are suppressed.',
    );
  });

  it('adds the trend sentence unless the finding already says it', () => {
    const trend = 'Peterborough: 25 deaths, 4.2 per 100,000 in 2019-21; no significant change';
    expect(
      keyFinding({
        descriptions: [`Line chart of deaths. Peterborough 4.2. ${trend}.`],
        notes: [`Trend: ${trend}`],
      }),
    ).toBe(`Peterborough 4.2. ${trend}.`);
    expect(keyFinding({ descriptions: [], notes: [`Trend: ${trend}`] })).toBe(`${trend}.`);
    expect(keyFinding({ descriptions: [], notes: ['A caveat.'] })).toBe('');
  });
});

describe('figure captions and synthetic labels', () => {
  it('a caption leaves out what the key finding says; the alt text keeps it all', async () => {
    const input = await chapterInput();
    const view = input.cells[1] as Extract<ReportInput['cells'][number], { kind: 'view' }>;
    view.finding = 'Peterborough 4.2, lower than England.';
    view.charts[0].description = 'Line chart of rates. Peterborough 4.2, lower than England.';
    const doc = parse(buildReport(input));
    const figure = doc.querySelector('#section-1 figure')!;
    expect(figure.querySelector('figcaption')?.textContent).toBe('Line chart of rates.');
    expect(figure.querySelector('.chart')?.getAttribute('aria-label')).toBe(
      'Deaths from drug misuse: trend: Line chart of rates. Peterborough 4.2, lower than England.',
    );
  });

  it('a very long synthetic scope is cut at a whole item', async () => {
    const input = await chapterInput();
    const cjs = input.cells[3] as Extract<ReportInput['cells'][number], { kind: 'view' }>;
    cjs.syntheticScope = Array.from({ length: 40 }, (_, i) => `Area ${i} 2019/20, 2020/21`).join(
      '; ',
    );
    const label = parse(buildReport(input)).querySelector('#section-3 .synthetic')!.textContent!;
    expect(label.length).toBeLessThan(400);
    expect(label).toMatch(/Area \d+ 2019\/20, 2020\/21; and other areas and periods\)\.$/);
  });
});

describe('short table', () => {
  it('keeps the focal area, England and the region, then the first other rows', () => {
    const out = shortTable(deathsTable, 'Summary');
    expect(out.trimmed).toBe(true);
    expect(out.table.caption).toBe('Summary');
    expect(out.table.rows.map((r) => r.area_name)).toEqual(AREAS.slice(0, 10).map(([a]) => a));
    // Key rows further down the table are still kept, in the table's order.
    const reordered = {
      ...deathsTable,
      rows: [...deathsTable.rows.slice(3), ...deathsTable.rows.slice(0, 3)],
    };
    const names = shortTable(reordered, 'S').table.rows.map((r) => r.area_name);
    expect(names).toHaveLength(10);
    expect(names.slice(-3)).toEqual(['Peterborough', 'England', 'East of England']);
    expect(shortTable(trendTable, 'S').table.rows).toEqual(trendTable.rows.slice(0, 10));
    expect(shortTable({ ...trendTable, rows: trendTable.rows.slice(0, 4) }, 'S').trimmed).toBe(
      false,
    );
  });
});

describe('report title and publishers', () => {
  it('an untitled notebook gets a chapter title naming the area', () => {
    expect(reportTitle('Untitled notebook', 'Hull')).toBe(
      'Drug and alcohol needs assessment: Hull',
    );
    expect(reportTitle('  ', null)).toBe('Drug and alcohol needs assessment');
    expect(reportTitle('Humber JSNA 2026', 'Hull')).toBe('Humber JSNA 2026');
  });

  it('names the publisher from the known format or the shipped file, never a guess', () => {
    expect(publisherOf({ fileName: 'mine.csv', knownFormat: 'fingertips-export' })).toMatch(
      /^Office for Health Improvement and Disparities/,
    );
    expect(publisherOf({ fileName: 'x.csv', knownFormat: 'ons-mye-5yr-long' })).toBe(
      'Office for National Statistics (ONS)',
    );
    expect(publisherOf({ fileName: 'x.csv', synthetic: true })).toBe(SYNTHETIC_PUBLISHER);
    expect(publisherOf({ fileName: 'x.csv', knownFormat: 'no-such-format' })).toBe(
      PUBLISHER_NOT_RECORDED,
    );
  });
});
