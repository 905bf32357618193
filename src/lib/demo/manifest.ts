/**
 * What the build writes beside the demo's pre-built tables (tools/demo/buildDemoTables.ts) and
 * the app reads to show them exactly as a load of the demo's files would: every table with its
 * exact column types and where its Arrow IPC stream is in the data file, and per file what the
 * load and the mapping said (notices, proposal, rows added, checks), its size and SHA-256.
 */
import type { LoadedColumn, LoadNotice } from '../ingest/csv';
import type { ApplyResult, ColumnMapping, Finding, TableProposal } from '../schema';
import type { ViewEnvironmentData } from '../views/context';
import type { ReadyMadeViews } from './readyMade';

/** Bumped when the layout changes: an app never reads a manifest it does not understand. */
export const DEMO_MANIFEST_VERSION = 2;

export interface PrebuiltTable {
  name: string;
  rows: number;
  /** Exact DuckDB types (duckdb_columns().data_type), in column order. */
  columns: { name: string; type: string }[];
  /** The table's Arrow IPC stream: bytes [offset, offset + length) of the data file. */
  offset: number;
  length: number;
}

/** What the mapping step recorded for a file (the data panel's TableMappingStatus reads it). */
export interface PrebuiltMapping {
  fileName: string;
  proposal: TableProposal | null;
  status: 'needs-mapping' | 'applied' | 'failed';
  mapping: ColumnMapping | null;
  result: ApplyResult | null;
  findings: Finding[];
  message: string;
}

export interface PrebuiltFile {
  /** Where it is in the repository (datasets/...). */
  path: string;
  /** The name the app gives it (the data panel shows it; sources record it). */
  fileName: string;
  fileSize: number;
  /** As src/lib/notebook/fingerprint.ts computes it ("sha256:<hex>"). */
  fingerprint: string;
  /** The table the file is (after the mapping's rename when it took a canonical name). */
  table: string;
  rows: number;
  columns: LoadedColumn[];
  notices: LoadNotice[];
  mapping: PrebuiltMapping;
  /** The data panel's status line after this file loaded. */
  status: string;
}

export interface DemoManifest {
  version: number;
  /** The engine that built them (the browser must run the same one). */
  engineVersion: string;
  files: PrebuiltFile[];
  tables: PrebuiltTable[];
  /**
   * What the views' environment reads from these tables (catalog, area directory, provenance),
   * read when they were built: the demo's views start without reading it again.
   */
  environment: ViewEnvironmentData;
  /** Size of the data file, to detect a truncated download. */
  dataBytes: number;
}

/** What the build hands the app: the manifest and the URL of the data file. */
export interface PrebuiltDemo {
  manifest: DemoManifest;
  dataUrl: string;
  /** The demo's views computed over these tables when the app was built (null: not made). */
  views: ReadyMadeViews | null;
}
