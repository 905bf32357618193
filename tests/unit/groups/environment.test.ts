/**
 * The view environment's area directory lets a group's members be named as the analyst knows
 * them, districts included (the groups editor resolves names against it), through the real
 * engine and the shipped area list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { buildViewEnvironment } from '../../../src/lib/views';
import { validateGroup } from '../../../src/lib/groups';
import { withGroups } from '../../../src/lib/groups/environment';
import { tablesFromFiles } from './fixtures';

describe("groups named against the views' area directory", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await tablesFromFiles(engine, { areas: 'datasets/derived_canonical_areas_2023.csv' }, 'ge');
  });

  it('takes districts by name, as authorities are', async () => {
    const env = withGroups(await buildViewEnvironment(engine), []);
    expect(
      validateGroup({ name: 'Fens', members: ['Fenland', 'Huntingdonshire'] }, env.areas).members,
    ).toEqual(['E07000010', 'E07000011']);
    expect(
      validateGroup(
        { name: 'Humber south', members: ['North Lincolnshire', 'E06000012'] },
        env.areas,
      ).members,
    ).toEqual(['E06000013', 'E06000012']);
    expect(env.areas.lowerTier.length).toBe(164);
  });
});
