/**
 * The `continuity_of_care` rows of one area: adults released from prison with a treatment need
 * and how many engaged in community treatment within three weeks.
 */
import * as C from './constants';
import { fyStart } from './dates';
import { clamp } from './numbers';
import type { PopulationIndex } from './population';
import type { AreaProfile } from './profile';
import { rngFor } from './random';
import type { Cell } from './tables';

export function areaContinuity(
  seed: number | string,
  code: string,
  p: AreaProfile,
  pop: PopulationIndex,
): Cell[][] {
  const krng = rngFor(seed, 'continuity', code);
  const rows: Cell[][] = [];
  C.CONTINUITY_PERIODS.forEach((period, i) => {
    const adults = pop.adults18to64(code, fyStart(period));
    const n = Math.max(0, Math.round((adults * p.releasedPer100k * krng.lognormal(1, 0.05)) / 1e5));
    const prop = clamp(
      p.continuityBase + C.CONTINUITY_TREND[i] + krng.normal(0, 0.02),
      C.CONTINUITY_MIN + 0.01,
      C.CONTINUITY_MAX - 0.01,
    );
    let engaged = krng.binomial(n, prop);
    if (n >= 5) {
      engaged = clamp(engaged, Math.ceil(C.CONTINUITY_MIN * n), Math.floor(C.CONTINUITY_MAX * n));
    }
    rows.push([code, period, n, engaged, true]);
  });
  return rows;
}
