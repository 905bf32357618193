import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/, served by `vite preview` with the CSP header) driven
// in real Chromium by playwright-core. Run `npm run build` first (npm test does).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    environment: 'node',
    // Generous: a slow CI machine must still pass. Tests wait for states, never for time.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
