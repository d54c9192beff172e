/**
 * Windows PowerShell 5.1 compatibility, command by command: every PowerShell text the project
 * emits is parsed by PowerShell's own parser (pwsh), and each command called, each parameter
 * named, each .NET type and static member used, and any syntax PowerShell 7 added must be in
 * what Windows PowerShell 5.1 on Windows 10 has (ps51-reference.json, from Microsoft's reference
 * pages; scripts/ps51-reference.ts writes it). The check is shown to fail on an injected `&&` and
 * on a parameter Windows 10's Get-Content lacks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildScript } from '../../main/runner/powershell.ts';
import { type EmittedScript, emittedScripts } from './emitted-scripts.ts';
import { pwshAvailable } from './pwsh.ts';

const reference: { commands: Record<string, { module: string; origin: string; parameters: string[] }> } = JSON.parse(
  readFileSync(new URL('./ps51-reference.json', import.meta.url), 'utf8'),
);
const WALK = new URL('./ps51-walk.ps1', import.meta.url).pathname;

/** Every cmdlet's common parameters (about_CommonParameters, 5.1) and the risk-mitigation pair. */
const COMMON = [
  'Debug',
  'ErrorAction',
  'ErrorVariable',
  'InformationAction',
  'InformationVariable',
  'OutBuffer',
  'OutVariable',
  'PipelineVariable',
  'Verbose',
  'WarningAction',
  'WarningVariable',
];
/** Programs, not cmdlets: the commands a user is shown name them (their paths are issue 26's). */
const NATIVE = ['VBoxManage', 'vnetlib64.exe'];
/** Present only where the Windows feature is installed: each use must sit behind Get-Command. */
const FEATURE_MODULES = ['Hyper-V'];

/**
 * .NET types and static members the scripts use, each in .NET Framework 4.x (the runtime of
 * Windows PowerShell 5.1). Origin: Microsoft's .NET API reference, each page's "Applies to" list
 * (.NET Framework 2.0+ unless said). A new one must be added here, after checking its page.
 */
const DOTNET: Record<string, string[]> = {
  BitConverter: ['ToString'],
  'ComponentModel.Win32Exception': [],
  Console: ['OutputEncoding'],
  Convert: ['FromBase64String'],
  'Diagnostics.Stopwatch': ['StartNew'],
  'Globalization.CultureInfo': ['CurrentCulture'],
  'IO.File': ['ReadAllBytes', 'ReadAllText', 'WriteAllText'],
  IntPtr: [],
  'Runtime.InteropServices.Marshal': ['SizeOf'],
  'Security.Cryptography.SHA256': ['Create'],
  'Security.Principal.SecurityIdentifier': [],
  'Security.Principal.WindowsBuiltInRole': ['Administrator'],
  'Security.Principal.WindowsIdentity': ['GetCurrent'],
  'Security.Principal.WindowsPrincipal': [],
  'System.Net.NetworkInformation.Ping': [],
  'System.Security.AccessControl.FileSecurity': [],
  'System.Security.AccessControl.FileSystemAccessRule': [],
  'System.Text.UTF8Encoding': [],
  'Text.Encoding': ['GetEncoding', 'UTF8'],
  // PowerShell's own accelerators, all in 3.0+ (about_Type_Accelerators).
  bool: [],
  int: [],
  int64: [],
  ordered: [],
  pscustomobject: [],
  ref: [],
  string: [],
  uint32: ['MaxValue'],
  void: [],
};
/** Types a script defines itself with Add-Type. */
const OWN_TYPES = /^VmnetDoctor\./;

interface Walked {
  name: string;
  errors: string[];
  commands: Array<{ name: string; parameters: string[] }>;
  types: string[];
  members: string[];
  syntax: string[];
}

function walk(scripts: EmittedScript[]): Walked[] {
  const file = join(mkdtempSync(join(tmpdir(), 'vmnet-ps51-')), 'scripts.json');
  // A step file starts with a BOM, which the engine strips when it reads the file.
  writeFileSync(file, JSON.stringify(scripts.map((s) => ({ ...s, text: s.text.replace(/^\uFEFF/, '') }))));
  const run = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', WALK, '-Path', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Walked[];
}

/** What in a walked script Windows PowerShell 5.1 on Windows 10 would not run. */
function problems(w: Walked, text: string): string[] {
  const out = [...w.errors.map((e) => `does not parse: ${e}`), ...w.syntax.map((s) => `PowerShell 7 syntax: ${s}`)];
  for (const command of w.commands) {
    if (NATIVE.includes(command.name)) continue;
    const known = reference.commands[command.name];
    if (!known) {
      out.push(`${command.name}: not a command of Windows PowerShell 5.1 (not in ps51-reference.json)`);
      continue;
    }
    if (FEATURE_MODULES.includes(known.module) && !text.includes(`Get-Command ${command.name}`))
      out.push(`${command.name}: only with ${known.module} installed, and not guarded by Get-Command`);
    // ConvertTo-Json's default depth is 2 in 5.1 and 7: deeper objects become type names. Always say it.
    if (command.name === 'ConvertTo-Json' && !command.parameters.some((p) => /^depth$/i.test(p)))
      out.push('ConvertTo-Json without -Depth (its default of 2 cuts nested objects)');
    const all = [...known.parameters, ...COMMON];
    for (const parameter of command.parameters) {
      const p = parameter.toLowerCase();
      const matches = all.filter((a) => a.toLowerCase() === p || a.toLowerCase().startsWith(p));
      if (!matches.some((a) => a.toLowerCase() === p) && matches.length !== 1)
        out.push(`${command.name} -${parameter}: no such parameter in Windows PowerShell 5.1 (${known.origin})`);
    }
  }
  for (const type of w.types)
    if (!OWN_TYPES.test(type) && !(type in DOTNET)) out.push(`[${type}]: not in the .NET Framework 4.x list`);
  for (const member of w.members) {
    const [type = '', name = ''] = member.split('::');
    if (OWN_TYPES.test(type)) continue;
    if (!DOTNET[type]?.includes(name)) out.push(`[${type}]::${name}: not in the .NET Framework 4.x list`);
  }
  return out;
}

describe.runIf(pwshAvailable())('Windows PowerShell 5.1 compatibility of every script the project emits', () => {
  let scripts: EmittedScript[] = [];
  let walked: Walked[] = [];
  beforeAll(async () => {
    scripts = await emittedScripts();
    walked = walk([
      ...scripts,
      // The check must be able to fail: PowerShell 7's && and a parameter Windows 10's Get-Content lacks.
      { name: 'injected &&', text: buildScript("Get-NetAdapter -Name 'x' && Enable-NetAdapter -Name 'x'", {}) },
      { name: 'injected -AsByteStream', text: buildScript("Get-Content -LiteralPath 'C:\\x' -AsByteStream", {}) },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: PowerShell's ${a}, not a template
      { name: 'injected ?? and ?.', text: '$a = $null ?? 1; $b = ${a}?.Name' },
      { name: 'injected .NET 5 API', text: '[Convert]::ToHexString([byte[]](1, 2))' },
      { name: 'injected ConvertTo-Json', text: 'ConvertTo-Json -InputObject @{ a = @{ b = @{ c = 1 } } } -Compress' },
    ]);
  }, 60_000);

  it('reads every probe, read-back, launcher, fix step and shown command (more than 60 scripts)', () => {
    expect(scripts.length).toBeGreaterThan(60);
    const commands = new Set(walked.flatMap((w) => w.commands.map((c) => c.name)));
    for (const expected of [
      'Get-NetFirewallPortFilter',
      'Invoke-CimMethod',
      'New-NetFirewallRule',
      'Set-NetConnectionProfile',
      'Get-VMSwitch',
    ])
      expect(commands).toContain(expected);
  });

  it('every emitted script uses only commands, parameters, syntax and .NET APIs Windows PowerShell 5.1 has', () => {
    const found = scripts.flatMap((s, i) => problems(walked[i] as Walked, s.text).map((p) => `${s.name}: ${p}`));
    expect(found).toEqual([]);
  });

  it('fails on an injected &&, a parameter Windows 10 lacks, ?? and ?., a .NET 5 API, and ConvertTo-Json without -Depth', () => {
    const injected = walked.slice(scripts.length);
    expect(problems(injected[0] as Walked, '')).toEqual(['PowerShell 7 syntax: pipeline chain AndAnd (&& / ||)']);
    expect(problems(injected[1] as Walked, '')).toEqual([
      expect.stringMatching(
        /^Get-Content -AsByteStream: no such parameter in Windows PowerShell 5.1 \(MicrosoftDocs\/PowerShell-Docs@/,
      ),
    ]);
    expect(problems(injected[2] as Walked, '')).toEqual([
      'PowerShell 7 syntax: null-coalescing ??',
      'PowerShell 7 syntax: null-conditional ?. / ?[]',
    ]);
    expect(problems(injected[3] as Walked, '')).toContain('[Convert]::ToHexString: not in the .NET Framework 4.x list');
    expect(problems(injected[4] as Walked, '')).toEqual(['ConvertTo-Json without -Depth (its default of 2 cuts nested objects)']);
  });
});
