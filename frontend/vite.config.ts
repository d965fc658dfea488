import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { devProxy, readOpenApi } from './devProxy.ts';

// During development the dashboard runs on Vite's server and talks to the product on :8000;
// in the product it is served from the jar on the same origin, so no URL is configured anywhere.
const backend = process.env.TRIAGE_BACKEND ?? 'http://localhost:8000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: devProxy(backend, readOpenApi()),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', '*.test.ts'],
    // A test waits for the screen up to the harness's 10 s (asyncUtilTimeout); on a busy two-core build machine the
    // first screen of a file can take seconds to load its modules, so a test is not cut off before its own waits end.
    testTimeout: 60_000,
  },
});
