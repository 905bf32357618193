import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CONTENT_SECURITY_POLICY } from './src/lib/security/csp.ts';
import { duckdbWorkerWithoutEval, noEvalFeatureProbes } from './tools/vite/cspClean.ts';
import { offlineServiceWorker } from './tools/vite/offline.ts';
import { demoTables } from './tools/vite/demoTables.ts';

/**
 * The built app carries its Content-Security-Policy twice: as an HTTP header from `vite preview`
 * (the only form that also binds the DuckDB Web Worker) and as a <meta> tag for intranet servers
 * that cannot set headers. The dev server is left without it because it injects inline styles.
 */
function cspMetaOnBuild(): Plugin {
  return {
    name: 'jsna-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      // frame-ancestors is ignored in <meta>; it stays in the header.
      const meta = CONTENT_SECURITY_POLICY.replace(/;\s*frame-ancestors[^;]*/, '');
      return html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${meta}" />`,
      );
    },
  };
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  plugins: [
    svelte(),
    cspMetaOnBuild(),
    noEvalFeatureProbes(),
    duckdbWorkerWithoutEval(),
    demoTables(),
    offlineServiceWorker(),
  ],
  // Relative asset URLs, so the built folder works from any path on an intranet server.
  base: './',
  resolve: {
    // duckdb-wasm is built against apache-arrow 17: a second copy silently breaks Arrow data.
    dedupe: ['apache-arrow'],
  },
  optimizeDeps: {
    exclude: ['@duckdb/duckdb-wasm'],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  preview: { headers: securityHeaders, port: 4173, strictPort: false },
  server: { port: 5173 },
});
