/** What every view chart shares: schema, width of its container, font and label room. */
export const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  autosize: { type: 'fit', contains: 'padding' },
  config: { font: 'system-ui, sans-serif', axis: { labelLimit: 260 } },
} as const;
