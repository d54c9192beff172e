/**
 * The fix journal: every fix is written down — what it will change, how to undo it, and the
 * state before — before anything changes, then updated as it goes. An interrupted fix leaves a
 * "pending" entry that the next fix or undo rolls back first, so nothing stays half-changed.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FixId } from '../../common/domain.ts';

export type Step =
  | { kind: 'run'; argv: string[] }
  /** Rewrites a file in place (it may be a bind mount, where rename would fail). */
  | { kind: 'write-file'; path: string; content: string; mode?: number }
  | { kind: 'remove-file'; path: string }
  /** Deletes the rules carrying this comment from one nftables chain (found by handle at run time). */
  | { kind: 'nft-delete-commented'; family: string; table: string; chain: string; comment: string }
  /**
   * A Windows PowerShell step: the script is our constant, outside values are in params (Base64
   * JSON at run time); display is the command shown to the user; elevated steps ask UAC alone.
   */
  | { kind: 'powershell'; display: string; script: string; params: Record<string, unknown>; elevated: boolean };

export type JournalStatus = 'pending' | 'verified' | 'not-verified' | 'rolled-back' | 'undone';

export interface JournalEntry {
  id: string;
  fixId: FixId;
  params: Record<string, string>;
  createdAt: string;
  status: JournalStatus;
  steps: Step[];
  /** Steps that restore the state before the fix, in order. */
  undo: Step[];
  /** What was there before (routes, file contents…), for the user and for undo. */
  before: Record<string, unknown>;
  /** How many of `steps` ran; an interrupted fix is rolled back from here. */
  stepsDone: number;
  log: string[];
}

export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VMNET_DOCTOR_STATE_DIR) return join(env.VMNET_DOCTOR_STATE_DIR, 'journal');
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'vmnet-doctor', 'journal');
}

export function newJournalId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}`;
}

/** Written to a temporary name and renamed, so a crash never leaves a torn entry. */
export function saveEntry(entry: JournalEntry, dir = journalDir()): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${entry.id}.json`);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function loadEntry(id: string, dir = journalDir()): JournalEntry | null {
  if (!/^[\w-]{1,64}$/.test(id)) return null;
  try {
    return JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as JournalEntry;
  } catch {
    return null;
  }
}

export function listEntries(dir = journalDir()): JournalEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .sort()
    .map((f) => loadEntry(f.slice(0, -5), dir))
    .filter((e): e is JournalEntry => e !== null);
}
