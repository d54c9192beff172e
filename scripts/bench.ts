/**
 * `npm run bench`: measurements printed as one JSON document (stdout) and a readable table
 * (stderr). Timings are reported, never asserted. Sections are added as features land.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import si from 'systeminformation';
import { VmwareNatLab } from '../lab/lab.ts';
import { readBundle } from '../main/bundle/bundle.ts';
import { gatherWindowsFacts, type IcmpRule } from '../main/diagnosis/windows-facts.ts';
import { diagnoseWindowsHost, echoVerdict } from '../main/diagnosis/windows-rules.ts';
import { explainIpconfig } from '../main/explain/explain-ipconfig.ts';
import { startHarness } from '../main/harness/server.ts';
import { pingArgv } from '../main/probes/linux/registry/ping.ts';
import { liveSource, type ScriptResult } from '../main/probes/source.ts';
import { PROBE_BY_ID } from '../main/probes/windows/registry/index.ts';
import { PowerShellSession } from '../main/runner/powershell-session.ts';
import { launchCount, runProcess } from '../main/runner/process-runner.ts';
import { listAdapters } from '../main/services/services.ts';
import { hostFromBundle } from '../test/powershell-stand-in.ts';
import { cimQueriesFor, loadPowershellParser } from '../test/powershell-syntax.ts';
import { ensureScenarioBundles } from '../test/scenarios/write-bundles.ts';
import { firewallHost, VMNET8, VMNET8_SUBNET } from '../test/windows-firewall-host.ts';

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

/** Our adapter listing against systeminformation's networkInterfaces() on the same machine, alternating. */
async function benchAdapters() {
  const ours: number[] = [];
  const theirs: number[] = [];
  let count = 0;
  let theirCount = 0;
  for (let i = 0; i < 7; i++) {
    let started = performance.now();
    const listing = await listAdapters(5000, () => {});
    ours.push(performance.now() - started);
    count = listing.adapters.length;
    started = performance.now();
    const list = await si.networkInterfaces();
    theirs.push(performance.now() - started);
    theirCount = Array.isArray(list) ? list.length : 1;
  }
  return {
    adapters: count,
    medianMs: round(median(ours)),
    systeminformation: { adapters: theirCount, medianMs: round(median(theirs)) },
    oursOverTheirs: round(median(ours) / median(theirs)),
  };
}

/** Renderer JS gzipped, and navigation → the Diagnose form usable, in Chromium through the harness. */
async function benchRenderer() {
  const root = new URL('..', import.meta.url).pathname;
  const assets = join(root, 'out/renderer/assets');
  if (!existsSync(assets)) return { skipped: 'build first (npm run build)' };
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gzBytes = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  const harness = await startHarness({ rendererDir: join(root, 'out/renderer') });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      const started = performance.now();
      await page.goto(harness.url);
      await page.getByTestId('run-diagnosis').waitFor({ state: 'visible' });
      times.push(performance.now() - started);
      await page.close();
    }
  } finally {
    await browser.close();
    await harness.close();
  }
  return { jsGzipBytes: gzBytes, goalGzipBytes: 250 * 1024, firstUsableMs: round(median(times)), goalFirstUsableMs: 1000 };
}

/**
 * Processes a Windows diagnosis launches, counted by the runner, with PowerShell stood in by the
 * VMnet8-disabled scenario's documents (goal: one session plus at most a few native tools).
 */
async function benchWindowsProcesses() {
  const dir = join(ensureScenarioBundles(), 'vmnet8-disabled');
  const invocations: string[] = [];
  const session = new PowerShellSession({ factory: hostFromBundle(dir, invocations) });
  const before = launchCount();
  await gatherWindowsFacts((await readBundle(dir)).request, liveSource, session);
  await session.dispose();
  return { processesLaunched: launchCount() - before, powershellRoundTrips: invocations.length };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A Windows diagnosis in a real PowerShell (pwsh 7 with the stubbed Windows of the vmnet8-disabled
 * scenario, test/windows-engine/): the time to the first probe results (session start and the
 * batch), to the whole diagnosis, and the round trips it makes. pwsh on Linux with stubs is not
 * powershell.exe on Windows: the round trips carry over, the milliseconds only roughly.
 */
async function benchWindowsEngine() {
  const { pwshAvailable, stubbedWindows } = await import('../test/windows-engine/pwsh.ts');
  const { worldFromBundle } = await import('../test/windows-engine/world.ts');
  if (!pwshAvailable()) return { skipped: 'pwsh is not installed (source scripts/ensure-pwsh.sh)' };
  const dir = join(ensureScenarioBundles(), 'vmnet8-disabled');
  const bundle = await readBundle(dir);
  const firstResults: number[] = [];
  const whole: number[] = [];
  const setups: number[] = [];
  let roundTrips = 0;
  for (let i = 0; i < 3; i++) {
    const home = mkdtempSync(join(tmpdir(), 'vmnet-bench-win-'));
    const windows = stubbedWindows(worldFromBundle(bundle.records, home), home);
    let trips = 0;
    const session = new PowerShellSession({
      factory: async (flavour) => {
        const t = performance.now();
        const host = await windows.factory(flavour);
        setups.push(performance.now() - t);
        return {
          invoke: (line) => {
            trips++;
            return host.invoke(line);
          },
          dispose: () => host.dispose(),
        };
      },
    });
    const started = performance.now();
    const source = {
      ...liveSource,
      script: (_id: string, _params: Record<string, unknown>, run: () => Promise<ScriptResult>) =>
        run().then((r) => {
          if (firstResults.length === i) firstResults.push(performance.now() - started);
          return r;
        }),
    };
    const facts = await gatherWindowsFacts(bundle.request, source, session);
    diagnoseWindowsHost(facts);
    whole.push(performance.now() - started);
    roundTrips = trips;
    await session.dispose();
  }
  return {
    sessionStartMs: Math.round(median(setups)),
    firstProbeResultsMs: Math.round(median(firstResults)),
    wholeDiagnosisMs: Math.round(median(whole)),
    powershellRoundTrips: roundTrips,
  };
}

/**
 * The firewall on a machine with many rules: the CIM queries the probe makes (counted on its
 * syntax tree: once per call, the number of rules for a call inside a loop) at 10 and at 2,000
 * rules, and the time our model takes to judge echo against 2,000 stand-in rules.
 */
async function benchFirewall() {
  await loadPowershellParser();
  const rules: IcmpRule[] = Array.from({ length: 2000 }, (_, i) => ({
    name: `rule-${i}`,
    displayName: `Stand-in rule ${i}`,
    enabled: i % 3 !== 0,
    action: i % 17 === 0 ? 'Block' : 'Allow',
    profiles: [['Domain', 'Private', 'Public'][i % 3] as string],
    protocol: i % 5 === 0 ? 'Any' : 'ICMPv4',
    icmpTypes: [i % 2 ? '8' : 'Any'],
    remoteAddresses: [`10.${i % 250}.0.0/16`],
    localAddresses: ['Any'],
    interfaceType: 'Any',
    interfaceAliases: [],
    source: 'Local',
  }));
  const facts = firewallHost(rules);
  const runs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    echoVerdict(facts, VMNET8, VMNET8_SUBNET);
    runs.push(performance.now() - started);
  }
  const script = PROBE_BY_ID.firewall.script;
  return {
    cimQueriesAt10Rules: cimQueriesFor(script, 10),
    cimQueriesAt2000Rules: cimQueriesFor(script, 2000),
    judge2000RulesMs: round(median(runs)),
  };
}

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
      // The same echo the diagnosis sends to the host, at an address nothing holds.
      await runProcess('ip', ['netns', 'exec', lab.ns.guest, 'ping', ...pingArgv(lab.unusedIp, 'host')], { timeoutMs: 5000 });
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

/**
 * The path MTU search beyond the gateway (needs root): on the lab whose way out carries 1420 bytes
 * and drops larger packets silently (fault mtu-beyond-gateway), the search's own time as the
 * diagnosis reports it, and what it found; on a healthy path, what the measurement costs.
 */
async function benchPathMtu() {
  if (process.getuid?.() !== 0) return { skipped: 'needs root (network namespaces)' };
  const { faultNamed } = await import('../lab/faults.ts');
  const cli = new URL('../bin/vmnet-doctor.js', import.meta.url).pathname;
  const measure = (lab: VmwareNatLab) => {
    const r = spawnSync(
      'ip',
      [
        'netns',
        'exec',
        lab.ns.guest,
        process.execPath,
        cli,
        'diagnose',
        '--json',
        '--symptom',
        'vm-no-internet',
        ...lab.guestDiagnoseArgs(),
      ],
      { encoding: 'utf8' },
    );
    const report = JSON.parse(r.stdout) as {
      probes: Array<{ id: string; durationMs: number }>;
      checks: Array<{ id: string; evidence?: { pathMtu?: number; rounds?: number } }>;
    };
    const probe = report.probes.find((p) => p.id === 'path-mtu');
    const check = report.checks.find((c) => c.id === 'path-mtu');
    return {
      ms: probe?.durationMs ?? Number.NaN,
      pathMtu: check?.evidence?.pathMtu ?? null,
      rounds: check?.evidence?.rounds ?? null,
    };
  };
  const lab = new VmwareNatLab();
  await lab.up();
  try {
    const healthy = Array.from({ length: 5 }, () => measure(lab));
    await faultNamed('mtu-beyond-gateway')?.inject(lab);
    const silent = Array.from({ length: 5 }, () => measure(lab));
    return {
      silentPathSearchMs: median(silent.map((m) => m.ms)),
      silentPathSearchMaxMs: Math.max(...silent.map((m) => m.ms)),
      found: silent[0]?.pathMtu ?? null,
      rounds: silent[0]?.rounds ?? null,
      healthyPathMs: median(healthy.map((m) => m.ms)),
    };
  } finally {
    await lab.down();
  }
}

const result = {
  machine: { node: process.version, platform: process.platform, cpus: (await import('node:os')).cpus().length },
  explain: benchExplain(),
  adapterListing: await benchAdapters(),
  renderer: await benchRenderer(),
  windowsDiagnosis: await benchWindowsProcesses(),
  windowsEngine: await benchWindowsEngine(),
  firewall: await benchFirewall(),
  lab: await benchLab(),
  pathMtu: await benchPathMtu(),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.stderr.write(
  [
    '',
    'measurement                         value',
    '----------------------------------  ----------------------------------',
    `explain 1 MiB of ipconfig text      ${result.explain.medianMs} ms = ${result.explain.mbPerSecond} MB/s (goal > 20 MB/s), ${result.explain.adapters} adapters`,
    `list this machine's adapters        ${result.adapterListing.medianMs} ms for ${result.adapterListing.adapters} adapters; systeminformation ${result.adapterListing.systeminformation.medianMs} ms (×${result.adapterListing.oursOverTheirs})`,
    'jsGzipBytes' in result.renderer
      ? `renderer JS gzipped                 ${result.renderer.jsGzipBytes} bytes (goal < 256000); first usable screen ${result.renderer.firstUsableMs} ms (goal < 1000)`
      : `renderer                            skipped: ${result.renderer.skipped}`,
    `Windows diagnosis, processes        ${result.windowsDiagnosis.processesLaunched} launched, ${result.windowsDiagnosis.powershellRoundTrips} PowerShell round trips (stand-in PowerShell)`,
    'wholeDiagnosisMs' in result.windowsEngine
      ? `Windows diagnosis in real pwsh      ${result.windowsEngine.firstProbeResultsMs} ms to the first results (session start ${result.windowsEngine.sessionStartMs} ms, stubs included), ${result.windowsEngine.wholeDiagnosisMs} ms in all, ${result.windowsEngine.powershellRoundTrips} round trips`
      : `Windows diagnosis in real pwsh      skipped: ${result.windowsEngine.skipped}`,
    `Windows firewall, 2,000 rules       ${result.firewall.cimQueriesAt2000Rules} CIM queries (${result.firewall.cimQueriesAt10Rules} at 10 rules); echo judged in ${result.firewall.judge2000RulesMs} ms`,
    'diagnoseWallMs' in result.lab
      ? `lab diagnose (guest)                ${result.lab.diagnoseWallMs} ms wall; slowest probe ${result.lab.slowestProbeMs} ms (×${result.lab.wallOverSlowest}); one after another ${result.lab.probesOneAfterAnotherMs} ms`
      : `lab diagnose                        skipped: ${result.lab.skipped}`,
    'silentPathSearchMs' in result.pathMtu
      ? `path MTU beyond the gateway         ${result.pathMtu.silentPathSearchMs} ms median, ${result.pathMtu.silentPathSearchMaxMs} ms max to find ${result.pathMtu.found} in ${result.pathMtu.rounds} rounds (goal < 500); healthy path ${result.pathMtu.healthyPathMs} ms`
      : `path MTU                            skipped: ${result.pathMtu.skipped}`,
    'unreachableVerdictMs' in result.lab
      ? `unreachable verdict, dead address   ${result.lab.unreachableVerdictMs} ms (Windows ping default: 4 × 4000 ms)`
      : '',
    '',
  ].join('\n'),
);
