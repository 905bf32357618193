import { defineConfig } from 'vitest/config';

// Unit tests run in Node against the real DuckDB-WASM Node build (no mocks).
// End-to-end tests live in tests/e2e and run through their own config.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
