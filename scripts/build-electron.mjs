#!/usr/bin/env node
// Builds the Electron app into dist/app, keeping the source layout so every module's
// import.meta.url-relative file (personas, test PKI, trust roots, fonts) resolves as in the repo:
//   1. tsc -p tsconfig.electron.json   src-main/**/*.ts → dist/app/src-main/**/*.js (.ts imports rewritten)
//   2. JSON data under src-main (personas) and assets/ are copied beside them
//   3. the preload is bundled to CommonJS (a sandboxed preload cannot be an ES module)
// The renderer is built separately (npm run build:renderer → dist/renderer).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'app');
rmSync(out, { recursive: true, force: true });

execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.electron.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

function copyData(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) copyData(p);
    else if (name.endsWith('.json')) cpSync(p, join(out, relative(root, p)));
  }
}
copyData(join(root, 'src-main'));
cpSync(join(root, 'assets'), join(out, 'assets'), { recursive: true });

const { build } = await import('esbuild');
await build({
  entryPoints: [join(root, 'src-main', 'electron', 'preload.ts')],
  outfile: join(out, 'src-main', 'electron', 'preload.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  target: 'node20',
});
rmSync(join(out, 'src-main', 'electron', 'preload.js'), { force: true });
console.log(`built ${relative(root, out)}`);
