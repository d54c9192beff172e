/**
 * Writes the Windows scenario bundles (test/bundles/windows/, not committed) from the scenarios and
 * the probe registry's fixtures: vitest's and Playwright's global setup call it, and so do the bench
 * and the fuzzer. `node test/scenarios/write-bundles.ts [DIR]` writes them for a look.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeBundle } from '../../main/bundle/bundle.ts';
import type { DiagnoseRequest } from '../../main/diagnosis/diagnose.ts';
import type { SourceRecord } from '../../main/probes/source.ts';
import { windowsProbe } from '../../main/probes/windows/registry/index.ts';
import { windowsScenarios } from './windows.ts';

export const SCENARIO_BUNDLES = new URL('../bundles/windows/', import.meta.url).pathname;

/** Writes every scenario's bundle and its expected.json under `root`, replacing what was there. */
export function writeScenarioBundles(root: string = SCENARIO_BUNDLES): number {
  // Written beside and moved in whole, so no reader ever sees half a set.
  const fresh = `${root.replace(/\/$/, '')}.${process.pid}.${Date.now()}`;
  mkdirSync(fresh, { recursive: true });
  const scenarios = windowsScenarios();
  for (const s of scenarios) {
    const dir = join(fresh, s.name);
    const pingTarget = s.host['ping-vm']?.target as string | undefined;
    const records: SourceRecord[] = Object.entries(s.host).map(([probeId, data]) => {
      const failed = s.failed?.[probeId as keyof typeof s.failed];
      const shape = s.shapes?.[probeId as keyof typeof s.shapes];
      return {
        kind: 'script',
        probeId,
        params: windowsProbe(probeId)?.params({ vmIp: pingTarget }) ?? {},
        result: failed ? { ...failed, durationMs: 32000 } : { status: 'ok', data, durationMs: 0 },
        ...(shape ? { shape } : {}),
      };
    });
    const request: DiagnoseRequest = {
      role: 'host',
      symptom: s.symptom,
      internetTargets: [],
      servicePorts: [],
      dnsName: 'www.microsoft.com',
      timeoutMs: 8000,
      ...s.request,
    };
    writeBundle(
      dir,
      // A constructed machine's name: the bundle says "collected on DESKTOP-STUDENT", never this machine's.
      { platform: 'windows', role: 'host', request, records, hostName: 'DESKTOP-STUDENT' },
      { name: 'test/scenarios/write-bundles.ts', version: 'constructed' },
    );
    writeFileSync(
      join(dir, 'expected.json'),
      `${JSON.stringify({ scenario: s.describe, constructed: true, ...s.expect }, null, 2)}\n`,
    );
  }
  mkdirSync(dirname(root), { recursive: true });
  rmSync(root, { recursive: true, force: true });
  renameSync(fresh, root);
  return scenarios.length;
}

/** Writes them when they are not there yet (the bench and the fuzzer, run on their own). */
export function ensureScenarioBundles(): string {
  if (!existsSync(SCENARIO_BUNDLES)) writeScenarioBundles();
  return SCENARIO_BUNDLES;
}

if (import.meta.main) {
  const root = process.argv[2] ?? SCENARIO_BUNDLES;
  process.stdout.write(`wrote ${writeScenarioBundles(root)} scenario bundles to ${root}\n`);
}
