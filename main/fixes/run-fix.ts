/**
 * Applies and undoes fixes: journal first, then the steps, then verification; a failed step or
 * verification rolls back what already ran. Steps that need root are elevated one by one
 * (sudo -n, or pkexec where a desktop agent can ask), never the whole app.
 */

import { createHash } from 'node:crypto';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReadBack, readBackText, readBack as said } from '../../common/catalogue/read-backs.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { onPath } from '../runner/on-path.ts';
import { thisPlatform } from '../runner/platform.ts';
import { buildElevatedStepFile, ELEVATION_LAUNCHER, elevatedArguments, runPowerShellJson } from '../runner/powershell.ts';
import { killRunning, runProcess } from '../runner/process-runner.ts';
import type { FixDefinition, FixPlan } from './definition.ts';
import {
  JournalBusy,
  type JournalEntry,
  journalDir,
  listEntries,
  loadEntry,
  newJournalId,
  type Step,
  saveEntry,
  trustedDir,
  UntrustedJournal,
  withJournalLock,
  writeNewFile,
} from './journal.ts';
import { type FixPlatform, fixDefinition } from './registry.ts';

/**
 * `readBack` is what the fix saw afterwards in the catalogue's words (absent when a step failed:
 * then `evidence` is the system's own error); `evidence` is its English, for the journal and --json.
 */
type Ran = { entry: JournalEntry; evidence: string; readBack?: ReadBack };
export type FixOutcome =
  | ({ status: 'verified' } & Ran)
  | ({ status: 'not-verified' } & Ran)
  | ({ status: 'rolled-back' } & Ran)
  | { status: 'needs-elevation'; message: string }
  /** `code` names the cases a caller says in its own words (the CLI in the user's language). */
  | { status: 'invalid'; message: string; code?: 'nothing-to-undo' };

const here = thisPlatform;

/** An outcome and what was read back, with its English as the evidence. */
const ran = (status: 'verified' | 'not-verified', entry: JournalEntry, readBack: ReadBack): FixOutcome => ({
  status,
  entry,
  evidence: readBackText(readBack, 'en'),
  readBack,
});

export class ElevationError extends Error {}

/**
 * How a step runs as root when we are not: pkexec where a desktop agent can ask for the password,
 * else sudo without a prompt (we have no terminal to prompt on).
 */
function elevate(argv: string[]): string[] {
  if (process.getuid?.() === 0) return argv;
  const desktop = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (desktop && onPath('pkexec')) return ['pkexec', ...argv];
  if (onPath('sudo')) return ['sudo', '-n', ...argv];
  if (onPath('pkexec')) return ['pkexec', ...argv];
  throw new ElevationError(
    `${argv.join(' ')} needs administrator rights, and neither sudo nor pkexec is installed: run VMnet Doctor as root (su -c) or run the shown commands as root yourself`,
  );
}

/**
 * The text shown for a step: the command itself, in no language, so a user can read it and run it
 * in a shell (file writes as a here-document, the nft deletion as the listing it is found by).
 * Whether a step asks for administrator rights is `stepElevated`, shown by the renderer in words.
 */
export function describeStep(step: Step): string {
  if (step.kind === 'run') return step.argv.join(' ');
  if (step.kind === 'powershell') return step.display;
  if (step.kind === 'write-file') return `cat > ${step.path} <<'EOF'\n${step.content.replace(/\n$/, '')}\nEOF`;
  if (step.kind === 'remove-file') return `rm -f ${step.path}`;
  const chain = `${step.family} ${step.table} ${step.chain}`;
  return `nft -a list chain ${chain} | sed -n 's/.*comment "${step.comment}".*# handle \\([0-9]*\\)$/\\1/p' | xargs -r -n1 nft delete rule ${chain} handle`;
}

export const stepElevated = (step: Step): boolean => step.kind === 'powershell' && step.elevated;

async function runStep(step: Step): Promise<void> {
  if (step.kind === 'powershell') return runPowerShellStep(step);
  if (step.kind === 'write-file') {
    if (process.getuid?.() === 0) {
      await writeFile(step.path, step.content);
      if (step.mode !== undefined) await chmod(step.path, step.mode);
      return;
    }
    await runArgv(elevate(['tee', step.path]), step.content);
    if (step.mode !== undefined) await runArgv(elevate(['chmod', step.mode.toString(8), step.path]));
    return;
  }
  if (step.kind === 'remove-file') {
    if (process.getuid?.() === 0) await rm(step.path, { force: true });
    else await runArgv(elevate(['rm', '-f', step.path]));
    return;
  }
  if (step.kind === 'nft-delete-commented') {
    const [file = 'nft', ...args] = elevate(['nft', '-a', '-j', 'list', 'chain', step.family, step.table, step.chain]);
    const listed = await runProcess(file, args, { timeoutMs: 8000 });
    // The chain is gone: nothing of ours is left in it. Any other failure must not pass for "removed".
    if (listed.status === 'exit' && /no such file or directory/i.test(listed.stderr)) return;
    if (listed.status !== 'ok') throw new Error(`cannot list ${step.table} ${step.chain}: ${listed.message}`);
    const doc = JSON.parse(listed.stdout) as { nftables?: Array<{ rule?: { handle?: number; comment?: string } }> };
    for (const item of doc.nftables ?? []) {
      if (item.rule?.comment === step.comment && typeof item.rule.handle === 'number') {
        await runArgv(
          elevate(['nft', 'delete', 'rule', step.family, step.table, step.chain, 'handle', String(item.rule.handle)]),
        );
      }
    }
    return;
  }
  return runArgv(elevate(step.argv));
}

/**
 * Run as root, a step dies with this process (setpriv's PR_SET_PDEATHSIG, kept across exec): a
 * fix killed outright never leaves its step running. (Through sudo the kernel drops that setting
 * at the set-user-ID exec; there the signal handler below ends the step.)
 */
const dieWithUs = (argv: string[]): string[] =>
  process.platform === 'linux' && process.getuid?.() === 0 && onPath('setpriv')
    ? ['setpriv', '--pdeathsig', 'KILL', '--', ...argv]
    : argv;

let interruptedBy: string | null = null;

/**
 * SIGINT / SIGTERM while a fix runs: end the running step (and its children) now; the fix then
 * rolls back what it did and reports "rolled-back". Undo steps still run to the end.
 */
export function interruptFix(signal: string): void {
  interruptedBy = signal;
  killRunning();
}

function stopIfInterrupted(): void {
  if (interruptedBy) throw new Error(`interrupted by ${interruptedBy}`);
}

async function runArgv(argv: string[], input?: string): Promise<void> {
  const [file = '', ...args] = dieWithUs(argv);
  const run = await runProcess(file, args, { timeoutMs: 30_000, ...(input !== undefined ? { input } : {}) });
  if (run.status === 'ok') return;
  const denied =
    (file === 'sudo' && /password|a terminal is required|not in the sudoers|may not run/i.test(run.stderr)) ||
    (file === 'pkexec' && (run.exitCode === 126 || run.exitCode === 127));
  if (denied || run.status === 'permission-denied')
    throw new ElevationError(
      `${argv.join(' ')}: administrator rights were not granted${run.stderr.trim() ? ` (${run.stderr.trim().split('\n')[0]})` : ''}`,
    );
  throw new Error(`${argv.join(' ')}: ${run.message}${run.stderr.trim() ? ` — ${run.stderr.trim().split('\n')[0]}` : ''}`);
}

/** A Windows step: elevated ones through a UAC-prompted helper whose outcome comes back in a file. */
/** The app window UAC prompts belong to (its HWND as a decimal string), set by the Electron shell; none on the command line. */
let elevationOwner = '0';
export function setElevationOwner(hwnd: string | null): string {
  elevationOwner = hwnd && /^\d{1,20}$/.test(hwnd) ? hwnd : '0';
  return elevationOwner;
}

async function runPowerShellStep(step: Extract<Step, { kind: 'powershell' }>): Promise<void> {
  if (process.platform !== 'win32') throw new Error('this step runs on Windows only');
  if (!step.elevated) {
    const result = await runPowerShellJson(`${step.script}\n$true`, step.params, { timeoutMs: 120_000 });
    if (result.status !== 'ok') throw new Error(`${step.display}: ${result.message}`);
    return;
  }
  // The step goes to a file (a short command line: ShellExecute's limit), checked by its own hash.
  const dir = trustedDir(journalDir());
  const stem = `elevated-${newJournalId()}`;
  const resultPath = join(dir, `${stem}.json`);
  const scriptPath = join(dir, `${stem}.ps1`);
  const text = buildElevatedStepFile(step.script, step.params, resultPath);
  writeNewFile(scriptPath, text);
  const sha256 = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
  const launched = await runPowerShellJson(
    ELEVATION_LAUNCHER,
    { shell: 'powershell.exe', path: scriptPath, arguments: elevatedArguments(scriptPath, sha256), owner: elevationOwner },
    { timeoutMs: 300_000 },
  ).finally(() => rm(scriptPath, { force: true }));
  const outcome = launched.status === 'ok' ? (launched.data as { cancelled?: boolean; error?: string }) : null;
  if (!outcome || outcome.cancelled) {
    throw new ElevationError(
      `${step.display}: administrator rights were not granted${outcome?.error ? ` (${outcome.error})` : ''}`,
    );
  }
  let written: { ok?: boolean; error?: string };
  try {
    written = JSON.parse((await readFile(resultPath, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    throw new Error(`${step.display}: the elevated step left no result`);
  } finally {
    await rm(resultPath, { force: true });
  }
  if (!written.ok) throw new Error(`${step.display}: ${written.error ?? 'failed'}`);
}

/** Runs undo steps best-effort: one failing step must not stop the others from restoring state. */
async function runUndo(steps: Step[], log: string[]): Promise<boolean> {
  let clean = true;
  for (const step of steps) {
    try {
      await runStep(step);
      log.push(`undo: ${describeStep(step)}`);
    } catch (error) {
      clean = false;
      log.push(`undo failed: ${describeStep(step)}: ${(error as Error).message}`);
    }
  }
  return clean;
}

/**
 * The steps that undo a journaled fix, rebuilt from the fix's own definition: the entry's
 * parameters and state before are re-validated by that fix's schemas, so a planted or edited
 * journal file can describe state but never name a command.
 */
export async function undoStepsOf(entry: JournalEntry): Promise<Result<Step[]>> {
  const definition = fixDefinition(entry.fixId, here());
  if (!definition || definition.platform !== here()) return err('unavailable', `${entry.fixId} is not undone on this system`);
  const params = definition.params.safeParse(entry.params);
  const before = definition.before.safeParse(entry.before);
  if (!params.success || !before.success)
    return err('invalid-params', `journal entry ${entry.id} does not match ${entry.fixId}: nothing is run from it`);
  return ok(await definition.undo(params.data, before.data, { source: liveSource }));
}

/** Rolls back fixes a killed process left pending, before anything else changes. Call with the journal locked. */
async function recoverPending(): Promise<JournalEntry[]> {
  const recovered: JournalEntry[] = [];
  for (const entry of listEntries().filter((e) => e.status === 'pending')) {
    const undo = await undoStepsOf(entry);
    if (undo.ok) await runUndo(undo.value, entry.log);
    else entry.log.push(`not rolled back: ${undo.error.message}`);
    entry.status = 'rolled-back';
    entry.log.push('rolled back: the fix was interrupted');
    saveEntry(entry);
    recovered.push(entry);
  }
  return recovered;
}

export interface PlannedFix {
  definition: FixDefinition;
  params: Record<string, string>;
  plan: FixPlan;
  /** The undo as it would run after this plan: built from the definition and the plan's `before`. */
  undo: Step[];
}

export async function planFix(
  id: string,
  rawParams: Record<string, string>,
  platform?: FixPlatform,
  source: ProbeSource = liveSource,
): Promise<Result<PlannedFix>> {
  const definition = fixDefinition(id, platform);
  if (!definition) return err('unavailable', `unknown or unsupported fix ${id} on this system`);
  const parsed = definition.params.safeParse(rawParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err('invalid-params', `invalid parameter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  try {
    const plan = await definition.plan(parsed.data, { source });
    // What is journaled must read back through the same schema undo will use.
    const before = definition.before.parse(plan.before);
    // Every schema's values are strings (the wizard and the CLI send text): the journal keeps them so.
    const params = parsed.data as Record<string, string>;
    return ok({ definition, params, plan, undo: await definition.undo(parsed.data, before, { source }) });
  } catch (error) {
    return err('unavailable', `cannot plan ${id}: ${(error as Error).message}`);
  }
}

/** Runs `fn` holding the journal, after rolling back what an interrupted fix left; refusals become outcomes. */
async function journaled(fn: (recovered: JournalEntry[]) => Promise<FixOutcome>): Promise<FixOutcome> {
  try {
    return await withJournalLock(async () => fn(await recoverPending()));
  } catch (error) {
    if (error instanceof JournalBusy || error instanceof UntrustedJournal) return { status: 'invalid', message: error.message };
    throw error;
  }
}

export function applyFix(id: string, rawParams: Record<string, string>): Promise<FixOutcome> {
  return journaled(() => applyLocked(id, rawParams));
}

async function applyLocked(id: string, rawParams: Record<string, string>): Promise<FixOutcome> {
  const planned = await planFix(id, rawParams);
  if (!planned.ok) return { status: 'invalid', message: planned.error.message };
  const { plan, params, definition, undo } = planned.value;
  if (definition.platform !== here())
    return {
      status: 'invalid',
      message: `${id} changes a ${definition.platform} machine; here it can only be previewed (--dry-run)`,
    };
  const entry: JournalEntry = {
    id: newJournalId(),
    fixId: definition.id,
    params,
    createdAt: new Date().toISOString(),
    status: 'pending',
    steps: plan.steps,
    before: plan.before,
    summary: plan.summary,
    log: [`plan: ${JSON.stringify(plan.summary)}`],
  };
  saveEntry(entry); // Journal before change.
  try {
    for (const step of plan.steps) {
      stopIfInterrupted();
      await runStep(step);
      entry.log.push(`done: ${describeStep(step)}`);
      saveEntry(entry);
    }
    stopIfInterrupted();
  } catch (error) {
    entry.log.push(`failed: ${interruptedBy ? `interrupted by ${interruptedBy}` : (error as Error).message}`);
    await runUndo(undo, entry.log);
    entry.status = 'rolled-back';
    saveEntry(entry);
    if (error instanceof ElevationError) return { status: 'needs-elevation', message: error.message };
    return {
      status: 'rolled-back',
      entry,
      evidence: interruptedBy ? `interrupted by ${interruptedBy}` : (error as Error).message,
    };
  }
  const checked = await plan.verify();
  const verdict = { ...checked, evidence: readBackText(checked.readBack, 'en') };
  if (!verdict.ok && plan.rollbackUnlessVerified) {
    // Like `netplan try`: a configuration that does not prove itself is taken back at once.
    entry.log.push(`verify failed: ${verdict.evidence}; rolling back`);
    await runUndo(undo, entry.log);
    entry.status = 'rolled-back';
    saveEntry(entry);
    return { status: 'rolled-back', entry, evidence: verdict.evidence, readBack: verdict.readBack };
  }
  entry.status = verdict.ok ? 'verified' : 'not-verified';
  entry.log.push(`verify: ${verdict.evidence}`);
  saveEntry(entry);
  return verdict.ok
    ? { status: 'verified', entry, evidence: verdict.evidence, readBack: verdict.readBack }
    : { status: 'not-verified', entry, evidence: verdict.evidence, readBack: verdict.readBack };
}

export function undoFix(idOrLast: string | 'last'): Promise<FixOutcome> {
  return journaled(async (recovered) => {
    const entries = listEntries().filter((e) => e.status === 'verified' || e.status === 'not-verified');
    const entry = idOrLast === 'last' ? entries.at(-1) : loadEntry(idOrLast);
    if (!entry) {
      // An interrupted fix was just rolled back: that is what there was to undo.
      const last = recovered.at(-1);
      if (idOrLast === 'last' && last)
        return ran('verified', last, said('interrupted-rolled-back', { fix: last.fixId, journalId: last.id }));
      return idOrLast === 'last'
        ? { status: 'invalid', message: 'nothing to undo', code: 'nothing-to-undo' }
        : { status: 'invalid', message: `no journal entry ${idOrLast}` };
    }
    if (entry.status === 'undone' || entry.status === 'rolled-back')
      return { status: 'invalid', message: `${entry.id} was already ${entry.status}` };
    const undo = await undoStepsOf(entry);
    if (!undo.ok) return { status: 'invalid', message: undo.error.message };
    const clean = await runUndo(undo.value, entry.log);
    entry.status = 'undone';
    saveEntry(entry);
    return clean ? ran('verified', entry, said('undo-restored', {})) : ran('not-verified', entry, said('undo-incomplete', {}));
  });
}
