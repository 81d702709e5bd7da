/**
 * `npm run package:dry-run`: runs electron-builder's real packaging of the app (files, asar,
 * extraResources, fuse flipping) for Linux `--dir` with a stand-in Electron, because the real one
 * comes from GitHub. The stand-in is a stub executable carrying a fuse wire with Electron 45's
 * defaults, so electron-builder flips real fuse bytes. Then it checks what a station would get:
 *
 * - app.asar holds only the bundles, the built shell UI and package.json (no package, no map);
 * - nothing is unpacked beside it (no native module);
 * - the flipped fuses match electron-builder.ts (scripts/check-fuses.ts);
 * - `deb.depends` still contains electron-builder's own default list.
 *
 * Prints app.asar's size and file count. Exits 1 on any problem. Needs `npm run build:renderer
 * && npm run build:main` first. The CI packaging jobs run the same checks on the real build.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import config from '../electron-builder.ts';
import { checkFuses } from './check-fuses.ts';

const require = createRequire(import.meta.url);
const problems: string[] = [];

for (const built of ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(built)) {
    console.error(`${built} is missing: run npm run build:renderer && npm run build:main first`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'kiosk-package-'));
try {
  // A stand-in Electron: a stub executable with the fuse sentinel and Electron's default wire
  // (version 1, nine fuses: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on,
  // asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on, wasm traps on).
  const electronDist = join(work, 'electron');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  const stub = join(electronDist, 'electron');
  writeFileSync(stub, '#!/bin/sh\n# stand-in for the Electron binary (package dry run)\nexit 0\n');
  writeFileSync(stub, 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\x01\x09101100011', { flag: 'a' });
  chmodSync(stub, 0o755);
  for (const file of ['chrome-sandbox', 'LICENSE']) writeFileSync(join(electronDist, file), '');
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  writeFileSync(join(electronDist, 'version'), electronVersion);

  const output = join(work, 'release');
  const builder = spawnSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { stdio: 'inherit' },
  );
  if (builder.status !== 0) {
    console.error(`electron-builder exited with ${builder.status}`);
    process.exit(1);
  }

  const unpacked = join(output, 'linux-unpacked');
  const asarPath = join(unpacked, 'resources', 'app.asar');
  const files = asarFiles(asarPath);
  const allowed = /^(dist\/(main|preload|renderer)\/.+|package\.json)$/;
  for (const file of files) {
    if (!allowed.test(file)) problems.push(`app.asar holds ${file}, which the station does not run`);
    if (file.endsWith('.map')) problems.push(`app.asar holds the source map ${file}`);
  }
  for (const needed of ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'package.json'])
    if (!files.includes(needed)) problems.push(`app.asar lacks ${needed}`);
  if (existsSync(`${asarPath}.unpacked`)) problems.push('app.asar.unpacked exists: something native was packaged');
  if (!existsSync(join(unpacked, 'resources', 'kiosk-config', 'default.json')))
    problems.push('resources/kiosk-config/default.json is missing');
  console.log(`app.asar: ${statSync(asarPath).size} bytes, ${files.length} files`);

  if ((await checkFuses(join(unpacked, config.linux?.executableName ?? 'helsinki-kiosk'))) !== 0)
    problems.push('the flipped fuses differ from electron-builder.ts');

  const depends = config.deb?.depends ?? [];
  for (const dependency of builderDefaultDebDepends())
    if (!depends.includes(dependency)) problems.push(`deb.depends lacks electron-builder's default ${dependency}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const problem of problems) console.error(`PACKAGING: ${problem}`);
console.log(problems.length === 0 ? 'package dry run: ok' : `package dry run: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);

/** Every file path in an asar archive (format: two pickled sizes, then the JSON header). */
function asarFiles(path: string): string[] {
  const archive = readFileSync(path);
  const headerLength = archive.readUInt32LE(12);
  const header = JSON.parse(archive.subarray(16, 16 + headerLength).toString('utf8')) as AsarEntry;
  const paths: string[] = [];
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      if (child.files) walk(child, `${prefix}${name}/`);
      else paths.push(`${prefix}${name}`);
    }
  };
  walk(header, '');
  return paths.sort();
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
}

/** electron-builder's default deb dependencies, read from the installed app-builder-lib. */
function builderDefaultDebDepends(): string[] {
  // app-builder-lib is electron-builder's own dependency: resolve it from there.
  const library = 'app-builder-lib';
  const fromBuilder = createRequire(require.resolve('electron-builder'));
  const fpm = join(dirname(fromBuilder.resolve(`${library}/package.json`)), 'out', 'targets', 'FpmTarget.js');
  const list = /case "deb":\s*return (\[[^\]]*\])/.exec(readFileSync(fpm, 'utf8'))?.[1];
  if (!list) {
    problems.push(`cannot find the default deb depends in ${fpm}; check them by hand`);
    return [];
  }
  return JSON.parse(list) as string[];
}
