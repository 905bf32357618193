/**
 * Runs a prebuilt view from the command line, on the same engine and code the browser uses:
 *
 *   npm run view -- <view> --data <folder of CSVs> --area <code>
 *        [--comparator region|england|neighbours|custom] [--custom E06000032,E06000033]
 *        [--period 2019-21] [--option key=value ...] [--file extra.csv ...] [--json]
 *        [--indicators-from-views] [--group "NAME=CODE,CODE,..." ...] [--groups groups.json|.csv]
 *
 * Every CSV in the folder (and each --file) is loaded with the app loader (loadCsv), recognised
 * and mapped onto the canonical tables (src/lib/schema). The view's indicator rows are printed as
 * CSV on stdout; notes, the method note and chart descriptions go to stderr.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { createNodeEngine } from '../src/lib/engine/node';
import { createNativeEngine } from '../src/lib/engine/native';
import { quoteIdent } from '../src/lib/engine/sql';
import type { Engine } from '../src/lib/engine/types';
import { loadFileAsRaw, mapRaw, type MapOptions } from '../src/lib/ingest/fileMapping';
import { parseMapping } from '../src/lib/schema/mapping';
import { INDICATOR_COLUMNS } from '../src/lib/schema/indicator';
import { isCanonicalTableName } from '../src/lib/schema/tables';
import { parseGroupFile, parseGroupSpec, validateGroups } from '../src/lib/groups';
import type { ComparatorKind } from '../src/lib/views/areas';
import type { IndicatorRow } from '../src/lib/schema/indicator';
import {
  VIEWS,
  buildViewEnvironment,
  defaultOptions,
  isViewId,
  resolveViewContext,
  runView,
} from '../src/lib/views';

const USAGE = `Usage: npm run view -- <${Object.keys(VIEWS).join('|')}> --data <folder> --area <code>
       [--comparator region|england|neighbours|custom] [--custom CODE,CODE] [--period LABEL]
       [--option key=value ...] [--file extra.csv|.xlsx|.ods ...] [--json] [--indicators-from-views]
       [--sheet NAME] [--as <canonical table>] [--set column=value ...] [--mapping mapping.json]
       [--engine wasm|native] [--group "NAME=CODE,CODE,..." ...] [--groups FILE]
  --group: an area group (e.g. a combating-drugs partnership), members by ONS code or name, all
  upper-tier or all lower-tier; --area NAME then makes it the focal area (several --group
  allowed). --groups reads groups from a JSON ([{"name","members"}]) or CSV (name,code) file.
  --engine: wasm (default) runs the engine the browser runs; native runs the same SQL on native
  DuckDB (@duckdb/node-api: every core, no browser memory limit) for national-scale data.
  --file: a CSV file or a workbook (.xlsx, .xls, .ods; its known-publication sheets are read, or
  the one chosen with --sheet). --as maps each --file onto that canonical table as the mapping
  dialog would (a wide table's area, period or group columns turned into rows); --set gives a
  value for every row (e.g. --set period="2020 Q2"); --mapping replays a mapping saved from the
  dialog (JSON).
  --indicators-from-views: first run the other views for every upper-tier authority and add their
  indicator rows to the "indicators" table (so la-comparison can compare areas on them).`;

interface Args {
  view: string;
  data: string[];
  files: string[];
  area: string;
  comparator: ComparatorKind;
  custom: string[];
  period: string | null;
  options: Record<string, string>;
  json: boolean;
  fromViews: boolean;
  /** Which DuckDB runs the SQL: the browser's wasm build, or native DuckDB. */
  engine: 'wasm' | 'native';
  /** How each --file is mapped (--sheet, --as, --set, --mapping). */
  fileOptions: MapOptions;
  /** Area groups from --group and --groups, not yet checked against the area list. */
  groups: { name: string; members: string[] }[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    view: '',
    data: [],
    files: [],
    area: '',
    comparator: 'region',
    custom: [],
    period: null,
    options: {},
    json: false,
    fromViews: false,
    engine: 'wasm',
    fileOptions: {},
    groups: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value.\n${USAGE}`);
      return v;
    };
    if (a === '--data') args.data.push(next());
    else if (a === '--file') args.files.push(next());
    else if (a === '--area') args.area = next();
    else if (a === '--comparator') {
      const v = next();
      if (!['region', 'england', 'neighbours', 'custom'].includes(v))
        throw new Error(`--comparator must be region, england, neighbours or custom.`);
      args.comparator = v as ComparatorKind;
    } else if (a === '--custom')
      args.custom = next()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--period') args.period = next();
    else if (a === '--option') {
      const v = next();
      const eq = v.indexOf('=');
      if (eq < 1) throw new Error(`--option needs key=value, got "${v}".`);
      args.options[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (a === '--sheet') args.fileOptions.sheet = next();
    else if (a === '--as') args.fileOptions.as = next();
    else if (a === '--set') {
      const v = next();
      const eq = v.indexOf('=');
      if (eq < 1) throw new Error(`--set needs column=value, got "${v}".`);
      args.fileOptions.set = { ...args.fileOptions.set, [v.slice(0, eq)]: v.slice(eq + 1) };
    } else if (a === '--mapping')
      args.fileOptions.mapping = parseMapping(readFileSync(next(), 'utf8'));
    else if (a === '--group') args.groups.push(parseGroupSpec(next()));
    else if (a === '--groups') args.groups.push(...parseGroupFile(readFileSync(next(), 'utf8')));
    else if (a === '--json') args.json = true;
    else if (a === '--indicators-from-views') args.fromViews = true;
    else if (a === '--engine') {
      const v = next();
      if (v !== 'wasm' && v !== 'native') throw new Error(`--engine must be wasm or native.`);
      args.engine = v;
    } else if (a === '--help' || a === '-h') {
      console.error(USAGE);
      process.exit(0);
    } else if (!a.startsWith('--') && !args.view) args.view = a;
    else throw new Error(`Unknown argument "${a}".\n${USAGE}`);
  }
  if (!args.view || !isViewId(args.view)) throw new Error(`Choose a view.\n${USAGE}`);
  if (args.data.length === 0 && args.files.length === 0)
    throw new Error(`--data is required.\n${USAGE}`);
  if (!args.area) throw new Error(`--area is required.\n${USAGE}`);
  if (
    args.custom.length > 0 &&
    args.comparator === 'region' &&
    !process.argv.includes('--comparator')
  )
    args.comparator = 'custom';
  return args;
}

function csvFiles(args: Args): string[] {
  const out: string[] = [];
  for (const folder of args.data) {
    if (!statSync(folder).isDirectory()) throw new Error(`--data ${folder} is not a folder.`);
    for (const f of readdirSync(folder).sort())
      if (f.toLowerCase().endsWith('.csv')) out.push(path.join(folder, f));
  }
  out.push(...args.files);
  return out;
}

async function tableExists(engine: Engine, name: string): Promise<boolean> {
  const r = await engine.query(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?`,
    [name],
  );
  return Number(r.toRows()[0]?.n ?? 0) > 0;
}

/**
 * Loads one file (a CSV, or a workbook's sheets) and maps it onto canonical tables, as the app
 * does (src/lib/ingest/fileMapping.ts); returns lines for stderr.
 */
async function loadOne(
  engine: Engine,
  file: string,
  index: number,
  options: MapOptions = {},
): Promise<string> {
  const fileName = path.basename(file);
  const loadedTables = await loadFileAsRaw(
    engine,
    fileName,
    new Uint8Array(readFileSync(file)),
    index,
    options.sheet,
  );
  const lines: string[] = [];
  for (const loaded of loadedTables) {
    const mapped = await mapRaw(engine, loaded, options);
    if (mapped.mapped) {
      lines.push(mapped.line);
      continue;
    }
    const base = fileName.replace(/\.csv$/i, '');
    if (isCanonicalTableName(base) && !(await tableExists(engine, base))) {
      await engine.query(`ALTER TABLE ${quoteIdent(loaded.raw)} RENAME TO ${quoteIdent(base)}`);
      lines.push(
        `${fileName}: ${loaded.rows} rows → ${base} (taken as named; not recognised with confidence)`,
      );
    } else lines.push(mapped.line);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const engine = args.engine === 'native' ? await createNativeEngine() : await createNodeEngine();
  try {
    const files = csvFiles(args);
    for (const [i, f] of files.entries()) {
      try {
        // --sheet, --as, --set and --mapping are for the --file arguments, not the --data folder.
        const own = args.files.includes(f) ? args.fileOptions : {};
        console.error(await loadOne(engine, f, i, own));
      } catch (e) {
        console.error(
          `${path.basename(f)}: not loaded: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    let env = await buildViewEnvironment(engine);
    if (args.groups.length > 0) {
      // Members are checked against the loaded area list, then the groups join the directory.
      env = await buildViewEnvironment(engine, validateGroups(args.groups, env.areas));
    }
    const computed: IndicatorRow[] = [];
    if (args.fromViews) {
      const all = resolveViewContext(env, {
        focalArea: args.area,
        comparator: 'england',
        latestPeriod: args.period,
      });
      for (const other of Object.values(VIEWS)) {
        if (other.id === 'la-comparison') continue;
        try {
          const r = await runView(other.id, all, defaultOptions(other));
          computed.push(...r.indicators);
          console.error(`${other.title}: ${r.indicators.length} indicator rows to compare on.`);
        } catch (e) {
          console.error(`${other.title}: not run (${e instanceof Error ? e.message : String(e)})`);
        }
      }
    }
    const ctx = resolveViewContext(
      env,
      {
        focalArea: args.area,
        comparator: args.comparator,
        customComparators: args.custom,
        latestPeriod: args.period,
      },
      computed,
    );
    if (ctx.comparatorCodes.length <= 1)
      console.error(
        `Warning: no comparator areas found for "${args.comparator}" (is the areas${args.comparator === 'neighbours' ? ' or comparator_groups' : ''} table loaded?); only the focal area is compared.`,
      );
    const view = VIEWS[args.view as keyof typeof VIEWS];
    const options = { ...defaultOptions(view), ...args.options };
    const result = await runView(view.id, ctx, options);
    if (args.json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } else {
      const rows = result.indicators.map((r) =>
        Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, r[c] ?? ''])),
      );
      process.stdout.write(Papa.unparse(rows, { columns: [...INDICATOR_COLUMNS] }) + '\n');
    }
    console.error('');
    console.error(
      `${view.title}: ${ctx.focalAreaName} (${ctx.focalArea}); comparators: ${ctx.comparatorLabel} (${ctx.comparatorCodes.length} areas)`,
    );
    if (result.synthetic)
      console.error(
        'SYNTHETIC: the input includes synthetic training data. These are not real figures.',
      );
    console.error(`Method: ${result.methodNote}`);
    for (const n of result.notes) console.error(`Note: ${n}`);
    for (const c of result.charts) console.error(`Chart "${c.title}": ${c.description}`);
  } finally {
    await engine.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
