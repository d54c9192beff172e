/**
 * Every Windows probe script runs unchanged in a real PowerShell engine, in one node-powershell
 * session opened as the app opens it, on a Windows machine rebuilt from each scenario (its objects
 * typed as Windows PowerShell 5.1 types them, the firewall's rules and filters joined only by
 * InstanceID, vmrun's and VBoxManage's printed text). What the scripts print goes through the real
 * parsers, facts, rules and path; the verdict must be the scenario's.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verdictFinding } from '../../common/catalogue/render.ts';
import { readBundle } from '../../main/bundle/bundle.ts';
import { diagnose } from '../../main/diagnosis/diagnose.ts';
import { gatherWindowsFacts } from '../../main/diagnosis/windows-facts.ts';
import { RecordingSource, ReplaySource } from '../../main/probes/source.ts';
import { PROBE_BY_ID } from '../../main/probes/windows/registry/index.ts';
import { PowerShellSession } from '../../main/runner/powershell-session.ts';
import { pwshAvailable, stubbedWindows } from './pwsh.ts';
import { worldFromBundle } from './world.ts';

/**
 * A document as far as the bundle can say: only the fields the bundle's own document has (older
 * shapes lack some), with the machine's install paths (here a temporary folder) left out.
 */
function comparable(value: unknown, shape: unknown): unknown {
  // Lists of named things (services) in name order: the scenario wrote them in its own.
  const byName = (list: unknown[]) =>
    list.every((v) => v && typeof v === 'object' && 'Name' in v)
      ? [...list].sort((a, b) => String((a as { Name: string }).Name).localeCompare(String((b as { Name: string }).Name)))
      : list;
  if (Array.isArray(value) && Array.isArray(shape)) {
    const ordered = byName(shape);
    return byName(value).map((v, i) => comparable(v, ordered[i] ?? ordered[0]));
  }
  if (Array.isArray(value)) return value.map((v, i) => comparable(v, Array.isArray(shape) ? (shape[i] ?? shape[0]) : undefined));
  if (value && typeof value === 'object' && shape && typeof shape === 'object' && !Array.isArray(shape)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      if (key === 'installPath' || key === 'path') continue;
      // The constructed bundles wrote "" where VBoxManage prints "No value set!" (no Guest Additions); both are no address.
      if (key === 'guestIps') {
        out[key] = ((value as Record<string, string[]>)[key] ?? []).map((ip) => (ip === 'No value set!' ? '' : ip));
        continue;
      }
      out[key] = comparable((value as Record<string, unknown>)[key], (shape as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

const root = new URL('../bundles/windows/', import.meta.url).pathname;
const scenarios = readdirSync(root).filter((d) => !d.includes('.'));
const sessions: PowerShellSession[] = [];
afterAll(async () => Promise.all(sessions.map((s) => s.dispose())));

describe.runIf(pwshAvailable())('Windows probes in a real PowerShell engine (pwsh 7, stubbed Windows cmdlets)', () => {
  it.each(scenarios)('%s: every probe runs, and the verdict is the scenario’s', { timeout: 60_000 }, async (name) => {
    const dir = join(root, name);
    const bundle = await readBundle(dir);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    // The documents as the bundle holds them (readBundle gives them in today's shape, with the
    // fields an older shape lacked filled in by the probe's migration; those are not compared).
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      records: Array<{ probeId?: string; data?: string }>;
    };
    const asWritten = (probeId: string): unknown => {
      const file = manifest.records.find((r) => r.probeId === probeId)?.data;
      return file ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : null;
    };
    const home = mkdtempSync(join(tmpdir(), `vmnet-win-${name}-`));
    const windows = stubbedWindows(worldFromBundle(bundle.records, home), home);
    const session = new PowerShellSession({ factory: windows.factory });
    sessions.push(session);
    const recording = new RecordingSource();
    await gatherWindowsFacts(bundle.request, recording, session);
    const failed = recording.records.flatMap((r) =>
      r.kind === 'script' && r.result.status !== 'ok' ? [`${r.probeId}: ${r.result.message}`] : [],
    );
    expect(
      failed.map((f) => f.split(':')[0]),
      failed.join(' / '),
    ).toEqual(/firewall-unread/.test(name) ? ['firewall'] : []);
    if (failed.length) expect(failed[0]).toContain('Access is denied');
    // What each script printed is what the scenario holds (paths and fields that bundle did not have aside).
    for (const record of bundle.records) {
      if (record.kind !== 'script' || record.result.status !== 'ok') continue;
      const printed = recording.records.find((r) => r.kind === 'script' && r.probeId === record.probeId);
      // Some constructed bundles keep a ping although no VM reports an address: live, nothing is pinged.
      if (!printed && record.probeId === 'ping-vm') continue;
      expect(printed?.kind === 'script' && printed.result.status === 'ok', record.probeId).toBe(true);
      if (printed?.kind === 'script' && printed.result.status === 'ok')
        expect(comparable(printed.result.data, asWritten(record.probeId)), `${name}: ${record.probeId}`).toEqual(
          comparable(asWritten(record.probeId), asWritten(record.probeId)),
        );
    }
    const report = await diagnose(bundle.request, new ReplaySource(recording.records), 'windows');
    expect(report.verdict.kind).toBe(expected.verdict);
    expect('hop' in report.verdict ? report.verdict.hop : null).toBe(expected.hop);
    expect(verdictFinding(report)?.id ?? null).toBe(expected.firstFinding);
  });
});

describe.runIf(pwshAvailable())('the engine test can fail', () => {
  const session = () => {
    const home = mkdtempSync(join(tmpdir(), 'vmnet-win-mutant-'));
    return readBundle(join(root, 'firewall-blocks-echo-public')).then((bundle) => {
      const s = new PowerShellSession({ factory: stubbedWindows(worldFromBundle(bundle.records, home), home).factory });
      sessions.push(s);
      return s;
    });
  };

  it('a property read under a name the object lacks fails the probe (Windows would give $null in silence)', {
    timeout: 60_000,
  }, async () => {
    const misread = PROBE_BY_ID.adapters.script.replace('[string]$_.InterfaceDescription', '[string]$_.InterfaceDescriptio');
    const result = await (await session()).run({ id: 'adapters', script: misread, params: {} }, 30_000);
    expect(result).toMatchObject({ status: 'failed', message: 'MSFT_NetAdapter has no property InterfaceDescriptio' });
  });

  it('a firewall join on the rule Name (not InstanceID) finds no filters: the echo rules lose their protocol', {
    timeout: 60_000,
  }, async () => {
    const s = await session();
    const right = await s.run({ id: 'firewall', script: PROBE_BY_ID.firewall.script, params: {} }, 30_000);
    const wrongJoin = PROBE_BY_ID.firewall.script.replace('$id = [string]$_.InstanceID', '$id = [string]$_.Name');
    const wrong = await s.run({ id: 'firewall', script: wrongJoin, params: {} }, 30_000);
    const rules = (r: typeof right) => (r.status === 'ok' ? (r.data as { icmpRules: unknown[] }).icmpRules.length : -1);
    expect(rules(right)).toBeGreaterThan(0);
    expect(rules(wrong)).toBe(0);
  });
});
