/**
 * The fix journal: every fix is written down — which fix, its parameters and the state before —
 * before anything changes, then updated as it goes. An interrupted fix leaves a "pending" entry
 * that the next fix or undo rolls back first (its whole undo: each undo step is safe to run
 * whether or not its step ran), so nothing stays half-changed.
 *
 * The journal is untrusted input: an entry holds data, never a program. Undo is rebuilt from the
 * fix's own definition and the recorded parameters and state, each re-validated by its schema
 * (run-fix.ts). The folder must be a real directory owned by this user, mode 0700; files are
 * written and read without following links, and only regular files of a bounded size are read.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FIX_IDS } from '../../common/domain.ts';
import { writeExclusive } from '../runner/safe-files.ts';

const stepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), argv: z.array(z.string()).min(1) }),
  /** Rewrites a file in place (it may be a bind mount, where rename would fail). */
  z.object({ kind: z.literal('write-file'), path: z.string(), content: z.string(), mode: z.number().int().optional() }),
  z.object({ kind: z.literal('remove-file'), path: z.string() }),
  /** Deletes the rules carrying this comment from one nftables chain (found by handle at run time). */
  z.object({
    kind: z.literal('nft-delete-commented'),
    family: z.string(),
    table: z.string(),
    chain: z.string(),
    comment: z.string(),
  }),
  /**
   * A Windows PowerShell step: the script is our constant, outside values are in params (Base64
   * JSON at run time); display is the command shown to the user; elevated steps ask UAC alone.
   */
  z.object({
    kind: z.literal('powershell'),
    display: z.string(),
    script: z.string(),
    params: z.record(z.string(), z.unknown()),
    elevated: z.boolean(),
  }),
]);
export type Step = z.infer<typeof stepSchema>;

const JOURNAL_STATUSES = ['pending', 'verified', 'not-verified', 'rolled-back', 'undone'] as const;
export type JournalStatus = (typeof JOURNAL_STATUSES)[number];

const JOURNAL_ID = /^[\w-]{1,64}$/;
const MAX_ENTRY_BYTES = 1024 * 1024;

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const entrySchema = z.object({
  id: z.string().regex(JOURNAL_ID),
  fixId: z.enum(FIX_IDS),
  params: z.record(z.string(), z.string()),
  createdAt: z.string().max(64),
  status: z.enum(JOURNAL_STATUSES),
  /** What the plan found: the catalogue renders the fix's summary from it in any language. */
  summary: z.record(z.string(), paramValue).default({}),
  /** The steps as planned, for the user to read; never run from here. */
  steps: z.array(stepSchema).default([]),
  /** The state before, checked against the fix's own schema before undo uses it. */
  before: z.record(z.string(), z.unknown()),
  log: z.array(z.string()),
});
/** One fix as journaled. Read back through its schema: a file that does not match is not an entry. */
export type JournalEntry = z.infer<typeof entrySchema>;

/** The state folder cannot be trusted (a link, another owner, not a folder): nothing is read or written. */
export class UntrustedJournal extends Error {}

export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VMNET_DOCTOR_STATE_DIR) return join(env.VMNET_DOCTOR_STATE_DIR, 'journal');
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'vmnet-doctor', 'journal');
}

export function newJournalId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}`;
}

/** The journal folder, created 0700 if missing; refused when it is a link, not a folder, or someone else's. */
export function trustedDir(dir = journalDir()): string {
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) throw new UntrustedJournal(`${dir} is a symbolic link: the journal will not follow it`);
  if (!st.isDirectory()) throw new UntrustedJournal(`${dir} is not a folder`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) throw new UntrustedJournal(`${dir} belongs to user ${st.uid}, not to you (${uid})`);
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** A new file in the journal folder (never an existing one, never through a link), readable by its owner only. */
export const writeNewFile = (path: string, content: string): void => writeExclusive(path, content, 0o600);

/** Written to a fresh temporary file (never through a link) and renamed, so a crash never leaves a torn entry. */
export function saveEntry(entry: JournalEntry, dir = journalDir()): void {
  if (!JOURNAL_ID.test(entry.id)) throw new UntrustedJournal(`not a journal id: ${entry.id}`);
  const folder = trustedDir(dir);
  const path = join(folder, `${entry.id}.json`);
  const tmp = join(folder, `.${entry.id}.${randomBytes(4).toString('hex')}.tmp`);
  writeExclusive(tmp, `${JSON.stringify(entry, null, 2)}\n`);
  renameSync(tmp, path);
}

/** Reads a regular file of at most `limit` bytes without following a link or waiting on a pipe; null otherwise. */
export function readRegularFile(path: string, limit: number): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > limit) return null;
    // Read up to the limit whatever size fstat claims (files in /proc report 0).
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    return length > limit ? null : buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function loadEntry(id: string, dir = journalDir()): JournalEntry | null {
  if (!JOURNAL_ID.test(id)) return null;
  const text = readRegularFile(join(trustedDir(dir), `${id}.json`), MAX_ENTRY_BYTES);
  if (text === null) return null;
  try {
    const parsed = entrySchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}

export function listEntries(dir = journalDir()): JournalEntry[] {
  let files: string[];
  try {
    files = readdirSync(trustedDir(dir)).filter((f) => /^[\w-]{1,64}\.json$/.test(f));
  } catch (error) {
    if (error instanceof UntrustedJournal) throw error;
    return [];
  }
  return files
    .sort()
    .map((f) => loadEntry(f.slice(0, -5), dir))
    .filter((e): e is JournalEntry => e !== null);
}

/** Another fix holds the journal: it runs in process `pid`. */
export class JournalBusy extends Error {
  readonly pid: number;
  constructor(pid: number) {
    super(`another fix is running (process ${pid}); try again when it has finished`);
    this.pid = pid;
  }
}

/**
 * One fix or undo at a time: an exclusive lock file holding the owner's pid. A lock whose owner is
 * gone (killed) is taken over; a live owner makes this call refuse rather than roll back its work.
 */
export async function withJournalLock<T>(fn: () => Promise<T>, dir = journalDir()): Promise<T> {
  const lock = join(trustedDir(dir), '.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      writeExclusive(lock, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number(readRegularFile(lock, 32) ?? Number.NaN);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) throw new JournalBusy(owner);
      rmSync(lock, { force: true }); // Its owner is gone: stale.
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Whether `pid` still runs: a killed process its parent has not reaped yet (a zombie) does not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = readRegularFile(`/proc/${pid}/stat`, 4096);
  return stat === null || !/^\d+ \(.*\) Z /s.test(stat);
}
