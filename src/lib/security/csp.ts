/**
 * The Content-Security-Policy of the built app: everything from the app's own origin, nothing
 * from anywhere else. 'wasm-unsafe-eval' lets DuckDB compile its WebAssembly; vega runs with its
 * expression interpreter (`ast: true`) so no 'unsafe-eval' is needed. Styles come only from our
 * own stylesheet (no inline style attributes in templates).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
