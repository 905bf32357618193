/**
 * The report's running numbers and links, shared by every section as the report is written in
 * one pass: section, figure and table numbers, the contents entries, and the full tables that go
 * to Appendix A (each linked from its section and back).
 */
import { escapeHtml } from '../html.ts';
import { renderTable, type ReportTable } from '../reportTable.ts';
import { RULE_ID } from './about.ts';
import { shortCaption, shortTable } from './shortTable.ts';
import type { ReportMode } from './types.ts';

export interface AppendixEntry {
  id: string;
  label: string;
  table: ReportTable;
  sectionId: string;
  sectionTitle: string;
}

export interface ContentsEntry {
  id: string;
  text: string;
}

/** A numbered section's id and its opening markup (heading included, section left open). */
export interface OpenSection {
  id: string;
  html: string;
}

/** The line under a section's method: suppressed figures are marked, with a link to the rule. */
export function suppressionLine(any: boolean): string {
  const rule = `<a href="#${RULE_ID}">rule in About this report</a>`;
  return any
    ? `<p class="method-note"><strong>Disclosure control:</strong> figures marked * are suppressed (${rule}).</p>`
    : `<p class="method-note"><strong>Disclosure control:</strong> no figure in this section needed suppression (${rule}).</p>`;
}

export class ReportWriter {
  private sectionCount = 0;
  private figureCount = 0;
  private tableCount = 0;
  readonly contents: ContentsEntry[] = [];
  readonly appendix: AppendixEntry[] = [];

  constructor(
    readonly mode: ReportMode,
    readonly maxRows: number,
  ) {}

  tableOptions() {
    return { ruleHref: `#${RULE_ID}`, word: this.mode === 'word' };
  }

  nextFigure(): number {
    return ++this.figureCount;
  }

  /** The full table into the appendix; returns the link to it. */
  toAppendix(table: ReportTable, sectionId: string, sectionTitle: string): string {
    const n = this.appendix.length + 1;
    const id = `table-a${n}`;
    const label = `Table A${n}`;
    this.appendix.push({ id, label, table, sectionId, sectionTitle });
    return `<a href="#${id}">${label} in Appendix A</a>`;
  }

  /** The short table in the section, with the full one in the appendix when rows were left out. */
  sectionTable(table: ReportTable, sectionId: string, sectionTitle: string): string {
    const n = ++this.tableCount;
    if (table.rows.length === 0 || table.rows.length <= 10) {
      return renderTable(
        { ...table, caption: `Table ${n}. ${table.caption}` },
        {
          ...this.tableOptions(),
          id: `table-${n}`,
        },
      );
    }
    // The caption names what the summary keeps, not the full table's caption: "Table 2" and
    // "Table A2" would otherwise read as the same table.
    const short = shortTable(table, '');
    const caption = `Table ${n}. ${shortCaption(short, table.rows.length)}`;
    const link = this.toAppendix(table, sectionId, sectionTitle);
    const note = `${short.table.rows.length} of ${table.rows.length.toLocaleString('en-GB')} rows shown; full table in Appendix A: ${link}.`;
    return renderTable(
      { ...short.table, caption },
      {
        ...this.tableOptions(),
        id: `table-${n}`,
        notesHtml: [note],
      },
    );
  }

  /** Opens the next numbered section and lists it in the contents. */
  open(title: string, extraClass: string): OpenSection {
    const n = ++this.sectionCount;
    const id = `section-${n}`;
    const text = `${n}. ${title}`;
    this.contents.push({ id, text });
    return {
      id,
      html: `<section class="section ${extraClass}" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(text)}</h2>`,
    };
  }
}
