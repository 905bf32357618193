// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  fillTextParameters,
  type TextParameterValues,
} from '../../../src/lib/notebook/textParameters';
import { renderMarkdown } from '../../../src/lib/notebook/markdown';

const VALUES: TextParameterValues = {
  focal_area_name: 'Kingston upon Hull, City of',
  focal_area_code: 'E06000010',
  region_name: 'Yorkshire and The Humber',
  comparators: 'Other upper-tier authorities in its region',
  latest_period: 'the latest in the data',
};

describe('text cell parameters', () => {
  it('fills known names, with or without spaces, and leaves unknown ones as written', () => {
    expect(
      fillTextParameters(
        '## Needs in {{focal_area_name}} ({{ focal_area_code }}) {{nope}}',
        VALUES,
      ),
    ).toBe('## Needs in Kingston upon Hull, City of (E06000010) {{nope}}');
  });

  it('renders the value as plain text: a name cannot add links, emphasis or HTML', () => {
    const html = renderMarkdown(
      fillTextParameters('Area: {{focal_area_name}}', {
        ...VALUES,
        focal_area_name: '[click](javascript:alert(1)) **bold** <img src=x>',
      }),
    );
    expect(html).not.toMatch(/<a |<strong>|<img/);
    expect(html).toContain('[click](javascript:alert(1)) **bold** &lt;img src=x&gt;');
  });

  it('follows a change of focal area', () => {
    const text = '# {{focal_area_name}} in {{region_name}}';
    expect(renderMarkdown(fillTextParameters(text, VALUES))).toContain(
      'Kingston upon Hull, City of in Yorkshire and The Humber',
    );
    expect(
      renderMarkdown(
        fillTextParameters(text, {
          ...VALUES,
          focal_area_name: 'Peterborough',
          region_name: 'East of England',
        }),
      ),
    ).toContain('Peterborough in East of England');
  });
});
