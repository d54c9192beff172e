/**
 * `npm test`: lint, type-check, build, unit and integration tests (vitest), end-to-end tests
 * (Playwright), then one closing line `N passed, N failed` over all suites. Under CI=true a
 * skipped test counts as a failure: CI has root, namespaces and Chromium, so nothing may skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const isWindows = process.platform === 'win32';
const bin = (name: string) => join(root, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);
const strict = Boolean(process.env.CI);
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const DEPCRUISE = join(root, 'tools', 'depcruise', 'node_modules', '.bin', isWindows ? 'depcruise.cmd' : 'depcruise');
const DEPCRUISE_ARGS = [
  '--config',
  '.dependency-cruiser.cjs',
  '--output-type',
  'err',
  'common',
  'main',
  'preload',
  'renderer/src',
  'lab',
  'scripts',
  'bin',
];

function step(title: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(command.includes('/') ? command : bin(command), args, { cwd: root, stdio: 'inherit', shell: isWindows });
  if (r.status !== 0) process.stdout.write(`== ${title}: FAILED (exit ${r.status ?? r.signal})\n`);
  return r.status === 0;
}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
let stepsFailed = 0;

for (const [title, command, args] of [
  ['lint and format (biome)', 'biome', ['check', '--error-on-warnings', '.']],
  ['type check (tsc)', 'tsc', ['-p', '.']],
  // Its own install (tools/depcruise): it reads imports with TypeScript 6's API.
  ['import graph: no circle, no arrow that climbs (dependency-cruiser)', DEPCRUISE, [...DEPCRUISE_ARGS]],
  ['build (electron-vite)', 'electron-vite', ['build']],
] as const) {
  if (!step(title, command, [...args])) stepsFailed++;
}

const unitReport = join(results, 'unit-report.json');
// Every finding a rule emits in the suite, by rule (test/rules/record-findings.ts).
const findingsLog = join(results, 'findings-emitted');
mkdirSync(findingsLog, { recursive: true });
process.env.VMNET_FINDINGS_LOG = findingsLog;
const unitOk = step('unit and integration tests (vitest)', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${unitReport}`,
]);
delete process.env.VMNET_FINDINGS_LOG;
if (existsSync(unitReport)) {
  const r = JSON.parse(readFileSync(unitReport, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  add({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests });
} else if (!unitOk) stepsFailed++;

// One test more: every finding each rule declares came out of that rule in the suite.
const emittedOk = step('every declared finding came out of its rule (test/rules/check-emitted.ts)', process.execPath, [
  join(root, 'test', 'rules', 'check-emitted.ts'),
  findingsLog,
]);
add({ passed: emittedOk ? 1 : 0, failed: emittedOk ? 0 : 1, skipped: 0 });

const e2eReport = join(results, 'e2e-report.json');
const e2eOk = step('end-to-end tests (playwright)', 'playwright', ['test']);
if (existsSync(e2eReport)) {
  const r = JSON.parse(readFileSync(e2eReport, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  add({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped });
} else if (!e2eOk) stepsFailed++;

function add(t: Tally) {
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
}

if (strict && total.skipped > 0) {
  process.stdout.write(`\n${total.skipped} test(s) skipped under CI=true: counted as failed.\n`);
  total.failed += total.skipped;
  total.skipped = 0;
}
if (stepsFailed > 0) process.stdout.write(`\n${stepsFailed} step(s) failed outside the test counts (see above).\n`);
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`);
process.exitCode = total.failed > 0 || stepsFailed > 0 ? 1 : 0;
