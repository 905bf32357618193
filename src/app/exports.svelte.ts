/**
 * Everything that leaves the app as a file goes through here, and through disclosure control:
 * result tables as CSV, and the whole notebook as one HTML report. The rule is on by default and
 * every export states it.
 */
import Papa from 'papaparse';
import {
  buildReport,
  csvCell,
  csvFileName,
  DEFAULT_DISCLOSURE_RULE,
  describeRule,
  reportFileName,
  toCsv,
  type DisclosureRule,
  type ReportCell,
  type ReportTable,
} from '../lib/export';
import {
  discloseDisplayTable,
  sqlResultColumns,
  type DisplayTable,
} from '../lib/export/displayTable';
import type { QueryResult } from '../lib/engine/types';
import { renderMarkdown } from '../lib/notebook/markdown';
import { chartCellSpec, chartRowLimit } from '../lib/notebook/chartCell';
import { withProvenance } from '../lib/views/chartExport';
import { download } from './download';
import { renderSvg } from './vega';
import { notebook } from './notebook.svelte';
import { data } from './data.svelte';

/** Rows of a SQL result that go into the report (the CSV download has them all). */
const REPORT_SQL_ROWS = 200;

class ExportSettings {
  rule = $state<DisclosureRule>({ ...DEFAULT_DISCLOSURE_RULE });
  /** Apply the rule to view tables on screen too (for screen-sharing at a board). */
  onScreen = $state(false);
  message = $state('');

  get sentence(): string {
    return describeRule(this.rule);
  }
}

export const exportSettings = new ExportSettings();

/** CSV text with the rule stated under the table (Excel shows it; the table stays on top). */
function csvWithRule(
  columns: { key: string; label: string }[],
  rows: Record<string, unknown>[],
  synthetic: boolean,
): string {
  const notes = [`Disclosure control: ${exportSettings.sentence}`];
  if (synthetic) notes.unshift('SYNTHETIC: generated training data, not real figures.');
  return (
    toCsv(columns, rows) + '\r\n' + notes.map((n) => '\r\n' + Papa.unparse([[csvCell(n)]])).join('')
  );
}

export function disclosedRows(table: DisplayTable): Record<string, unknown>[] {
  return discloseDisplayTable(table, exportSettings.rule).rows;
}

export function exportViewTableCsv(table: DisplayTable, synthetic: boolean): void {
  const rows = disclosedRows(table);
  const name = csvFileName(`${synthetic ? 'SYNTHETIC ' : ''}${table.caption}`, new Date());
  download(name, csvWithRule(table.columns, rows, synthetic), 'text/csv;charset=utf-8');
  exportSettings.message = `Saved ${name}. ${exportSettings.sentence}`;
}

export function exportSqlResultCsv(result: QueryResult, label: string): void {
  const all = result.toRows();
  const columns = sqlResultColumns(
    all,
    result.columns.map((c) => c.name),
  );
  const rows = disclosedRows({ caption: label, columns, rows: all });
  const name = csvFileName(label, new Date());
  download(name, csvWithRule(columns, rows, false), 'text/csv;charset=utf-8');
  exportSettings.message = `Saved ${name}. ${exportSettings.sentence}`;
}

function reportTable(table: DisplayTable): ReportTable {
  return {
    caption: table.caption,
    columns: table.columns.map((c) => ({
      key: c.key,
      label: c.label,
      numeric: c.numeric ?? (c.format !== undefined && c.format !== 'text'),
      decimals: c.format === 'rate' || c.format === 'percent' ? 1 : undefined,
    })),
    rows: disclosedRows(table),
  };
}

/** The notebook as report cells, in order, with every table under disclosure control. */
async function reportCells(): Promise<ReportCell[]> {
  const cells: ReportCell[] = [];
  for (const [i, cell] of notebook.doc.cells.entries()) {
    const label = `Cell ${i + 1}`;
    if (cell.kind === 'markdown') cells.push({ kind: 'text', html: renderMarkdown(cell.source) });
    else if (cell.kind === 'sql') {
      const result = notebook.resultOf(cell.id);
      if (!result) {
        cells.push({ kind: 'sql', sql: cell.source });
        continue;
      }
      const rows = result.slice(0, REPORT_SQL_ROWS);
      const columns = sqlResultColumns(
        rows,
        result.columns.map((c) => c.name),
      );
      cells.push({
        kind: 'sql',
        sql: cell.source,
        table: reportTable({ caption: `Result of ${label}`, columns, rows }),
      });
    } else if (cell.kind === 'chart') {
      const result = notebook.resultOf(cell.sourceCellId);
      if (!result || !cell.x || !cell.y) continue;
      const all = result.slice(0, chartRowLimit);
      const columns = sqlResultColumns(all, [cell.x, cell.y, ...(cell.color ? [cell.color] : [])]);
      const rows = disclosedRows({ caption: '', columns, rows: all });
      const spec = chartCellSpec(rows as never, cell);
      cells.push({
        kind: 'chart',
        title: cell.title || `Chart (${label})`,
        svg: await renderSvg(spec),
        description: String((spec as { description?: string }).description ?? ''),
        table: reportTable({ caption: `Data drawn in ${label}`, columns, rows: all }),
      });
    } else if (cell.kind === 'view') {
      const run = notebook.viewRuns.get(cell.id);
      if (run?.status !== 'done') continue;
      const r = run.result;
      const charts = [];
      for (const chart of r.charts) {
        const spec = withProvenance(chart.spec, {
          title: chart.title,
          methodNote: r.methodNote,
          synthetic: r.synthetic,
        });
        charts.push({
          title: chart.title,
          svg: await renderSvg(spec),
          description: chart.description,
          methodNote: r.methodNote,
        });
      }
      cells.push({
        kind: 'view',
        title: r.tables[0]?.caption ?? label,
        methodNote: r.methodNote,
        notes: r.notes,
        tables: r.tables.map(reportTable),
        charts,
        synthetic: r.synthetic,
      });
    }
  }
  return cells;
}

export async function exportReport(): Promise<void> {
  exportSettings.message = 'Building the report…';
  try {
    const generatedAt = new Date();
    const html = buildReport({
      title: notebook.doc.title,
      generatedAt,
      disclosureRule: exportSettings.sentence,
      dataSources: data.dataSources().map((s) => ({
        name: s.fileName,
        size: s.size,
        sha256: s.fingerprint.replace(/^sha256(-sampled)?:/, ''),
        synthetic:
          data.tables
            .find((t) => t.name === s.table)
            ?.columns.some((c) => c.name === 'synthetic') ?? false,
      })),
      cells: await reportCells(),
    });
    const name = reportFileName(notebook.doc.title, generatedAt);
    download(name, html, 'text/html;charset=utf-8');
    exportSettings.message = `Saved ${name}. ${exportSettings.sentence}`;
  } catch (e) {
    exportSettings.message = `The report could not be built: ${e instanceof Error ? e.message : String(e)}`;
  }
}
