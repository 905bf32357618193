import { isMissing } from './validation';

/** What ONS would publish for a count of deaths. */
export interface OnsDeathDisplay {
  /** Age-standardised rate calculated (10 or more deaths). */
  dsrCalculated: boolean;
  /** Crude rate shown (3 or more deaths). */
  crudeShown: boolean;
  /** Rate of low reliability (fewer than 20 deaths), flagged "u". */
  unreliable: boolean;
  /** The flag to print beside a rate: 'u' when unreliable, otherwise null. */
  flag: 'u' | null;
  /** What to print instead of a rate that was not calculated (ONS uses ":"). */
  notCalculatedSymbol: ':';
}

/** ONS: no age-standardised rate below 10 deaths. */
export const ONS_MINIMUM_DEATHS_FOR_ASR = 10;
/** ONS: rates from fewer than 20 deaths are flagged "u" (low reliability). */
export const ONS_RELIABLE_DEATHS = 20;
/** ONS: no crude rate below 3 deaths. */
export const ONS_MINIMUM_DEATHS_FOR_CRUDE = 3;

/**
 * ONS display rules for mortality rates (ONS, "Deaths related to drug poisoning in England and
 * Wales" statistical bulletin and its methodology notes): age-standardised rates are not
 * calculated for fewer than 10 deaths (shown ":"), rates based on fewer than 20 deaths are
 * flagged "u" as unreliable, and crude rates are not shown for fewer than 3 deaths.
 * Throws for a negative or fractional death count; a missing count shows nothing.
 */
export function onsDeathDisplayRule(deaths: number | null | undefined): OnsDeathDisplay {
  if (isMissing(deaths)) {
    return {
      dsrCalculated: false,
      crudeShown: false,
      unreliable: false,
      flag: null,
      notCalculatedSymbol: ':',
    };
  }
  if (!Number.isInteger(deaths) || deaths < 0) {
    throw new Error(
      `ONS display rule: deaths ${String(deaths)} must be a whole number, zero or more`,
    );
  }
  const unreliable = deaths < ONS_RELIABLE_DEATHS;
  return {
    dsrCalculated: deaths >= ONS_MINIMUM_DEATHS_FOR_ASR,
    crudeShown: deaths >= ONS_MINIMUM_DEATHS_FOR_CRUDE,
    unreliable,
    flag: unreliable ? 'u' : null,
    notCalculatedSymbol: ':',
  };
}
