import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import type { Engine } from '../../../src/lib/engine/types';
import { groupReason, groupRowsQuery, listCell } from '../../../src/lib/groups';
import type { AreaGroup } from '../../../src/lib/domain/areas';

const NORTH: AreaGroup = {
  code: 'GROUP:North',
  name: 'North',
  members: ['E06000001', 'E06000002'],
};
const DISTRICTS: AreaGroup = {
  code: 'GROUP:Fens',
  name: 'Fens',
  members: ['E07000010', 'E07000011'],
};

describe('groupRowsQuery (real DuckDB-WASM)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
    await engine.query(`DROP TABLE IF EXISTS grp_t`);
    await engine.query(
      `CREATE TABLE grp_t (area_code VARCHAR, period VARCHAR, sex VARCHAR, count DOUBLE, population DOUBLE, rate DOUBLE)`,
    );
    await engine.query(`INSERT INTO grp_t VALUES
      ('E06000001', '2020', 'Persons', 10, 1000, 1000),
      ('E06000002', '2020', 'Persons', 5, 500, 1000),
      ('E06000001', '2021', 'Persons', 12, 1000, 1200),
      ('E06000002', '2021', 'Persons', NULL, 510, NULL),
      ('E06000001', '2022', 'Persons', 7, 1000, 700),
      ('E06000003', '2020', 'Persons', 99, 99, 99),
      ('E07000010', '2020', 'Male', 3, 300, 1),
      ('E07000010', '2020', 'Female', 4, 310, 1),
      ('E07000011', '2020', 'Male', 6, 600, 1),
      ('E07000011', '2020', 'Female', 8, 610, 1)`);
  });

  async function run(groups: AreaGroup[], where?: string) {
    const q = groupRowsQuery({
      from: 'grp_t',
      keys: ['period', 'sex'],
      additive: ['count', 'population'],
      groups,
      where,
    });
    return (await engine.query(q.sql, q.params)).toRows();
  }

  it('sums counts and populations per key, never the rates, with the group code as area_code', async () => {
    const rows = await run([NORTH]);
    const y2020 = rows.find((r) => r.period === '2020')!;
    expect(y2020.area_code).toBe('GROUP:North');
    expect(y2020.count).toBe(15);
    expect(y2020.population).toBe(1500);
    expect(y2020).not.toHaveProperty('rate');
    expect(Number(y2020.members)).toBe(2);
    expect(groupReason(y2020)).toBe('');
    // Another area's rows are not counted.
    expect(rows.every((r) => r.count !== 114)).toBe(true);
  });

  it('makes a key not calculated when a member is suppressed, naming it, and keeps complete columns', async () => {
    const rows = await run([NORTH]);
    const y2021 = rows.find((r) => r.period === '2021')!;
    expect(y2021.count).toBeNull();
    expect(y2021.population).toBe(1510);
    expect(listCell(y2021.suppressed)).toEqual(['E06000002']);
    expect(groupReason(y2021, (c) => (c === 'E06000002' ? 'Darlington' : c))).toBe(
      'not calculated for the group: suppressed or missing for Darlington',
    );
  });

  it('makes a key not calculated when a member has no row for it', async () => {
    const rows = await run([NORTH]);
    const y2022 = rows.find((r) => r.period === '2022')!;
    expect(y2022.count).toBeNull();
    expect(y2022.population).toBeNull();
    expect(listCell(y2022.missing)).toEqual(['E06000002']);
    expect(groupReason(y2022)).toMatch(/no data for E06000002/);
  });

  it('groups lower-tier districts per sex, and several groups at once', async () => {
    const rows = await run([NORTH, DISTRICTS], `period = '2020'`);
    const male = rows.find((r) => r.area_code === 'GROUP:Fens' && r.sex === 'Male')!;
    const female = rows.find((r) => r.area_code === 'GROUP:Fens' && r.sex === 'Female')!;
    expect(male.count).toBe(9);
    expect(male.population).toBe(900);
    expect(female.count).toBe(12);
    expect(female.population).toBe(920);
    expect(rows.filter((r) => r.area_code === 'GROUP:North')).toHaveLength(1);
  });

  it('takes a subquery with parameters as its source', async () => {
    const q = groupRowsQuery({
      from: `(SELECT * FROM grp_t WHERE sex = ?)`,
      fromParams: ['Female'],
      keys: ['period'],
      additive: ['count'],
      groups: [DISTRICTS],
    });
    const rows = (await engine.query(q.sql, q.params)).toRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].count).toBe(12);
  });
});
