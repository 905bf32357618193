/**
 * Writes SYNTHETIC training data as CSV files.
 *
 *   npm run generate -- --seed 2024 --area E06000031 --out datasets/synthetic
 *
 * Reads the shipped lookup and ONS population files from datasets/ (override with --datasets),
 * calls the same generator the app uses, and writes one CSV per canonical table plus a README.md
 * stating the seed and that everything is SYNTHETIC.
 *
 * Optionally (--canonical-areas FILE, --canonical-population FILE) also writes the *real* inputs
 * as canonical `areas` and `population` tables (April 2023 areas; 2019-2021 populations with
 * sexes Male/Female/Persons), so synthetic deaths can be turned into rates with matching codes:
 *
 *   npm run generate -- --seed 2024 --area E06000031 --out datasets/synthetic \
 *     --canonical-areas datasets/derived_canonical_areas_2023.csv \
 *     --canonical-population datasets/derived_canonical_population_la2023_2019_2021.csv
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  LOOKUP_FILE,
  POPULATION_FILES,
  SYNTHETIC_TABLE_NAMES,
  buildSyntheticInputs,
  canonicalAreasTable,
  canonicalPopulationTable,
  cjsMismatchAreas,
  generateSyntheticData,
  tableToCsv,
} from '../src/lib/synthetic/index';

interface Args {
  seed: string;
  area: string;
  out: string;
  datasets: string;
  canonicalAreas: string | null;
  canonicalPopulation: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    seed: '2024',
    area: 'E06000031',
    out: 'datasets/synthetic',
    datasets: 'datasets',
    canonicalAreas: null,
    canonicalPopulation: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--seed':
        args.seed = value();
        break;
      case '--area':
        args.area = value();
        break;
      case '--out':
        args.out = value();
        break;
      case '--datasets':
        args.datasets = value();
        break;
      case '--canonical-areas':
        args.canonicalAreas = value();
        break;
      case '--canonical-population':
        args.canonicalPopulation = value();
        break;
      case '--help':
      case '-h':
        console.log(
          'Usage: npm run generate -- --seed 2024 --area E06000031 --out datasets/synthetic [--datasets datasets] [--canonical-areas file.csv] [--canonical-population file.csv]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument: ${a}`);
    }
  }
  return args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const seed: number | string = /^-?\d+$/.test(args.seed) ? Number(args.seed) : args.seed;
  const datasets = resolve(args.datasets);
  const lookupCsv = readFileSync(join(datasets, LOOKUP_FILE), 'utf8');
  const populationCsvs = POPULATION_FILES.map((f) => readFileSync(join(datasets, f), 'utf8'));
  const { areas, population } = buildSyntheticInputs({ lookupCsv, populationCsvs });
  const focal = areas.find((a) => a.code === args.area);
  if (!focal || focal.type !== 'UTLA')
    throw new Error(`--area ${args.area} is not an upper-tier LA in ${LOOKUP_FILE}`);

  // Optional: the real inputs as canonical `areas` / `population` tables (not synthetic).
  if (args.canonicalAreas) {
    writeFileSync(resolve(args.canonicalAreas), tableToCsv(canonicalAreasTable(lookupCsv)));
    console.log(`canonical areas: ${args.canonicalAreas}`);
  }
  if (args.canonicalPopulation) {
    writeFileSync(
      resolve(args.canonicalPopulation),
      tableToCsv(canonicalPopulationTable(population)),
    );
    console.log(`canonical population: ${args.canonicalPopulation}`);
  }

  const tables = generateSyntheticData({ seed, areas, population, focalArea: args.area });

  const out = resolve(args.out);
  mkdirSync(out, { recursive: true });
  const sizes: string[] = [];
  for (const name of SYNTHETIC_TABLE_NAMES) {
    const file = join(out, `${name}.csv`);
    writeFileSync(file, tableToCsv(tables[name]));
    const bytes = statSync(file).size;
    sizes.push(
      `| \`${name}.csv\` | ${tables[name].rows.length.toLocaleString('en-GB')} | ${(bytes / 1024).toFixed(0)} KB |`,
    );
    console.log(`${name}.csv: ${tables[name].rows.length} rows, ${bytes} bytes`);
  }
  const mismatch = cjsMismatchAreas(areas, args.area);
  const name = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
  const utlaCount = areas.filter((a) => a.type === 'UTLA').length;
  writeFileSync(
    join(out, 'README.md'),
    readme(
      args.out,
      seed,
      focal.code,
      focal.name,
      utlaCount,
      mismatch.map((c) => `${name(c)} (${c})`),
      sizes,
    ),
  );
  console.log(`Wrote ${SYNTHETIC_TABLE_NAMES.length} tables and README.md to ${out}`);
}

function readme(
  outLabel: string,
  seed: number | string,
  focalCode: string,
  focalName: string,
  utlaCount: number,
  mismatch: string[],
  sizes: string[],
): string {
  return `# SYNTHETIC training data — not real

**Everything in this folder is SYNTHETIC.** It was invented by a seeded random generator for
training and demonstration. No value here is a real count, estimate or person. Do not quote it,
publish it or compare it with real figures. Every file has a \`synthetic\` column (= \`true\`) and the
app labels any table with that column SYNTHETIC.

- Generator: \`src/lib/synthetic/generate.ts\` (\`generateSyntheticData\`), magnitudes in
  \`src/lib/synthetic/constants.ts\`.
- Command: \`npm run generate -- --seed ${seed} --area ${focalCode} --out ${outLabel}\`
- **Seed: ${seed}.** The same seed and inputs always give byte-identical files.
- Focal area (record-level tables): **${focalName} (${focalCode})**.
- Inputs (real, from \`datasets/\`): the April 2023 LTLA→UTLA→region lookup (${utlaCount} UTLAs) and
  ONS mid-year population estimates 2019-2021 by sex and 5-year band (the four April 2023
  unitary authorities and North/West Northamptonshire in 2019 are sums of their predecessor
  districts). Population is the only real quantity behind these files.

| file | rows | size |
|---|---|---|
${sizes.join('\n')}

## Tables (canonical names and columns, docs/canonical-tables.md, plus \`synthetic\`)

- \`prevalence\`: every UTLA × 2016/17, 2019/20 × \`ocu\`, \`opiate\`, \`crack\` (age_range 15-64) and
  \`alcohol_dependence\` (18+); estimate with a 95% interval 15-25% either side. Denominators: the 2019 population for both
  periods (the earliest shipped); OCU about 9 per 1,000 aged 15-64 for England.
- \`treatment\`: every UTLA × 2019/20-2022/23 × \`opiate\`, \`non_opiate_only\`,
  \`non_opiate_and_alcohol\`, \`alcohol_only\` and \`all\` (= the sum of the four). Opiate clients are 45-55% of
  the opiate estimate (about 35-50% of OCU); alcohol clients (alcohol_only +
  non_opiate_and_alcohol) about 15-25% of dependent drinkers. Counts are not rounded to 5.
- \`cjs_treatment\`: every UTLA × 2021/22, 2022/23 × substance group × \`cjs_pathway\`
  (\`police_custody\`, \`liaison_and_diversion\`, \`court_order_drr_atr\`, \`probation\`,
  \`prison_release\`). Many counts are 1-4 (for disclosure-control practice).
  \`published_total\` is the area's published total for the period (all groups and pathways),
  repeated on each of its rows. **Deliberate errors (training examples, like the Humberside table
  in the domain primer), period 2022/23 only:** ${mismatch[0] ?? '-'}: the published total omits the
  alcohol_only row; ${mismatch[1] ?? '-'}: the published total is the 2021/22 total. Everywhere
  else \`published_total\` equals the sum of the cells.
- \`continuity_of_care\`: every UTLA × 2019/20-2022/23: adults released from prison with a
  treatment need, and those engaging within 3 weeks (20-70% where at least 5 were released).
- \`deaths\`: every UTLA × registration years 2017-2021 (period \`2017\` … \`2021\`) × \`Persons\`,
  \`Male\`, \`Female\` × ESP2013 19 bands × \`drug_poisoning\`, \`drug_misuse\`. **Rows with 0
  deaths are left out** (absent = 0). \`Persons\` = \`Male\` + \`Female\`; drug misuse ≤ drug
  poisoning in every cell. Populations for 2017 and 2018 are the 2019 estimates.
- \`treatment_episodes\`: record-level, ${focalName} only: one row per episode, client ids
  \`SYN-nnnnn\` (some clients have two episodes), start dates 2018-04-01 to 2023-03-31, open
  episodes (no discharge date) at the extract date 2023-03-31.
- \`death_records\`: record-level, ${focalName} only. Records registered in 2017-2021 match the
  \`deaths\` table for ${focalCode} (\`drug_poisoning\`, by registration year, sex and age band)
  exactly; those registered in 2014-2016 and 2022 are extra, drawn from the same rates (trimmed or
  padded to 100-200 records). Registration delays run from about a week to over two years (about
  15% over a year), so the year of death and the year of registration often differ: pool by
  registration year to match ONS. \`known_to_treatment\` is true for about 40% (PRIMER: "60% of
  DRDs were not known to treatment services").
- \`treatment_outcomes\`: every UTLA × 2019/20-2022/23 × the four groups and \`all\` (their sum):
  \`in_treatment\` as in \`treatment\`; completions about 5% of those in treatment for opiates,
  30-36% for the other groups (times an area factor); 82-94% of completions not re-presenting
  within 6 months; starts 20-60% of those in treatment, 10-20% of them leaving in 12 weeks;
  deaths in treatment about 1% for opiates. Not derived from the episodes: ${focalName}'s
  aggregate rows and its episodes disagree (use the episodes for the focal area).
- \`local_metrics\`: every UTLA × quarters \`2022 Q2\` … \`2023 Q1\` × six local measures (naloxone
  kits issued; positive drug tests on arrest assessed for treatment (%); inpatient detox
  admissions; adults in treatment with a housing problem resolved (%); adults in IPS employment
  support; young people screened for substance use (%)), each with its outcome, a target,
  \`high_is_good\` polarity, unit and a source starting "SYNTHETIC". Areas sit around their
  targets (some green, amber and red).
`;
}

main();
