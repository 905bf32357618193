/**
 * The one place the app calls vega-embed: SVG renderer, no actions (the "Open in Vega Editor"
 * action would post the data to a public website), the expression interpreter so the CSP needs no
 * 'unsafe-eval', a loader that refuses every network or file request, and a tooltip that shows
 * text only (see textTooltip).
 */
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const refuse = () =>
  Promise.reject(new Error('Charts cannot load data from the network or files.'));
const offlineLoader = {
  load: refuse,
  sanitize: refuse,
  http: refuse,
  file: refuse,
  options: {},
  fileAccess: false,
};

export interface EmbeddedChart {
  view: View;
  finalize(): void;
}

export async function embedChart(node: HTMLElement, spec: TopLevelSpec): Promise<EmbeddedChart> {
  const result = await embed(node, spec, {
    mode: 'vega-lite',
    actions: false,
    renderer: 'svg',
    ast: true,
    expr: expressionInterpreter,
    defaultStyle: false,
    tooltip: textTooltip,
    loader: offlineLoader as never,
  });
  return {
    view: result.view,
    finalize: () => {
      hideTooltip();
      result.finalize();
    },
  };
}

const TOOLTIP_ID = 'vg-tooltip-element';
const TOOLTIP_OFFSET = 10;

/**
 * The chart tooltip, as text only. vega-tooltip (vega-embed's default) turns a tooltip key named
 * "image" into an <img> whose URL is the data value and "title" into a heading, so a crafted
 * notebook whose chart has a column named `image` would make the browser request a URL built from
 * the data (from the app's own server, whose log would then hold it). Here every key and value is
 * set with textContent: nothing in a tooltip is ever parsed as HTML or loaded.
 */
export function textTooltip(_handler: unknown, event: MouseEvent, _item: unknown, value: unknown) {
  if (value === null || value === undefined || value === '') {
    hideTooltip();
    return;
  }
  let el = document.getElementById(TOOLTIP_ID);
  if (!el) {
    el = document.createElement('div');
    el.id = TOOLTIP_ID;
    el.setAttribute('role', 'tooltip');
    document.body.appendChild(el);
  }
  el.replaceChildren(tooltipContent(value));
  el.classList.add('visible');
  // Beside the pointer, flipped to the other side when it would leave the window.
  const { width, height } = el.getBoundingClientRect();
  let x = event.clientX + TOOLTIP_OFFSET;
  let y = event.clientY + TOOLTIP_OFFSET;
  if (x + width > window.innerWidth) x = Math.max(0, event.clientX - TOOLTIP_OFFSET - width);
  if (y + height > window.innerHeight) y = Math.max(0, event.clientY - TOOLTIP_OFFSET - height);
  el.style.left = `${x}px`;
  el.style.top = `${y}px`;
}

function hideTooltip(): void {
  document.getElementById(TOOLTIP_ID)?.classList.remove('visible');
}

/** A table of key/value rows (an object), or a line of text (anything else). */
export function tooltipContent(value: unknown): Node {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return document.createTextNode(tooltipText(value));
  const table = document.createElement('table');
  for (const [key, v] of Object.entries(value)) {
    const tr = table.insertRow();
    const k = tr.insertCell();
    k.className = 'key';
    k.textContent = key;
    const val = tr.insertCell();
    val.className = 'value';
    val.textContent = tooltipText(v);
  }
  return table;
}

function tooltipText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) return JSON.stringify(v).slice(0, 500);
  return String(v);
}

/** The chart as a standalone SVG document (title, labels and notes are part of the spec). */
export async function chartSvg(view: View): Promise<string> {
  return view.toSVG();
}

/** The chart as PNG at twice screen resolution, for documents and slides. */
export async function chartPng(view: View): Promise<Blob> {
  const url = await view.toImageURL('png', 2);
  // Decoded here rather than fetched: the CSP (rightly) does not let fetch() read data: URLs.
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: 'image/png' });
}

/** Width used when a chart is drawn off screen (no container to fill): an A4 page's text width. */
const OFF_SCREEN_WIDTH = 640;

function offScreenView(spec: TopLevelSpec): View {
  const width = (spec as { width?: unknown }).width;
  const sized = {
    ...spec,
    width: width === 'container' ? OFF_SCREEN_WIDTH : width,
  } as TopLevelSpec;
  return new View(parse(compile(sized).spec, undefined, { ast: true }), {
    renderer: 'none',
    expr: expressionInterpreter,
    loader: offlineLoader as never,
  });
}

/**
 * Draws a chart without putting it on the page and returns its SVG: for downloads that add the
 * source and method note, and for the HTML report, which includes charts that are not on screen.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = offScreenView(spec);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG of a chart drawn off screen, at twice screen resolution. */
export async function renderPng(spec: TopLevelSpec): Promise<Blob> {
  const view = offScreenView(spec);
  try {
    return await chartPng(view);
  } finally {
    view.finalize();
  }
}
