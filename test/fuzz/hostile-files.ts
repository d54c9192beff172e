/**
 * Fuzzing the two kinds of outside files the app reads: bundle folders (structure and file kinds:
 * links, FIFOs, folders, empty, binary, deep or useless JSON, broken manifests) and journal entries
 * (any JSON, and files that are not files). Shared by the bounded unit test and `npm run fuzz`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { BundleError, readBundle } from '../../main/bundle/bundle.ts';
import { diagnose } from '../../main/diagnosis/diagnose.ts';
import { listEntries, loadEntry } from '../../main/fixes/journal.ts';
import { undoStepsOf } from '../../main/fixes/run-fix.ts';
import { ReplaySource } from '../../main/probes/source.ts';
import { WINDOWS_PROBES } from '../../main/probes/windows/registry/index.ts';
import { ensureScenarioBundles } from '../scenarios/write-bundles.ts';

const scenarios = ensureScenarioBundles();

/** What can become of one file in a bundle. */
const fileKind = fc.oneof(
  fc.constant({ kind: 'keep' as const }),
  fc.constantFrom(
    { kind: 'link' as const, to: '/dev/zero' },
    { kind: 'link' as const, to: '/etc/passwd' },
    { kind: 'link' as const, to: '/nonexistent' },
    { kind: 'link' as const, to: '..' },
  ),
  fc.constant({ kind: 'fifo' as const }),
  fc.constant({ kind: 'dir' as const }),
  fc.constant({ kind: 'delete' as const }),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'json' as const, value })),
  fc.integer({ min: 65, max: 5000 }).map((depth) => ({ kind: 'deep' as const, depth })),
);

const manifestMutation = fc.oneof(
  fc.constant((m: Record<string, unknown>) => m),
  fc.constant((m: Record<string, unknown>) => ({ ...m, records: [] })),
  fc.constant((m: Record<string, unknown>) => ({ ...m, platform: 'linux' })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => (m: Record<string, unknown>) => ({ ...m, request: v })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => (m: Record<string, unknown>) => ({ ...m, records: [v] })),
  fc
    .constantFrom('raw/../../etc/passwd', 'raw/', '/etc/passwd', 'raw/a\u0000b', `raw/${'x'.repeat(200)}`)
    .map((path) => (m: Record<string, unknown>) => ({
      ...m,
      records: (m.records as Array<Record<string, unknown>>).map((r, i) => (i === 0 ? { ...r, data: path } : r)),
    })),
);

export const bundleFolder = fc.record({
  scenario: fc.constantFrom(...readdirSync(scenarios)),
  // The manifest and one document per probe of the registry.
  files: fc.array(fileKind, { minLength: WINDOWS_PROBES.length + 1, maxLength: WINDOWS_PROBES.length + 1 }),
  manifest: manifestMutation,
});

type BundleSample = typeof bundleFolder extends fc.Arbitrary<infer T> ? T : never;

/** Builds the folder, reads it, and diagnoses what was read: any outcome but a BundleError is a failure. */
export async function readHostileBundle(sample: BundleSample): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'vd-fuzz-bundle-'));
  const dir = join(work, 'b');
  try {
    cpSync(join(scenarios, sample.scenario), dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(sample.manifest(JSON.parse(readFileSync(manifestPath, 'utf8')))));
    const names = ['manifest.json', ...readdirSync(join(dir, 'raw')).map((f) => join('raw', f))];
    names.forEach((name, i) => {
      const change = sample.files[i % sample.files.length];
      const path = join(dir, name);
      if (!change || change.kind === 'keep') return;
      rmSync(path, { recursive: true, force: true });
      if (change.kind === 'link') symlinkSync(change.to, path);
      else if (change.kind === 'fifo') execFileSync('mkfifo', [path]);
      else if (change.kind === 'dir') mkdirSync(path);
      else if (change.kind === 'bytes') writeFileSync(path, change.bytes);
      else if (change.kind === 'json') writeFileSync(path, JSON.stringify(change.value));
      else if (change.kind === 'deep') writeFileSync(path, `${'['.repeat(change.depth)}${']'.repeat(change.depth)}`);
    });
    const started = Date.now();
    try {
      const bundle = await readBundle(dir, { budgetMs: 5000 });
      await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
    }
    if (Date.now() - started > 6000) throw new Error('reading a hostile bundle took longer than its budget');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const realEntry = {
  id: '20261204T000000-abcdef',
  fixId: 'linux.link-up',
  params: { interface: 'vd-none0' },
  createdAt: '2026-12-04T00:00:00Z',
  status: 'verified',
  summary: {},
  steps: [],
  before: { state: 'up' },
  log: [],
};

/** A journal entry: any JSON, or a real one with any field replaced, or a planted command. */
export const journalEntry = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc
    .record({ key: fc.constantFrom(...Object.keys(realEntry)), value: fc.jsonValue({ maxDepth: 3 }) })
    .map(({ key, value }) => ({ ...realEntry, [key]: value })),
  fc.constant({ ...realEntry, undo: [{ kind: 'run', argv: ['sh', '-c', 'touch /tmp/vd-fuzz-pwned'] }] }),
  fc.constantFrom('fifo', 'dir', 'link'),
);

/** Writes the entry into a fresh state folder and reads the journal back: only data may come out. */
export async function readHostileJournal(entry: unknown): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'vd-fuzz-journal-'));
  const journal = join(state, 'journal');
  mkdirSync(journal, { mode: 0o700 });
  const path = join(journal, `${realEntry.id}.json`);
  try {
    if (entry === 'fifo') execFileSync('mkfifo', [path]);
    else if (entry === 'dir') mkdirSync(path);
    else if (entry === 'link') symlinkSync('/etc/passwd', path);
    else writeFileSync(path, JSON.stringify(entry));
    listEntries(journal);
    const loaded = loadEntry(realEntry.id, journal);
    if (loaded) {
      const undo = await undoStepsOf(loaded);
      // Whatever the file said, the steps are the fix's own: the same with its "steps"/"undo" fields gone.
      const bare = await undoStepsOf({ ...loaded, steps: [] });
      if (JSON.stringify(undo) !== JSON.stringify(bare)) throw new Error('undo depends on stored steps');
      if (JSON.stringify(undo).includes('vd-fuzz-pwned')) throw new Error('a stored command reached undo');
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}
