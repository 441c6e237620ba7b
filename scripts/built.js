#!/usr/bin/env node
/**
 * node scripts/built.js <script> [args…]: runs dist/scripts/<script>.js, compiling the project first only when a
 * source is newer than the last build (npm start, npm run token, npm run keys): a start with nothing changed spends no
 * time compiling. Plain JavaScript, so it runs before any build.
 * The compiler's output goes to stderr, so `TOKEN=$(npm run --silent token -- …)` captures only the script's own.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const SOURCES = ['lib', 'subgraphs', 'gateway', 'pages', 'runner', 'scripts', 'bench'];
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
/** written after each build this launcher runs; tsc's own build info counts too (npm start and npm test build) */
const STAMPS = [join(root, 'dist', '.built-at'), join(root, 'dist', '.tsbuildinfo')];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/ holds the script and was built after every source and configuration file last changed. */
function isFresh(script) {
  if (!existsSync(script)) return false;
  const built = Math.max(0, ...STAMPS.filter(existsSync).map((f) => statSync(f).mtimeMs));
  const sources = Math.max(
    ...SOURCES.map((d) => newestSource(join(root, d))),
    ...CONFIG.map((f) => statSync(join(root, f)).mtimeMs),
  );
  return built >= sources;
}

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name)) {
  process.stderr.write('usage: node scripts/built.js <script> [args…]\n');
  process.exit(2);
}
const script = join(root, 'dist', 'scripts', `${name}.js`);
if (!isFresh(script)) {
  process.stderr.write('compiling (sources changed since the last build)…\n');
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
    { cwd: root, stdio: ['ignore', 2, 2] },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  writeFileSync(STAMPS[0], `${new Date().toISOString()}\n`);
}
process.argv = [process.argv[0], script, ...args];
require(script);
