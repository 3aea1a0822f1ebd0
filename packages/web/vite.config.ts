import { defineConfig } from 'vite';

// Static files for the fab API's webRoot: relative to /, no request to another origin (every script,
// style and font is in dist/), assets named by content hash (served as immutable).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The bundle is small; one file per kind keeps the page to three requests on a slow fab network.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
