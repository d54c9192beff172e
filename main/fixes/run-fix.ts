/**
 * Applies and undoes fixes: journal first, then the steps, then verification; a failed step or
 * verification rolls back what already ran. Steps that need root are elevated one by one
 * (sudo -n, or pkexec where a desktop agent can ask), never the whole app.
 */

import { existsSync } from 'node:fs';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { err, ok, type Result } from '../../common/result.ts';
import { onPath } from '../runner/on-path.ts';
import { buildElevatedStepScript, ELEVATION_LAUNCHER, encodeCommand, runPowerShellJson } from '../runner/powershell.ts';
import { runProcess } from '../runner/process-runner.ts';
import { thisPlatform } from '../services/platform.ts';
import { type JournalEntry, journalDir, listEntries, loadEntry, newJournalId, type Step, saveEntry } from './journal.ts';
import type { FixDefinition, FixPlan } from './linux-fixes.ts';
import { type FixPlatform, fixDefinition } from './registry.ts';

export type FixOutcome =
  | { status: 'verified'; entry: JournalEntry; evidence: string }
  | { status: 'not-verified'; entry: JournalEntry; evidence: string }
  | { status: 'rolled-back'; entry: JournalEntry; evidence: string }
  | { status: 'needs-elevation'; message: string }
  | { status: 'invalid'; message: string };

const here = thisPlatform;

export class ElevationError extends Error {}

const _installed = (tool: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, tool)));

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

async function runArgv(argv: string[], input?: string): Promise<void> {
  const [file = '', ...args] = argv;
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
async function runPowerShellStep(step: Extract<Step, { kind: 'powershell' }>): Promise<void> {
  if (process.platform !== 'win32') throw new Error('this step runs on Windows only');
  if (!step.elevated) {
    const result = await runPowerShellJson(`${step.script}\n$true`, step.params, { timeoutMs: 120_000 });
    if (result.status !== 'ok') throw new Error(`${step.display}: ${result.message}`);
    return;
  }
  const resultPath = join(journalDir(), `elevated-${newJournalId()}.json`);
  const encoded = encodeCommand(buildElevatedStepScript(step.script, step.params, resultPath));
  const launched = await runPowerShellJson(ELEVATION_LAUNCHER, { shell: 'powershell.exe', encoded }, { timeoutMs: 300_000 });
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

/** Rolls back fixes a killed process left pending, before anything else changes. */
export async function recoverPending(): Promise<JournalEntry[]> {
  const recovered: JournalEntry[] = [];
  for (const entry of listEntries().filter((e) => e.status === 'pending')) {
    await runUndo(entry.undo, entry.log);
    entry.status = 'rolled-back';
    entry.log.push('rolled back: the fix was interrupted');
    saveEntry(entry);
    recovered.push(entry);
  }
  return recovered;
}

export async function planFix(
  id: string,
  rawParams: Record<string, string>,
  platform?: FixPlatform,
): Promise<Result<{ definition: FixDefinition; params: Record<string, string>; plan: FixPlan }>> {
  const definition = fixDefinition(id, platform);
  if (!definition) return err('unavailable', `unknown or unsupported fix ${id} on this system`);
  const parsed = definition.params.safeParse(rawParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err('invalid-params', `invalid parameter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  try {
    return ok({ definition, params: parsed.data, plan: await definition.plan(parsed.data) });
  } catch (error) {
    return err('unavailable', `cannot plan ${id}: ${(error as Error).message}`);
  }
}

export async function applyFix(id: string, rawParams: Record<string, string>): Promise<FixOutcome> {
  await recoverPending();
  const planned = await planFix(id, rawParams);
  if (!planned.ok) return { status: 'invalid', message: planned.error.message };
  const { plan, params, definition } = planned.value;
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
    undo: plan.undo,
    before: plan.before,
    summary: plan.summary,
    log: [`plan: ${JSON.stringify(plan.summary)}`],
  };
  saveEntry(entry); // Journal before change.
  try {
    for (const step of plan.steps) {
      await runStep(step);
      entry.log.push(`done: ${describeStep(step)}`);
      saveEntry(entry);
    }
  } catch (error) {
    entry.log.push(`failed: ${(error as Error).message}`);
    await runUndo(plan.undo, entry.log);
    entry.status = 'rolled-back';
    saveEntry(entry);
    if (error instanceof ElevationError) return { status: 'needs-elevation', message: error.message };
    return { status: 'rolled-back', entry, evidence: (error as Error).message };
  }
  const verdict = await plan.verify();
  if (!verdict.ok && plan.rollbackUnlessVerified) {
    // Like `netplan try`: a configuration that does not prove itself is taken back at once.
    entry.log.push(`verify failed: ${verdict.evidence}; rolling back`);
    await runUndo(plan.undo, entry.log);
    entry.status = 'rolled-back';
    saveEntry(entry);
    return { status: 'rolled-back', entry, evidence: verdict.evidence };
  }
  entry.status = verdict.ok ? 'verified' : 'not-verified';
  entry.log.push(`verify: ${verdict.evidence}`);
  saveEntry(entry);
  return verdict.ok
    ? { status: 'verified', entry, evidence: verdict.evidence }
    : { status: 'not-verified', entry, evidence: verdict.evidence };
}

export async function undoFix(idOrLast: string | 'last'): Promise<FixOutcome> {
  await recoverPending();
  const entries = listEntries().filter((e) => e.status === 'verified' || e.status === 'not-verified');
  const entry = idOrLast === 'last' ? entries.at(-1) : loadEntry(idOrLast);
  if (!entry) return { status: 'invalid', message: idOrLast === 'last' ? 'nothing to undo' : `no journal entry ${idOrLast}` };
  if (entry.status === 'undone' || entry.status === 'rolled-back')
    return { status: 'invalid', message: `${entry.id} was already ${entry.status}` };
  const clean = await runUndo(entry.undo, entry.log);
  entry.status = 'undone';
  saveEntry(entry);
  return clean
    ? { status: 'verified', entry, evidence: 'restored' }
    : { status: 'not-verified', entry, evidence: 'some undo steps failed (see the journal)' };
}
