/**
 * Statistical disclosure control for exported tables of counts, applied by default to every
 * export: small counts could identify people (a "3" in one area and substance group is three
 * people someone may know), so they are suppressed, further cells are suppressed so the small
 * ones cannot be worked back out from totals, and rates built on suppressed counts go too.
 * Mirrors published practice: NDTMS suppresses 1-4 and rounds to 5; ONS shows ":" for rates.
 *
 * Suppressed cells become the string `*` (see SUPPRESSED); zeros are never suppressed (a zero
 * identifies nobody, and suppressing it would tell readers nothing true).
 */
import { auditEquations, type DisclosureLeak } from './disclosureLeaks.ts';
import {
  SUPPRESSED,
  cellId,
  countLikeKeys,
  numericValue,
  tableEquations,
  type CellRef,
  type DisclosureTable,
  type TableEquation,
} from './disclosureTable.ts';

export {
  SUPPRESSED,
  isSuppressedValue,
  tableEquations,
  type CellRef,
  type DisclosureColumn,
  type DisclosureColumnKind,
  type DisclosureTable,
  type TableEquation,
} from './disclosureTable.ts';
export { findDisclosureLeaks, type DisclosureLeak, type LeakReason } from './disclosureLeaks.ts';

export interface DisclosureRule {
  /** Counts from 1 to threshold - 1 are suppressed (5: suppress 1-4). 0 or 1 turns it off. */
  threshold: number;
  /** Suppress further cells so suppressed ones cannot be recovered from totals. */
  secondary: boolean;
  /** 5: round visible counts and totals to the nearest 5 (NDTMS style), after suppression. */
  roundTo: 0 | 5;
}

export const DEFAULT_DISCLOSURE_RULE: Readonly<DisclosureRule> = Object.freeze({
  threshold: 5,
  secondary: true,
  roundTo: 0,
});

/** Lowest count that is shown (the threshold as a whole number, never below 1). */
function shownFrom(rule: DisclosureRule): number {
  const t = Number.isFinite(rule.threshold) ? Math.ceil(rule.threshold) : 0;
  return Math.max(1, t);
}

export function isSmallCount(value: number, rule: DisclosureRule): boolean {
  return value > 0 && value < shownFrom(rule);
}

/** The rule in one plain-English sentence, stated in every export. */
export function describeRule(rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): string {
  const top = shownFrom(rule) - 1;
  const parts: string[] = [];
  if (top < 1) {
    parts.push('No counts are suppressed');
  } else {
    parts.push(
      top === 1
        ? 'Counts of 1 are suppressed (shown as *)'
        : `Counts from 1 to ${top} are suppressed (shown as *)`,
    );
    if (rule.secondary) {
      parts[0] += ', with further cells suppressed so that they cannot be worked out from totals';
    }
    parts.push('rates and percentages from suppressed counts are suppressed too');
  }
  if (rule.roundTo === 5) {
    parts.push('other counts and totals are rounded to the nearest 5, so may not add up exactly');
  }
  return `${parts.join('; ')}.`;
}

export type SuppressionReason = 'primary' | 'secondary' | 'derived';

export interface SuppressedCell extends CellRef {
  reason: SuppressionReason;
}

export interface DisclosureReport {
  /** Small counts (and small totals) suppressed. */
  primary: number;
  /** Further counts or totals suppressed to protect them. */
  secondary: number;
  /** Rates and percentages suppressed because a count they came from was. */
  derived: number;
  /**
   * Suppressed cells still recoverable after control (0 unless secondary is off or the table
   * cannot be protected at all); the UI should warn when this is not 0.
   */
  leaks: number;
}

export interface DisclosureResult {
  /** New rows: suppressed cells hold SUPPRESSED ('*'); the input is not changed. */
  rows: Record<string, unknown>[];
  suppressed: SuppressedCell[];
  report: DisclosureReport;
  /** The leaks counted in `report.leaks`, with how each is worked out. */
  leakDetails?: DisclosureLeak[];
  /** Rows found to be sums of other rows without being declared (consistent mode). */
  detectedSums?: { row: number; from: number[] }[];
}

/**
 * Applies the rule to a table of counts: primary suppression of small counts, secondary
 * suppression until no row or column equation (nor any combination of them) gives a suppressed
 * cell away, suppression of derived columns, then rounding.
 *
 * Secondary cells are chosen as the smallest non-zero visible count of the equation that needs
 * protecting (preferring one that also protects a crossing equation), and a total only when
 * there is no such count: this keeps information loss low, as in common practice. Ties go to
 * the earlier row and column, so the same table always gets the same cells.
 */
export function applyDisclosure(
  table: DisclosureTable,
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): DisclosureResult {
  const work = new DisclosureWork(table, rule);
  work.markPrimary(table.rows.map((_, i) => i));
  const equations = tableEquations(table);
  if (rule.secondary && equations.length > 0) work.protect(equations);
  return work.finish(equations);
}

/**
 * The shared steps of every disclosure strategy over one table: the marks (cell → reason),
 * how the attacker sees the table so far, and the closing steps (derived columns, audit,
 * rounding, the `*` markers).
 */
export class DisclosureWork {
  readonly marks = new Map<string, SuppressedCell>();
  readonly countKeys: string[];

  constructor(
    readonly table: DisclosureTable,
    readonly rule: DisclosureRule,
  ) {
    this.countKeys = countLikeKeys(table);
  }

  raw = (ref: CellRef): number => numericValue(this.table.rows[ref.row]?.[ref.key]);

  isMarked(ref: CellRef): boolean {
    return this.marks.has(cellId(ref));
  }

  mark(ref: CellRef, reason: SuppressionReason): void {
    if (!this.marks.has(cellId(ref)))
      this.marks.set(cellId(ref), { row: ref.row, key: ref.key, reason });
  }

  get view(): ProtectView {
    return {
      unknown: (ref) => this.isMarked(ref) || Number.isNaN(this.raw(ref)),
      suppressed: (ref) => this.isMarked(ref),
      value: this.raw,
    };
  }

  /** Small counts and small totals of these rows. */
  markPrimary(rows: number[]): void {
    for (const row of rows)
      for (const key of this.countKeys)
        if (isSmallCount(this.raw({ row, key }), this.rule)) this.mark({ row, key }, 'primary');
  }

  protect(equations: TableEquation[]): void {
    protectEquations(equations, this.view, (ref) => this.mark(ref, 'secondary'));
  }

  /** Derived columns follow what they came from (until nothing changes: text from a rate). */
  markDerived(): void {
    const derived = this.table.columns.filter((c) => c.kind === 'derived');
    for (let changed = true; changed;) {
      changed = false;
      for (const col of derived) {
        const sources = col.derivedFrom ?? this.countKeys;
        this.table.rows.forEach((_, row) => {
          if (this.isMarked({ row, key: col.key })) return;
          if (sources.some((key) => this.isMarked({ row, key }))) {
            this.mark({ row, key: col.key }, 'derived');
            changed = true;
          }
        });
      }
    }
  }

  finish(equations: TableEquation[]): DisclosureResult {
    const leaks: DisclosureLeak[] =
      equations.length > 0 ? auditEquations(equations, this.view) : [];
    this.markDerived();
    const rows = this.table.rows.map((source, row) => {
      const out: Record<string, unknown> = { ...source };
      if (this.rule.roundTo === 5)
        for (const key of this.countKeys) {
          const v = this.raw({ row, key });
          if (!this.isMarked({ row, key }) && Number.isFinite(v)) out[key] = roundTo5(v);
        }
      return out;
    });
    for (const cell of this.marks.values()) rows[cell.row][cell.key] = SUPPRESSED;
    const suppressed = [...this.marks.values()].sort((a, b) => a.row - b.row);
    const count = (reason: SuppressionReason): number =>
      suppressed.filter((c) => c.reason === reason).length;
    return {
      rows,
      suppressed,
      report: {
        primary: count('primary'),
        secondary: count('secondary'),
        derived: count('derived'),
        leaks: leaks.length,
      },
      leakDetails: leaks,
    };
  }
}

/** Nearest multiple of 5 (halves cannot occur for whole counts). */
export function roundTo5(value: number): number {
  return Math.round(value / 5) * 5;
}

export interface ProtectView {
  unknown(ref: CellRef): boolean;
  suppressed(ref: CellRef): boolean;
  value(ref: CellRef): number;
}

/** An equation gives a cell away on its own: one unknown, or k suppressed parts summing to k. */
function equationExposes(eq: TableEquation, view: ProtectView): boolean {
  const all = [...eq.parts, eq.total];
  const hidden = all.filter((r) => view.unknown(r));
  if (hidden.length === 1) return view.suppressed(hidden[0]);
  if (view.unknown(eq.total)) return false;
  const hiddenParts = eq.parts.filter((r) => view.unknown(r));
  if (hiddenParts.length < 2 || !hiddenParts.every((r) => view.suppressed(r))) return false;
  const visible = eq.parts.filter((r) => !view.unknown(r)).reduce((s, r) => s + view.value(r), 0);
  return view.value(eq.total) - visible === hiddenParts.length;
}

/** Secondary suppression: close every exposing equation, then every system-level leak. */
export function protectEquations(
  equations: TableEquation[],
  view: ProtectView,
  suppress: (ref: CellRef) => void,
): void {
  const byCell = new Map<string, TableEquation[]>();
  for (const eq of equations) {
    for (const ref of [...eq.parts, eq.total]) {
      const list = byCell.get(cellId(ref)) ?? [];
      list.push(eq);
      byCell.set(cellId(ref), list);
    }
  }
  /** Suppresses one more cell in `eq`; false when it has nothing left to suppress. */
  const widen = (eq: TableEquation): boolean => {
    const candidates = eq.parts.filter((r) => !view.unknown(r) && view.value(r) > 0);
    if (candidates.length === 0) {
      if (!view.unknown(eq.total) && view.value(eq.total) > 0) {
        suppress(eq.total);
        return true;
      }
      return false;
    }
    const helps = (ref: CellRef): number =>
      (byCell.get(cellId(ref)) ?? []).filter(
        (other) => other !== eq && equationExposes(other, view),
      ).length;
    candidates.sort((a, b) => view.value(a) - view.value(b) || helps(b) - helps(a));
    suppress(candidates[0]);
    return true;
  };

  // Each pass suppresses at least one cell or stops, so this ends.
  for (;;) {
    let changed = false;
    for (const eq of equations) {
      while (equationExposes(eq, view) && widen(eq)) changed = true;
    }
    if (changed) continue;
    const leaks = auditEquations(equations, view);
    if (leaks.length === 0) return;
    let progressed = false;
    for (const leak of leaks) {
      const options = (byCell.get(cellId(leak)) ?? []).filter((eq) =>
        eq.parts.some((r) => !view.unknown(r) && view.value(r) > 0),
      );
      if ((options[0] && widen(options[0])) || breakLeak(leak, equations, byCell, view, suppress)) {
        progressed = true;
        break;
      }
    }
    if (!progressed) return;
  }
}

/**
 * Fallback when a leak cannot be closed inside its own row or column (everything visible there
 * is zero): among the equations linked to the leaked cell through other suppressed cells, find
 * the smallest visible non-zero cell whose suppression leaves the leaked cell undetermined.
 */
function breakLeak(
  leak: CellRef,
  equations: TableEquation[],
  byCell: Map<string, TableEquation[]>,
  view: ProtectView,
  suppress: (ref: CellRef) => void,
): boolean {
  // The connected group of equations sharing unknowns with the leaked cell.
  const group = new Set<TableEquation>();
  const queue: CellRef[] = [leak];
  const visited = new Set<string>([cellId(leak)]);
  while (queue.length > 0) {
    const ref = queue.pop()!;
    for (const eq of byCell.get(cellId(ref)) ?? []) {
      if (group.has(eq)) continue;
      group.add(eq);
      for (const other of [...eq.parts, eq.total]) {
        if (view.unknown(other) && !visited.has(cellId(other))) {
          visited.add(cellId(other));
          queue.push(other);
        }
      }
    }
  }
  const seen = new Set<string>();
  const candidates: CellRef[] = [];
  for (const eq of group) {
    for (const ref of [...eq.parts, eq.total]) {
      if (view.unknown(ref) || !(view.value(ref) > 0) || seen.has(cellId(ref))) continue;
      seen.add(cellId(ref));
      candidates.push(ref);
    }
  }
  candidates.sort((a, b) => view.value(a) - view.value(b));
  // Audit all equations: hiding a candidate can bring equations outside the group into play.
  for (const candidate of candidates) {
    const id = cellId(candidate);
    const trial: ProtectView = {
      unknown: (ref) => view.unknown(ref) || cellId(ref) === id,
      suppressed: (ref) => view.suppressed(ref) || cellId(ref) === id,
      value: view.value,
    };
    const stillLeaks = auditEquations(equations, trial).some((l) => cellId(l) === cellId(leak));
    if (!stillLeaks) {
      suppress(candidate);
      return true;
    }
  }
  return false;
}

/** Columns of the long indicator format blanked when a row's count is small. */
const INDICATOR_VALUE_KEYS = [
  'count',
  'value',
  'lower_95',
  'upper_95',
  'lower_998',
  'upper_998',
] as const;

export interface IndicatorSuppressionResult {
  rows: Record<string, unknown>[];
  /** How many rows were suppressed. */
  suppressed: number;
}

/**
 * Disclosure control for the long "indicators" format (one row per indicator, area, period):
 * a row whose count (or denominator) is from 1 to threshold - 1 has its count, value and
 * confidence limits blanked (null) and its note set to say why, as Fingertips does. With
 * roundTo 5 the remaining counts are rounded; values keep their unrounded basis. Rows are
 * independent here: no secondary suppression across areas (see the export report for gaps).
 */
export function suppressIndicatorRows(
  rows: Record<string, unknown>[],
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): IndicatorSuppressionResult {
  let suppressed = 0;
  const out = rows.map((row) => {
    const count = numericValue(row.count);
    const denominator = numericValue(row.denominator);
    const copy: Record<string, unknown> = { ...row };
    if (isSmallCount(count, rule) || isSmallCount(denominator, rule)) {
      suppressed++;
      for (const key of INDICATOR_VALUE_KEYS) {
        if (key in copy || key === 'count' || key === 'value') copy[key] = null;
      }
      if (isSmallCount(denominator, rule)) copy.denominator = null;
      copy.note = `suppressed: fewer than ${shownFrom(rule)}`;
    } else if (rule.roundTo === 5 && Number.isFinite(count)) {
      copy.count = roundTo5(count);
    }
    return copy;
  });
  return { rows: out, suppressed };
}
