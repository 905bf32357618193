/** The European Standard Population 2013 → standard_population. */
import { normaliseAgeBandSql, numberSql, integerSql } from './normalise';
import { type KnownFormat, from } from './formatTypes';

// ---- (h) ESP2013 -> standard_population ---------------------------------------------------------

export const esp2013: KnownFormat = {
  id: 'esp2013-schemes',
  title: 'European Standard Population 2013 (several band schemes)',
  headers: ['scheme', 'ageband', 'age_from', 'age_to', 'weight'],
  produces: ['standard_population'],
  explanation:
    'This is the European Standard Population 2013. Only the 19-band scheme (0-4 ... 85-89, 90+) that ONS and OHID use for drug death rates is loaded; the other schemes in the file are left out.',
  transform(raw) {
    return [
      {
        table: 'standard_population',
        select: `SELECT ${normaliseAgeBandSql('ageband')} AS age_band, ${integerSql('age_from')} AS age_from,
                        ${integerSql('age_to')} AS age_to, ${numberSql('weight')} AS weight, CAST(scheme AS VARCHAR) AS scheme
                 FROM ${from(raw)} WHERE scheme = 'ESP2013_19band'`,
      },
    ];
  },
  skips() {
    return [
      {
        where: "scheme <> 'ESP2013_19band'",
        reason: 'belong to other ESP2013 band schemes (21- or 18-band)',
      },
    ];
  },
};
