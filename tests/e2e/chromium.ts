/**
 * How the system's Chromium is started, shared by the end-to-end tests and the benchmark: headless,
 * no sandbox (CI runs as root), and no background networking (the machine's closed network
 * refuses Chromium's own update and sync calls, and nothing here should make them anyway).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
