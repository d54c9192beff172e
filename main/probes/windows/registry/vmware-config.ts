/** Probe: VMware's own configuration of its networks: vmnetdhcp.conf, vmnetnat.conf, the VMnetLib registry, the bridge protocol per adapter. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { bindingsDoc, list, readWith, str } from './documents.ts';

// vmnetdhcp.conf, vmnetnat.conf and the VMnetConfig registry keys the Network Editor writes (§2.2).
const SCRIPT = `
function Read-TextOrNull([string]$path) {
  if (Test-Path -LiteralPath $path) { return [IO.File]::ReadAllText($path) }
  return $null
}
$dataDir = Join-Path $env:ProgramData 'VMware'
$registry = @()
foreach ($root in @('HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMnetLib\\VMnetConfig', 'HKLM:\\SOFTWARE\\VMware, Inc.\\VMnetLib\\VMnetConfig')) {
  if (-not (Test-Path -LiteralPath $root)) { continue }
  $registry = @(Get-ChildItem -LiteralPath $root | ForEach-Object {
    $values = @{}
    (Get-ItemProperty -LiteralPath $_.PSPath).PSObject.Properties |
      Where-Object { $_.Name -notlike 'PS*' } |
      ForEach-Object { $values[[string]$_.Name] = [string]$_.Value }
    # "Connect a host virtual adapter" is VMnetConfig\\vmnetN\\Adapter\\UseAdapter = 1 (how HashiCorp's
    # vagrant-vmware-desktop reads it, vnetlib_windows.go getUnusedDevice); the key alone says nothing.
    $useAdapter = (Get-ItemProperty -LiteralPath (Join-Path $_.PSPath 'Adapter') -ErrorAction SilentlyContinue).UseAdapter
    [pscustomobject]@{ Name = [string]$_.PSChildName; Values = $values; HasAdapter = ([int]$useAdapter -eq 1) }
  })
  break
}
$install = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMware Workstation' -ErrorAction SilentlyContinue
# The product's version from vmware.exe's own version resource (FileVersionInfo.ProductVersion).
$version = $null
if ($install.InstallPath) {
  $exe = Join-Path ([string]$install.InstallPath) 'vmware.exe'
  if (Test-Path -LiteralPath $exe) { $version = [string](Get-Item -LiteralPath $exe).VersionInfo.ProductVersion }
}
# "VMware Bridge Protocol" on each adapter: one query for all of them. Sources: Microsoft's
# Get-NetAdapterBinding reference (NetAdapter module, -ComponentID); the ID vmware_bridge as public
# Windows "tweak" scripts on GitHub pass it to Get-/Disable-NetAdapterBinding (the very thing that
# switches it off). Not recorded on a Windows machine here.
$bridgeBindings = @(Get-NetAdapterBinding -ComponentID 'vmware_bridge' -ErrorAction SilentlyContinue |
  ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [bool]$_.Enabled } })
@{
  dhcpConf = Read-TextOrNull (Join-Path $dataDir 'vmnetdhcp.conf')
  natConf = Read-TextOrNull (Join-Path $dataDir 'vmnetnat.conf')
  registry = $registry
  installPath = [string]$install.InstallPath
  version = $version
  bridgeBindings = $bridgeBindings
}
`;

const doc = z.object({
  dhcpConf: z.string().nullish(),
  natConf: z.string().nullish(),
  registry: list(z.object({ Name: z.string(), Values: z.record(z.string(), str).nullish(), HasAdapter: z.boolean().nullish() })),
  installPath: z.string().nullish(),
  version: z.string().nullish(),
  bridgeBindings: bindingsDoc,
});

export const vmwareConfigProbe = defineWindowsProbe({
  id: 'vmware-config',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command:
    'Get-Content $env:ProgramData\\VMware\\vmnetdhcp.conf, vmnetnat.conf; VMnetLib registry; Get-NetAdapterBinding -ComponentID vmware_bridge',
  params: () => ({}),
  parse: readWith(doc),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'vmware-config.healthy-vmware.constructed.json',
    origin: 'constructed',
    source:
      'vmnetdhcp.conf and vmnetnat.conf in the syntax of the VMware files in main/probes/vmware/fixtures; VMnetLib values as hashicorp/vagrant-vmware-desktop reads them',
  },
});
