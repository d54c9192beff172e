/**
 * `npm run bench`: measurements printed as one JSON document (stdout) and a readable table
 * (stderr). Timings are reported, never asserted. Sections are added as features land.
 */

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { VmwareNatLab } from '../lab/lab.ts';
import { explainIpconfig } from '../main/explain/explain-ipconfig.ts';
import { runProcess } from '../main/runner/process-runner.ts';
import { listAdapters } from '../main/services/services.ts';

const fixtures = new URL('../main/explain/fixtures/', import.meta.url);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Explain throughput on 1 MiB of real captures, concatenated, as MB/s (median of runs). */
function benchExplain() {
  const captures = readdirSync(fixtures)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(new URL(f, fixtures), 'utf8'));
  let text = '';
  for (let i = 0; text.length < 1024 * 1024; i++) text += `${captures[i % captures.length]}\n`;
  // Cut at a line end at or below 1 MiB, so no character is split.
  const full = Buffer.from(text);
  const bytes = full.subarray(0, full.lastIndexOf(10, 1024 * 1024) + 1);
  explainIpconfig(bytes, 'en'); // warm-up
  const runs: number[] = [];
  let adapters = 0;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const outcome = explainIpconfig(bytes, 'en');
    runs.push(performance.now() - started);
    adapters = outcome.ok ? outcome.value.adapters.length : 0;
  }
  const ms = median(runs);
  return {
    inputBytes: bytes.length,
    adapters,
    medianMs: round(ms),
    mbPerSecond: round(bytes.length / 1e6 / (ms / 1000)),
    goalMbPerSecond: 20,
  };
}

async function benchAdapters() {
  const runs: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const listing = await listAdapters(5000, () => {});
    runs.push(performance.now() - started);
    count = listing.adapters.length;
  }
  return { adapters: count, medianMs: round(median(runs)) };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Diagnosis in the lab (needs root): the wall time against the slowest single probe and against
 * the sum of all probes (what running them one after another would cost), and the time to an
 * "unreachable" verdict for a dead address.
 */
async function benchLab() {
  if (process.getuid?.() !== 0) return { skipped: 'needs root (network namespaces)' };
  const lab = new VmwareNatLab();
  await lab.up();
  try {
    const cli = new URL('../bin/vmnet-doctor.js', import.meta.url).pathname;
    const runs: Array<{ wall: number; slowest: number; sum: number }> = [];
    for (let i = 0; i < 5; i++) {
      const r = spawnSync(
        'ip',
        ['netns', 'exec', lab.ns.guest, process.execPath, cli, 'diagnose', '--json', ...lab.guestDiagnoseArgs()],
        { encoding: 'utf8' },
      );
      const report = JSON.parse(r.stdout) as { durationMs: number; probes: Array<{ durationMs: number }> };
      runs.push({
        wall: report.durationMs,
        slowest: Math.max(...report.probes.map((p) => p.durationMs)),
        sum: report.probes.reduce((a, p) => a + p.durationMs, 0),
      });
    }
    const dead: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await runProcess('ip', ['netns', 'exec', lab.ns.guest, 'ping', '-c', '1', '-W', '1', '-n', `${lab.subnet}.77`], {
        timeoutMs: 5000,
      });
      dead.push(performance.now() - started);
    }
    const wall = median(runs.map((r) => r.wall));
    const slowest = median(runs.map((r) => r.slowest));
    const sequential = median(runs.map((r) => r.sum));
    return {
      diagnoseWallMs: wall,
      slowestProbeMs: slowest,
      probesOneAfterAnotherMs: sequential,
      wallOverSlowest: round(wall / slowest),
      wallOverSequential: round(wall / sequential),
      unreachableVerdictMs: round(median(dead)),
    };
  } finally {
    await lab.down();
  }
}

const result = {
  machine: { node: process.version, platform: process.platform, cpus: (await import('node:os')).cpus().length },
  explain: benchExplain(),
  adapterListing: await benchAdapters(),
  lab: await benchLab(),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.stderr.write(
  [
    '',
    'measurement                         value',
    '----------------------------------  ----------------------------------',
    `explain 1 MiB of ipconfig text      ${result.explain.medianMs} ms = ${result.explain.mbPerSecond} MB/s (goal > 20 MB/s), ${result.explain.adapters} adapters`,
    `list this machine's adapters        ${result.adapterListing.medianMs} ms for ${result.adapterListing.adapters} adapters`,
    'diagnoseWallMs' in result.lab
      ? `lab diagnose (guest)                ${result.lab.diagnoseWallMs} ms wall; slowest probe ${result.lab.slowestProbeMs} ms (×${result.lab.wallOverSlowest}); one after another ${result.lab.probesOneAfterAnotherMs} ms`
      : `lab diagnose                        skipped: ${result.lab.skipped}`,
    'unreachableVerdictMs' in result.lab
      ? `unreachable verdict, dead address   ${result.lab.unreachableVerdictMs} ms (Windows ping default: 4 × 4000 ms)`
      : '',
    '',
  ].join('\n'),
);
