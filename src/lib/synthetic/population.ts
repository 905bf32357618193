import * as C from './constants';
import type { PopulationRow } from './inputs';

/** Populations by area → year → "sex|band", with nearest-year fallback. */
export class PopulationIndex {
  private readonly data = new Map<string, Map<number, Map<string, number>>>();

  constructor(rows: readonly PopulationRow[]) {
    for (const r of rows) {
      let years = this.data.get(r.area_code);
      if (!years) this.data.set(r.area_code, (years = new Map()));
      let cells = years.get(r.year);
      if (!cells) years.set(r.year, (cells = new Map()));
      const key = `${r.sex}|${r.age_band}`;
      cells.set(key, (cells.get(key) ?? 0) + r.population);
    }
  }

  has(code: string): boolean {
    return this.data.has(code);
  }

  /** The available year closest to `year` (ties: the earlier one). */
  nearestYear(code: string, year: number): number {
    const years = [...(this.data.get(code)?.keys() ?? [])].sort((a, b) => a - b);
    if (years.length === 0) throw new Error(`No population for ${code}`);
    let best = years[0];
    for (const y of years) if (Math.abs(y - year) < Math.abs(best - year)) best = y;
    return best;
  }

  /** Population of one sex (Male/Female/Persons) and band; Male/Female fall back to Persons/2. */
  get(code: string, year: number, sex: 'Male' | 'Female' | 'Persons', band: string): number {
    const cells = this.data.get(code)?.get(this.nearestYear(code, year));
    if (!cells) return 0;
    const v = cells.get(`${sex}|${band}`);
    if (v !== undefined) return v;
    if (sex === 'Persons') {
      return (cells.get(`Male|${band}`) ?? 0) + (cells.get(`Female|${band}`) ?? 0);
    }
    return (cells.get(`Persons|${band}`) ?? 0) / 2;
  }

  sum(code: string, year: number, bands: readonly string[]): number {
    return bands.reduce((s, b) => s + this.get(code, year, 'Persons', b), 0);
  }

  /** Ages 15-64. */
  age15to64(code: string, year: number): number {
    return this.sum(code, year, C.BANDS_15_64);
  }

  /** Adults 18+: 2/5 of 15-19 plus everyone 20+. */
  adults(code: string, year: number): number {
    return 0.4 * this.get(code, year, 'Persons', '15-19') + this.sum(code, year, C.BANDS_20_PLUS);
  }

  /** Adults 18-64. */
  adults18to64(code: string, year: number): number {
    return (
      0.4 * this.get(code, year, 'Persons', '15-19') + this.sum(code, year, C.BANDS_15_64.slice(1))
    );
  }
}
