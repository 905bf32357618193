/** Hand-made episodes with known outcomes (financial year 2021/22), shared by the tests. */
import type { Episode } from '../../../../src/lib/views/treatmentOutcomes/episodes';

export const ep = (
  client: string,
  group: Episode['group'],
  start: string,
  discharge: string | null = null,
  reason: string | null = null,
  age = 35,
): Episode => ({ client, age, group, start, discharge, reason });

/** Financial year 2021/22 = 2021-04-01 .. 2022-03-31. */
export const EPISODES: Episode[] = [
  // A: completed, never came back.
  ep('A', 'opiate', '2021-05-01', '2021-09-30', 'Treatment completed - drug-free'),
  // B: completed 31 Aug; back on 28 Feb = 31 Aug + 6 months (clamped): a re-presentation.
  ep('B', 'non_opiate_only', '2021-05-01', '2021-08-31', 'Treatment completed - drug-free'),
  ep('B', 'non_opiate_only', '2022-02-28'),
  // C: completed 31 Aug; back on 1 March, one day after the window: not a re-presentation.
  ep('C', 'alcohol_only', '2021-05-01', '2021-08-31', 'Treatment completed - alcohol-free'),
  ep('C', 'alcohol_only', '2022-03-01'),
  // D: open since 2020, never discharged: in treatment, nothing else.
  ep('D', 'opiate', '2020-01-10'),
  // E: transferred, then a new episode the next day that drops out after 152 days.
  ep('E', 'non_opiate_and_alcohol', '2021-06-01', '2021-07-01', 'Transferred - not in custody'),
  ep('E', 'non_opiate_and_alcohol', '2021-07-02', '2021-12-01', 'Incomplete - dropped out'),
  // F: dropped out on day 84 exactly (inside 12 weeks); G on day 85 (outside).
  ep('F', 'non_opiate_only', '2021-10-01', '2021-12-24', 'Incomplete - dropped out'),
  ep(
    'G',
    'alcohol_only',
    '2021-10-01',
    '2021-12-25',
    'Incomplete - treatment withdrawn by provider',
  ),
  // H: died 19 days in: a death in treatment, not an unplanned exit.
  ep('H', 'opiate', '2021-11-01', '2021-11-20', 'Incomplete - client died'),
  // I: a 16-year-old: adult measures leave the episode out.
  ep('I', 'opiate', '2021-05-01', '2021-06-01', 'Treatment completed - drug-free', 16),
];
