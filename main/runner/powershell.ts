/**
 * Runs a PowerShell script and returns its single JSON document. Values from outside (adapter
 * names, paths, addresses) never enter the script text: they travel as Base64-encoded JSON that
 * the script decodes into $Params. The whole script is passed with -EncodedCommand.
 */
import { type RunResult, runProcess } from './process-runner.ts';

export type PowerShellFlavour = 'windows-powershell' | 'pwsh';

/** Safe defaults every script starts with (see shared/reference/probe-reference.md §1.9–1.10). */
const PRELUDE = [
  "$ProgressPreference = 'SilentlyContinue'",
  "$ErrorActionPreference = 'Stop'",
  '[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false',
].join('\n');

export function encodeParams(params: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(params), 'utf8').toString('base64');
}

/** The full script text: prelude, the decoded $Params, then the probe's own script. */
export function buildScript(script: string, params: Record<string, unknown>): string {
  const b64 = encodeParams(params);
  // b64 only contains [A-Za-z0-9+/=], so the single-quoted literal cannot be broken out of.
  const decode = `$Params = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}')) | ConvertFrom-Json`;
  return `${PRELUDE}\n${decode}\n${script}`;
}

export function buildPowerShellArgv(
  script: string,
  params: Record<string, unknown>,
  flavour: PowerShellFlavour = 'windows-powershell',
): { file: string; args: string[] } {
  const encoded = Buffer.from(buildScript(script, params), 'utf16le').toString('base64');
  return {
    file: flavour === 'pwsh' ? 'pwsh' : 'powershell.exe',
    args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
  };
}

export type PowerShellResult =
  | { status: 'ok'; data: unknown; run: RunResult }
  | { status: 'failed' | 'timeout' | 'unavailable'; message: string; run: RunResult };

/** Runs one script and parses its JSON output, mapping every failure to a probe status. */
export async function runPowerShellJson(
  script: string,
  params: Record<string, unknown>,
  options: { timeoutMs: number; flavour?: PowerShellFlavour },
): Promise<PowerShellResult> {
  const { file, args } = buildPowerShellArgv(script, params, options.flavour);
  const run = await runProcess(file, args, { timeoutMs: options.timeoutMs, encoding: 'auto' });
  if (run.status === 'timeout') return { status: 'timeout', message: run.message ?? 'timeout', run };
  if (run.status === 'not-installed' || run.status === 'permission-denied') {
    return { status: 'unavailable', message: run.message ?? 'PowerShell is not available', run };
  }
  if (run.status !== 'ok') {
    const detail = run.stderr.trim().split('\n')[0] ?? '';
    return { status: 'failed', message: `${run.message ?? 'failed'}${detail ? `: ${detail}` : ''}`, run };
  }
  try {
    return { status: 'ok', data: JSON.parse(run.stdout.replace(/^\uFEFF/, '')), run };
  } catch {
    return { status: 'failed', message: 'PowerShell did not print valid JSON', run };
  }
}
