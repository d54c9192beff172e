/** Probe: Hyper-V's virtual switches, WinNAT's prefixes and WSL's networking mode. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { list, readWith, str } from './documents.ts';

// Hyper-V switches, WinNAT and WSL's configuration (§4); Get-VMSwitch needs Hyper-V rights.
// Get-VMSwitch and Get-NetNat need administrator rights: a refusal is recorded as unknown (with
// the reason), never as "no switches" / "no NAT".
const SCRIPT = `
$switches = @()
$switchError = $null
if (Get-Command Get-VMSwitch -ErrorAction SilentlyContinue) {
  try { $switches = @(Get-VMSwitch -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; SwitchType = [string]$_.SwitchType } }) } catch { $switchError = [string]$_.Exception.Message }
}
$nats = @()
$natError = $null
if (Get-Command Get-NetNat -ErrorAction SilentlyContinue) {
  try { $nats = @(Get-NetNat -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Prefix = [string]$_.InternalIPInterfaceAddressPrefix } }) } catch { $natError = [string]$_.Exception.Message }
}
$wslConfigPath = Join-Path $env:USERPROFILE '.wslconfig'
$wslConfig = $null
if (Test-Path -LiteralPath $wslConfigPath) { $wslConfig = [IO.File]::ReadAllText($wslConfigPath) }
@{ switches = $switches; switchError = $switchError; nats = $nats; natError = $natError; wslConfig = $wslConfig }
`;

const doc = z.object({
  switches: list(z.object({ Name: z.string(), SwitchType: str })),
  switchError: z.string().nullish(),
  natError: z.string().nullish(),
  nats: list(z.object({ Name: z.string(), Prefix: z.string() })),
  wslConfig: z.string().nullish(),
});

export const hypervProbe = defineWindowsProbe({
  id: 'hyperv',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command: 'Get-VMSwitch; Get-NetNat; Get-Content ~\\.wslconfig',
  params: () => ({}),
  parse: readWith(doc),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'hyperv.healthy-vmware.constructed.json',
    origin: 'constructed',
    source: 'a host without Hyper-V: empty lists, as the script answers when Get-VMSwitch and Get-NetNat are absent',
  },
});
