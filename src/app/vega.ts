/**
 * The one place the app calls vega-embed: SVG renderer, no actions (the "Open in Vega Editor"
 * action would post the data to a public website), the expression interpreter so the CSP needs no
 * 'unsafe-eval', and a loader that refuses every network or file request.
 */
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';

const refuse = () => Promise.reject(new Error('Charts cannot load data from the network or files.'));
const offlineLoader = {
  load: refuse,
  sanitize: refuse,
  http: refuse,
  file: refuse,
  options: {},
  fileAccess: false,
};

export async function embedChart(node: HTMLElement, spec: TopLevelSpec): Promise<() => void> {
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
  return () => result.finalize();
}
