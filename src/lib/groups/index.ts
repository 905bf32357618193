/**
 * Area groups (partnership footprints): definitions and validation (./definitions.ts), the
 * generic SQL that sums members' rows into group rows (./aggregate.ts), and the group figures a
 * view shows (./rates.ts). Views recompute rates from the sums with src/lib/stats.
 */
export * from './definitions';
export * from './aggregate';
export * from './environment';
