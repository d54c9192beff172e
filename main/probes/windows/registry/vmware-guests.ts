/** Probe: the running VMware VMs, the address VMware Tools reports for each, and their .vmx network cards. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { list, readWith } from './documents.ts';
import { withAnsiOutput } from './native-output.ts';

// Running VMware VMs and the address VMware Tools reports for each (vmrun, §2.3): the guest's
// IP without needing its network to work.
const SCRIPT = withAnsiOutput(`
$install = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMware Workstation' -ErrorAction SilentlyContinue).InstallPath
$vmrun = $null
if ($install) { $vmrun = Join-Path $install 'vmrun.exe' }
if (-not $vmrun -or -not (Test-Path -LiteralPath $vmrun)) { return @{ installed = $false; guests = @() } }
$ErrorActionPreference = 'Continue'
$running = @(& $vmrun -T ws list 2>$null | Select-Object -Skip 1 | Where-Object { $_ -like '*.vmx' })
$guests = @(foreach ($vmx in $running) {
  # The network cards' lines of the .vmx (MAC, connection): a clone that kept its MAC shows here.
  $net = @(Get-Content -LiteralPath $vmx -TotalCount 5000 -ErrorAction SilentlyContinue | Where-Object { $_ -match '^\\s*ethernet\\d+\\.' }) -join "\`n"
  [pscustomobject]@{ vmx = [string]$vmx; ip = ((& $vmrun -T ws getGuestIPAddress $vmx 2>$null) -join ' ').Trim(); net = $net }
})
@{ installed = $true; guests = $guests }
`);

const doc = z.object({
  installed: z.boolean(),
  guests: list(z.object({ vmx: z.string(), ip: z.string().nullish(), net: z.string().nullish() })),
});

export const vmwareGuestsProbe = defineWindowsProbe({
  id: 'vmware-guests',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command: 'vmrun -T ws list; vmrun -T ws getGuestIPAddress <each running .vmx>; its ethernetN lines',
  params: () => ({}),
  parse: readWith(doc),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'vmware-guests.healthy-vmware.constructed.json',
    origin: 'constructed',
    source:
      'vmrun’s documented output (a count line, then one .vmx path per running VM); the .vmx lines in the syntax of main/probes/vmware/fixtures/vmx.winxppro-server2.txt',
  },
});
