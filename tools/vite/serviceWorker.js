/**
 * jsna-notebook's service worker (template: tools/vite/offline.ts fills in the build's file list
 * and version). It makes the app work with the network off after one visit:
 *
 * - install: caches every file of this build (app, DuckDB engine for this browser, demo data)
 *   in a cache named after the build's content hash. It does not skip waiting: a new version
 *   waits until the page asks for it (the user accepts "Update"), so nothing changes mid-work.
 * - activate: deletes the caches of older builds and takes control of open pages.
 * - fetch: files of this build are answered from the cache (the cached responses keep their
 *   headers, so the CSP still applies and the wasm keeps its application/wasm type for
 *   streaming compilation); anything else goes to the network as usual. Navigations get the
 *   cached app page.
 *
 * Nothing here reaches another origin: only same-origin GET requests are handled.
 */
/* global self, caches, WebAssembly, URL, Response */
const VERSION = '__JSNA_VERSION__';
/** Paths relative to the service worker's folder: every file the app needs. */
const CORE = __JSNA_CORE__;
/** The engine bundles: only the one this browser will use is cached at install. */
const ENGINE = __JSNA_ENGINE__;
const CACHE = `jsna-notebook-${VERSION}`;
const PREFIX = 'jsna-notebook-';

/** DuckDB's own test for WebAssembly exceptions (duckdb-wasm's selectBundle picks "eh" when true). */
function engineBundle() {
  try {
    const eh = WebAssembly.validate(
      new Uint8Array([
        0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11,
        11,
      ]),
    );
    return eh ? 'eh' : 'mvp';
  } catch {
    return 'mvp';
  }
}

const scopeUrl = new URL('./', self.location.href);
const toUrl = (path) => new URL(path, scopeUrl).href;

self.addEventListener('install', (event) => {
  const files = [...CORE, ...(ENGINE[engineBundle()] ?? [])];
  // 'no-cache': revalidated with the server, but a file the page has just downloaded (the
  // engine, on a first visit) comes from the HTTP cache instead of being downloaded again.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(files.map((f) => new Request(toUrl(f), { cache: 'no-cache' }))),
      ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  // The page sends this only when the user chose to update.
  if (type === 'jsna-update-now') self.skipWaiting();
  else if (type === 'jsna-version' && event.ports[0])
    event.ports[0].postMessage({ version: VERSION });
});

const ALL_ENGINE = new Set(Object.values(ENGINE).flat().map(toUrl));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  url.hash = '';
  url.search = '';
  const isNavigation = request.mode === 'navigate';
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const key = isNavigation ? toUrl('./') : url.href;
      const hit = await cache.match(key);
      if (hit) return hit;
      const response = await fetch(request);
      // The other engine bundle (a browser that changed its mind): keep it for next time.
      if (response.ok && ALL_ENGINE.has(url.href)) await cache.put(url.href, response.clone());
      return response;
    })(),
  );
});
