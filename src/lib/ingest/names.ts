/**
 * Table names made from file names: a safe, readable, unique SQL identifier. The original file
 * name is kept separately for display. Identifiers are always quoted in SQL anyway (sql.ts); this
 * makes them pleasant to type in a SQL cell.
 */
const MAX_LENGTH = 60;

export function tableNameFromFile(fileName: string, taken: Iterable<string>): string {
  const base = fileName.replace(/\.(csv|tsv|txt)$/i, '');
  let name = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // strip accents: "Sélection" -> "Selection"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_LENGTH);
  if (name === '') name = 'table';
  if (/^[0-9]/.test(name)) name = 't_' + name;
  return uniqueName(name, taken);
}

/** Appends _2, _3... until the name is not taken (case-insensitively, as DuckDB compares). */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}_${i}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** Checks a name typed by the user for a rename; returns a message, or null when it is fine. */
export function validateTableName(name: string): string | null {
  if (name.trim() === '') return 'A table name cannot be empty.';
  if (name.length > MAX_LENGTH) return `A table name can be at most ${MAX_LENGTH} characters.`;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    return 'Use letters, digits and underscores only, starting with a letter (for example deaths_2021).';
  return null;
}
