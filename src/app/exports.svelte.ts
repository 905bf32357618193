/**
 * Everything that leaves the app as a file goes through here, and through disclosure control:
 * result tables as CSV, and the whole notebook as one HTML report. The rule is on by default and
 * every export states it.
 */
import Papa from 'papaparse';
import type { TopLevelSpec } from 'vega-lite';
import {
  buildReport,
  buildWordHtml,
  csvCell,
  csvFileName,
  DEFAULT_DISCLOSURE_RULE,
  describeRule,
  keyFinding,
  publisherOf,
  reportFileName,
  reportTitle,
  toCsv,
  type DisclosureRule,
  type ExportFormat,
  type ReportCell,
  type ReportChart,
  type ReportInput,
  type ReportPng,
  type ReportTable,
} from '../lib/export';
import type { DisplayTable, DisplayTableColumn } from '../lib/export/displayTable';
import { discloseView, discloseViewTable, type DisclosedView } from '../lib/export/viewExport';
import {
  discloseSqlResult,
  describeStructure,
  type DisclosedSqlResult,
} from '../lib/export/sqlExport';
import type { SqlDeclarations } from '../lib/export/sqlStructure';
import type { QueryResult, Row } from '../lib/engine/types';
import type { ViewResult } from '../lib/views/types';
import { renderMarkdown } from '../lib/notebook/markdown';
import { fillTextParameters } from '../lib/notebook/textParameters';
import { VIEWS } from '../lib/views';
import { COMPARATOR_LABELS } from '../lib/domain/areas';
import type { ColumnMapping } from '../lib/schema/mapping';
import { version as APP_VERSION } from '../../package.json';
import { chartCellSpec, chartRowLimit } from '../lib/notebook/chartCell';
import type { ChartCell } from '../lib/notebook/model';
import { withProvenance } from '../lib/views/chartExport';
import { download } from './download';
import { renderPng, renderSvg } from './vega';
import { notebook } from './notebook.svelte';
import { data } from './data.svelte';

/** Rows of a SQL result that go into the report (the CSV download has them all). */
const REPORT_SQL_ROWS = 200;

class ExportSettings {
  rule = $state<DisclosureRule>({ ...DEFAULT_DISCLOSURE_RULE });
  /** Apply the rule to view tables on screen too (for screen-sharing at a board). */
  onScreen = $state(false);
  /** Numbers as stored rather than as shown (20.62015503875969 instead of 20.6). */
  fullPrecision = $state(false);
  message = $state('');

  get sentence(): string {
    return describeRule(this.rule);
  }
}

export const exportSettings = new ExportSettings();

/** CSV text with notes under the table (Excel shows them; the table stays on top). */
function csvWithNotes(
  columns: { key: string; label: string; format?: ExportFormat }[],
  rows: Record<string, unknown>[],
  synthetic: boolean,
  extraNotes: string[] = [],
): string {
  const notes = [`Disclosure control: ${exportSettings.sentence}`, ...extraNotes];
  if (synthetic) notes.unshift('SYNTHETIC: generated training data, not real figures.');
  if (!exportSettings.fullPrecision)
    notes.push(
      'Numbers are rounded as the app shows them (counts whole, rates and percentages to 1 decimal place).',
    );
  return (
    toCsv(columns, rows, { fullPrecision: exportSettings.fullPrecision }) +
    '\r\n' +
    notes.map((n) => '\r\n' + Papa.unparse([[csvCell(n)]])).join('')
  );
}

/** How a view column's numbers are written (as the view shows them). */
export function columnFormat(c: DisplayTableColumn): ExportFormat {
  if (c.format === 'count' || c.format === 'rate' || c.format === 'percent') return c.format;
  return c.numeric ? 'number' : 'text';
}

/** A view table's rows as they may be shown or exported under the current rule. */
export function disclosedRows(table: DisplayTable): Record<string, unknown>[] {
  return discloseViewTable(table, exportSettings.rule).rows;
}

/** Saves a view table as CSV; returns why it was blocked, or null when it was saved. */
export function exportViewTableCsv(table: DisplayTable, synthetic: boolean): string | null {
  const disclosed = discloseViewTable(table, exportSettings.rule);
  if (disclosed.leaks.length > 0) {
    const why = discloseView({ tables: [table], charts: [] }, exportSettings.rule).blocked!;
    exportSettings.message = why;
    return why;
  }
  const name = csvFileName(`${synthetic ? 'SYNTHETIC ' : ''}${table.caption}`, new Date());
  const columns = table.columns.map((c) => ({
    key: c.key,
    label: c.label,
    format: columnFormat(c),
  }));
  download(name, csvWithNotes(columns, disclosed.rows, synthetic), 'text/csv;charset=utf-8');
  exportSettings.message = `Saved ${name}. ${exportSettings.sentence}`;
  return null;
}

/** A view's tables and charts under the one disclosure pipeline (see src/lib/export/README.md). */
export function disclosedView(result: ViewResult): DisclosedView<TopLevelSpec> {
  return discloseView<TopLevelSpec>(result, exportSettings.rule);
}

/** A chart that says it cannot be exported, drawn instead of one whose tables leak. */
export function blockedChartSpec(title: string, why: string): TopLevelSpec {
  return {
    title: { text: title, subtitle: ['Export blocked under disclosure control.'] },
    description: why,
    width: 400,
    height: 40,
    data: { values: [{ t: why.slice(0, 160) }] },
    mark: { type: 'text', align: 'left', x: 0 },
    encoding: { text: { field: 't' } },
  } as TopLevelSpec;
}

/** The rows of a SQL result under its worked-out (or declared) structure. */
export function disclosedSqlResult(
  result: QueryResult,
  rows: Row[],
  label: string,
  declarations: SqlDeclarations = {},
  rule: DisclosureRule = exportSettings.rule,
): DisclosedSqlResult {
  return discloseSqlResult(
    rows as Record<string, unknown>[],
    result.columns.map((c) => ({ name: c.name, type: c.type })),
    declarations,
    rule,
    label,
  );
}

/** Saves a SQL result as CSV; returns why it was blocked, or null when it was saved. */
export function exportSqlResultCsv(
  result: QueryResult,
  label: string,
  declarations: SqlDeclarations = {},
  roundTo5 = false,
): string | null {
  const rule: DisclosureRule = roundTo5
    ? { ...exportSettings.rule, roundTo: 5 }
    : exportSettings.rule;
  const out = disclosedSqlResult(result, result.toRows(), label, declarations, rule);
  if (out.blocked) {
    exportSettings.message = out.blocked;
    return out.blocked;
  }
  const columns = out.structure.columns.map((c) => ({
    key: c.key,
    label: c.key,
    format: c.format,
  }));
  const notes = [
    ...describeStructure(out.structure),
    ...out.structure.uncertain.map((u) => `Structure not fully known: ${u}`),
    ...(rule.roundTo === 5 && exportSettings.rule.roundTo !== 5
      ? ['Counts rounded to the nearest 5.']
      : []),
  ];
  const name = csvFileName(label, new Date());
  download(name, csvWithNotes(columns, out.rows, false, notes), 'text/csv;charset=utf-8');
  exportSettings.message = `Saved ${name}. ${exportSettings.sentence}`;
  return null;
}

/** Why a chart cell may not be downloaded (its rows would disclose), or null when it may. */
export function chartCellDownloadBlocked(cell: ChartCell, result: QueryResult): string | null {
  return disclosedSqlResult(result, result.slice(0, chartRowLimit), cell.title || 'the chart')
    .blocked;
}

/** A chart cell's spec drawn from its SQL result under disclosure control (for downloads). */
export function disclosedChartCellSpec(cell: ChartCell, result: QueryResult): TopLevelSpec {
  const all = result.slice(0, chartRowLimit);
  const out = disclosedSqlResult(result, all, cell.title || 'the chart');
  if (out.blocked) return blockedChartSpec(cell.title || 'Chart', out.blocked);
  // Hidden values become gaps (null), never their value.
  const rows = out.rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '*' ? null : v])),
  ) as Row[];
  return chartCellSpec(rows, cell);
}

function reportTable(table: DisplayTable, rows: Record<string, unknown>[]): ReportTable {
  return {
    caption: table.caption,
    columns: table.columns.map((c) => ({
      key: c.key,
      label: c.label,
      numeric: c.numeric ?? (c.format !== undefined && c.format !== 'text'),
      decimals:
        c.format === 'rate' || c.format === 'percent' ? 1 : c.format === 'count' ? 0 : undefined,
    })),
    rows,
  };
}

function sqlReportTable(caption: string, out: DisclosedSqlResult): ReportTable {
  return {
    caption,
    columns: out.structure.columns.map((c) => ({
      key: c.key,
      label: c.key,
      numeric: c.format !== 'text',
      decimals:
        c.format === 'rate' || c.format === 'percent' ? 1 : c.format === 'count' ? 0 : undefined,
    })),
    rows: out.rows,
  };
}

/** Thrown when something in the notebook would leak: the report is not built. */
class ExportBlocked extends Error {}

/** A chart as PNG for the Word copy: a data URL and its size in CSS pixels (drawn at 2×). */
async function chartPng(spec: TopLevelSpec): Promise<ReportPng | undefined> {
  try {
    const blob = await renderPng(spec);
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('The chart could not be read.'));
      reader.readAsDataURL(blob);
    });
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width / 2, height: bitmap.height / 2 };
    bitmap.close();
    return { dataUrl, ...size };
  } catch {
    return undefined; // the copy then names the chart in words
  }
}

/** One chart of the report: SVG for the file, and PNG too for the Word copy. */
async function reportChart(
  spec: TopLevelSpec,
  chart: Omit<ReportChart, 'svg' | 'png'>,
  withPng: boolean,
): Promise<ReportChart> {
  return {
    ...chart,
    svg: await renderSvg(spec),
    ...(withPng ? { png: await chartPng(spec) } : {}),
  };
}

/**
 * A view's key finding from the chart descriptions disclosure control kept as the view wrote
 * them. A description it rewrote (the chart has hidden values, or shows rows with hidden cells)
 * is a list of values, not a finding, and the view's own words came from unsuppressed figures.
 */
function viewFinding(r: ViewResult, disclosed: DisclosedView<TopLevelSpec>): string {
  const kept = disclosed.charts
    .filter((c, i) => c.description === r.charts[i]?.description)
    .map((c) => c.description);
  const finding = keyFinding({ descriptions: kept, notes: kept.length ? r.notes : [] });
  return (
    finding ||
    'Some figures in this section are suppressed under disclosure control, so the summary the view writes from its unsuppressed figures is left out: the charts and tables show what may be published.'
  );
}

/** The notebook as report cells, in order, with every table and chart under disclosure control. */
async function reportCells(withPng = false): Promise<ReportCell[]> {
  const cells: ReportCell[] = [];
  for (const [i, cell] of notebook.doc.cells.entries()) {
    const label = `Cell ${i + 1}`;
    if (cell.kind === 'markdown')
      cells.push({
        kind: 'text',
        html: renderMarkdown(fillTextParameters(cell.source, notebook.textParameters())),
      });
    else if (cell.kind === 'sql') {
      const result = notebook.resultOf(cell.id);
      if (!result) {
        cells.push({ kind: 'sql', sql: cell.source });
        continue;
      }
      const out = disclosedSqlResult(
        result,
        result.slice(0, REPORT_SQL_ROWS),
        `Result of ${label}`,
      );
      if (out.blocked) throw new ExportBlocked(out.blocked);
      cells.push({
        kind: 'sql',
        sql: cell.source,
        table: sqlReportTable(`Result of ${label}`, out),
      });
    } else if (cell.kind === 'chart') {
      const result = notebook.resultOf(cell.sourceCellId);
      if (!result || !cell.x || !cell.y) continue;
      const all = result.slice(0, chartRowLimit);
      const out = disclosedSqlResult(result, all, `Data drawn in ${label}`);
      if (out.blocked) throw new ExportBlocked(out.blocked);
      const spec = disclosedChartCellSpec(cell, result);
      const keep = [cell.x, cell.y, ...(cell.color ? [cell.color] : [])];
      const chart = await reportChart(
        spec,
        {
          title: cell.title || `Chart (${label})`,
          description: String((spec as { description?: string }).description ?? ''),
        },
        withPng,
      );
      cells.push({
        kind: 'chart',
        ...chart,
        table: {
          ...sqlReportTable(`Data drawn in ${label}`, out),
          columns: sqlReportTable('', out).columns.filter((c) => keep.includes(c.key)),
        },
      });
    } else if (cell.kind === 'view') {
      const run = notebook.viewRuns.get(cell.id);
      if (run?.status !== 'done') continue;
      const r = run.result;
      const disclosed = disclosedView(r);
      if (disclosed.blocked) throw new ExportBlocked(disclosed.blocked);
      const charts: ReportChart[] = [];
      for (const chart of disclosed.charts) {
        const spec = withProvenance(chart.spec, {
          title: chart.title,
          methodNote: r.methodNote,
          synthetic: r.synthetic,
        });
        charts.push(
          await reportChart(
            spec,
            { title: chart.title, description: chart.description, methodNote: r.methodNote },
            withPng,
          ),
        );
      }
      cells.push({
        kind: 'view',
        title: VIEWS[cell.viewId]?.title ?? r.tables[0]?.caption ?? label,
        subject: r.tables[0]?.caption,
        finding: viewFinding(r, disclosed),
        methodNote: r.methodNote,
        notes: r.notes,
        tables: disclosed.tables.map((t) => reportTable(t.table, t.rows)),
        charts,
        synthetic: r.synthetic,
        syntheticScope: r.syntheticScope,
      });
    }
  }
  return cells;
}

/** The focal area in words for the title page: "Peterborough (East of England), compared with …". */
function reportArea(): { name: string | null; text: string | undefined } {
  const p = notebook.doc.parameters;
  if (!p.focalArea) return { name: null, text: undefined };
  const area = data.upperTierAreas.find((a) => a.code === p.focalArea);
  const name = area?.name ?? p.focalArea;
  const comparators =
    p.comparator === 'custom'
      ? 'compared with a chosen list of areas'
      : `compared with ${COMPARATOR_LABELS[p.comparator].replace(/^./, (c) => c.toLowerCase())}`;
  return {
    name,
    text: `${name}${area?.regionName ? ` (${area.regionName})` : ''}, ${comparators}`,
  };
}

/** Everything the report says, under disclosure control (throws ExportBlocked when it leaks). */
async function reportInput(generatedAt: Date, withPng: boolean): Promise<ReportInput> {
  const area = reportArea();
  return {
    title: reportTitle(notebook.doc.title, area.name),
    area: area.text,
    generatedAt,
    disclosureRule: exportSettings.sentence,
    appVersion: APP_VERSION,
    dataSources: data.dataSources().map((s) => {
      const synthetic =
        data.tables.find((t) => t.name === s.table)?.columns.some((c) => c.name === 'synthetic') ??
        false;
      const mapping = notebook.savedMapping(s.table) as Partial<ColumnMapping> | null;
      return {
        name: s.fileName,
        size: s.size,
        sha256: s.fingerprint.replace(/^sha256(-sampled)?:/, ''),
        synthetic,
        publisher: publisherOf({
          fileName: s.fileName,
          knownFormat: typeof mapping?.knownFormat === 'string' ? mapping.knownFormat : null,
          synthetic,
        }),
      };
    }),
    cells: await reportCells(withPng),
  };
}

function failure(e: unknown): string {
  return e instanceof ExportBlocked
    ? e.message
    : `it could not be built: ${e instanceof Error ? e.message : String(e)}`;
}

export async function exportReport(): Promise<void> {
  exportSettings.message = 'Building the report…';
  try {
    const generatedAt = new Date();
    const input = await reportInput(generatedAt, false);
    const html = buildReport(input);
    const name = reportFileName(input.title, generatedAt);
    download(name, html, 'text/html;charset=utf-8');
    exportSettings.message = `Saved ${name}. ${exportSettings.sentence}`;
  } catch (e) {
    exportSettings.message =
      e instanceof ExportBlocked
        ? `The report was not saved. ${e.message}`
        : `The report could not be built: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * "Copy for Word": the report as HTML on the clipboard (charts as PNG with alt text, tables as
 * real tables), with a plain-text version beside it. Falls back to the browser's copy command
 * where the asynchronous clipboard cannot write HTML.
 */
export async function copyReportForWord(): Promise<void> {
  exportSettings.message = 'Preparing the report for Word…';
  try {
    const input = await reportInput(new Date(), true);
    const html = buildWordHtml(input);
    const plain = new DOMParser().parseFromString(html, 'text/html').body.innerText ?? '';
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([plain], { type: 'text/plain' }),
        }),
      ]);
    } else {
      copyWithCommand(html, plain);
    }
    exportSettings.message = `Copied the report "${input.title}": paste it into Word or another editor. ${exportSettings.sentence}`;
  } catch (e) {
    exportSettings.message = `The report was not copied: ${failure(e)}`;
  }
}

/** The older copy path: the browser copies what the copy event is given. */
function copyWithCommand(html: string, plain: string): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/html', html);
    event.clipboardData?.setData('text/plain', plain);
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    if (!document.execCommand('copy')) throw new Error('the browser refused to copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}
