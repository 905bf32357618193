/**
 * The notebook's outline: one line per cell with a short title a reader recognises (the text
 * cell's first heading, the SQL cell's first comment, the chart's title, the view's name).
 */
import type { Cell } from './model';

const KIND_LABEL = { sql: 'SQL', markdown: 'Text', chart: 'Chart', view: 'View' } as const;

/** "SQL cell 2": the name each cell's article and controls carry. */
export function cellLabel(cell: Cell, index: number): string {
  return `${KIND_LABEL[cell.kind]} cell ${index + 1}`;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

function shorten(text: string, max = 70): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A short title for a cell; `viewTitle` names a view cell's view, `fillText` puts the notebook's
 * parameters into a text cell's words (as it shows them).
 */
export function cellTitle(
  cell: Cell,
  viewTitle: (id: string) => string,
  fillText: (source: string) => string = (s) => s,
): string {
  switch (cell.kind) {
    case 'markdown': {
      const source = fillText(cell.source);
      const heading = source.split('\n').find((l) => /^#{1,6}\s/.test(l.trim()));
      return shorten((heading ?? firstLine(source)).replace(/^#+\s*/, '')) || 'Empty text';
    }
    case 'sql': {
      const comment = cell.source.split('\n').find((l) => l.trim().startsWith('--'));
      return shorten((comment ?? firstLine(cell.source)).replace(/^--\s*/, '')) || 'Empty query';
    }
    case 'chart':
      return shorten(cell.title) || 'Chart';
    case 'view':
      return viewTitle(cell.viewId);
  }
}
