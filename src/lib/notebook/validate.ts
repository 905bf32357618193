/**
 * Validation of an opened notebook file, which may have been edited by hand or crafted to attack
 * the app. Every field is checked for its type and allowed values and copied into a fresh object
 * (unknown keys are not carried over); the first problem refuses the whole file, with a message
 * that says where it is, so a damaged file never half-opens.
 *
 * What cannot be checked here is checked where it is used: a chart's columns against its SQL
 * result (chartCell.ts), a mapping when it is replayed (schema/mapping.ts).
 */
import { VIEWS, isViewId, parseOptions } from '../views';
import type { AreaGroup } from '../domain/areas';
import {
  GROUP_MEMBERS_MAX,
  GROUP_NAME_MAX,
  ONS_AREA_CODE,
  cleanGroupName,
  groupCodeFor,
} from '../groups/definitions';
import {
  DEFAULT_PARAMETERS,
  type Cell,
  type ChartMark,
  type DataSourceRef,
  type NotebookParameters,
  type SavedMapping,
  type ViewCell,
} from './model';

/** Letters, digits, _ and -, starting with a letter or digit: never "__proto__" and the like. */
const CELL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** An SQL identifier as the app makes them (ingest/names.ts), with room for a suffix. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** ONS area codes and other area identifiers: letters and digits. */
const AREA_CODE = /^[A-Za-z0-9]{1,20}$/;
/** Periods such as "2019-21", "2021/22", "2023". */
const PERIOD = /^[A-Za-z0-9 /_-]{1,32}$/;
const FINGERPRINT = /^sha256(-sampled)?:[0-9a-f]{64}$/;

export const CHART_MARKS: readonly ChartMark[] = ['bar', 'line', 'point'];
const COMPARATORS: readonly NotebookParameters['comparator'][] = [
  'region',
  'england',
  'neighbours',
  'custom',
];
const MAX_CELLS = 1000;
const MAX_SOURCE = 1_000_000;
const MAX_TEXT = 500;

/** Thrown inside validation; its message names the problem. */
class Invalid extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Invalid(message);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isText = (v: unknown, max = MAX_TEXT): v is string =>
  typeof v === 'string' && v.length <= max;
const textOrNull = (v: unknown, max = MAX_TEXT): v is string | null => v === null || isText(v, max);

/** Whether `id` is a safe, reserved-word-free cell id. */
export function isSafeCellId(id: unknown): id is string {
  return typeof id === 'string' && CELL_ID.test(id) && !(id in Object.prototype);
}

export interface ValidatedParts {
  title: string;
  parameters: NotebookParameters;
  dataSources: DataSourceRef[];
  mappings: SavedMapping[];
  cells: Cell[];
}

/**
 * Checks the parts of a parsed notebook file (format and version are checked by the caller).
 * Returns the validated copy, or a message describing the first problem.
 */
export function validateNotebookParts(
  raw: Record<string, unknown>,
): { ok: true; parts: ValidatedParts } | { ok: false; problem: string } {
  try {
    return {
      ok: true,
      parts: {
        title: raw.title === undefined ? 'Untitled notebook' : title(raw.title),
        parameters: parameters(raw.parameters),
        dataSources: list(raw.dataSources, 'data files', dataSource),
        mappings: list(raw.mappings, 'column mappings', mapping),
        cells: cells(raw.cells),
      },
    };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, problem: e.message };
    throw e;
  }
}

function title(v: unknown): string {
  check(isText(v), 'its title is not text of at most 500 characters');
  return v;
}

function list<T>(v: unknown, what: string, item: (x: unknown, i: number) => T): T[] {
  if (v === undefined) return [];
  check(Array.isArray(v), `its list of ${what} is not a list`);
  return v.map(item);
}

function parameters(v: unknown): NotebookParameters {
  if (v === undefined) return { ...DEFAULT_PARAMETERS };
  check(isObject(v), 'its parameters are not a set of named values');
  const p = { ...DEFAULT_PARAMETERS, ...v };
  const groups = p.groups === undefined ? undefined : areaGroups(p.groups);
  const groupCodes = new Set((groups ?? []).map((g) => g.code));
  const isArea = (c: unknown) => typeof c === 'string' && (AREA_CODE.test(c) || groupCodes.has(c));
  check(
    p.focalArea === null || isArea(p.focalArea),
    'its focal area is not an area code or one of its groups',
  );
  check(
    COMPARATORS.includes(p.comparator as NotebookParameters['comparator']),
    `its comparator is not one of ${COMPARATORS.join(', ')}`,
  );
  check(
    Array.isArray(p.customComparators) &&
      p.customComparators.length <= 500 &&
      p.customComparators.every(isArea),
    'its chosen comparator areas are not a list of area codes',
  );
  check(
    p.latestPeriod === null || (typeof p.latestPeriod === 'string' && PERIOD.test(p.latestPeriod)),
    'its latest period is not a period such as 2019-21',
  );
  return {
    focalArea: p.focalArea,
    comparator: p.comparator as NotebookParameters['comparator'],
    customComparators: [...(p.customComparators as string[])],
    latestPeriod: p.latestPeriod,
    ...(groups ? { groups } : {}),
  };
}

/**
 * Area groups: at most 50, each a name (text of at most GROUP_NAME_MAX characters, no control
 * characters), the code made from it, and 2 to GROUP_MEMBERS_MAX distinct ONS codes.
 */
function areaGroups(v: unknown): AreaGroup[] {
  check(Array.isArray(v) && v.length <= 50, 'its area groups are not a list of at most 50 groups');
  const out: AreaGroup[] = [];
  v.forEach((g, i) => {
    const where = `area group ${i + 1}`;
    check(isObject(g), `${where} is not a group`);
    check(
      isText(g.name, GROUP_NAME_MAX) && g.name.trim() !== '' && cleanGroupName(g.name) === g.name,
      `${where} has no valid name (text of at most ${GROUP_NAME_MAX} characters)`,
    );
    check(g.code === groupCodeFor(g.name), `${where} has a code that does not match its name`);
    check(
      Array.isArray(g.members) &&
        g.members.length >= 2 &&
        g.members.length <= GROUP_MEMBERS_MAX &&
        g.members.every((m) => typeof m === 'string' && ONS_AREA_CODE.test(m)) &&
        new Set(g.members).size === g.members.length,
      `${where} (${g.name}) does not list 2 to ${GROUP_MEMBERS_MAX} different area codes such as E06000010`,
    );
    check(!out.some((o) => o.code === g.code), `${where} repeats the name ${g.name}`);
    out.push({ code: g.code as string, name: g.name, members: [...(g.members as string[])] });
  });
  return out;
}

function dataSource(v: unknown, i: number): DataSourceRef {
  const where = `data file ${i + 1}`;
  check(isObject(v), `${where} is not a description of a file`);
  check(isText(v.table) && TABLE_NAME.test(v.table), `${where} has no valid table name`);
  check(isText(v.fileName, 260), `${where} has no valid file name`);
  check(
    typeof v.size === 'number' && Number.isSafeInteger(v.size) && v.size >= 0,
    `${where} has no valid size`,
  );
  // An empty fingerprint: the autosave withheld it (no opt-in to keep data files).
  check(
    typeof v.fingerprint === 'string' && (v.fingerprint === '' || FINGERPRINT.test(v.fingerprint)),
    `${where} has no valid fingerprint`,
  );
  check(
    Array.isArray(v.textColumns) && v.textColumns.every((c) => isText(c)),
    `${where} has no valid list of text columns`,
  );
  return {
    table: v.table,
    fileName: v.fileName,
    size: v.size,
    fingerprint: v.fingerprint,
    textColumns: [...(v.textColumns as string[])],
  };
}

function mapping(v: unknown, i: number): SavedMapping {
  check(
    isObject(v) && isText(v.table) && TABLE_NAME.test(v.table) && isObject(v.mapping),
    `column mapping ${i + 1} is not a table name with its mapping`,
  );
  // The mapping's own fields are checked by parseMapping when it is replayed.
  return { table: v.table, mapping: v.mapping };
}

function cells(v: unknown): Cell[] {
  check(Array.isArray(v), 'it has no list of cells');
  check(v.length <= MAX_CELLS, `it has more than ${MAX_CELLS} cells`);
  const ids = new Set<string>();
  const sqlIds = new Set(
    v.filter((c) => isObject(c) && c.kind === 'sql' && isSafeCellId(c.id)).map((c) => c.id),
  );
  return v.map((c, i) => {
    const where = `cell ${i + 1}`;
    check(isObject(c), `${where} is not a cell`);
    check(
      isSafeCellId(c.id),
      `${where} has an id that is not letters, digits, _ or - (starting with a letter or digit)`,
    );
    check(!ids.has(c.id), `${where} has the same id as an earlier cell (${c.id})`);
    ids.add(c.id);
    const id = c.id;
    switch (c.kind) {
      case 'markdown':
      case 'sql':
        check(isText(c.source, MAX_SOURCE), `${where} has no valid text`);
        return { id, kind: c.kind, source: c.source };
      case 'chart':
        check(
          c.sourceCellId === null ||
            (typeof c.sourceCellId === 'string' && sqlIds.has(c.sourceCellId)),
          `${where} (a chart) draws from a cell that is not a SQL cell of this notebook`,
        );
        check(
          CHART_MARKS.includes(c.mark as ChartMark),
          `${where} (a chart) has a chart type that is not one of ${CHART_MARKS.join(', ')}`,
        );
        for (const axis of ['x', 'y', 'color'] as const)
          check(textOrNull(c[axis], 300), `${where} (a chart) has an invalid ${axis} column`);
        check(isText(c.title), `${where} (a chart) has an invalid title`);
        return {
          id,
          kind: 'chart',
          sourceCellId: c.sourceCellId as string | null,
          mark: c.mark as ChartMark,
          x: c.x as string | null,
          y: c.y as string | null,
          color: c.color as string | null,
          title: c.title,
        };
      case 'view':
        return viewCell(c, id, where);
      default:
        throw new Invalid(`${where} is of an unknown kind`);
    }
  });
}

function viewCell(c: Record<string, unknown>, id: string, where: string): ViewCell {
  check(typeof c.viewId === 'string' && isViewId(c.viewId), `${where} names an unknown view`);
  const view = VIEWS[c.viewId];
  const raw = c.options === undefined ? {} : c.options;
  check(isObject(raw), `${where} (${view.title}) has options that are not a set of named values`);
  for (const key of Object.keys(raw))
    check(
      view.options.some((o) => o.key === key),
      `${where} (${view.title}) has an option "${key.slice(0, 40)}" the view does not have`,
    );
  for (const value of Object.values(raw))
    check(isText(value), `${where} (${view.title}) has an option whose value is not text`);
  // The view's own schema decides which values are allowed (the same check runView makes).
  const { notes } = parseOptions(view, raw);
  check(
    notes.length === 0,
    `${where} (${view.title}): ${notes[0]?.replace(/;[^;]*was used\.$/, '')}`,
  );
  const options = { ...(raw as Record<string, string>) };
  check(
    c.focalArea === null ||
      c.focalArea === undefined ||
      (typeof c.focalArea === 'string' && AREA_CODE.test(c.focalArea)),
    `${where} (${view.title}) has a focal area that is not an area code`,
  );
  return {
    id,
    kind: 'view',
    viewId: c.viewId as ViewCell['viewId'],
    options,
    focalArea: (c.focalArea as string | null | undefined) ?? null,
  };
}
