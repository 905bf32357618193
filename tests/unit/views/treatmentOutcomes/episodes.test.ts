/**
 * Treatment outcomes from small hand-made episode sets with known answers: open episodes,
 * re-presentation on the 6-month boundary, transfers, deaths in treatment, the 12-week boundary.
 */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  episodeOutcomes,
  median,
  poolGroups,
} from '../../../../src/lib/views/treatmentOutcomes/episodes';
import { exitKind } from '../../../../src/lib/views/treatmentOutcomes/model';
import { EPISODES, ep } from './fixtures';

const year = (extract: string, label = '2021/22') => {
  const got = episodeOutcomes(EPISODES, extract);
  const p = got.periods.find((x) => x.period === label)!;
  return { ...got, p, all: p.byGroup.get('all')! };
};

describe('treatment outcomes from episodes', () => {
  it("a partnership's extract larger than a function call's argument limit still counts", () => {
    // 300,000 episodes: spreading them into Math.max/Math.min threw "Maximum call stack size
    // exceeded" (a group's members' episodes together can be this many).
    const many = Array.from({ length: 300_000 }, (_, i) =>
      ep(
        `C${i}`,
        'opiate',
        '2021-05-01',
        i % 2 ? '2021-09-30' : null,
        'Treatment completed - drug-free',
      ),
    );
    const all = episodeOutcomes(many)
      .periods.find((x) => x.period === '2021/22')!
      .byGroup.get('all')!;
    expect(all.inTreatment).toBe(300_000);
    expect(all.completions).toBe(150_000);
  });

  it('six calendar months, clamped to the end of a shorter month', () => {
    expect(addMonths('2021-08-31', 6)).toBe('2022-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2021-03-15', 6)).toBe('2021-09-15');
    expect(addMonths('2021-10-31', 6)).toBe('2022-04-30');
  });

  it('classifies discharge reasons', () => {
    expect(exitKind('Treatment completed - occasional user')).toBe('completed');
    expect(exitKind('Incomplete - client died')).toBe('died');
    expect(exitKind('Transferred - in custody')).toBe('transferred');
    expect(exitKind('Incomplete - retained in custody')).toBe('unplanned');
    expect(exitKind(null)).toBe('other');
  });

  it('counts people in treatment once, open episodes included, children left out', () => {
    const { all, notes, periods } = year('2023-03-31');
    expect(all.inTreatment).toBe(8); // A B C D E F G H
    expect(notes.join(' ')).toMatch(/1 episode of under-18s left out/);
    // D's open episode keeps D in treatment in every year from 2019/20 to the extract.
    expect(periods.map((p) => p.period)).toEqual(['2019/20', '2020/21', '2021/22', '2022/23']);
    expect(periods[0].byGroup.get('all')!.inTreatment).toBe(1);
    expect(periods[3].byGroup.get('all')!.inTreatment).toBe(3); // B, C (new episodes), D
  });

  it('successful completion, and re-presentation on the 6-month boundary', () => {
    const { all, p } = year('2023-03-31');
    expect(p.followUpComplete).toBe(true);
    expect(all.completions).toBe(3); // A B C
    expect(all.representations).toBe(1); // B, back on the last day of the window
    expect(all.completionsNoRepresentation).toBe(2); // A, C (C came back a day too late)
  });

  it('follow-up measures are null until the extract is 6 months past the period end', () => {
    const { all, p } = year('2022-09-29');
    expect(p.followUpComplete).toBe(false);
    expect(all.completions).toBe(3);
    expect(all.completionsNoRepresentation).toBeNull();
    expect(all.representations).toBeNull();
    expect(year('2022-09-30').p.followUpComplete).toBe(true);
  });

  it('unplanned exits in 12 weeks: day 84 in, day 85 out; transfers and deaths are not exits', () => {
    const { all } = year('2023-03-31');
    // Starts: A, B, B2, C, C2, E1, E2, F, G, H = 10; early unplanned exit: F only.
    expect(all.starts).toBe(10);
    expect(all.earlyUnplannedExits).toBe(1);
    expect(all.deaths).toBe(1); // H
  });

  it('starts less than 12 weeks before the extract are left out of early exits', () => {
    const { p, all } = year('2022-03-31');
    // B2 (28 Feb) and C2 (1 Mar) started less than 84 days before 31 March 2022.
    expect(p.startsTooRecent).toBe(2);
    expect(all.starts).toBe(8);
  });

  it('median time in treatment of episodes that ended (transfers out)', () => {
    const { all } = year('2023-03-31');
    // A 152, B 122, C 122, E2 152, F 84, G 85, H 19 days; E1 (transfer) is not counted.
    expect([...all.durations].sort((a, b) => a - b)).toEqual([19, 84, 85, 122, 122, 152, 152]);
    expect(median(all.durations)).toBe(122);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('substance groups: one group per person per year, non-opiate combined as PHOF C19b', () => {
    const { p } = year('2023-03-31');
    expect(p.byGroup.get('opiate')!.inTreatment).toBe(3); // A D H
    expect(p.byGroup.get('non_opiate')!.inTreatment).toBe(3); // B E F
    expect(p.byGroup.get('non_opiate_only')!.inTreatment).toBe(2); // B F
    expect(p.byGroup.get('alcohol_only')!.inTreatment).toBe(2); // C G
    expect(p.byGroup.get('opiate')!.completions).toBe(1);
    expect(poolGroups(['non_opiate_only', 'alcohol_only'])).toBe('non_opiate_and_alcohol');
    expect(poolGroups(['alcohol_only', 'opiate'])).toBe('opiate');
    expect(poolGroups([null])).toBeNull();
  });

  it('age profile of the cohort (age at the start of the latest episode)', () => {
    const eps = [
      ep('X', 'opiate', '2021-05-01', null, null, 20),
      ep('Y', 'opiate', '2021-05-01', null, null, 70),
    ];
    const all = episodeOutcomes(eps, '2022-03-31').periods[0].byGroup.get('all')!;
    expect(all.ages['18-24']).toBe(1);
    expect(all.ages['65+']).toBe(1);
    expect(all.ages['35-44']).toBe(0);
  });
});
