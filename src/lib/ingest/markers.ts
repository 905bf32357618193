/**
 * Markers published tables use for suppressed or unavailable cells: ONS (":", "x", "[c]",
 * "[x]"), NDTMS ("*", "~"), OHID and others (".."). They are read as missing, and counted per
 * column so the analyst sees how much was suppressed rather than silently losing it.
 */
export const SUPPRESSED_MARKERS: readonly string[] = ['*', '~', 'x', '[c]', '[x]', '..', ':'];
