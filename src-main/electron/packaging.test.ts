import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<
  string,
  unknown
> & {
  win: { target: string[] };
  mac: { target: string[] };
  linux: { target: string[] };
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  files: string[];
  extraMetadata: { main: string };
};
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

describe('electron-builder.yml (it cannot be built here: no Electron download)', () => {
  it('targets Windows (NSIS + portable), macOS (dmg) and Linux (AppImage + deb)', () => {
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('unpacks every native module the app depends on and rebuilds it for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    for (const dep of ['pcsc-mini', 'better-sqlite3-multiple-ciphers']) {
      if (dep in pkg.dependencies) expect(config.asarUnpack).toContain(`node_modules/${dep}/**`);
    }
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('ships forms/ and assets/ as editable resources, and the sample configuration', () => {
    const from = config.extraResources.map((r) => r.from);
    expect(from).toEqual(expect.arrayContaining(['forms', 'assets', 'config/terminal.example.json']));
    for (const r of config.extraResources) expect(existsSync(new URL(r.from, root)), r.from).toBe(true);
  });

  it('packages the compiled main and the built renderer; main matches package.json', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/app/**', 'dist/renderer/**', 'package.json']));
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(pkg.main).toBe('dist/app/src-main/electron/main.js');
    expect(pkg.scripts.dist).toContain('electron-builder');
    expect(pkg.scripts.dist).toContain('build:electron');
    expect(pkg.scripts['build:electron']).toBeDefined();
  });
});
