/**
 * A Windows fix's step, run as the app runs it but in pwsh on the stubbed Windows: an elevated
 * step is written to its file (buildElevatedStepFile), hashed, and started with the arguments
 * elevatedArguments() gives (through run-step.ps1, which loads the stubs first); its outcome is the
 * JSON file it writes. A step run as the user goes through the same prelude and $Params as
 * runPowerShellJson's.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Step } from '../../main/fixes/journal.ts';
import { buildElevatedStepFile, buildScript, elevatedArguments } from '../../main/runner/powershell.ts';
import { lastOutputLine } from '../../main/runner/powershell-session.ts';
import type { StubbedWindows } from './pwsh.ts';

const RUN_STEP = new URL('./run-step.ps1', import.meta.url).pathname;
export type PowerShellStep = Extract<Step, { kind: 'powershell' }>;

/** elevatedArguments()'s string, split as Windows' command line would split it (the path is quoted). */
export function splitArguments(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

const pwsh = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ stdout: string; stderr: string; status: number | null }>((resolve) => {
    execFile('pwsh', args, { env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, status: error ? ((error as { code?: number }).code ?? 1) : 0 }),
    );
  });

let counter = 0;
export async function runStep(
  windows: StubbedWindows,
  step: PowerShellStep,
  tamper?: (text: string) => string,
): Promise<{ ok: boolean; error?: string }> {
  const env = { ...process.env, ...windows.env };
  if (!step.elevated) {
    // runPowerShellJson's script: the prelude, $Params, the step and $true, as one JSON line.
    const userScript = join(windows.root, `user-${++counter}.ps1`);
    writeFileSync(userScript, buildScript(`${step.script}\n$true`, step.params));
    const run = await pwsh(['-NoLogo', '-NoProfile', '-NonInteractive', '-File', RUN_STEP, '-Step', userScript], env);
    rmSync(userScript, { force: true });
    try {
      return JSON.parse(lastOutputLine(run.stdout)) === true ? { ok: true } : { ok: false, error: run.stdout };
    } catch {
      return { ok: false, error: run.stderr || run.stdout };
    }
  }
  const stem = join(windows.root, `elevated-${++counter}`);
  const resultPath = `${stem}.json`;
  const scriptPath = `${stem}.ps1`;
  const text = buildElevatedStepFile(step.script, step.params, resultPath);
  writeFileSync(scriptPath, text);
  const sha256 = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
  if (tamper) writeFileSync(scriptPath, tamper(text));
  const args = splitArguments(elevatedArguments(scriptPath, sha256));
  // -File <path> -Sha256 <hash>: the same options, with the step started by run-step.ps1.
  const file = args.indexOf('-File');
  const launched = await pwsh(
    [...args.slice(0, file), '-File', RUN_STEP, '-Step', args[file + 1] ?? '', ...args.slice(file + 2)],
    env,
  );
  rmSync(scriptPath, { force: true });
  if (!existsSync(resultPath)) return { ok: false, error: `no result file (exit ${launched.status}): ${launched.stderr.trim()}` };
  const outcome = JSON.parse(readFileSync(resultPath, 'utf8').replace(/^\uFEFF/, '')) as { ok: boolean; error?: string };
  rmSync(resultPath, { force: true });
  return outcome;
}
