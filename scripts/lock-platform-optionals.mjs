#!/usr/bin/env node
// The npm registry reachable from our build machines lacks many prebuilt platform packages
// (pcsc-mini's macOS/Windows/arm builds, rollup's non-linux-x64 builds…). `npm install` then leaves
// them out of package-lock.json and `npm ci` refuses the lock as "out of sync". This script adds the
// missing optional entries with the os/cpu/libc constraints their names state, as a normal lock has
// them, so `npm ci` skips them here and installs them from the public registry on their platform.
// Run it after every `npm install` that changes the lock: `npm run lock:platforms`.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = {
  android: 'android',
  darwin: 'darwin',
  macos: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  win32: 'win32',
  windows: 'win32',
  openbsd: 'openbsd',
  netbsd: 'netbsd',
  sunos: 'sunos',
  aix: 'aix',
  openharmony: 'openharmony',
};
const CPU = {
  arm64: 'arm64',
  aarch64: 'arm64',
  x64: 'x64',
  x86_64: 'x64',
  ia32: 'ia32',
  x86: 'ia32',
  arm: 'arm',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  mips64el: 'mips64el',
};
const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' };

/** "@rollup/rollup-linux-arm-musleabihf" → { os: ['linux'], cpu: ['arm'], libc: ['musl'] } */
export function platformOf(name) {
  const tokens = name
    .replace(/^@[^/]+\//, '')
    .replace(/x86_64/g, 'x86__64')
    .split('-')
    .map((t) => t.replace('x86__64', 'x86_64'));
  const os = tokens.map((t) => OS[t]).find(Boolean);
  const cpu = tokens.map((t) => CPU[t]).find(Boolean);
  const libc = tokens.map((t) => LIBC[t]).find(Boolean);
  if (!os || !cpu) return undefined;
  return { os: [os], cpu: [cpu], ...(libc && os === 'linux' ? { libc: [libc] } : {}) };
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const added = [];
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = key === '' ? '' : `${key}/`;
    const here = `${base}node_modules/${name}`;
    if (lock.packages[here] || lock.packages[`node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version))
      throw new Error(`${name}@${version}: not an exact version`);
    const platform = platformOf(name);
    if (!platform)
      throw new Error(`cannot tell the platform of ${name} (optional dependency of ${key || 'the project'})`);
    lock.packages[`node_modules/${name}`] = { version, ...platform, optional: true };
    added.push(name);
  }
}
const entries = Object.entries(lock.packages);
lock.packages = Object.fromEntries([entries[0], ...entries.slice(1).sort(([a], [b]) => a.localeCompare(b))]);
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added.length} platform entries the registry could not serve`);
