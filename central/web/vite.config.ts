import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the usage dashboard into dist/central-web/dashboard; central serves it at /dashboard/. */
export default defineConfig({
  root: fileURLToPath(new URL('./dashboard', import.meta.url)),
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/central-web/dashboard', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
