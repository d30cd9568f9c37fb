import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The console's bundle, served by `siyu serve` from web/dist. `npx vite web` for a dev server
// that proxies the API to a running `npm start` (port 3000, or SIYU_API).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
  server: { proxy: { '/api': process.env.SIYU_API ?? 'http://localhost:3000' } },
});
