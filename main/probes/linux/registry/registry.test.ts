/**
 * The Linux probe registry holds every probe once — those with a fixed command and the questions
 * whose command takes what was found — each with recorded fixtures its own parser reads and the
 * README names; the guest's diagnosis asks exactly these commands, so a bundle that holds them
 * replays it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatherGuestFacts } from '../../../diagnosis/guest-facts.ts';
import { gatherHostFacts } from '../../../diagnosis/host-facts.ts';
import type { RunResult } from '../../../runner/process-runner.ts';
import { RecordingSource, ReplaySource, type SourceRecord } from '../../source.ts';
import type { LinuxQuestion } from './declare.ts';
import { LINUX_PROBES, LINUX_QUESTIONS } from './index.ts';

const here = new URL('./', import.meta.url);
const fixtures = new URL('../fixtures/', import.meta.url);
/** A probe's fixture folder: main/probes/linux/fixtures/, or the one it names under main/probes/. */
const folderOf = (f: { folder?: string }) => (f.folder ? new URL(`../../${f.folder}`, import.meta.url) : fixtures);
const PLUMBING = new Set(['declare.ts', 'index.ts']);
const questions = LINUX_QUESTIONS as readonly LinuxQuestion<string, unknown, unknown>[];

describe('the Linux probe registry', () => {
  it('lists every probe file of its folder, each once, each command once', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !PLUMBING.has(f));
    expect(files.length).toBe(LINUX_PROBES.length + LINUX_QUESTIONS.length);
    const ids = [...LINUX_PROBES, ...LINUX_QUESTIONS].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(LINUX_PROBES.map((p) => p.argv.join(' '))).size).toBe(LINUX_PROBES.length);
  });

  it.each(LINUX_PROBES.map((p) => [p.argv.join(' '), p] as const))(
    '%s: its recorded fixtures are read by its own parser, and written down',
    (_c, probe) => {
      const folder = folderOf(probe.fixtures);
      const files = readdirSync(folder).filter((f) => probe.fixtures.match.test(f));
      expect(files.length, String(probe.fixtures.match)).toBeGreaterThan(0);
      const readme = readFileSync(new URL('README.md', folder), 'utf8');
      for (const file of files) {
        expect(readme, file).toContain(file);
        expect(probe.parse(readFileSync(new URL(file, folder), 'utf8')), file).not.toBeNull();
      }
      expect(probe.budgetMs(8000)).toBeGreaterThan(0);
    },
  );

  const runOf = (argv: readonly string[], status: RunResult['status'], stdout: string): RunResult => ({
    status,
    argv: [...argv],
    exitCode: status === 'ok' ? 0 : 1,
    signal: null,
    stdout,
    stderr: '',
    durationMs: 1,
  });

  it.each(questions.map((q) => [q.id, q] as const))(
    '%s (a question): its recorded fixtures are read by its own reader, and written down',
    (_id, question) => {
      const folder = folderOf(question.fixtures);
      const files = readdirSync(folder).filter((f) => question.fixtures.match.test(f));
      expect(files.length, String(question.fixtures.match)).toBeGreaterThan(0);
      const readme = readFileSync(new URL('README.md', folder), 'utf8');
      const argv = question.argv(question.fixtures.example);
      const silent = question.read(runOf(argv, 'error', ''), question.fixtures.example);
      for (const file of files) {
        expect(readme, file).toContain(file);
        const read = question.read(runOf(argv, 'ok', readFileSync(new URL(file, folder), 'utf8')), question.fixtures.example);
        // A recorded answer says more than a run that printed nothing (a "no reply" may say the same).
        if (!file.includes('no-reply')) expect(read, file).not.toEqual(silent);
      }
      expect(question.budgetMs(8000)).toBeGreaterThan(0);
    },
  );

  it('a guest’s or a host’s diagnosis asks each of them, with the registry’s command', async () => {
    const recording = new RecordingSource(new ReplaySource([]));
    const request = { symptom: 'auto', timeoutMs: 2000, internetTargets: [], servicePorts: [], dnsName: 'lab.test' } as never;
    await gatherGuestFacts(request, undefined, recording);
    await gatherHostFacts(request, undefined, recording);
    const asked = new Set(recording.records.flatMap((r) => (r.kind === 'process' ? [r.argv.join(' ')] : [])));
    // The login-page question is asked only when the gateway answers and the internet does not
    // (the lab's campus network asks it: test/lab/linux-bridge.test.ts, CAPTIVE_PORTAL).
    for (const probe of LINUX_PROBES.filter((p) => p.id !== 'captive-portal'))
      expect(asked.has(probe.argv.join(' ')), probe.argv.join(' ')).toBe(true);
  });
});

describe('the guest’s questions', () => {
  it('are asked with the registry’s commands when the guest has an address and a gateway', async () => {
    const text = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');
    const ok = (argv: string[], stdout: string): SourceRecord => ({
      kind: 'process',
      argv,
      result: { status: 'ok', argv, exitCode: 0, signal: null, stdout, stderr: '', durationMs: 1 },
    });
    const recording = new RecordingSource(
      new ReplaySource([
        ok(['ip', '-d', '-j', 'addr', 'show'], text('ip-d-j-addr.lab.json')),
        ok(['ip', '-j', 'route', 'show', 'default'], text('ip-j-route-default.lab.json')),
        ok(['ip', '-j', 'route', 'show'], text('ip-j-route.lab.json')),
      ]),
    );
    await gatherGuestFacts(
      { symptom: 'auto', timeoutMs: 2000, internetTargets: [], servicePorts: [], dnsName: 'lab.test' } as never,
      undefined,
      recording,
    );
    const asked = recording.records.flatMap((r) => (r.kind === 'process' ? [r.argv.join(' ')] : []));
    // Beyond the prefix is asked only for a static address narrower than /24 (the lab's prefix-25
    // asks it); a libvirt network's XML by a host, for each network virsh lists (libvirt-host.test.ts).
    for (const q of questions.filter((q) => q.id !== 'arp-beyond-prefix' && q.id !== 'libvirt-network-xml')) {
      const start = q.argv(q.fixtures.example).slice(0, 3).join(' ');
      expect(
        asked.some((a) => a.startsWith(start)),
        `${q.id}: ${start} …`,
      ).toBe(true);
    }
  });
});
