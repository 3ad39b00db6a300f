import { defineConfig, type Plugin } from 'vite';
import { printFaceChunks, printFaceCss } from './src-main/forms/screen-fonts.ts';

/**
 * The print faces (BIZ UDゴシック + IPAmj明朝, the fonts the forms print in) as web-font chunks
 * beside the screens, so the resident's name shows exactly as it will print (see screen-fonts.ts).
 */
function printFaces(): Plugin {
  return {
    name: 'kakanai-print-faces',
    apply: 'build',
    generateBundle() {
      const { faces, files } = printFaceChunks();
      for (const f of files)
        this.emitFile({ type: 'asset', fileName: `fonts/${f.fileName}`, source: f.bytes });
      this.emitFile({ type: 'asset', fileName: 'fonts/print-faces.css', source: printFaceCss(faces) });
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'stylesheet', href: './fonts/print-faces.css' }, injectTo: 'head' },
    ],
  };
}

// The kiosk renderer: a static bundle (dist/renderer) that Electron loads from disk and server mode
// serves over HTTP. Relative base so both work. JSX through esbuild (no Babel needed). The screens
// bring their own fonts (@fontsource packages, self-hosted, split by unicode-range): a kiosk never
// relies on what the operating system happens to have.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  plugins: [printFaces()],
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
