import { defineConfig } from 'vite';

// The kiosk renderer: a static bundle (dist/renderer) that Electron loads from disk and server mode
// serves over HTTP. Relative base so both work. JSX through esbuild (no Babel needed).
export default defineConfig({
  root: 'src-renderer',
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // pdf.js is large by nature; it is loaded lazily on the confirmation screen.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    // `npx vite` during development, against `kakanai serve --port 8787`.
    proxy: { '/api': { target: 'http://127.0.0.1:8787', ws: true } },
  },
});
