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

await build({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: 'dist/preload/index.cjs',
  format: 'cjs',
  // zod comes along with the contract's channel list; minified, the preload parses faster.
  minify: true,
});
