/**
 * Area lists for the notebook parameters, read from the canonical `areas` table: the upper-tier
 * local authorities a user can pick as the focal area, and the comparator set it implies.
 */
import type { Engine } from '../engine/types';

import { ENGLAND, type ComparatorKind } from '../domain/areas';
export { ENGLAND, COMPARATOR_LABELS, type ComparatorKind } from '../domain/areas';

export interface AreaOption {
  code: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
}

export async function upperTierAreas(engine: Engine): Promise<AreaOption[]> {
  const r = await engine.query(
    `SELECT area_code AS code, area_name AS name, region_code, region_name
     FROM areas WHERE area_type = 'UTLA' ORDER BY area_name`,
  );
  return r.toRows().map((row) => ({
    code: String(row.code),
    name: String(row.name),
    regionCode: row.region_code == null ? null : String(row.region_code),
    regionName: row.region_name == null ? null : String(row.region_name),
  }));
}


/** The codes of the comparator areas for a focal area (the focal area itself included). */
export async function comparatorCodes(
  engine: Engine,
  focal: string,
  kind: ComparatorKind,
  custom: string[],
): Promise<string[]> {
  switch (kind) {
    case 'england':
      return (await upperTierAreas(engine)).map((a) => a.code);
    case 'region': {
      const r = await engine.query(
        `SELECT a.area_code FROM areas a
         JOIN areas f ON f.area_code = ? AND a.region_code = f.region_code
         WHERE a.area_type = 'UTLA' ORDER BY a.area_code`,
        [focal],
      );
      return r.toRows().map((x) => String(x.area_code));
    }
    case 'neighbours': {
      const r = await engine.query(
        `SELECT neighbour_code FROM comparator_groups WHERE area_code = ? ORDER BY rank`,
        [focal],
      );
      return [focal, ...r.toRows().map((x) => String(x.neighbour_code))];
    }
    case 'custom':
      return [...new Set([focal, ...custom])];
  }
}
