/**
 * Notebook parameters in text cells: `{{focal_area_name}}` and friends are replaced by the
 * notebook's current values before the Markdown is rendered, so a text cell follows the focal
 * area as the views do. Values are escaped for Markdown (an area name cannot add formatting or
 * links); an unknown name is left as written, so the analyst sees the typo.
 */
export interface TextParameterValues {
  focal_area_name: string;
  focal_area_code: string;
  region_name: string;
  comparators: string;
  latest_period: string;
}

export const TEXT_PARAMETER_NAMES: readonly (keyof TextParameterValues)[] = [
  'focal_area_name',
  'focal_area_code',
  'region_name',
  'comparators',
  'latest_period',
];

/** Backslash-escapes the characters Markdown gives meaning to. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** Fills the parameters into Markdown (values escaped), or into plain text with `plain`. */
export function fillTextParameters(
  source: string,
  values: TextParameterValues,
  plain = false,
): string {
  return source.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => {
    if (!(TEXT_PARAMETER_NAMES as readonly string[]).includes(name)) return whole;
    const value = values[name as keyof TextParameterValues];
    return plain ? value : escapeMarkdown(value);
  });
}
