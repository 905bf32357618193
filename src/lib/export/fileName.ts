/**
 * Safe, readable download names shared by every export: no path separators, no characters a
 * file system or a mail client chokes on, accents folded ("Môn" → "mon").
 */
export function fileSlug(base: string, fallback = 'export'): string {
  return (
    base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/g, '') || fallback
  );
}

/** "name-2026-11-25.ext" (the date in UTC, matching the date stated inside the export). */
export function datedFileName(base: string, ext: string, date?: Date): string {
  const stamp = date && !Number.isNaN(date.getTime()) ? `-${date.toISOString().slice(0, 10)}` : '';
  return `${fileSlug(base)}${stamp}.${ext}`;
}
