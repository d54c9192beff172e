import { defineConfig } from '@playwright/test';
import { writeScenarioBundles } from './test/scenarios/write-bundles.ts';

// The Windows scenario bundles are written from their specs (test/scenarios/) once, by the runner,
// before the specs are listed; its workers load this file too and must not rewrite them under a test.
if (!process.env.TEST_WORKER_INDEX) writeScenarioBundles();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: { viewport: { width: 1024, height: 700 } },
});
