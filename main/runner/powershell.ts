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
    '[IO.File]::WriteAllText($Params.resultPath, (ConvertTo-Json -InputObject $outcome -Depth 3 -Compress))',
  ].join('\n');
  const b64 = encodeParams({ ...params, resultPath });
  const decode = `$Params = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}')) | ConvertFrom-Json`;
  return `${PRELUDE}\n${decode}\n${body}`;
}

/**
 * The file an elevated step runs from. Its first lines check the file's own SHA-256 against the
 * one passed on the command line (computed by the app right after writing it), so a script
 * changed between writing and running is refused; the rest is the step as
 * buildElevatedStepScript makes it. Written with a BOM: Windows PowerShell 5.1 reads a file
 * without one in the ANSI code page.
 */
export function buildElevatedStepFile(script: string, params: Record<string, unknown>, resultPath: string): string {
  const check = [
    'param([Parameter(Mandatory = $true)][string]$Sha256)',
    '$bytes = [IO.File]::ReadAllBytes($PSCommandPath)',
    "$actual = ([BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash($bytes))) -replace '-', ''",
    "if ($actual -ne $Sha256) { throw 'VMnet Doctor: the step file changed after it was written; nothing was run' }",
  ].join('\n');
  return `\uFEFF${check}\n${buildElevatedStepScript(script, params, resultPath)}\n`;
}

/**
 * The helper's arguments, as one string (Start-Process joins an array without quoting, and the
 * path may hold spaces). ShellExecuteEx, behind -Verb RunAs, takes parameters of about 2,048
 * characters at most (the limit issue 14 reports: above it no UAC prompt appears; not verified
 * here); a step's -EncodedCommand measured 2,000–4,900, this stays a few hundred.
 */
export function elevatedArguments(path: string, sha256: string): string {
  return `-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${path}" -Sha256 ${sha256}`;
}

/**
 * Run by the non-elevated side: limits the step file to the user and Administrators (so no other
 * account can swap it), then starts the helper with UAC and waits. Declining the prompt is
 * ERROR_CANCELLED (1223), reported as { cancelled: true }.
 *
 * With the app's window handle ($Params.owner), the helper is started by ShellExecuteEx with that
 * window as its owner: the consent prompt then belongs to the window the user is looking at and
 * comes up in front, instead of flashing on the taskbar, which is what a request from a hidden
 * process without a window gets (SHELLEXECUTEINFO.hwnd, Microsoft's Win32 reference). Without one
 * (the command line, whose terminal is in front), `Start-Process -Verb RunAs` as before.
 */
export const ELEVATION_LAUNCHER = `
try {
  $acl = New-Object System.Security.AccessControl.FileSecurity
  $acl.SetAccessRuleProtection($true, $false)
  $owners = @([Security.Principal.WindowsIdentity]::GetCurrent().User, (New-Object Security.Principal.SecurityIdentifier 'S-1-5-32-544'))
  foreach ($sid in $owners) {
    $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($sid, 'FullControl', 'Allow')))
  }
  Set-Acl -LiteralPath $Params.path -AclObject $acl
  if ([int64]$Params.owner -ne 0) {
    Add-Type -Namespace VmnetDoctor -Name Elevate -MemberDefinition @'
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
public struct Info {
  public int cbSize; public uint fMask; public IntPtr hwnd;
  [MarshalAs(UnmanagedType.LPWStr)] public string lpVerb; [MarshalAs(UnmanagedType.LPWStr)] public string lpFile;
  [MarshalAs(UnmanagedType.LPWStr)] public string lpParameters; [MarshalAs(UnmanagedType.LPWStr)] public string lpDirectory;
  public int nShow; public IntPtr hInstApp; public IntPtr lpIDList; [MarshalAs(UnmanagedType.LPWStr)] public string lpClass;
  public IntPtr hkeyClass; public uint dwHotKey; public IntPtr hIcon; public IntPtr hProcess;
}
[DllImport("shell32.dll", CharSet = CharSet.Unicode, SetLastError = true)] public static extern bool ShellExecuteExW(ref Info info);
[DllImport("kernel32.dll", SetLastError = true)] public static extern uint WaitForSingleObject(IntPtr handle, uint ms);
[DllImport("kernel32.dll", SetLastError = true)] public static extern bool GetExitCodeProcess(IntPtr process, out uint code);
[DllImport("kernel32.dll", SetLastError = true)] public static extern bool CloseHandle(IntPtr handle);
'@
    $info = New-Object VmnetDoctor.Elevate+Info
    $info.cbSize = [Runtime.InteropServices.Marshal]::SizeOf($info)
    $info.fMask = 0x40
    $info.hwnd = [IntPtr][int64]$Params.owner
    $info.lpVerb = 'runas'
    $info.lpFile = [string]$Params.shell
    $info.lpParameters = [string]$Params.arguments
    $info.nShow = 0
    if (-not [VmnetDoctor.Elevate]::ShellExecuteExW([ref]$info)) { throw (New-Object ComponentModel.Win32Exception) }
    try {
      [void][VmnetDoctor.Elevate]::WaitForSingleObject($info.hProcess, [uint32]::MaxValue)
      $code = [uint32]0
      [void][VmnetDoctor.Elevate]::GetExitCodeProcess($info.hProcess, [ref]$code)
    } finally { [void][VmnetDoctor.Elevate]::CloseHandle($info.hProcess) }
    @{ cancelled = $false; exitCode = [int64]$code }
  } else {
    $process = Start-Process -FilePath $Params.shell -Verb RunAs -Wait -PassThru -WindowStyle Hidden -ArgumentList $Params.arguments
    @{ cancelled = $false; exitCode = $process.ExitCode }
  }
} catch {
  @{ cancelled = $true; error = [string]$_.Exception.Message }
}
`;
