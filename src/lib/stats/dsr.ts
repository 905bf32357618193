import { byarsLower, byarsUpper } from './intervals';
import { checkConfidence } from './quantiles';
import { checkMultiplier, isMissing } from './validation';

/** One age band: events, population at risk and the standard population weight. */
export interface DsrBand {
  /** Events in the band; null/undefined/NaN counts as 0, as in PHEindicatormethods. */
  count: number | null | undefined;
  population: number;
  /** Standard population weight for the band, e.g. from `esp2013.bands19`. */
  standard: number;
}

/** Options for a directly standardised rate. */
export interface DsrOptions {
  /** Rate per this many; default 100,000. */
  multiplier?: number;
  /** 0.95 (default) or 0.998. */
  confidence?: number;
}

/** A directly standardised rate; value and limits are null (with a note) below 10 events. */
export interface DsrResult {
  value: number | null;
  lower: number | null;
  upper: number | null;
  totalCount: number;
  totalPopulation: number;
  /** Why the rate was not calculated, or null when it was. */
  note: string | null;
}

/** Below this many events in total, PHE/OHID and ONS do not publish a DSR. */
export const DSR_MINIMUM_EVENTS = 10;

/** The note a DSR carries when the total count is below 10. */
export const DSR_NOT_CALCULATED_NOTE = 'not calculated: fewer than 10 events';

function checkBand(b: DsrBand, index: number): number {
  const where = `DSR: age band ${index + 1}`;
  const count = isMissing(b.count) ? 0 : b.count;
  if (!Number.isFinite(count) || count < 0) {
    throw new Error(`${where} has count ${String(b.count)}; counts must be zero or more`);
  }
  if (isMissing(b.population) || !Number.isFinite(b.population) || b.population <= 0) {
    throw new Error(
      `${where} has population ${String(b.population)}; populations must be greater than zero`,
    );
  }
  if (isMissing(b.standard) || !Number.isFinite(b.standard) || b.standard < 0) {
    throw new Error(
      `${where} has standard population weight ${String(b.standard)}; weights must be zero or more`,
    );
  }
  return count;
}

/**
 * Directly standardised rate with Dobson confidence limits. PHEindicatormethods `phe_dsr`
 * (Dobson et al. 1991, Stat Med 10:457–462; Byar's limits for the total count):
 * DSR = Σ(xᵢwᵢ/nᵢ)/Σwᵢ·m, var = Σxᵢ(wᵢ/nᵢ)²/(Σwᵢ)², limit = DSR + √(var/X)·(Byar(X) − X)·m.
 * With fewer than 10 events in total the value and limits are null and `note` says why.
 */
export function dsr(bands: readonly DsrBand[], opts: DsrOptions = {}): DsrResult {
  const multiplier = opts.multiplier ?? 100000;
  const confidence = checkConfidence(opts.confidence ?? 0.95, 'DSR');
  checkMultiplier(multiplier, 'DSR');
  if (bands.length === 0) throw new Error('DSR: no age bands were given');

  let totalCount = 0;
  let totalPopulation = 0;
  let totalWeight = 0;
  let weightedRate = 0;
  let weightedVariance = 0;
  bands.forEach((b, index) => {
    const count = checkBand(b, index);
    const weightPerHead = b.standard / b.population;
    totalCount += count;
    totalPopulation += b.population;
    totalWeight += b.standard;
    weightedRate += count * weightPerHead;
    weightedVariance += count * weightPerHead ** 2;
  });
  if (totalWeight <= 0) throw new Error('DSR: the standard population weights sum to zero');

  if (totalCount < DSR_MINIMUM_EVENTS) {
    return {
      value: null,
      lower: null,
      upper: null,
      totalCount,
      totalPopulation,
      note: DSR_NOT_CALCULATED_NOTE,
    };
  }

  const rate = weightedRate / totalWeight;
  const variance = weightedVariance / totalWeight ** 2;
  const spread = Math.sqrt(variance / totalCount);
  // With 10 or more events Byar's lower limit is positive at both published levels.
  const byarsLow = byarsLower(totalCount, confidence) ?? 0;
  return {
    value: rate * multiplier,
    lower: (rate + spread * (byarsLow - totalCount)) * multiplier,
    upper: (rate + spread * (byarsUpper(totalCount, confidence) - totalCount)) * multiplier,
    totalCount,
    totalPopulation,
    note: null,
  };
}
