import { defineConfig } from 'vitest/config';
import { E2E_TIMEOUT_MS } from './tests/e2e/timeouts.ts';

// End-to-end tests: the built app (dist/, served by `vite preview` with the CSP header) driven
// in real Chromium by playwright-core. Run `npm run build` first (npm test does).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    environment: 'node',
    // Generous: a slow CI machine must still pass. Tests wait for states, never for time. The
    // harness gives Playwright the same limit.
    testTimeout: E2E_TIMEOUT_MS,
    hookTimeout: E2E_TIMEOUT_MS,
    pool: 'forks',
    fileParallelism: false,
  },
});
