import { describe, expect, it } from 'vitest';
import { cellLabel, cellTitle } from '../../../src/lib/notebook/outline';
import { makeCell } from '../../../src/lib/notebook/model';
import { fillTextParameters } from '../../../src/lib/notebook/textParameters';

const viewTitle = (id: string) => (id === 'drug-deaths' ? 'Drug-related deaths' : id);

describe('the notebook outline', () => {
  it('names each cell by kind and position, with a title a reader recognises', () => {
    const text = makeCell('markdown', { source: 'Intro line\n\n## Needs in {{focal_area_name}}' });
    const sql = makeCell('sql', { source: '\n-- Deaths by area\nSELECT 1' });
    const view = makeCell('view', { viewId: 'drug-deaths' });
    expect(cellLabel(sql, 1)).toBe('SQL cell 2');
    const fill = (s: string) =>
      fillTextParameters(
        s,
        {
          focal_area_name: 'Southend-on-Sea',
          focal_area_code: 'E06000033',
          region_name: 'East of England',
          comparators: '',
          latest_period: '',
        },
        true,
      );
    expect(cellTitle(text, viewTitle, fill)).toBe('Needs in Southend-on-Sea');
    expect(cellTitle(sql, viewTitle)).toBe('Deaths by area');
    expect(cellTitle(view, viewTitle)).toBe('Drug-related deaths');
    expect(cellTitle(makeCell('sql', { source: '' }), viewTitle)).toBe('Empty query');
    expect(cellTitle(makeCell('markdown', { source: 'x'.repeat(100) }), viewTitle)).toHaveLength(
      70,
    );
  });
});
