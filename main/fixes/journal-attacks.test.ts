/**
 * The journal is untrusted input (issue: hardening). Each attack below once worked: a planted
 * entry ran its own "undo" as root, an id walked out of the folder, a linked folder was written
 * into, a half entry crashed undo, a FIFO hung it, and two fixes rolled each other back. Every test
 * uses its own state folder; the undos rebuilt here run no command on this machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalBusy, listEntries, loadEntry, saveEntry, UntrustedJournal, withJournalLock } from './journal.ts';
import { applyFix, undoFix } from './run-fix.ts';

let state: string;
let journal: string;
let marker: string;
const saved = process.env.VMNET_DOCTOR_STATE_DIR;

beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'vd-journal-'));
  journal = join(state, 'journal');
  marker = join(state, 'PWNED');
  process.env.VMNET_DOCTOR_STATE_DIR = state;
});
afterEach(() => {
  rmSync(state, { recursive: true, force: true });
  if (saved === undefined) delete process.env.VMNET_DOCTOR_STATE_DIR;
  else process.env.VMNET_DOCTOR_STATE_DIR = saved;
});

/** An entry as a planted file would have it: a real fix id, harmless state, and a command of its own. */
function plant(name: string, fields: Record<string, unknown>) {
  mkdirSync(journal, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(journal, `${name}.json`),
    JSON.stringify({
      id: name,
      fixId: 'linux.link-up',
      params: { interface: 'vd-none0' },
      createdAt: '2026-12-04T00:00:00Z',
      status: 'verified',
      steps: [],
      undo: [{ kind: 'run', argv: ['sh', '-c', `touch ${marker}`] }],
      before: { state: 'up' },
      log: [],
      ...fields,
    }),
  );
}

describe('the journal holds data, not programs', () => {
  it('undo never runs a command stored in the entry: it is rebuilt from the fix and its recorded state', async () => {
    plant('20261204T000000-aaaaaa', {});
    const outcome = await undoFix('20261204T000000-aaaaaa');
    expect(outcome.status).toBe('verified'); // link-up from "up" undoes nothing
    expect(existsSync(marker)).toBe(false);
    expect(loadEntry('20261204T000000-aaaaaa')?.status).toBe('undone');
  });

  it('recovery of a planted "pending" entry runs none of its commands either, and says what it rolled back', async () => {
    plant('20261204T000000-bbbbbb', { status: 'pending' });
    const outcome = await undoFix('last');
    expect(existsSync(marker)).toBe(false);
    expect(outcome).toMatchObject({
      status: 'verified',
      evidence: expect.stringMatching(/rolled back the interrupted linux\.link-up/),
    });
    expect(loadEntry('20261204T000000-bbbbbb')?.status).toBe('rolled-back');
  });

  it('an entry whose parameters or state its fix would refuse is not undone at all', async () => {
    plant('20261204T000000-cccccc', { params: { interface: '--help' } });
    expect(await undoFix('20261204T000000-cccccc')).toMatchObject({
      status: 'invalid',
      message: expect.stringMatching(/does not match/),
    });
    plant('20261204T000000-dddddd', { before: { state: 'rm -rf /' } });
    expect(await undoFix('20261204T000000-dddddd')).toMatchObject({ status: 'invalid' });
    expect(existsSync(marker)).toBe(false);
  });

  it('an id that walks out of the folder is no entry, and is never written', () => {
    plant('20261204T000000-eeeeee', { id: '../../x' });
    expect(listEntries()).toEqual([]);
    expect(loadEntry('../../x')).toBeNull();
    expect(() => saveEntry({ ...(JSON.parse('{}') as object), id: '../../x' } as never)).toThrow(UntrustedJournal);
    expect(existsSync(join(state, '..', 'x.json'))).toBe(false);
  });

  it('a half entry ({"status":"pending"}) is ignored instead of crashing fix or undo', async () => {
    mkdirSync(journal, { recursive: true, mode: 0o700 });
    writeFileSync(join(journal, '20261204T000000-ffffff.json'), '{"status":"pending"}');
    expect(listEntries()).toEqual([]);
    expect(await undoFix('last')).toMatchObject({ status: 'invalid', message: 'nothing to undo' });
  });

  it('a FIFO posing as an entry is skipped without hanging', async () => {
    mkdirSync(journal, { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [join(journal, '20261204T000000-000fff.json')]);
    const started = Date.now();
    expect(listEntries()).toEqual([]);
    expect(await undoFix('last')).toMatchObject({ status: 'invalid' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a journal folder that is a link (to /etc, say) is refused, and nothing is written through it', async () => {
    const elsewhere = join(state, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, journal);
    expect(() => listEntries()).toThrow(UntrustedJournal);
    const outcome = await applyFix('linux.link-up', { interface: 'vd-none0' });
    expect(outcome).toMatchObject({ status: 'invalid', message: expect.stringMatching(/symbolic link/) });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)('a journal folder owned by someone else is refused', async () => {
    mkdirSync(journal, { mode: 0o700 });
    chownSync(journal, 65534, 65534);
    const outcome = await undoFix('last');
    expect(outcome).toMatchObject({ status: 'invalid', message: expect.stringMatching(/belongs to user 65534/) });
  });

  it('the folder is made 0700, and entries are written without following a planted link', () => {
    const target = join(state, 'target');
    writeFileSync(target, 'untouched');
    mkdirSync(journal, { recursive: true, mode: 0o755 });
    symlinkSync(target, join(journal, '20261204T000000-aaa111.json'));
    saveEntry({
      id: '20261204T000000-aaa111',
      fixId: 'linux.link-up',
      params: { interface: 'eth0' },
      createdAt: 'now',
      status: 'pending',
      summary: {},
      steps: [],
      before: { state: 'up' },
      log: [],
    });
    expect(readFileSync(target, 'utf8')).toBe('untouched'); // the link itself was replaced
    expect(loadEntry('20261204T000000-aaa111')?.status).toBe('pending');
    expect(execFileSync('stat', ['-c', '%a', journal], { encoding: 'utf8' }).trim()).toBe('700');
  });
});

describe('one fix at a time', () => {
  it('a second fix while one runs is refused, not allowed to roll the first back', async () => {
    plant('20261204T000000-abcabc', { status: 'pending' });
    // Another process holds the journal (its fix is mid-way, so its entry is "pending").
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(join(journal, '.lock'), String(other.pid));
      const outcome = await undoFix('last');
      expect(outcome).toMatchObject({ status: 'invalid', message: expect.stringMatching(/another fix is running/) });
      expect(loadEntry('20261204T000000-abcabc')?.status).toBe('pending');
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a lock left by a process that is gone is taken over; a live owner is respected', async () => {
    mkdirSync(journal, { recursive: true, mode: 0o700 });
    writeFileSync(join(journal, '.lock'), '999999999');
    await expect(withJournalLock(async () => 'ran')).resolves.toBe('ran');
    writeFileSync(join(journal, '.lock'), '1'); // init: always alive
    await expect(withJournalLock(async () => 'ran')).rejects.toBeInstanceOf(JournalBusy);
  });
});
