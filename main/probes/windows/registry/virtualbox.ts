/** Probe: VirtualBox's host-only interfaces, every VM's settings (showvminfo), the guests' addresses, the bridge filter per adapter. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { bindingsDoc, list, readWith } from './documents.ts';
import { withAnsiOutput } from './native-output.ts';

// VBoxManage from its install directory; its raw text is parsed on our side (§3.1–3.3).
const SCRIPT = withAnsiOutput(`
$vbox = $null
$installDir = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Oracle\\VirtualBox' -ErrorAction SilentlyContinue).InstallDir
if ($installDir) { $vbox = Join-Path $installDir 'VBoxManage.exe' }
if (-not $vbox -or -not (Test-Path -LiteralPath $vbox)) { $vbox = Join-Path $env:ProgramFiles 'Oracle\\VirtualBox\\VBoxManage.exe' }
if (-not (Test-Path -LiteralPath $vbox)) { return @{ installed = $false } }
$ErrorActionPreference = 'Continue'
$hostOnly = (& $vbox list hostonlyifs 2>$null) -join "\`n"
$ids = @(& $vbox list vms 2>$null | ForEach-Object { if ($_ -match '\\{([0-9a-fA-F-]{36})\\}\\s*$') { $Matches[1] } })
$machines = @(foreach ($id in $ids) { (& $vbox showvminfo $id --machinereadable 2>$null) -join "\`n" })
# The guest's own address, reported by Guest Additions ("No value set!" without them, §3.7).
# "Value: 192.168.56.101". (Regex escapes are doubled in this TypeScript template: a single one
# was lost, left a space before each address, and was first seen when this ran in a real engine.)
$guestIps = @(foreach ($id in $ids) { (((& $vbox guestproperty get $id '/VirtualBox/GuestInfo/Net/0/V4/IP' 2>$null) -join ' ') -replace '^Value:\\s*', '').Trim() })
# VirtualBox's NDIS6 bridged-networking filter on each adapter: its ComponentID oracle_VBoxNetLwf
# (VirtualBox's VBoxNetCfg-win.cpp, VBOXNETCFGWIN_NETLWF_ID); unbound, a VM bridged there is cut off.
$bridgeBindings = @(Get-NetAdapterBinding -ComponentID 'oracle_VBoxNetLwf' -ErrorAction SilentlyContinue |
  ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [bool]$_.Enabled } })
# "VBoxManage --version" prints the version, e.g. 7.0.12r159484 (VBoxManage manual, --version).
$version = ((& $vbox --version 2>$null) -join '').Trim()
@{ installed = $true; path = $vbox; version = $version; hostOnlyIfs = $hostOnly; machines = $machines; guestIps = $guestIps; bridgeBindings = $bridgeBindings }
`);

const doc = z.object({
  bridgeBindings: bindingsDoc,
  installed: z.boolean(),
  version: z.string().nullish(),
  hostOnlyIfs: z.string().nullish(),
  machines: list(z.string()),
  guestIps: list(z.string()),
});

export const virtualboxProbe = defineWindowsProbe({
  id: 'virtualbox',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command:
    'VBoxManage list hostonlyifs; VBoxManage showvminfo --machinereadable (each VM); Get-NetAdapterBinding -ComponentID oracle_VBoxNetLwf',
  params: () => ({}),
  parse: readWith(doc),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'virtualbox.healthy-vmware.constructed.json',
    origin: 'constructed',
    source:
      'a host without VirtualBox (the script’s own "installed = $false" answer); the VBoxManage texts it reads when installed are in main/probes/virtualbox/fixtures',
  },
});
