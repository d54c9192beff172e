import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: 'main/electron/main.ts', cli: 'main/cli/main.ts' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything, as CommonJS.
      externalizeDeps: false,
      rollupOptions: { input: { index: 'preload/index.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    build: { outDir: 'out/renderer', minify: true, rollupOptions: { input: 'renderer/index.html' } },
    plugins: [react()],
  },
});
