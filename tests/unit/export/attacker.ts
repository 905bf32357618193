/**
 * An attacker who does not trust the views' declarations, for the brute-force tests: given a
 * view table as exported (disclosed, unrounded) and the figures behind it, find every suppressed
 * cell that can still be worked out, and every small count that is shown outright.
 *
 * The equations are found in the data, not read from the declarations (those are added too,
 * since a reader knows them from the table's layout):
 * - within a row: any set of integer columns that adds up to another on every row;
 * - across rows: England (or a region) equal, column by column, to the sum of the areas shown
 *   (of that region), among rows that share their other labels (substance, period, measure);
 * - over time: a 3-year pooled period equal to the sum of its single years, when both are shown.
 * Besides the sums: a rate or percentage shown beside a hidden count, a percentage that gives a
 * small count back from the denominator shown beside it, and a small count shown at all.
 */
import { auditEquations } from '../../../src/lib/export/disclosureLeaks';
import {
  SUPPRESSED,
  tableEquations,
  type CellRef,
  type TableEquation,
} from '../../../src/lib/export/disclosure';
import { numericValue } from '../../../src/lib/export/disclosureTable';
import {
  disclosureKind,
  disclosureTableOf,
  type DisplayTable,
} from '../../../src/lib/export/displayTable';

export interface Finding {
  row: number;
  key: string;
  value: number;
  how: string;
}

const AREA_KEYS = new Set(['area_name', 'area_code', 'role', 'name']);
const ENGLAND = 'E92000001';

/** Row labels other than the area: rows that share them can be summed together. */
export function labelKeys(table: DisplayTable): string[] {
  return table.columns
    .filter((c, i) => disclosureKind(c, i) === 'text' && !AREA_KEYS.has(c.key))
    .map((c) => c.key);
}

export function rowLabel(table: DisplayTable, row: number, keys = labelKeys(table)): string {
  return rowLabelOf(table.rows[row] ?? {}, keys);
}

export function rowLabelOf(r: Record<string, unknown>, keys: string[]): string {
  return keys.map((k) => `${k}=${String(r[k] ?? '')}`).join('|');
}

const num = (v: unknown): number => numericValue(v);
const isInt = (v: number): boolean => Number.isFinite(v) && Math.abs(v - Math.round(v)) < 1e-9;
const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Integer columns a reader could add up (counts, totals, and whole-number figures). */
function integerKeys(table: DisplayTable): string[] {
  return table.columns
    .filter((c, i) => {
      const kind = disclosureKind(c, i);
      if (kind === 'text' || kind === 'derived') return false;
      const values = table.rows.map((r) => num(r[c.key])).filter(Number.isFinite);
      return values.length > 0 && values.every(isInt);
    })
    .map((c) => c.key);
}

/** Sets of columns that add up to another column on every row (at least two rows). */
function rowEquationsFound(table: DisplayTable): TableEquation[] {
  const keys = integerKeys(table).slice(0, 12);
  const out: TableEquation[] = [];
  if (table.rows.length < 2) return out;
  for (const total of keys) {
    const others = keys.filter((k) => k !== total);
    for (let mask = 1; mask < 1 << others.length; mask++) {
      const parts = others.filter((_, i) => mask & (1 << i));
      if (parts.length < 2) continue;
      let rows = 0;
      let holds = true;
      for (const r of table.rows) {
        const t = num(r[total]);
        const ps = parts.map((p) => num(r[p]));
        if (!Number.isFinite(t) || ps.some((p) => !Number.isFinite(p))) continue;
        if (
          !close(
            ps.reduce((a, b) => a + b, 0),
            t,
          )
        ) {
          holds = false;
          break;
        }
        if (ps.filter((p) => p !== 0).length >= 2) rows++;
      }
      if (!holds || rows === 0) continue;
      table.rows.forEach((_, row) =>
        out.push({
          parts: parts.map((key) => ({ row, key })),
          total: { row, key: total },
          label: `row ${row + 1}: ${parts.join(' + ')} = ${total}`,
        }),
      );
    }
  }
  return out;
}

/** England or a region equal to the sum of the areas shown (of that region), per column. */
function areaSumsFound(
  table: DisplayTable,
  regionOf: (code: string) => string | null,
): TableEquation[] {
  const keys = integerKeys(table);
  const labels = labelKeys(table);
  const groups = new Map<string, number[]>();
  table.rows.forEach((_, row) => {
    const k = rowLabel(table, row, labels);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  });
  const out: TableEquation[] = [];
  const code = (row: number): string => String(table.rows[row].area_code ?? '');
  const isRegion = (c: string): boolean => c.startsWith('E12');
  for (const rows of groups.values()) {
    const areas = rows.filter((r) => code(r) && code(r) !== ENGLAND && !isRegion(code(r)));
    for (const agg of rows) {
      const c = code(agg);
      if (c !== ENGLAND && !isRegion(c)) continue;
      const parts = c === ENGLAND ? areas : areas.filter((r) => regionOf(code(r)) === c);
      if (parts.length < 2) continue;
      for (const key of keys) {
        const values = parts.map((r) => num(table.rows[r][key]));
        const t = num(table.rows[agg][key]);
        if (!Number.isFinite(t) || values.some((v) => !Number.isFinite(v))) continue;
        if (
          !close(
            values.reduce((a, b) => a + b, 0),
            t,
          )
        )
          continue;
        out.push({
          parts: parts.map((row) => ({ row, key })),
          total: { row: agg, key },
          label: `${String(table.rows[agg].area_name)} = the areas shown, ${key}`,
        });
      }
    }
  }
  return out;
}

/** A pooled period (2019-21) equal to the sum of its single years (2019, 2020, 2021) shown. */
function pooledPeriodsFound(table: DisplayTable): TableEquation[] {
  if (!table.columns.some((c) => c.key === 'period')) return [];
  const keys = integerKeys(table);
  const other = labelKeys(table).filter((k) => k !== 'period');
  const out: TableEquation[] = [];
  const at = new Map<string, number>();
  table.rows.forEach((r, row) =>
    at.set(`${String(r.area_code ?? '')}|${rowLabel(table, row, other)}|${String(r.period)}`, row),
  );
  table.rows.forEach((r, row) => {
    const m = /^(\d{4})-(\d{2})$/.exec(String(r.period));
    if (!m) return;
    const first = Number(m[1]);
    const base = `${String(r.area_code ?? '')}|${rowLabel(table, row, other)}|`;
    const years = [first, first + 1, first + 2].map((y) => at.get(`${base}${y}`));
    if (years.some((y) => y === undefined)) return;
    for (const key of keys) {
      const parts = years.map((y) => num(table.rows[y!][key]));
      if (parts.some((p) => !Number.isFinite(p)) || !Number.isFinite(num(r[key]))) continue;
      if (
        !close(
          parts.reduce((a, b) => a + b, 0),
          num(r[key]),
        )
      )
        continue;
      out.push({
        parts: years.map((y) => ({ row: y!, key })),
        total: { row, key },
        label: `${String(r.period)} = its single years, ${key}`,
      });
    }
  });
  return out;
}

/** Every equation a reader can find or read in the table. */
export function equationsFound(
  table: DisplayTable,
  regionOf: (code: string) => string | null,
): TableEquation[] {
  return [
    ...tableEquations(disclosureTableOf(table)),
    ...rowEquationsFound(table),
    ...areaSumsFound(table, regionOf),
    ...pooledPeriodsFound(table),
  ];
}

/** Per 100,000 or per cent: how a rate column turns back into a count with its denominator. */
function perUnit(table: DisplayTable, key: string): number | null {
  const col = table.columns.find((c) => c.key === key)!;
  if (col.format === 'percent') return 100;
  // Only crude rates are a count over a denominator; age-standardised rates are not.
  if (/^crude$/.test(key)) return 100_000;
  return null;
}

export function attackTable(
  table: DisplayTable,
  disclosed: Record<string, unknown>[],
  threshold: number,
  regionOf: (code: string) => string | null,
): Finding[] {
  const findings: Finding[] = [];
  const hidden = (row: number, key: string): boolean => disclosed[row]?.[key] === SUPPRESSED;
  const shown = (row: number, key: string): number =>
    hidden(row, key) ? NaN : num(disclosed[row]?.[key]);

  // 1. Sums.
  const leaks = auditEquations(equationsFound(table, regionOf), {
    unknown: (c: CellRef) =>
      hidden(c.row, c.key) || !Number.isFinite(num(disclosed[c.row]?.[c.key])),
    suppressed: (c: CellRef) => hidden(c.row, c.key),
    value: (c: CellRef) => num(disclosed[c.row]?.[c.key]),
  });
  for (const l of leaks) findings.push({ row: l.row, key: l.key, value: l.value, how: l.via });

  const kinds = new Map(table.columns.map((c, i) => [c.key, disclosureKind(c, i)]));
  const counts = table.columns.filter((c) => ['count', 'total'].includes(kinds.get(c.key)!));
  table.rows.forEach((r, row) => {
    // 2. A small count shown (a count column, or the value of a line whose unit is a count).
    for (const c of counts) {
      const v = shown(row, c.key);
      if (isInt(v) && v >= 1 && v < threshold)
        findings.push({ row, key: c.key, value: v, how: 'a small count shown' });
    }
    if (r.unit === 'count') {
      const v = shown(row, 'value');
      if (isInt(v) && v >= 1 && v < threshold)
        findings.push({ row, key: 'value', value: v, how: 'a small count shown as the value' });
    }
    // 3. A rate or percentage shown beside a count hidden in its row.
    const hiddenCounts = counts.filter((c) => hidden(row, c.key)).map((c) => c.key);
    for (const c of table.columns) {
      if (c.format !== 'rate' && c.format !== 'percent') continue;
      if (kinds.get(c.key) === 'other') continue;
      const from = c.derivedFrom ?? hiddenCounts;
      if (hiddenCounts.length === 0 || !from.some((k) => hiddenCounts.includes(k))) continue;
      const v = shown(row, c.key);
      if (Number.isFinite(v))
        findings.push({ row, key: c.key, value: v, how: 'a rate shown beside a hidden count' });
    }
    // 4. A percentage (or crude rate) times a denominator shown beside it is a small count.
    // A percentage computed only from cells shown (its declared count and denominator) tells
    // nothing they do not: a product that happens to be whole is then no finding.
    for (const c of table.columns) {
      const per = perUnit(table, c.key);
      const p = shown(row, c.key);
      if (per === null || !Number.isFinite(p) || p <= 0) continue;
      if (c.derivedFrom?.every((k) => Number.isFinite(shown(row, k)))) continue;
      for (const d of counts) {
        const n = shown(row, d.key);
        if (!Number.isFinite(n) || n <= 0) continue;
        const k = (p * n) / per;
        if (Math.round(k) >= 1 && Math.round(k) < threshold && Math.abs(k - Math.round(k)) < 1e-6)
          findings.push({
            row,
            key: c.key,
            value: Math.round(k),
            how: `${c.key} × ${d.key} gives a small count`,
          });
      }
    }
  });
  return findings;
}
