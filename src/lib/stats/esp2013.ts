/** One band of a standard population. `ageTo` is null for the open-ended top band. */
export interface StandardPopulationBand {
  ageBand: string;
  ageFrom: number;
  ageTo: number | null;
  weight: number;
}

function band(ageFrom: number, ageTo: number | null, weight: number): StandardPopulationBand {
  const ageBand = ageTo === null ? `${ageFrom}+` : `${ageFrom}-${ageTo}`;
  return { ageBand, ageFrom, ageTo, weight };
}

// Five-year bands 0-4 … 80-84 shared by both variants (Eurostat 2013, Revision of the
// European Standard Population, KS-RA-13-028).
const SHARED_BANDS_0_TO_84: readonly StandardPopulationBand[] = [
  band(0, 4, 5000),
  band(5, 9, 5500),
  band(10, 14, 5500),
  band(15, 19, 5500),
  band(20, 24, 6000),
  band(25, 29, 6000),
  band(30, 34, 6500),
  band(35, 39, 7000),
  band(40, 44, 7000),
  band(45, 49, 7000),
  band(50, 54, 7000),
  band(55, 59, 6500),
  band(60, 64, 6000),
  band(65, 69, 5500),
  band(70, 74, 5000),
  band(75, 79, 4000),
  band(80, 84, 2500),
];

/**
 * European Standard Population 2013 weights (Eurostat KS-RA-13-028; the weights of
 * PHEindicatormethods `esp2013` and ONS age-standardised rates). Each variant sums to 100,000:
 * `bands19` ends 85-89, 90+ (the ONS/Fingertips default); `bands18` ends 85+ (85-89 and 90+
 * merged) for data that stop at 85+.
 */
export const esp2013: {
  readonly bands19: readonly StandardPopulationBand[];
  readonly bands18: readonly StandardPopulationBand[];
} = Object.freeze({
  bands19: Object.freeze([...SHARED_BANDS_0_TO_84, band(85, 89, 1500), band(90, null, 1000)]),
  bands18: Object.freeze([...SHARED_BANDS_0_TO_84, band(85, null, 2500)]),
});
