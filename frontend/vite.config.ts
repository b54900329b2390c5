import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The build lands in target/dist (Maven's output directory), where the gateway image copies it from.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    // Hashed file names under /assets/: the gateway serves them as immutable for a year.
    assetsDir: 'assets',
    // No inline module-preload polyfill: the gateway's CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    // `npm run dev` proxies the API to a running gateway (see README); the SPA itself needs same-origin calls.
    proxy: Object.fromEntries(
      ['/api', '/auth', '/oauth2', '/.well-known'].map((p) => [
        p,
        { target: process.env.GATEWAY_URL ?? 'https://localhost:8443', secure: false, changeOrigin: false },
      ]),
    ),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
