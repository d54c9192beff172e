/**
 * Real PowerShell (pwsh 7, installed by scripts/ensure-pwsh.sh) playing a Windows machine: a
 * node-powershell session, exactly as the app opens one, that first loads the stub module and a
 * world, then runs the project's scripts unchanged. Under CI a missing pwsh is a failure, not a skip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodePowerShellHost, type PowerShellHost, type PowerShellHostFactory } from '../../main/runner/powershell-session.ts';
import { materialize, type World } from './world.ts';

export const STUBS = new URL('./WindowsStubs.psm1', import.meta.url).pathname;
export const HYPERV_STUBS = new URL('./HyperVStubs.psm1', import.meta.url).pathname;

/** Whether pwsh runs here; under CI=true its absence throws, so a test cannot quietly skip. */
export function pwshAvailable(): boolean {
  const ok =
    spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-Command', '$PSVersionTable.PSVersion.Major'], {
      encoding: 'utf8',
    }).stdout?.trim() === '7';
  if (!ok && process.env.CI === 'true')
    throw new Error('pwsh is not installed: scripts/ensure-pwsh.sh installs PowerShell 7.6.10');
  return ok;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/**
 * The lines that turn a fresh pwsh into the stubbed Windows: its environment (%ProgramData%, the
 * world's paths) and the stubs (whose objects refuse a property their class lacks).
 */
export function windowsSetup(env: Record<string, string>, hyperV: boolean): string {
  return [
    `$setup = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64({ env, stubs: STUBS, hyperV: hyperV ? HYPERV_STUBS : null })}')) | ConvertFrom-Json`,
    'foreach ($p in $setup.env.PSObject.Properties) { [Environment]::SetEnvironmentVariable($p.Name, [string]$p.Value) }',
    'Import-Module -Name $setup.stubs -Global -DisableNameChecking',
    'if ($setup.hyperV) { Import-Module -Name $setup.hyperV -Global -DisableNameChecking }',
    "'ready'",
  ].join('\n');
}

export interface StubbedWindows {
  root: string;
  env: Record<string, string>;
  factory: PowerShellHostFactory;
  /** The Windows calls the scripts made (cmdlets that change something, and native programs). */
  calls(): Array<{ command: string; parameters?: Record<string, unknown>; arguments?: string[] }>;
}

/** A world on disk and a session factory whose sessions see it. */
export function stubbedWindows(world: World, root = mkdtempSync(join(tmpdir(), 'vmnet-win-'))): StubbedWindows {
  const env = materialize(world, root);
  const factory: PowerShellHostFactory = async () => {
    const host: PowerShellHost = await nodePowerShellHost('pwsh');
    const ready = await host.invoke(windowsSetup(env, world.vmSwitches !== null));
    if (!ready.stdout.includes('ready')) throw new Error(`the stubs did not load: ${ready.stderr || ready.stdout}`);
    return host;
  };
  return {
    root,
    env,
    factory,
    calls() {
      try {
        return readFileSync(env.VMNET_STUB_CALLS ?? '', 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
      } catch {
        return [];
      }
    },
  };
}
