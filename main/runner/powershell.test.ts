import { describe, expect, it } from 'vitest';
import { buildPowerShellArgv, buildScript } from './powershell.ts';

const HOSTILE = [
  `VMnet8'; Remove-Item C:\\ -Recurse; '`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
  'name $(Stop-Computer) `whoami` ${env:PATH}',
  'a"b"c; & calc.exe | Out-Null && echo x',
  'line1\nline2\r\n@"\n"@',
  '以太网 2 — Ethernet\u0000NUL',
  'x'.repeat(2000),
];

function decodeEncodedCommand(args: string[]): string {
  const i = args.indexOf('-EncodedCommand');
  return Buffer.from(args[i + 1] ?? '', 'base64').toString('utf16le');
}

describe('PowerShell script building', () => {
  it.each(HOSTILE)('passes hostile value %# only as Base64 JSON data', (value) => {
    const { file, args } = buildPowerShellArgv('Get-NetAdapter -Name $Params.name', { name: value });
    expect(file).toBe('powershell.exe');
    expect(args.slice(0, 6)).toEqual([
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    const script = decodeEncodedCommand(args);
    // The value never appears in the script text…
    expect(script).not.toContain(value);
    // …only inside a single-quoted Base64 literal that decodes back to it.
    const b64 = /FromBase64String\('([A-Za-z0-9+/=]*)'\)/.exec(script)?.[1];
    expect(b64).toBeDefined();
    expect(JSON.parse(Buffer.from(b64 ?? '', 'base64').toString('utf8'))).toEqual({ name: value });
  });

  it('starts every script with the safe defaults', () => {
    const script = buildScript('Get-Date', {});
    expect(script).toMatch(
      /^\$ProgressPreference = 'SilentlyContinue'\n\$ErrorActionPreference = 'Stop'\n\[Console\]::OutputEncoding/,
    );
    expect(script).toContain('& {\nGet-Date\n}');
    expect(script.trimEnd().endsWith('ConvertTo-Json -InputObject $VmnetDoctorResult -Depth 10 -Compress')).toBe(true);
  });

  it('selects pwsh when asked', () => {
    expect(buildPowerShellArgv('1', {}, 'pwsh').file).toBe('pwsh');
  });
});
