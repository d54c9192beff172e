/** Probe: the hypervisors' Windows services and the bridged-networking drivers, by their stable names. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { list, readWith, str } from './documents.ts';

/** Service names, never display names (§1.5). */
export const WINDOWS_SERVICES = [
  'VMware NAT Service',
  'VMnetDHCP',
  'VMAuthdService',
  'VMUSBArbService',
  'VBoxSDS',
  'vmms',
  'hns',
  'SharedAccess',
] as const;

/**
 * The kernel drivers bridged networking runs on: VMware's VMnetBridge and VirtualBox's NDIS6
 * bridged-networking filter VBoxNetLwf. Get-Service lists Win32 services; drivers are the
 * Win32_SystemDriver CIM class (Microsoft's reference: State "Running"/"Stopped", StartMode
 * "Boot"/"System"/"Auto"/"Manual"/"Disabled"), read in one query whatever the machine holds.
 */
export const BRIDGE_DRIVERS = ['VMnetBridge', 'VBoxNetLwf'] as const;

const SCRIPT = `
$services = @(foreach ($name in @($Params.services)) {
  $service = Get-Service -Name $name -ErrorAction SilentlyContinue
  if ($service) {
    [pscustomobject]@{ Name = [string]$service.Name; Status = [string]$service.Status; StartType = [string]$service.StartType }
  }
})
$drivers = @(Get-CimInstance -ClassName Win32_SystemDriver -Filter "Name='VMnetBridge' OR Name='VBoxNetLwf'" -ErrorAction SilentlyContinue |
  ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; State = [string]$_.State; StartMode = [string]$_.StartMode } })
@{ services = $services; drivers = $drivers }
`;

const doc = z.object({
  services: list(z.object({ Name: z.string(), Status: str, StartType: str.optional().default('') })),
  // Absent in bundles from before the drivers were read: then they are not known (an empty list).
  drivers: list(z.object({ Name: z.string(), State: str, StartMode: str.optional().default('') })),
});

export const servicesProbe = defineWindowsProbe({
  id: 'services',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command: `Get-Service -Name ${WINDOWS_SERVICES.map((s) => `'${s}'`).join(',')}; Get-CimInstance Win32_SystemDriver (${BRIDGE_DRIVERS.join(', ')})`,
  params: () => ({ services: [...WINDOWS_SERVICES] }),
  parse: readWith(doc),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'services.healthy-vmware.constructed.json',
    origin: 'constructed',
    source:
      'service Names as VMware Workstation installs them; Status and StartType as Get-Service prints them; Win32_SystemDriver State and StartMode as Microsoft documents them',
  },
});
