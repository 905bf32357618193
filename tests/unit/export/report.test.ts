import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { setSanitizerWindow } from '../../../src/lib/export/sanitize.ts';

// The report is built in the browser; in Node, DOMPurify parses with jsdom.
setSanitizerWindow(new JSDOM('').window);
import { applyDisclosure, describeRule } from '../../../src/lib/export/disclosure.ts';
import {
  REPORT_CSP,
  buildReport,
  escapeHtml,
  reportFileName,
  type ReportInput,
  type ReportTable,
} from '../../../src/lib/export/report.ts';
import { realTags } from './tags.ts';

const XSS = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  js: 'javascript:alert(1)',
  breakout: '</table><script>alert(2)</script>',
  svg: '<svg onload="alert(3)"><script>alert(4)</script><foreignObject><body onload="alert(5)"/></foreignObject><a href="javascript:alert(6)"><rect width="1" height="1"/></a></svg>',
};

const cjsTable: ReportTable = {
  caption: 'People in treatment in contact with the CJS, Q2 2020',
  columns: [
    { key: 'group', label: 'Substance group' },
    { key: 'hull', label: 'Hull', numeric: true },
    { key: 'total', label: 'Total', numeric: true },
    { key: 'rate', label: 'Rate per 100,000', numeric: true, decimals: 1 },
  ],
  rows: [
    { group: 'Opiates', hull: 514, total: 1236, rate: 123.456 },
    { group: 'Alcohol', hull: '*', total: 12345678n, rate: null },
  ],
};

async function chartSvg(): Promise<string> {
  const spec = compile({
    data: { values: [{ a: 'Hull', n: 514 }] },
    mark: 'bar',
    encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
  }).spec;
  return new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG();
}

function baseInput(): ReportInput {
  return {
    title: 'Humberside drug and alcohol JSNA',
    generatedAt: new Date(Date.UTC(2026, 10, 25, 18, 30)),
    disclosureRule: describeRule(),
    dataSources: [
      { name: 'cjs_q2_2020.csv', size: 1536, sha256: 'ab'.repeat(32) },
      { name: 'training.csv', size: 10, synthetic: true },
    ],
    cells: [{ kind: 'text', html: '<h1>Summary</h1><p>Opiates dominate.</p>' }],
  };
}

describe('buildReport', () => {
  it('is one self-contained document with the policy, rule, sources and cells in order', async () => {
    const svg = await chartSvg();
    const html = buildReport({
      ...baseInput(),
      cells: [
        { kind: 'text', html: '<h1>Summary</h1><p>Opiates dominate.</p>' },
        { kind: 'sql', sql: "SELECT * FROM cjs WHERE area = 'Hull'", table: cjsTable },
        {
          kind: 'chart',
          title: 'Opiate clients by area',
          svg,
          description: 'Hull has the most.',
          source: 'NDTMS',
          methodNote: 'Counts, Q2 2020.',
        },
        {
          kind: 'view',
          title: 'Drug-related deaths',
          methodNote: 'DSR per 100,000, ESP2013.',
          notes: ['Three-year pooled.'],
          tables: [cjsTable],
          charts: [{ title: 'Trend', svg, description: 'Falling.' }],
          synthetic: true,
        },
      ],
    });
    expect(
      html.startsWith('<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'),
    ).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(
      REPORT_CSP.startsWith("default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
    ).toBe(true);
    expect(html).toContain('<h1>Humberside drug and alcohol JSNA</h1>');
    expect(html).toContain('25 November 2026, 18&#58;30 UTC');
    expect(html).toContain(escapeHtml(describeRule()));
    expect(html).toContain('cjs_q2_2020.csv');
    expect(html).toContain('1.5 KB (1,536 bytes)');
    expect(html).toContain('ab'.repeat(32));
    expect(html).toContain('not recorded');
    // Cells in order.
    const order = [
      '<h2>Summary</h2>',
      'SELECT',
      '>2. Opiate clients by area</h2>',
      '>3. Drug-related deaths</h2>',
    ].map((s) => html.indexOf(s));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    // Tables: caption, scoped headers, en-GB numbers, suppression note.
    expect(html).toContain(
      '<caption>Table 1. People in treatment in contact with the CJS, Q2 2020</caption>',
    );
    expect(html).toContain('<th scope="col" class="num">Hull</th>');
    expect(html).toContain('<th scope="row">Opiates</th>');
    expect(html).toContain('<td class="num">12,<wbr>345,<wbr>678</td>');
    expect(html).toContain('<td class="num">123.5</td>');
    expect(html).toContain('<td class="num">*</td>');
    expect(html).toContain(
      '* Suppressed under <a href="#about-disclosure">the disclosure rule in About this report</a>.',
    );
    // Charts inline with their captions; two copies of the same chart get distinct prefixes.
    expect(html).toContain(
      '<div class="chart" role="img" aria-label="Opiate clients by area&#58; Hull has the most.">',
    );
    expect(html).toContain('<strong>Source:</strong> NDTMS');
    expect(html).toContain('<strong>Method:</strong> Counts, Q2 2020.');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    // SYNTHETIC labelled in the banner, the source list and the view.
    expect((html.match(/<strong>SYNTHETIC<\/strong>/g) ?? []).length).toBe(2);
    expect(html).toContain('<strong class="tag">SYNTHETIC</strong>');
    // A print stylesheet.
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/@media print \{[^]*break-inside: avoid/);
  });

  it('loads nothing from anywhere', async () => {
    const html = buildReport({
      ...baseInput(),
      cells: [
        {
          kind: 'text',
          html: '<p><img src="https://evil/x.png" alt="x"><link rel="stylesheet" href="https://evil/s.css"></p>',
        },
        { kind: 'chart', title: 't', svg: await chartSvg(), description: 'd' },
      ],
    });
    expect(html).not.toMatch(/<(script|link|iframe|object|embed|img|base|form)\b/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/@import/i);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^['"]?#/);
  });

  it('renders hostile titles, markdown, data values, SQL, file names and SVG as inert text', () => {
    const hostileTable: ReportTable = {
      caption: XSS.breakout,
      columns: [
        { key: 'a', label: XSS.img },
        { key: 'b', label: 'b' },
      ],
      rows: [
        { a: XSS.script, b: XSS.breakout },
        { a: XSS.js, b: '"><svg onload=alert(9)>' },
      ],
    };
    const html = buildReport({
      title: XSS.script,
      generatedAt: new Date(Date.UTC(2026, 0, 1)),
      disclosureRule: XSS.img,
      dataSources: [{ name: XSS.breakout, size: 1, sha256: XSS.script }],
      cells: [
        {
          kind: 'text',
          html:
            `<p>${escapeHtml(XSS.script)}</p>${XSS.script}${XSS.img}` +
            `<a href="${XSS.js}">link</a><p onclick="alert(7)">p</p>${XSS.svg}`,
        },
        { kind: 'sql', sql: `SELECT '${XSS.breakout}'`, table: hostileTable },
        {
          kind: 'chart',
          title: XSS.script,
          svg: XSS.svg,
          description: XSS.img,
          source: XSS.js,
          methodNote: XSS.breakout,
          table: hostileTable,
        },
        {
          kind: 'view',
          title: XSS.img,
          methodNote: XSS.script,
          notes: [XSS.js, XSS.breakout],
          tables: [hostileTable],
          charts: [{ title: XSS.js, svg: XSS.svg, description: XSS.script }],
          synthetic: false,
        },
      ],
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<foreignObject|<img/i);
    for (const tag of realTags(html)) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/(src|action)\s*=/i);
      // The only links are the report's own: to places inside it.
      if (/href\s*=/i.test(tag)) expect(tag).toMatch(/^<a href="#[a-z0-9-]+">$/);
    }
    // Still visible, escaped, where it was put.
    expect(html).toContain(`<title>${escapeHtml(XSS.script)}</title>`);
    expect(html).toContain(`<h1>${escapeHtml(XSS.script)}</h1>`);
    expect(html).toContain(`<p>${escapeHtml(XSS.img)}</p>`); // the rule sentence
    expect(html).toContain(`<caption>Table 1. ${escapeHtml(XSS.breakout)}</caption>`);
    expect(html).toContain(`<th scope="col">${escapeHtml(XSS.img)}</th>`);
    expect(html).toContain(`<th scope="row">${escapeHtml(XSS.script)}</th>`);
    expect(html).toContain(`<td>${escapeHtml(XSS.breakout)}</td>`);
    expect(html).toContain(escapeHtml(`SELECT '${XSS.breakout}'`));
    expect(html).toContain(`<li>${escapeHtml(XSS.js)}</li>`);
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).toContain('<a>link</a>');
    // Exactly the tags the report writes: table structure is not broken out of.
    expect((html.match(/<table>/g) ?? []).length).toBe((html.match(/<\/table>/g) ?? []).length);
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
  });

  it('caps very long tables with a note', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ i }));
    const html = buildReport({
      ...baseInput(),
      maxTableRows: 10,
      cells: [
        {
          kind: 'sql',
          sql: 'SELECT i',
          table: { caption: 'c', columns: [{ key: 'i', label: 'i', numeric: true }], rows },
        },
      ],
    });
    // The section's short table (header and 10 rows), the appendix table capped at 10 rows, then
    // the sources' header and rows in About this report.
    expect((html.match(/<tr>/g) ?? []).length).toBe(1 + 10 + 1 + 10 + 1 + 2);
    expect(html).toContain('The first 10 of 30 rows are shown');
    expect(html).toContain('10 of 30 rows shown; full table in Appendix A');
  });

  it('shows a table after disclosure control with its stars', () => {
    const result = applyDisclosure({
      columns: [
        { key: 'area', kind: 'text' },
        { key: 'n', kind: 'count' },
      ],
      rows: [
        { area: 'Hull', n: 3 },
        { area: 'NEL', n: 40 },
      ],
    });
    const html = buildReport({
      ...baseInput(),
      cells: [
        {
          kind: 'sql',
          sql: 'SELECT area, n',
          table: {
            caption: 'Counts',
            columns: [
              { key: 'area', label: 'Area' },
              { key: 'n', label: 'n', numeric: true },
            ],
            rows: result.rows,
          },
        },
      ],
    });
    expect(html).toContain('<tr><th scope="row">Hull</th><td class="num">*</td></tr>');
  });
});

describe('reportFileName', () => {
  it('is a dated slug', () => {
    expect(reportFileName('Hull JSNA: <drugs>', new Date(Date.UTC(2026, 10, 25)))).toBe(
      'hull-jsna-drugs-2026-11-25.html',
    );
  });
});
