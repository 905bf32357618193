// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isInlineImageUrl, renderMarkdown } from '../../../src/lib/notebook/markdown';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** Every URL in the HTML that the browser would fetch without a click. */
function autoLoaded(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('[src], [srcset], [poster], [background]')].map(
    (el) => el.outerHTML,
  );
}

describe('text cells load nothing by themselves', () => {
  it.each([
    ['a remote image', '![chart](https://example.org/x.png?d=3)'],
    ['an image from the app’s own server, data in the URL', '![x](/?x=secret-count-3)'],
    ['a relative image', '![x](data-in-path.png)'],
    ['a reference-style image', '![x][r]\n\n[r]: //example.org/y.png'],
    ['an image inside a link', '[![x](https://example.org/a.png)](https://example.org)'],
    ['a raw <img> tag', '<img src="https://example.org/x.png">'],
    ['a raw <video>', '<video poster="https://example.org/p.png" src="/v.mp4"></video>'],
    ['a data: URL that is not an image', '![x](data:text/html;base64,PHNjcmlwdD4=)'],
  ])('drops %s', (_label, source) => {
    const html = renderMarkdown(source);
    expect(autoLoaded(html)).toEqual([]);
  });

  it('says an image was not loaded, with its description', () => {
    expect(renderMarkdown('![Rates by area](https://example.org/x.png)')).toContain(
      '[image not loaded: Rates by area]',
    );
  });

  it('keeps inline data: and blob: images', () => {
    expect(autoLoaded(renderMarkdown(`![dot](${PNG})`))).toHaveLength(1);
    expect(isInlineImageUrl('blob:http://127.0.0.1/1234')).toBe(true);
    expect(isInlineImageUrl(' data:image/svg+xml,<svg/>')).toBe(false);
  });

  it('keeps links as links (they load only when clicked), without ping', () => {
    const html = renderMarkdown('[ONS](https://www.ons.gov.uk)');
    expect(html).toContain('<a href="https://www.ons.gov.uk">ONS</a>');
    expect(renderMarkdown('<a href="https://x.org" ping="https://x.org/p">x</a>')).not.toMatch(
      /<a[^>]*ping/,
    );
  });

  it('shows raw HTML as text and runs no script', () => {
    const html = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1))');
    expect(html).not.toMatch(/<script|javascript:/i);
  });
});
