// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { textTooltip } from '../../../src/app/vega';

describe('the chart tooltip', () => {
  it('shows keys named image, title or href as text, never as an image, heading or link', () => {
    const event = { clientX: 10, clientY: 10 } as MouseEvent;
    textTooltip(null, event, null, {
      image: '/?leaked-count=3',
      title: '<b>bold</b>',
      href: 'https://example.org/',
    });
    const el = document.getElementById('vg-tooltip-element')!;
    expect(el.classList.contains('visible')).toBe(true);
    expect(el.querySelectorAll('img, h2, a, b')).toHaveLength(0);
    expect([...el.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'image',
      '/?leaked-count=3',
      'title',
      '<b>bold</b>',
      'href',
      'https://example.org/',
    ]);
    textTooltip(null, event, null, null);
    expect(el.classList.contains('visible')).toBe(false);
  });
});
