import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const server = 'http://127.0.0.1:3000';

// The web app lives in src/web; module pages (src/modules/*/web) are imported from outside
// that root, so the dev server is allowed to read the whole repository.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': server,
      '/healthz': server,
      '/metrics': server,
    },
  },
  preview: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/metrics': server,
    },
  },
});
