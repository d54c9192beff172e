/**
 * Writes test/windows-engine/ps51-reference.json: the parameters each command our Windows scripts
 * call has in Windows PowerShell 5.1 on Windows 10, read from Microsoft's own reference pages —
 * MicrosoftDocs/windows-powershell-docs (docset/winserver2019-ps: the modules of build 17763,
 * Windows 10 1809 / Server 2019) and MicrosoftDocs/PowerShell-Docs (reference/5.1) — their
 * SYNTAX sections, with the page and commit each came from. Run by hand with local clones:
 *   node scripts/ps51-reference.ts <windows-powershell-docs clone> <PowerShell-Docs clone>
 * (PSScriptAnalyzer's compatibility profiles hold the same facts but were not obtainable here.)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [windowsDocs, powershellDocs] = process.argv.slice(2);
if (!windowsDocs || !powershellDocs) throw new Error('usage: ps51-reference.ts <windows-powershell-docs> <PowerShell-Docs>');

const WINDOWS_MODULES: Record<string, string[]> = {
  NetAdapter: [
    'Get-NetAdapter',
    'Enable-NetAdapter',
    'Disable-NetAdapter',
    'Get-NetAdapterBinding',
    'Enable-NetAdapterBinding',
    'Disable-NetAdapterBinding',
  ],
  NetTCPIP: ['Get-NetIPAddress', 'Get-NetRoute'],
  NetConnection: ['Get-NetConnectionProfile', 'Set-NetConnectionProfile'],
  NetSecurity: [
    'Get-NetFirewallProfile',
    'Get-NetFirewallRule',
    'Get-NetFirewallPortFilter',
    'Get-NetFirewallAddressFilter',
    'Get-NetFirewallApplicationFilter',
    'Get-NetFirewallServiceFilter',
    'Get-NetFirewallInterfaceTypeFilter',
    'Get-NetFirewallInterfaceFilter',
    'New-NetFirewallRule',
    'Remove-NetFirewallRule',
  ],
  NetNat: ['Get-NetNat'],
  'Hyper-V': ['Get-VMSwitch'],
};
const BUILT_IN: Record<string, string[]> = {
  CimCmdlets: ['Get-CimInstance', 'Invoke-CimMethod'],
  'Microsoft.PowerShell.Core': ['ForEach-Object', 'Where-Object', 'Get-Command', 'Out-Null'],
  'Microsoft.PowerShell.Management': [
    'Get-ChildItem',
    'Get-Content',
    'Get-Item',
    'Get-ItemProperty',
    'Join-Path',
    'New-ItemProperty',
    'Remove-ItemProperty',
    'Test-Path',
    'Get-Service',
    'Set-Service',
    'Start-Service',
    'Stop-Service',
    'Restart-Service',
    'Start-Process',
  ],
  'Microsoft.PowerShell.Security': ['Set-Acl'],
  'Microsoft.PowerShell.Utility': [
    'Add-Type',
    'ConvertFrom-Json',
    'ConvertTo-Json',
    'New-Object',
    'Select-Object',
    'Start-Sleep',
  ],
};

const git = (repo: string, ...args: string[]) => execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'utf8' });
const gitDir = (clone: string) => (clone.endsWith('.git') || clone.endsWith('/repo') ? clone : `${clone}/.git`);

/** The parameter names in a page's SYNTAX section (its code blocks), without <CommonParameters>. */
function syntaxParameters(page: string): string[] {
  const syntax = /^## SYNTAX\s*$([\s\S]*?)^## /m.exec(page)?.[1] ?? '';
  const code = [...syntax.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
  return [...new Set([...code.matchAll(/(?:^|[\s[])-([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1] as string))].sort();
}

const reference: Record<string, { module: string; origin: string; parameters: string[] }> = {};
for (const [clone, root, modules, repoName] of [
  [windowsDocs, 'docset/winserver2019-ps', WINDOWS_MODULES, 'MicrosoftDocs/windows-powershell-docs'],
  [powershellDocs, 'reference/5.1', BUILT_IN, 'MicrosoftDocs/PowerShell-Docs'],
] as const) {
  const dir = gitDir(clone);
  const commit = git(dir, 'rev-parse', 'HEAD').trim();
  for (const [module, commands] of Object.entries(modules)) {
    for (const command of commands) {
      const path = `${root}/${module}/${command}.md`;
      const parameters = syntaxParameters(git(dir, 'show', `${commit}:${path}`));
      if (!parameters.length) throw new Error(`no syntax in ${path}`);
      reference[command] = { module, origin: `${repoName}@${commit.slice(0, 12)}:${path}`, parameters };
    }
  }
}
const out = new URL('../test/windows-engine/ps51-reference.json', import.meta.url);
writeFileSync(out, `${JSON.stringify({ commands: reference }, null, 1)}\n`);
console.log(`${Object.keys(reference).length} commands`);
