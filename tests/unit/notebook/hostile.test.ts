/**
 * A notebook file is input from anywhere: a crafted one must be refused whole, with a message
 * that says what is wrong, never half-opened.
 */
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/lib/notebook/file';

const HEX = 'ab'.repeat(32);

function file(patch: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'jsna-notebook',
    version: 1,
    title: 'T',
    parameters: { focalArea: 'E06000031', comparator: 'region', customComparators: [] },
    dataSources: [],
    mappings: [],
    cells: [{ id: 'q1', kind: 'sql', source: 'SELECT 1 AS x, 2 AS y' }],
    ...patch,
  });
}

const chart = (patch: Record<string, unknown> = {}) => ({
  id: 'c1',
  kind: 'chart',
  sourceCellId: 'q1',
  mark: 'bar',
  x: 'x',
  y: 'y',
  color: null,
  title: '',
  ...patch,
});
const sql = { id: 'q1', kind: 'sql', source: 'SELECT 1' };

const refused: [string, string, RegExp][] = [
  ['a __proto__ cell id', file({ cells: [{ ...sql, id: '__proto__' }] }), /cell 1 has an id/],
  ['a constructor cell id', file({ cells: [{ ...sql, id: 'constructor' }] }), /cell 1 has an id/],
  [
    'a cell id with markup',
    file({ cells: [{ ...sql, id: 'a"><img src=x>' }] }),
    /cell 1 has an id/,
  ],
  ['a numeric cell id', file({ cells: [{ ...sql, id: 7 }] }), /cell 1 has an id/],
  ['duplicate ids', file({ cells: [sql, sql] }), /cell 2 has the same id/],
  ['an unknown kind', file({ cells: [{ id: 'a', kind: 'html', source: '' }] }), /unknown kind/],
  ['SQL that is not text', file({ cells: [{ id: 'a', kind: 'sql', source: 1 }] }), /no valid text/],
  ['a chart mark outside the list', file({ cells: [sql, chart({ mark: 'image' })] }), /chart type/],
  [
    'a chart drawing a missing cell',
    file({ cells: [sql, chart({ sourceCellId: 'zz' })] }),
    /not a SQL cell/,
  ],
  [
    'a chart column that is not text',
    file({ cells: [sql, chart({ x: { field: 'x' } })] }),
    /invalid x column/,
  ],
  [
    'an unknown view',
    file({ cells: [{ id: 'v', kind: 'view', viewId: 'evil', options: {} }] }),
    /unknown view/,
  ],
  [
    'a view option outside its choices',
    file({
      cells: [
        { id: 'v', kind: 'view', viewId: 'drug-deaths', options: { source: 'x' }, focalArea: null },
      ],
    }),
    /cell 1 \(.*\): Option .* is not one of its choices$|is not one of its choices/,
  ],
  [
    'a view option the view does not have',
    file({
      cells: [
        { id: 'v', kind: 'view', viewId: 'drug-deaths', options: { href: 'x' }, focalArea: null },
      ],
    }),
    /option "href" the view does not have/,
  ],
  [
    'a view option that is not text',
    file({
      cells: [
        {
          id: 'v',
          kind: 'view',
          viewId: 'drug-deaths',
          options: { source: ['published'] },
          focalArea: null,
        },
      ],
    }),
    /not text/,
  ],
  ['a bad comparator', file({ parameters: { comparator: 'everyone' } }), /comparator/],
  [
    'a focal area that is not a code',
    file({ parameters: { focalArea: "x' OR 1=1" } }),
    /focal area/,
  ],
  ['parameters that are a list', file({ parameters: [] }), /parameters/],
  ['a title that is not text', file({ title: { a: 1 } }), /title/],
  ['cells that are not a list', file({ cells: {} }), /no list of cells/],
  [
    'a data file with a bad table name',
    file({
      dataSources: [
        {
          table: 'x; DROP',
          fileName: 'a.csv',
          size: 1,
          fingerprint: 'sha256:' + HEX,
          textColumns: [],
        },
      ],
    }),
    /data file 1 has no valid table name/,
  ],
  [
    'a data file with a bad fingerprint',
    file({
      dataSources: [
        { table: 'a', fileName: 'a.csv', size: 1, fingerprint: 'md5:1', textColumns: [] },
      ],
    }),
    /fingerprint/,
  ],
  ['a mapping that is not an object', file({ mappings: ['x'] }), /column mapping 1/],
];

describe('a crafted notebook file', () => {
  it.each(refused)('is refused when it has %s', (_label, text, message) => {
    const r = parseNotebook(text, 'evil.jsna.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^evil\.jsna\.json is damaged or unsafe: /);
      expect(r.message).toMatch(message);
      expect(r.message).toMatch(/Nothing was changed\.$/);
    }
  });

  it('opens a valid file and carries over no unknown keys', () => {
    const r = parseNotebook(
      file({
        extra: 1,
        cells: [
          { ...sql, onclick: 'x', __proto__: { polluted: true } },
          chart({ href: 'https://example.org' }),
          {
            id: 'v',
            kind: 'view',
            viewId: 'drug-deaths',
            options: { source: 'published' },
            focalArea: null,
          },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.cells[0]).toEqual(sql);
    expect(Object.keys(r.doc.cells[1]).sort()).toEqual(
      ['color', 'id', 'kind', 'mark', 'sourceCellId', 'title', 'x', 'y'].sort(),
    );
    expect(r.doc.cells[2]).toEqual({
      id: 'v',
      kind: 'view',
      viewId: 'drug-deaths',
      options: { source: 'published' },
      focalArea: null,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not let a "__proto__" key in JSON reach a prototype', () => {
    const text = file({}).replace('"title":"T"', '"title":"T","__proto__":{"polluted":true}');
    const r = parseNotebook(text);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
