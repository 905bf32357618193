/** Area codes after boundary changes: one-to-one recodes, retired codes, and the notes about them. */
import { quoteLiteral } from '../engine/sql';
import { trimmedSql } from './normaliseHelpers';

/**
 * One-to-one recodes: the same area under a new code. Safe to apply (with a note): Barnsley
 * and Sheffield moved to E08000038/39 when the South Yorkshire boundary was corrected (2021),
 * and a few districts/UAs were recoded after minor boundary changes.
 */
export const AREA_RECODES: Readonly<Record<string, { to: string; name: string; from: string }>> = {
  E08000016: { to: 'E08000038', name: 'Barnsley', from: '2021' },
  E08000019: { to: 'E08000039', name: 'Sheffield', from: '2021' },
  E08000020: { to: 'E08000037', name: 'Gateshead', from: '2013' },
  E06000048: { to: 'E06000057', name: 'Northumberland', from: '2013' },
  E07000097: { to: 'E07000242', name: 'East Hertfordshire', from: '2013' },
  E07000100: { to: 'E07000240', name: 'St Albans', from: '2013' },
  E07000101: { to: 'E07000243', name: 'Stevenage', from: '2013' },
  E07000104: { to: 'E07000241', name: 'Welwyn Hatfield', from: '2013' },
};

/**
 * Codes of areas that no longer exist because they were merged or split (2019-2023). Counts
 * could sometimes be re-added, rates never: these are reported, not recoded.
 */
export const RETIRED_AREAS: Readonly<
  Record<string, { name: string; ended: string; successors: string }>
> = (() => {
  const out: Record<string, { name: string; ended: string; successors: string }> = {};
  const add = (codes: string, names: string, ended: string, successors: string) => {
    const n = names.split('|');
    codes.split(' ').forEach((c, i) => (out[c] = { name: n[i], ended, successors }));
  };
  add(
    'E06000028 E06000029 E07000048',
    'Bournemouth|Poole|Christchurch',
    '2019-04-01',
    'Bournemouth, Christchurch and Poole (E06000058)',
  );
  add(
    'E10000009 E07000049 E07000050 E07000051 E07000052 E07000053',
    'Dorset County|East Dorset|North Dorset|Purbeck|West Dorset|Weymouth and Portland',
    '2019-04-01',
    'Dorset (E06000059)',
  );
  add(
    'E07000201 E07000204',
    'Forest Heath|St Edmundsbury',
    '2019-04-01',
    'West Suffolk (E07000245)',
  );
  add('E07000205 E07000206', 'Suffolk Coastal|Waveney', '2019-04-01', 'East Suffolk (E07000244)');
  add(
    'E07000190 E07000191',
    'Taunton Deane|West Somerset',
    '2019-04-01',
    'Somerset West and Taunton (E07000246), itself now part of Somerset (E06000066)',
  );
  add(
    'E10000002 E07000004 E07000005 E07000006 E07000007',
    'Buckinghamshire County|Aylesbury Vale|Chiltern|South Bucks|Wycombe',
    '2020-04-01',
    'Buckinghamshire (E06000060)',
  );
  add(
    'E10000021',
    'Northamptonshire',
    '2021-04-01',
    'North Northamptonshire (E06000061) and West Northamptonshire (E06000062)',
  );
  add(
    'E07000150 E07000152 E07000153 E07000156',
    'Corby|East Northamptonshire|Kettering|Wellingborough',
    '2021-04-01',
    'North Northamptonshire (E06000061)',
  );
  add(
    'E07000151 E07000154 E07000155',
    'Daventry|Northampton|South Northamptonshire',
    '2021-04-01',
    'West Northamptonshire (E06000062)',
  );
  add(
    'E10000006',
    'Cumbria',
    '2023-04-01',
    'Cumberland (E06000063) and Westmorland and Furness (E06000064)',
  );
  add(
    'E07000026 E07000028 E07000029',
    'Allerdale|Carlisle|Copeland',
    '2023-04-01',
    'Cumberland (E06000063)',
  );
  add(
    'E07000027 E07000030 E07000031',
    'Barrow-in-Furness|Eden|South Lakeland',
    '2023-04-01',
    'Westmorland and Furness (E06000064)',
  );
  add(
    'E10000023 E07000163 E07000164 E07000165 E07000166 E07000167 E07000168 E07000169',
    'North Yorkshire County|Craven|Hambleton|Harrogate|Richmondshire|Ryedale|Scarborough|Selby',
    '2023-04-01',
    'North Yorkshire (E06000065)',
  );
  add(
    'E10000027 E07000187 E07000188 E07000189 E07000246',
    'Somerset County|Mendip|Sedgemoor|South Somerset|Somerset West and Taunton',
    '2023-04-01',
    'Somerset (E06000066)',
  );
  return out;
})();

export function recodeArea(code: string | null | undefined): string | null {
  if (code == null) return null;
  const c = String(code).trim().toUpperCase();
  return AREA_RECODES[c]?.to ?? c;
}

/** `trimmed`: the cell trimmed, when the caller has a cheaper way to say it (normaliseTyped.ts). */
export function recodeAreaSql(expr: string, trimmed = trimmedSql(expr)): string {
  const t = `upper(${trimmed})`;
  const whens = Object.entries(AREA_RECODES)
    .map(([from, r]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(r.to)}`)
    .join(' ');
  return `(CASE ${t} ${whens} ELSE ${t} END)`;
}

/** SQL list literal of the old codes, for counting how many rows a recode touched. */
export function recodedCodesList(): string {
  return Object.keys(AREA_RECODES).map(quoteLiteral).join(', ');
}

export function retiredCodesList(): string {
  return Object.keys(RETIRED_AREAS).map(quoteLiteral).join(', ');
}

export function recodeNote(from: string, rows: number): string {
  const r = AREA_RECODES[from];
  return `${rows} row${rows === 1 ? '' : 's'} used the old code ${from} for ${r.name}; recoded to ${r.to} (the code in use since ${r.from}).`;
}

export function retiredNote(code: string, rows: number): string {
  const r = RETIRED_AREAS[code];
  return `${rows} row${rows === 1 ? '' : 's'} use ${code} (${r.name}), which no longer exists since ${r.ended}: now ${r.successors}. Kept as they are, because figures for the old area cannot be split or re-added safely.`;
}
