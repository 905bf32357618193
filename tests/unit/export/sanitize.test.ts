import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { setSanitizerWindow } from '../../../src/lib/export/sanitize.ts';

// The report is built in the browser; in Node, DOMPurify parses with jsdom.
setSanitizerWindow(new JSDOM('').window);
import { decodeEntities } from '../../../src/lib/export/html.ts';
import { sanitizeHtml, sanitizeSvg } from '../../../src/lib/export/sanitize.ts';
import { realTags } from './tags.ts';

async function vegaSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

describe('sanitizeHtml', () => {
  it('keeps ordinary markdown output, headings one level down', () => {
    const html =
      '<h1>Findings</h1><p>Rates are <strong>higher</strong> in <em>Hull</em> &amp; NEL &lt;see&gt;.</p>' +
      '<ul><li>one</li><li><a href="https://fingertips.phe.org.uk/">Fingertips</a></li></ul>' +
      '<table><thead><tr><th align="right">n</th></tr></thead><tbody><tr><td align="right">5</td></tr></tbody></table>' +
      '<pre><code>SELECT 1;</code></pre><ol start="3"><li>x</li></ol>';
    expect(sanitizeHtml(html)).toBe(
      '<h2>Findings</h2><p>Rates are <strong>higher</strong> in <em>Hull</em> &amp; NEL &lt;see&gt;.</p>' +
        '<ul><li>one</li><li><a href="https&#58;//fingertips.phe.org.uk/" rel="noopener noreferrer">Fingertips</a></li></ul>' +
        '<table><thead><tr><th align="right">n</th></tr></thead><tbody><tr><td align="right">5</td></tr></tbody></table>' +
        '<pre><code>SELECT 1;</code></pre><ol start="3"><li>x</li></ol>',
    );
  });

  it('removes scripts, handlers, dangerous links and styles', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<SCRIPT SRC=//evil/x.js></SCRIPT>',
      '<img src=x onerror=alert(1) alt="chart">',
      '<p onclick="alert(1)" style="x">para</p>',
      '<a href="javascript:alert(1)">js</a>',
      '<a href="JaVaScRiPt:alert(1)">js2</a>',
      '<a href="java&#x09;script:alert(1)">js3</a>',
      '<a href=" &#106;avascript:alert(1)">js4</a>',
      '<a href="data:text/html,<script>alert(1)</script>">data</a>',
      '<iframe src="https://evil"></iframe>',
      '<style>body{background:url(https://evil)}</style>',
      '<svg onload=alert(1)><circle/></svg>',
      '<!--<script>alert(1)</script>-->',
      '<form action="https://evil"><input name=x></form>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<p>unclosed <b>bold',
      '</table><script>alert(1)</script>',
      '<a href="#ok" title="&quot; onmouseover=&quot;alert(1)">fine</a>',
    ].join('\n');
    const out = sanitizeHtml(attacks);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<(iframe|svg|math|style|form|input|img)/i);
    for (const tag of realTags(out)) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/javascript:|data:|style=/i);
    }
    expect(out).toContain('[image&#58; chart]');
    expect(out).toContain('<p>para</p>');
    expect(out).toContain('<a>js</a>');
    // Unclosed tags stay open, as in a browser, and are closed at the end.
    expect(out).toContain('<p>unclosed <b>bold');
    expect(out.endsWith('</b></p>')).toBe(true);
    expect(out).toContain(
      '<a href="#ok" title="&quot; onmouseover&#61;&quot;alert(1)" rel="noopener noreferrer">fine</a>',
    );
  });

  it('keeps escaped markup as visible text', () => {
    const out = sanitizeHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;</p>');
    expect(out).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;</p>');
  });
});

describe('sanitizeSvg', () => {
  it('keeps a real vega chart intact', async () => {
    const svg = await vegaSvg({
      data: {
        values: [
          { area: 'Hull', n: 514 },
          { area: 'NEL', n: 185 },
        ],
      },
      mark: 'bar',
      encoding: {
        x: { field: 'area', type: 'nominal', title: 'Area <b>&</b>' },
        y: { field: 'n', type: 'quantitative' },
      },
    });
    const clean = sanitizeSvg(svg);
    const expected = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', '');
    // Same markup: the same elements, attributes and text once both are read as XML (only the
    // spelling of entities and of empty elements, <path/> or <path></path>, may differ).
    const xml = (text: string) => {
      const { window } = new JSDOM('');
      const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
      return new window.XMLSerializer().serializeToString(doc.documentElement);
    };
    expect(xml(clean)).toBe(xml(expected));
    expect(decodeEntities(clean).length).toBeGreaterThan(500);
    expect(clean).toContain(
      '<text text-anchor="end" transform="translate(9.5,7) rotate(270) translate(0,3)"',
    );
  });

  it('prefixes ids and references so charts do not collide', async () => {
    const svg =
      '<svg><defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath></defs>' +
      '<g clip-path="url(#clip1)" style="clip-path: url(&quot;#clip1&quot;)"><use href="#clip1"/></g></svg>';
    expect(sanitizeSvg(svg, { idPrefix: 'c2-' })).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="c2-clip1"><rect width="5" height="5"/></clipPath></defs>' +
        '<g clip-path="url(#c2-clip1)" style="clip-path&#58; url(&quot;#c2-clip1&quot;)"><use href="#c2-clip1"/></g></svg>',
    );
  });

  it('strips script, foreignObject, handlers, animation and external references', () => {
    const evil =
      '<svg onload="alert(1)" xmlns="http://www.w3.org/2000/svg"><script>alert(2)</script>' +
      '<script><![CDATA[ alert(3) ]]></script><SCRIPT>alert(4)</SCRIPT>' +
      '<foreignObject><iframe src="javascript:alert(5)"></iframe><body onload=alert(6)><p>html</p></body></foreignObject>' +
      '<a href="javascript:alert(7)"><text x="1" onclick="alert(8)">click &lt;me&gt;</text></a>' +
      '<image href="https://evil/x.png"/><image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>' +
      '<image href="data:image/png;base64,iVBORw0KGgo="/>' +
      '<use href="https://evil/s.svg#x"/><rect style="fill:url(https://evil/)"/>' +
      '<rect fill="url(//evil/p)"/><animate attributeName="href" to="javascript:alert(9)"/>' +
      '<set attributeName="onclick" to="alert(10)"/><g><style>@import url(https://evil)</style></g>' +
      '<svg/onload=alert(11)></svg><title>T &amp; <b>x</b></title></svg><script>alert(12)</script>';
    const out = sanitizeSvg(evil);
    expect(out).not.toMatch(
      /<script|<foreignObject|<iframe|<animate|<set|<style|<a[\s>]|<body|<p>/i,
    );
    for (const tag of realTags(out)) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag.replace(' xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(
        /javascript|https?:|\/\/evil|svg\+xml/i,
      );
    }
    expect(out).toContain('<text x="1">click &lt;me&gt;</text>');
    expect(out).toContain('<image href="data&#58;image/png;base64,iVBORw0KGgo&#61;"/>');
    // Inside an SVG <title> the browser's parser reads HTML: the <b> goes, its text stays.
    expect(out).toContain('<title>T &amp; x</title>');
    expect(out).not.toContain('alert');
    expect(out.endsWith('</svg>')).toBe(true);
  });

  it('returns nothing when there is no svg', () => {
    expect(sanitizeSvg('<p>not a chart</p>')).toBe('');
    expect(sanitizeSvg('')).toBe('');
  });
});
