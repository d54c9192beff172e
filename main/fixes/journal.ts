/**
 * The fix journal: every fix is written down — what it will change, how to undo it, and the
 * state before — before anything changes, then updated as it goes. An interrupted fix leaves a
 * "pending" entry that the next fix or undo rolls back first (its whole undo: each undo step is
 * safe to run whether or not its step ran), so nothing stays half-changed.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { FIX_IDS } from '../../common/domain.ts';

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

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const entrySchema = z.object({
  id: z.string().regex(/^[\w-]{1,64}$/),
  fixId: z.enum(FIX_IDS),
  params: z.record(z.string(), z.string()),
  createdAt: z.string(),
  status: z.enum(JOURNAL_STATUSES),
  /** What the plan found: the catalogue renders the fix's summary from it in any language. */
  summary: z.record(z.string(), paramValue).default({}),
  steps: z.array(stepSchema),
  /** Steps that restore the state before the fix, in order. */
  undo: z.array(stepSchema),
  /** What was there before (routes, file contents…), for the user and for undo. */
  before: z.record(z.string(), z.unknown()),
  log: z.array(z.string()),
});
/** One fix as journaled. Read back through its schema: a file that does not match is not an entry. */
export type JournalEntry = z.infer<typeof entrySchema>;

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
    const parsed = entrySchema.safeParse(JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
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
