/**
 * The one place the app calls vega-embed: SVG renderer, no actions (the "Open in Vega Editor"
 * action would post the data to a public website), the expression interpreter so the CSP needs no
 * 'unsafe-eval', and a loader that refuses every network or file request.
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
    tooltip: { disableDefaultStyle: true },
    loader: offlineLoader as never,
  });
  return { view: result.view, finalize: () => result.finalize() };
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
