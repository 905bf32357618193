/**
 * The Content-Security-Policy of the built app: everything from the app's own origin, nothing
 * from anywhere else. 'wasm-unsafe-eval' lets DuckDB compile its WebAssembly; vega runs with its
 * expression interpreter (`ast: true`) so no 'unsafe-eval' is needed. Styles come only from our
 * own stylesheet (no inline style attributes in templates).
 *
 * Images only from data: and blob: URLs, never from a server, not even this one: an <img> whose
 * URL was built from data (a crafted chart tooltip, a markdown image) would otherwise put that
 * data in a server's log. The app's own images are all inline (the favicon is `data:,`); icons in
 * a web app manifest are fetched under manifest-src, not img-src.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  'img-src data: blob:',
  "manifest-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
