import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * hds-react imports a few helpers from the whole of `lodash`, a CommonJS module that cannot be
 * tree-shaken: every component that themes itself (Button, Dialog, …) brought 70 kB of lodash
 * into the first screen's chunk and ran its start-up code. This serves `import { … } from
 * 'lodash'` from lodash's own one-function modules instead, so only the helpers used are bundled.
 * These are all the names hds-react 5 imports; a new one fails the build with a missing export.
 */
function lodashPerFunction(): Plugin {
  const id = '\0lodash-per-function';
  const names = ['debounce', 'flatten', 'isElement', 'isFunction', 'isObject', 'merge', 'noop', 'throttle', 'uniqueId'];
  return {
    name: 'lodash-per-function',
    enforce: 'pre',
    // Side-effect free, so the helpers no bundled code calls are left out.
    async resolveId(source, importer, options) {
      if (source === 'lodash') return { id, moduleSideEffects: false };
      if (importer !== id && !importer?.includes('/node_modules/lodash/')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && { ...resolved, moduleSideEffects: false };
    },
    load: (loaded) =>
      loaded === id ? names.map((name) => `export { default as ${name} } from 'lodash/${name}.js';`).join('\n') : null,
  };
}

/** Builds the shell UI into dist/renderer (loaded by Electron, and served by the preview host). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), lodashPerFunction()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Which chunk holds which source: the preview server reads it to preload a start's chunks.
    manifest: true,
  },
});
