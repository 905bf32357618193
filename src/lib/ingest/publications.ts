/**
 * Sheets of known publications, recognised from their title and header and reshaped into the
 * long tables the known formats in src/lib/schema/formats.ts already read (so the analyst is
 * asked nothing): the ONS "drug misuse deaths by local authority" workbook (Tables 1–2 annual
 * counts, Tables 3–8 three-year counts with age-standardised rates, flags and limits), the ONS
 * drug poisoning reference tables' Table 7 (England, Wales and regions by year), and the ONS
 * mid-year estimates' MYE2 sheets (persons, females, males by single year of age; the year is
 * read from the title). What each sheet says about sex and cause is in its title, not its cells.
 */
import { onsDeaths3yr, onsDeathsAnnual } from '../schema/formatOnsDeaths';
import { analysePublishedTable } from './publishedTable';
import type { CellValue, SheetGrid } from './workbook';

export interface PublicationSheet {
  /** The known format (formats.ts) the reshaped table has the headers of. */
  formatId: string;
  title: string;
  header: string[];
  rows: CellValue[][];
}

const AREA_CODE = /^[EWSNK]\d{8}$/;

function measureOf(text: string): 'drug_poisoning' | 'drug_misuse' | null {
  if (/drug misuse/i.test(text)) return 'drug_misuse';
  if (/drug[- ]related poisoning|drug poisoning|all drug poisoning/i.test(text))
    return 'drug_poisoning';
  return null;
}

function sexOf(text: string): 'Persons' | 'Males' | 'Females' | null {
  const m = /\b(persons|males|females)\b/i.exec(text);
  return m ? ((m[1][0].toUpperCase() + m[1].slice(1).toLowerCase()) as 'Persons') : null;
}

/** "2019–21" -> "2019-21" (the hyphen the other ONS files use). */
function periodLabel(text: string): string | null {
  const m = /^(\d{4})\s*[–-]\s*(\d{2,4})\b/.exec(text.trim());
  return m ? `${m[1]}-${m[2].slice(-2)}` : null;
}

export function readPublicationSheet(grid: SheetGrid): PublicationSheet | null {
  const t = analysePublishedTable(grid.cells, grid.merges);
  const title = t.title.replace(/\s+/g, ' ');
  const h = t.header;
  const codeCol = h.findIndex((x) => /^area codes?$/i.test(x) || /^code$/i.test(x));
  if (codeCol < 0) return null;
  const nameCols = h
    .map((x, i) => (/^area names?( \(\d+\))?$/i.test(x) || /^name$/i.test(x) ? i : -1))
    .filter((i) => i >= 0);
  const nameOf = (r: CellValue[]) =>
    String(nameCols.map((i) => r[i]).find((v) => v != null && v !== '') ?? '').trim();
  const areaRows = t.rows.filter(
    (r) => typeof r[codeCol] === 'string' && AREA_CODE.test(String(r[codeCol])),
  );

  // ONS drug deaths by LA, Tables 1-2: counts by year of registration.
  if (/number of deaths related to drug/i.test(title) && /each year/i.test(title)) {
    const measure = measureOf(title);
    if (!measure) return null;
    const years = h.map((x, i) => (/^\d{4}$/.test(x) ? i : -1)).filter((i) => i >= 0);
    if (years.length === 0) return null;
    return {
      formatId: onsDeathsAnnual.id,
      title,
      header: [...onsDeathsAnnual.headers],
      rows: areaRows.flatMap((r) =>
        years.map((i) => [
          r[codeCol],
          nameOf(r),
          measure,
          sexOf(title) ?? 'Persons',
          h[i],
          r[i] ?? null,
        ]),
      ),
    };
  }

  // ONS drug deaths by LA, Tables 3-8: 3-year periods with age-standardised rates.
  if (/age-standardised/i.test(title) && /local authority/i.test(title)) {
    const measure = measureOf(title);
    const sex = sexOf(title);
    if (!measure || !sex) return null;
    const periods = new Map<string, Record<string, number>>();
    h.forEach((x, i) => {
      const p = periodLabel(x);
      if (!p) return;
      const rest = x.replace(/^\S+\s*/, '');
      const slot = periods.get(p) ?? {};
      const field = /^deaths/i.test(rest)
        ? 'deaths'
        : /^rate/i.test(rest)
          ? 'rate'
          : /^lower/i.test(rest)
            ? 'lcl'
            : /^upper/i.test(rest)
              ? 'ucl'
              : rest === ''
                ? 'flag'
                : null;
      if (field && slot[field] === undefined) slot[field] = i;
      periods.set(p, slot);
    });
    const complete = [...periods.entries()].filter(
      ([, s]) => s.deaths !== undefined && s.rate !== undefined,
    );
    if (complete.length === 0) return null;
    const cell = (r: CellValue[], i: number | undefined) =>
      i === undefined ? null : (r[i] ?? null);
    return {
      formatId: onsDeaths3yr.id,
      title,
      // The known format's own header, so the converted table is recognised as that format.
      header: [...onsDeaths3yr.headers],
      rows: areaRows.flatMap((r) =>
        complete.map(([p, s]) => [
          r[codeCol],
          nameOf(r),
          measure,
          sex,
          p,
          cell(r, s.deaths),
          cell(r, s.rate),
          cell(r, s.flag),
          cell(r, s.lcl),
          cell(r, s.ucl),
        ]),
      ),
    };
  }

  // ONS mid-year estimates, MYE2: one sex per sheet, single year of age; the year is in the title.
  const mye = /^MYE2:\s*(persons|females|males)\b.*mid-(\d{4})/i.exec(title);
  if (mye) {
    const ages = h.map((x, i) => (/^(\d+|\d+\+)$/.test(x) ? i : -1)).filter((i) => i >= 0);
    const geo = h.findIndex((x) => /^geography/i.test(x));
    const all = h.findIndex((x) => /^all ages$/i.test(x));
    if (ages.length < 10 || all < 0) return null;
    return {
      formatId: 'ons-mye-single-year-wide',
      title,
      header: ['year', 'sex', 'Code', 'Name', 'Geography', 'All ages', ...ages.map((i) => h[i])],
      rows: areaRows.map((r) => [
        Number(mye[2]),
        sexOf(mye[1]),
        r[codeCol],
        nameOf(r),
        geo >= 0 ? (r[geo] ?? null) : null,
        r[all] ?? null,
        ...ages.map((i) => r[i] ?? null),
      ]),
    };
  }
  return null;
}

/**
 * The ONS drug poisoning reference tables, Table 7: England, Wales and the English regions by year
 * of registration, for persons/males/females and poisoning/misuse, with rates and limits. The
 * column headers carry sex and cause ("Persons All drug poisoning Deaths").
 */
export function readReferenceRegionSheet(grid: SheetGrid): PublicationSheet | null {
  const t = analysePublishedTable(grid.cells, grid.merges);
  const h = t.header;
  const year = h.findIndex((x) => /year of (death )?registration/i.test(x));
  const code = h.findIndex((x) => /area code$/i.test(x));
  const names = h.map((x, i) => (/area name( \(\d+\))?$/i.test(x) ? i : -1)).filter((i) => i >= 0);
  // The reference tables give rates per million; the deaths table holds rates per 100,000.
  const perMillion = /per (1 )?million/i.test([...t.notes, ...t.footnotes].join(' '));
  const scale = (v: CellValue) =>
    perMillion && typeof v === 'number' ? Math.round(v * 1000) / 10000 : v;
  if (year < 0 || code < 0 || !/region/i.test(t.title)) return null;
  // The year is printed once, on the first row of its block.
  let lastYear: CellValue = null;
  for (const r of t.rows) {
    if (r[year] != null && r[year] !== '') lastYear = r[year];
    else r[year] = lastYear;
  }
  const groups = new Map<string, Record<string, number>>();
  h.forEach((x, i) => {
    const sex = sexOf(x);
    const measure = measureOf(x);
    if (!sex || !measure) return;
    const key = `${sex}|${measure}`;
    const slot = groups.get(key) ?? {};
    const field = /deaths$/i.test(x)
      ? 'deaths'
      : /rate$/i.test(x)
        ? 'rate'
        : /lower confidence limit$/i.test(x)
          ? 'lcl'
          : /upper confidence limit$/i.test(x)
            ? 'ucl'
            : /(poisoning|misuse)$/i.test(x)
              ? 'flag'
              : null;
    if (field && slot[field] === undefined) slot[field] = i;
    groups.set(key, slot);
  });
  const complete = [...groups.entries()].filter(
    ([, s]) => s.deaths !== undefined && s.rate !== undefined,
  );
  if (complete.length === 0) return null;
  const cell = (r: CellValue[], i: number | undefined) => (i === undefined ? null : (r[i] ?? null));
  return {
    formatId: 'ons-drug-deaths-3yr-asr',
    title: t.title,
    header: [
      'area_code',
      'area_name',
      'measure',
      'sex',
      'period',
      'deaths',
      'asr_per_100k',
      'rate_flag',
      'lcl95',
      'ucl95',
    ],
    rows: t.rows
      .filter(
        (r) => typeof r[code] === 'string' && AREA_CODE.test(String(r[code])) && r[year] != null,
      )
      .flatMap((r) =>
        complete.map(([key, s]) => {
          const [sex, measure] = key.split('|');
          return [
            r[code],
            names.map((i) => r[i]).find((v) => v != null && v !== '') ?? null,
            measure,
            sex,
            String(r[year]),
            cell(r, s.deaths),
            scale(cell(r, s.rate)),
            cell(r, s.flag),
            scale(cell(r, s.lcl)),
            scale(cell(r, s.ucl)),
          ];
        }),
      ),
  };
}

export function recognisePublicationSheet(grid: SheetGrid): PublicationSheet | null {
  return readPublicationSheet(grid) ?? readReferenceRegionSheet(grid);
}
