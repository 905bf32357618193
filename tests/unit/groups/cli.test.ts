/**
 * The command line with an area group: `npm run view -- drug-deaths --group "Humberside=…"
 * --area Humberside` on the real ONS file gives Humberside's summed deaths for every 3-year
 * period (the sum of the four members' published counts).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const MEMBERS = ['E06000010', 'E06000011', 'E06000012', 'E06000013'];
const ONS = 'datasets/ons_drug_deaths_by_la_3yr_asr_2001_2021.csv';

function dataFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'groups-cli-'));
  for (const f of [
    ONS,
    'datasets/derived_canonical_areas_2023.csv',
    'datasets/derived_canonical_population_la2023_2019_2021.csv',
  ])
    copyFileSync(f, path.join(dir, path.basename(f)));
  return dir;
}

/** The members' published drug-misuse deaths (Persons) summed per 3-year period, from the file. */
function expectedSums(): Map<string, number> {
  const rows = Papa.parse<Record<string, string>>(readFileSync(ONS, 'utf8'), { header: true }).data;
  const out = new Map<string, number>();
  for (const r of rows)
    if (MEMBERS.includes(r.area_code) && r.measure === 'drug_misuse' && r.sex === 'Persons')
      out.set(r.period, (out.get(r.period) ?? 0) + Number(r.deaths));
  return out;
}

async function view(args: string[]) {
  return run(path.resolve('node_modules/.bin/tsx'), ['scripts/view.ts', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('CLI: drug deaths for an area group', () => {
  it('gives the Humberside footprint its summed ONS deaths for each period', async () => {
    const dir = dataFolder();
    const { stdout, stderr } = await view([
      'drug-deaths',
      '--data',
      dir,
      '--group',
      `Humberside=${MEMBERS.join(',')}`,
      '--area',
      'Humberside',
      '--option',
      'source=published',
    ]);
    const rows = Papa.parse<Record<string, string>>(stdout.trim(), { header: true }).data;
    const group = rows.filter(
      (r) => r.area_code === 'GROUP:Humberside' && r.indicator_id === 'drug_misuse_deaths_asr',
    );
    const expected = expectedSums();
    expect(expected.size).toBe(19);
    for (const [period, deaths] of expected) {
      const row = group.find((r) => r.period === period);
      expect(row?.count, period).toBe(String(deaths));
    }
    expect(group.find((r) => r.period === '2019-21')?.count).toBe('115');
    const crude = rows.find(
      (r) =>
        r.area_code === 'GROUP:Humberside' &&
        r.indicator_id === 'drug_misuse_deaths_crude' &&
        r.period === '2019-21',
    )!;
    expect(Number(crude.value).toFixed(2)).toBe('4.10');
    expect(stderr).toMatch(/Drug-related deaths: Humberside \(GROUP:Humberside\)/);
    expect(stderr).toMatch(/Humberside \(group of 4: Kingston upon Hull/);
  }, 240_000);

  it('reads groups from a file and names an unknown member code', async () => {
    const dir = dataFolder();
    const file = path.join(dir, 'groups.csv');
    writeFileSync(file, 'name,code\nBad,E06000010\nBad,E06999999\n');
    await expect(
      view(['drug-deaths', '--data', dir, '--groups', file, '--area', 'Bad']),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/E06999999 is not in the area list/) });
  }, 240_000);
});
