import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The browser app. `pnpm build` writes apps/web/dist, which the server serves at `/`. */
export default defineConfig({
  plugins: [react()],
  // Absolute: a deep link (/flows/musterfirma) loads the same /assets/ as /.
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:8090' } },
});
