/**
 * The probe registry holds every Windows probe, once, each with a fixture its own parser reads and
 * an origin the fixtures' README names; shapes and migrations agree, and a bundle's older document
 * is read through them while a newer one is refused rather than guessed at.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from '../../../bundle/bundle.ts';
import { gatherWindowsFacts } from '../../../diagnosis/windows-facts.ts';
import { RecordingSource, ReplaySource, type SourceRecord } from '../../source.ts';
import { defineWindowsProbe, migrateDocument } from './declare.ts';
import { PROBE_BY_ID, WINDOWS_PROBES, windowsProbe } from './index.ts';

const here = new URL('./', import.meta.url);
const fixtures = new URL('../fixtures/', import.meta.url);
const fixture = (file: string) => JSON.parse(readFileSync(new URL(file, fixtures), 'utf8'));
/** Files of this folder that are not probes. */
const PLUMBING = new Set(['declare.ts', 'documents.ts', 'native-output.ts', 'index.ts']);

describe('the Windows probe registry', () => {
  it('lists every probe file of its folder, each once', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !PLUMBING.has(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(WINDOWS_PROBES.map((p) => p.id).sort());
    expect(new Set(WINDOWS_PROBES.map((p) => p.id)).size).toBe(WINDOWS_PROBES.length);
  });

  it.each(WINDOWS_PROBES.map((p) => [p.id, p] as const))(
    '%s: its fixture is read by its own parser, and its origin is written down',
    (_id, probe) => {
      expect(probe.parse(fixture(probe.fixture.file))).not.toBeNull();
      expect(probe.parse(null)).toBeNull();
      expect(probe.parse('not a document')).toBeNull();
      expect(readFileSync(new URL('README.md', fixtures), 'utf8')).toContain(probe.fixture.file);
      expect(probe.fixture.source.length).toBeGreaterThan(20);
      expect(probe.budgetMs(8000)).toBeGreaterThan(0);
    },
  );

  it('refuses a declaration whose shape and migrations disagree', () => {
    const base = { ...PROBE_BY_ID.elevation, id: 'scratch' as const };
    expect(() => defineWindowsProbe({ ...base, shape: 2, migrations: [] })).toThrow(/shape 2 needs 1 migrations/);
    expect(defineWindowsProbe({ ...base, shape: 2, migrations: [(d) => d] }).shape).toBe(2);
  });

  it('asks the machine for exactly the registry’s probes, each with its own parameters', async () => {
    const answered = new ReplaySource(
      WINDOWS_PROBES.map(
        (p): SourceRecord => ({
          kind: 'script',
          probeId: p.id,
          params: p.params({ vmIp: '192.168.37.128' }),
          result: { status: 'ok', data: fixture(p.fixture.file), durationMs: 0 },
        }),
      ),
    );
    const recording = new RecordingSource(answered);
    const facts = await gatherWindowsFacts({ symptom: 'auto', timeoutMs: 8000, vmIp: '192.168.37.128' } as never, recording);
    expect(recording.records.map((r) => (r.kind === 'script' ? r.probeId : r.kind)).sort()).toEqual(
      WINDOWS_PROBES.map((p) => p.id).sort(),
    );
    expect(facts.probes.filter((p) => p.status !== 'ok')).toEqual([]);
    expect(recording.records.find((r) => r.kind === 'script' && r.probeId === 'services')?.kind === 'script').toBe(true);
  });
});

describe('a probe’s shape change is a migration', () => {
  const firstRelease = {
    profiles: [{ Name: 'Public', Enabled: 'True', DefaultInboundAction: 'NotConfigured', AllowInboundRules: 'NotConfigured' }],
    icmpRules: [
      {
        Name: 'FPS-ICMP4-ERQ-In',
        Enabled: 'True',
        Action: 'Allow',
        Profile: 'Private',
        IcmpType: ['8'],
        RemoteAddress: ['LocalSubnet'],
      },
    ],
  };

  it('the first release’s firewall rules read as ICMPv4 rules today, and the old document is left as it was', () => {
    const firewall = PROBE_BY_ID.firewall;
    const before = structuredClone(firstRelease);
    expect(firewall.parse(firstRelease)).toBeNull();
    const today = firewall.parse(migrateDocument(firewall, firstRelease, 1));
    expect(today?.icmpRules[0]).toMatchObject({ Protocol: 'ICMPv4', InterfaceType: 'Any', LocalAddress: [], InterfaceAlias: [] });
    expect(firstRelease).toEqual(before);
    expect(migrateDocument(firewall, firstRelease, 3)).toBeNull();
  });

  it('a bundle records each document’s shape; an older one is migrated on reading, a newer one is unavailable', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vd-shapes-')), 'bundle');
    const record = (probeId: string, data: unknown, shape?: number): SourceRecord => ({
      kind: 'script',
      probeId,
      params: {},
      result: { status: 'ok', data, durationMs: 0 },
      ...(shape ? { shape } : {}),
    });
    writeBundle(
      dir,
      {
        platform: 'windows',
        role: 'host',
        request: { role: 'host', symptom: 'auto', internetTargets: [], servicePorts: [], dnsName: 'x', timeoutMs: 8000 },
        records: [
          record('adapters', fixture(PROBE_BY_ID.adapters.fixture.file)),
          record('firewall', firstRelease, 1),
          record('hyperv', {}, 9),
        ],
      },
      { name: 'test', version: '0' },
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.records.map((r: { shape?: number }) => r.shape)).toEqual([1, 1, 9]);
    const bundle = await readBundle(dir);
    const result = (id: string) => bundle.records.find((r) => r.kind === 'script' && r.probeId === id);
    const firewall = result('firewall');
    expect(
      firewall?.kind === 'script' && firewall.result.status === 'ok' && PROBE_BY_ID.firewall.parse(firewall.result.data),
    ).toBeTruthy();
    const hyperv = result('hyperv');
    expect(hyperv?.kind === 'script' && hyperv.result).toMatchObject({
      status: 'unavailable',
      message: expect.stringMatching(/newer release/),
    });
    // A bundle from before shapes were written: its documents count as shape 1.
    manifest.records = manifest.records.map(({ shape: _s, ...r }: Record<string, unknown>) => r);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const unshaped = await readBundle(dir);
    const again = unshaped.records.find((r) => r.kind === 'script' && r.probeId === 'firewall');
    expect(again?.kind === 'script' && again.result.status).toBe('ok');
    expect(windowsProbe('no-such-probe')).toBeUndefined();
  });
});
