/**
 * What a report is built from: the notebook's cells as the app hands them over (already under
 * disclosure control), the data files and the rule. Shared by every part of the report.
 */
import type { ReportTable } from '../reportTable.ts';

export interface ReportDataSource {
  name: string;
  /** Bytes. */
  size: number;
  sha256?: string;
  /** Generated training data: labelled SYNTHETIC. */
  synthetic?: boolean;
  /** Who published it (publisherOf), shown on the title page. */
  publisher?: string;
}

/** A chart drawn as PNG, for the Word copy (data URL checked before it is written). */
export interface ReportPng {
  dataUrl: string;
  /** CSS pixels (the PNG itself is drawn at twice this). */
  width: number;
  height: number;
}

export interface ReportChart {
  title: string;
  /** SVG markup from vega's renderer (sanitised here). */
  svg: string;
  /** What the chart shows, in words (also its accessible name and the image's alt text). */
  description: string;
  methodNote?: string;
  source?: string;
  /** The same chart as PNG, for the Word copy. */
  png?: ReportPng;
}

export type ReportCell =
  /** Markdown already rendered to HTML by the app; sanitised again here. */
  | { kind: 'text'; html: string }
  | { kind: 'sql'; sql: string; table?: ReportTable; synthetic?: boolean }
  | ({ kind: 'chart'; table?: ReportTable; synthetic?: boolean } & ReportChart)
  | {
      kind: 'view';
      title: string;
      /** What the view's main table is about (its caption), shown under the heading. */
      subject?: string;
      /** The key finding in a sentence or a few (keyFinding). */
      finding?: string;
      methodNote: string;
      notes: string[];
      /** The first is the main table: shortened in the section, in full in Appendix A. */
      tables: ReportTable[];
      charts: ReportChart[];
      synthetic: boolean;
      /** Which areas and periods are synthetic, in words. */
      syntheticScope?: string;
    };

export type ReportCellOf<K extends ReportCell['kind']> = Extract<ReportCell, { kind: K }>;

export interface ReportInput {
  title: string;
  /** The area (or group) the report is about, in words. */
  area?: string;
  generatedAt: Date;
  /** The disclosure rule sentence (describeRule): stated once, in About this report. */
  disclosureRule: string;
  dataSources: ReportDataSource[];
  cells: ReportCell[];
  /** Rows shown per appendix table before a "first N rows" note (default 1,000). */
  maxTableRows?: number;
  /** The app's version, for About this report. */
  appVersion?: string;
}

/** The file (charts as inline SVG) or the Word copy (charts as PNG, tables with borders). */
export type ReportMode = 'file' | 'word';
