/**
 * Bundles Electron main (ESM, dist/main/index.js) and the shell preload (CommonJS,
 * dist/preload/index.cjs: a sandboxed preload cannot load ES modules). One file each, because
 * every `require()` costs start time on old PCs. `electron` stays external: the runtime provides it.
 *
 * Usage: `npm run build:main` (the renderer is built separately by `npm run build:renderer`).
 */
import { build, type BuildOptions } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'info',
  legalComments: 'none',
} satisfies BuildOptions;

await build({
  ...common,
  entryPoints: ['main/index.ts'],
  outfile: 'dist/main/index.js',
  format: 'esm',
  // Bundled CommonJS dependencies call require() for Node built-ins; give ESM output one.
  banner: {
    js: "import { createRequire as __kioskCreateRequire } from 'node:module'; const require = __kioskCreateRequire(import.meta.url);",
  },
});

const preload = await build({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: 'dist/preload/index.cjs',
  format: 'cjs',
  // The shell waits for its preload before any script runs; minified, it parses faster.
  minify: true,
  metafile: true,
});
// The preload needs only the channel names (protocol/ipc-channels.ts). A value import from a
// module that pulls a package (zod via protocol/ipc.ts) would silently grow it a thousandfold.
const packaged = Object.keys(preload.metafile.inputs).filter((input) => input.includes('node_modules/'));
if (packaged.length > 0) {
  console.error(`The preload must bundle no packages; it pulls in: ${packaged.join(', ')}`);
  process.exit(1);
}
