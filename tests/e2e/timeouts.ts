/**
 * One limit for an end-to-end test, its hooks and every Playwright wait inside it. On a loaded
 * 2-core machine loading the demo can take minutes; Playwright's own 30 s default would fail a
 * test that is only slow. Tests wait for states, never for time, so a generous limit costs
 * nothing when things go well.
 */
export const E2E_TIMEOUT_MS = 240_000;

/**
 * Playwright's limit for one wait: just under the test's, so a wait that never ends fails with
 * the locator it was waiting for rather than a bare "test timed out".
 */
export const PLAYWRIGHT_TIMEOUT_MS = E2E_TIMEOUT_MS - 15_000;
