import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the fleet view for IT into dist/fleet; central serves it at /fleet/. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/fleet/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist/fleet', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
