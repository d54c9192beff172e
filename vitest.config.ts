import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{common,main,preload,renderer,scripts}/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'node',
    // The lab tests mostly wait on the network inside their own namespaces (each lab has its own
    // id, namespaces and state folder), so three files at a time on two cores finish in two thirds
    // of the time; the timeout leaves room for a lab that waits while its neighbours use the CPU.
    testTimeout: 45_000,
    pool: 'forks',
    // The Windows scenario bundles are written from their specs, not committed (test/scenarios/).
    globalSetup: ['test/scenarios/global-setup.ts'],
    // With VMNET_FINDINGS_LOG set (npm test), every finding is written down with the rule that emitted it.
    setupFiles: ['test/rules/record-findings.ts'],
    maxWorkers: 3,
  },
});
