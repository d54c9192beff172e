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

/**
 * The full script text: prelude, the decoded $Params, then the probe's own script, whose output
 * object becomes one compressed JSON document (explicit depth: the default of 2 truncates, §1.9).
 */
export function buildScript(script: string, params: Record<string, unknown>): string {
  const b64 = encodeParams(params);
  // b64 only contains [A-Za-z0-9+/=], so the single-quoted literal cannot be broken out of.
  const decode = `$Params = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}')) | ConvertFrom-Json`;
  return `${PRELUDE}\n${decode}\n$VmnetDoctorResult = & {\n${script}\n}\nConvertTo-Json -InputObject $VmnetDoctorResult -Depth 10 -Compress`;
}

/**
 * One stdin line that runs a whole script in a persistent session: the script travels as Base64
 * of its UTF-8 text, so neither its lines nor any value in it can be read as separate commands.
 */
export function encodeScriptLine(script: string): string {
  const b64 = Buffer.from(script, 'utf8').toString('base64');
  return `& ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}'))))`;
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

/**
 * The script an elevated helper runs: the step itself, its outcome written as JSON to a file the
 * app owns (an elevated child cannot stream to a non-elevated parent, probe-reference §1.8).
 */
export function buildElevatedStepScript(script: string, params: Record<string, unknown>, resultPath: string): string {
  const body = [
    'try {',
    '  $null = & {',
    script,
    '  }',
    '  $outcome = @{ ok = $true }',
    '} catch {',
    '  $outcome = @{ ok = $false; error = [string]$_.Exception.Message }',
    '}',
    '[IO.File]::WriteAllText($Params.resultPath, (ConvertTo-Json -InputObject $outcome -Compress))',
  ].join('\n');
  const b64 = encodeParams({ ...params, resultPath });
  const decode = `$Params = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}')) | ConvertFrom-Json`;
  return `${PRELUDE}\n${decode}\n${body}`;
}

/**
 * Run by the non-elevated side: starts the helper with UAC (`-Verb RunAs`) and waits. Declining
 * the prompt throws (ERROR_CANCELLED), reported as { cancelled: true }.
 */
export const ELEVATION_LAUNCHER = `
try {
  $process = Start-Process -FilePath $Params.shell -Verb RunAs -Wait -PassThru -WindowStyle Hidden -ArgumentList @('-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', $Params.encoded)
  @{ cancelled = $false; exitCode = $process.ExitCode }
} catch {
  @{ cancelled = $true; error = [string]$_.Exception.Message }
}
`;

export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}
