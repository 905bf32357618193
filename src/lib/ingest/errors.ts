/**
 * Errors from loading a file, in words an analyst understands: which file, and where known
 * which row, column and value.
 */
export class LoadError extends Error {
  constructor(
    readonly fileName: string,
    readonly problem: string,
    readonly where: { line?: number; column?: string; value?: string } = {},
    /** A column that could be loaded as text to get past the problem. */
    readonly textFallbackColumn?: string,
  ) {
    super(composeMessage(fileName, problem, where));
    this.name = 'LoadError';
  }
}

function composeMessage(
  fileName: string,
  problem: string,
  where: { line?: number; column?: string; value?: string },
): string {
  const parts: string[] = [];
  if (where.line != null) parts.push(`line ${where.line}`);
  if (where.column != null) parts.push(`column "${where.column}"`);
  if (where.value != null) parts.push(`value "${where.value}"`);
  const place = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  return `Could not load ${fileName}${place}: ${problem}`;
}

/** Reads the line, column and value out of a DuckDB CSV reader error, where it gives them. */
export function parseCsvEngineError(message: string): {
  line?: number;
  column?: string;
  value?: string;
  targetType?: string;
} {
  const line = /CSV Error on Line:\s*(\d+)/.exec(message)?.[1];
  const conv = /converting column "([^"]*)"\. Could not convert string "([^"]*)" to '([^']*)'/.exec(
    message,
  );
  return {
    line: line ? Number(line) : undefined,
    column: conv?.[1],
    value: conv?.[2],
    targetType: conv?.[3],
  };
}

/** A short, plain summary of a DuckDB CSV error (its first sentence, without the option dump). */
export function summariseCsvEngineError(message: string): string {
  const lines = message.split('\n').map((l) => l.trim());
  const useful = lines.find(
    (l) =>
      l !== '' &&
      !/^(Invalid Input|Conversion) Error: CSV Error on Line/.test(l) &&
      !l.startsWith('Original Line'),
  );
  return (useful ?? lines[0] ?? message).replace(/^\w+ Error: /, '');
}
