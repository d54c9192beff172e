/**
 * The Linux probe registry holds every probe with a fixed command, once, each with recorded
 * fixtures its own parser reads and the README names; the guest's diagnosis asks exactly these
 * commands, so a bundle that holds them replays it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatherGuestFacts } from '../../../diagnosis/guest-facts.ts';
import { RecordingSource, ReplaySource } from '../../source.ts';
import { LINUX_PROBES } from './index.ts';

const here = new URL('./', import.meta.url);
const fixtures = new URL('../fixtures/', import.meta.url);
const PLUMBING = new Set(['declare.ts', 'index.ts']);

describe('the Linux probe registry', () => {
  it('lists every probe file of its folder, each once, each command once', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !PLUMBING.has(f));
    expect(files.length).toBe(LINUX_PROBES.length);
    expect(new Set(LINUX_PROBES.map((p) => p.id)).size).toBe(LINUX_PROBES.length);
    expect(new Set(LINUX_PROBES.map((p) => p.argv.join(' '))).size).toBe(LINUX_PROBES.length);
  });

  it.each(LINUX_PROBES.map((p) => [p.argv.join(' '), p] as const))(
    '%s: its recorded fixtures are read by its own parser, and written down',
    (_c, probe) => {
      const files = readdirSync(fixtures).filter((f) => probe.fixtures.match.test(f));
      expect(files.length, String(probe.fixtures.match)).toBeGreaterThan(0);
      const readme = readFileSync(new URL('README.md', fixtures), 'utf8');
      for (const file of files) {
        expect(readme, file).toContain(file);
        expect(probe.parse(readFileSync(new URL(file, fixtures), 'utf8')), file).not.toBeNull();
      }
      expect(probe.budgetMs(8000)).toBeGreaterThan(0);
    },
  );

  it('the guest’s diagnosis asks each of them, with the registry’s command', async () => {
    const recording = new RecordingSource(new ReplaySource([]));
    await gatherGuestFacts(
      { symptom: 'auto', timeoutMs: 2000, internetTargets: [], servicePorts: [], dnsName: 'lab.test' } as never,
      undefined,
      recording,
    );
    const asked = new Set(recording.records.flatMap((r) => (r.kind === 'process' ? [r.argv.join(' ')] : [])));
    for (const probe of LINUX_PROBES) expect(asked.has(probe.argv.join(' ')), probe.argv.join(' ')).toBe(true);
  });
});
