/**
 * The report as a JSNA chapter draft (issue 18, item 1), in the real browser on the demo: the
 * downloaded file read as a reader's browser reads it (title page, contents, per view section the
 * key finding before the chart before the short table before the method note, Appendix A, About
 * this report last, no checksum before it, never "null"), printed at A4 width with a page break
 * before each section and no table wider than the page, and the "Copy report for Word" HTML
 * pasted into a contenteditable and read back (headings, a table with the same cells, charts as
 * images with alt text).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { axeViolations, freshAppPerTest, viewsDone, type AppPage } from './harness';
import { inject } from 'vitest';

let app: AppPage;
freshAppPerTest((a) => {
  app = a;
});

async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await viewsDone(page);
}

async function downloadReport(page: Page): Promise<string> {
  const [download] = (await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report (HTML)' }).click(),
  ])) as [Download, void];
  return readFile((await download.path())!, 'utf8');
}

const TITLE = 'Drug and alcohol needs assessment: Peterborough';

describe('the report as a JSNA chapter draft', () => {
  it('title page, contents, finding → chart → table → method per view, appendix, About last', async () => {
    const { page, context } = app;
    await loadDemo(page);
    const text = await downloadReport(page);

    // No checksum and no disclosure boilerplate before About this report; never "null".
    const about = text.indexOf('id="about"');
    expect(about).toBeGreaterThan(0);
    expect(text.slice(0, about)).not.toMatch(/[0-9a-f]{64}/);
    expect(text.slice(0, about)).not.toMatch(/Counts from 1 to 4 are suppressed/);
    expect(text.slice(about)).toMatch(/[0-9a-f]{64}/);
    expect(text).not.toMatch(/\bnull\b/i);

    const report = await context.newPage();
    await report.setContent(text);
    await report.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await report.title()).toBe(TITLE);
    expect(await report.locator('body').innerText()).not.toMatch(/\bnull\b/i);

    const layout = await report.evaluate(() => {
      const all = Array.from(document.querySelectorAll('*'));
      const at = (el: Element | null) => (el ? all.indexOf(el) : -1);
      const titlePage = document.querySelector('header.title-page');
      const contents = document.querySelector('nav.contents');
      const views = Array.from(document.querySelectorAll('main > section.cell-view'));
      const appendix = document.getElementById('appendix-a');
      const aboutSection = document.getElementById('about');
      return {
        titlePageText: titlePage?.textContent ?? '',
        order: [at(titlePage), at(contents), at(views[0] ?? null), at(appendix), at(aboutSection)],
        lastSection: document.querySelector('main > section:last-of-type')?.id,
        contents: Array.from(document.querySelectorAll('nav.contents a')).map((a) => ({
          text: a.textContent,
          target: !!document.getElementById(a.getAttribute('href')!.slice(1)),
        })),
        views: views.map((s) => {
          const figures = Array.from(s.querySelectorAll('figure'));
          return {
            heading: s.querySelector('h2')?.textContent,
            finding: s.querySelector('.finding')?.textContent ?? '',
            finding_at: at(s.querySelector('.finding')),
            first_chart: at(figures[0]?.querySelector('svg') ?? null),
            last_chart: at(figures.at(-1) ?? null),
            table: at(s.querySelector('table')),
            table_rows: s.querySelectorAll('table tbody tr').length,
            appendix_link: s.querySelector('.table-note a[href^="#table-a"]')?.textContent ?? '',
            method: at(s.querySelector('.method')),
          };
        }),
        appendixTables: appendix ? appendix.querySelectorAll('table').length : 0,
      };
    });
    // Title page: title, area, date, sources with their publishers.
    expect(layout.titlePageText).toContain('Area: Peterborough (East of England)');
    expect(layout.titlePageText).toMatch(/Date: \d{1,2} \w+ 20\d\d/);
    expect(layout.titlePageText).toContain(
      'ons_drug_deaths_by_la_3yr_asr_2001_2021.csv: Office for National Statistics (ONS)',
    );
    expect(layout.titlePageText).toContain(
      'synthetic_cjs_treatment.csv: Generated training data (SYNTHETIC)',
    );
    // Title page, contents, the first view, the appendix, About: in that order, About last.
    expect(layout.order.every((n, i) => n >= 0 && (i === 0 || n > layout.order[i - 1]))).toBe(true);
    expect(layout.lastSection).toBe('about');
    expect(layout.contents.every((c) => c.target)).toBe(true);
    expect(layout.contents.map((c) => c.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\d+\. Drug-related deaths$/),
        'Appendix A: full tables',
        'About this report',
      ]),
    );
    expect(layout.contents.at(-1)?.text).toBe('About this report');
    // Every view of the demo (numbered sections, in notebook order), each section in the order
    // finding → chart → table → method.
    expect(layout.views.map((v) => v.heading?.replace(/^\d+\. /, ''))).toEqual([
      'Drug-related deaths',
      'Unmet need for treatment',
      'Criminal justice system and treatment',
      'Compare areas',
    ]);
    expect(layout.views.every((v) => /^\d+\. /.test(v.heading ?? ''))).toBe(true);
    for (const v of layout.views) {
      expect(v.finding, v.heading!).toMatch(/^Key finding: \S/);
      expect(v.finding_at, v.heading!).toBeLessThan(v.first_chart);
      expect(v.first_chart, v.heading!).toBeGreaterThan(0);
      expect(v.last_chart, v.heading!).toBeLessThan(v.table);
      expect(v.table, v.heading!).toBeLessThan(v.method);
      expect(v.table_rows, v.heading!).toBeLessThanOrEqual(12);
    }
    expect(layout.views[0].finding).toContain('Peterborough');
    expect(layout.views[0].appendix_link).toMatch(/^Table A\d+ in Appendix A$/);
    expect(layout.appendixTables).toBeGreaterThanOrEqual(4);

    // The report itself passes axe (WCAG 2.2 A and AA), as the app does.
    expect(await axeViolations(report)).toEqual([]);

    // Printed at A4: a page break before each section, and no table wider than the page.
    await report.emulateMedia({ media: 'print' });
    await report.setViewportSize({ width: 680, height: 960 }); // A4 less 15 mm margins, at 96 dpi
    const print = await report.evaluate(() => {
      const page = document.body.getBoundingClientRect().width;
      return {
        page,
        breaks: Array.from(
          document.querySelectorAll('main > section.cell-view, #appendix-a, #about'),
        ).map((s) => getComputedStyle(s).breakBefore),
        // Cells whose content spills out of them (a number wider than its column).
        spilling: Array.from(document.querySelectorAll('td, th'))
          .filter((c) => c.scrollWidth > c.clientWidth + 1)
          .map((c) => c.textContent),
        widest: Math.max(
          ...Array.from(document.querySelectorAll('table, svg')).map(
            (t) => t.getBoundingClientRect().width,
          ),
        ),
      };
    });
    expect(print.breaks.every((b) => b === 'page')).toBe(true);
    expect(print.widest).toBeLessThanOrEqual(print.page + 1);
    expect(print.spilling).toEqual([]);
    await report.close();
  });

  it('"Copy report for Word" pastes headings, real tables and charts with alt text', async () => {
    const { page, context } = app;
    const origin = new URL(inject('baseUrl')).origin;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await loadDemo(page);
    await page.getByRole('button', { name: 'Copy report for Word' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Copied the report/ })
      .waitFor();
    // What is on the clipboard: HTML, and plain text beside it.
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return {
        types: item.types,
        html: await (await item.getType('text/html')).text(),
      };
    });
    expect(copied.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(copied.html).toContain('<img');
    expect(copied.html).not.toMatch(/<svg|<script/i);

    // Paste it into an editor (a contenteditable in a page of its own) with the keyboard, as a
    // user pastes into Word, and read back what the editor kept.
    const editor = await context.newPage();
    await editor.setContent(
      '<!doctype html><title>Editor</title><div contenteditable="true" role="textbox" aria-label="Document" aria-multiline="true"></div>',
    );
    const box = editor.getByRole('textbox', { name: 'Document' });
    await box.focus();
    await editor.keyboard.press('ControlOrMeta+v');
    await box.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const pasted = await box.evaluate((root) => ({
      headings: Array.from(root.querySelectorAll('h1, h2')).map((h) => h.textContent?.trim()),
      images: Array.from(root.querySelectorAll('img')).map((img) => ({
        alt: img.getAttribute('alt') ?? '',
        png: (img.getAttribute('src') ?? '').startsWith('data:image/png;base64,'),
        loaded: img.complete && img.naturalWidth > 0,
      })),
      tables: root.querySelectorAll('table').length,
      headerCells: root.querySelectorAll('table th').length,
    }));
    expect(pasted.headings).toEqual(
      expect.arrayContaining([
        TITLE,
        'Contents',
        expect.stringMatching(/^\d+\. Drug-related deaths$/),
        'About this report',
      ]),
    );
    expect(pasted.headings.at(-1)).toBe('About this report');
    expect(pasted.images.length).toBeGreaterThanOrEqual(8);
    for (const img of pasted.images) {
      expect(img.alt.length).toBeGreaterThan(20);
      expect(img.png).toBe(true);
    }
    expect(pasted.tables).toBeGreaterThan(4);
    expect(pasted.headerCells).toBeGreaterThan(20);

    // The same cells in the pasted drug deaths table (Appendix A) as in the downloaded report.
    const cellsOf = (p: Page, root: string) =>
      p.evaluate(
        ({ root, caption }) => {
          const table = Array.from(document.querySelectorAll(`${root} table`)).find((t) =>
            new RegExp(caption).test(t.querySelector('caption')?.textContent ?? ''),
          );
          return table
            ? Array.from(table.querySelectorAll('tr')).map((tr) =>
                Array.from(tr.querySelectorAll('th,td')).map((c) => (c.textContent ?? '').trim()),
              )
            : null;
        },
        { root, caption: '^Table A\\d+\\. Deaths from drug misuse, Persons, 2019-21' },
      );
    const pastedTable = await cellsOf(editor, '[contenteditable]');
    const report = await context.newPage();
    await report.setContent(await downloadReport(page));
    const fileTable = await cellsOf(report, 'main');
    expect(fileTable).not.toBeNull();
    expect(fileTable!.length).toBeGreaterThan(10);
    expect(pastedTable).toEqual(fileTable);
    await report.close();
    await editor.close();
  });
});
