import type { Table, Field } from 'apache-arrow';
import { Type } from 'apache-arrow';
import type { CellValue, ColumnInfo, QueryResult, Row } from './types';

/**
 * Wraps an Arrow table as a QueryResult. Values are converted only when a slice is read,
 * so a large result (a million-row SELECT) stays a compact Arrow table until paged.
 */
export function arrowToResult(table: Table): QueryResult {
  const fields = table.schema.fields;
  const columns: ColumnInfo[] = fields.map((f) => ({ name: f.name, type: describeType(f) }));
  const converters = fields.map(converterFor);
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const numRows = table.numRows;

  function slice(offset: number, limit: number): Row[] {
    const end = Math.min(numRows, offset + limit);
    const rows: Row[] = [];
    for (let r = Math.max(0, offset); r < end; r++) {
      const row: Row = {};
      for (let c = 0; c < fields.length; c++) {
        row[fields[c].name] = converters[c](vectors[c]?.get(r));
      }
      rows.push(row);
    }
    return rows;
  }
  return { columns, numRows, slice, toRows: () => slice(0, numRows) };
}

/** A readable type name ("INTEGER", "VARCHAR"...) in DuckDB's own words where we can. */
function describeType(field: Field): string {
  switch (field.typeId) {
    case Type.Int:
      return (field.type as { bitWidth: number }).bitWidth > 32 ? 'BIGINT' : 'INTEGER';
    case Type.Float:
      return 'DOUBLE';
    case Type.Decimal:
      return 'DECIMAL';
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'VARCHAR';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Date:
      return 'DATE';
    case Type.Timestamp:
      return 'TIMESTAMP';
    case Type.Time:
      return 'TIME';
    default:
      return String(field.type);
  }
}

type Converter = (v: unknown) => CellValue;

function converterFor(field: Field): Converter {
  switch (field.typeId) {
    case Type.Date:
      return (v) => (v == null ? null : isoDate(v));
    case Type.Timestamp:
      return (v) => (v == null ? null : isoDateTime(v));
    default:
      return plainCellValue;
  }
}

/** A value as the app shows it: BigInt as number, structs and lists as JSON text. */
export function plainCellValue(v: unknown): CellValue {
  if (v == null) return null;
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
    case 'string':
    case 'boolean':
      return v;
    default:
      // Structs, lists, intervals: show as text rather than an opaque object.
      return v instanceof Date ? v.toISOString() : JSON.stringify(v, bigintReplacer);
  }
}

function bigintReplacer(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

function toMillis(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  return Number(v);
}

function isoDate(v: unknown): string {
  return new Date(toMillis(v)).toISOString().slice(0, 10);
}

function isoDateTime(v: unknown): string {
  return new Date(toMillis(v))
    .toISOString()
    .replace('T', ' ')
    .replace(/\.000Z$|Z$/, '');
}
