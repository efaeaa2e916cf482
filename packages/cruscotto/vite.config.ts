import { defineConfig } from 'vite';

/**
 * The cruscotto's build: one page at /cruscotto/ with hashed assets, nothing inline (the server
 * sends script-src 'self' and style-src 'self'). `npm run dev -w @pay-box/cruscotto` proxies the API
 * to a reference server on port 8787.
 */
export default defineConfig({
  base: '/cruscotto/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/v1': 'http://localhost:8787', '/verifica': 'http://localhost:8787' } },
});
