import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard is served by the api under /admin (apps/api/src/dashboard), so
// every asset URL starts with /admin/. `npm run dev:dashboard` serves it on
// DASHBOARD_PORT (5173) and proxies the API to DASHBOARD_API (the api on :3000).
const api = process.env.DASHBOARD_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  // Vite 8 compiles TSX with Oxc: React's automatic runtime, no Babel plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // React libraries mark their modules "use client", which means nothing in a plain SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.DASHBOARD_PORT ?? 5173),
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/admin/queues': { target: api, changeOrigin: false },
      '/health': { target: api },
      '/docs': { target: api },
    },
  },
});
