/** Probe: every adapter (hidden ones too), its IPv4/IPv6 addresses with their state, and the default routes. */
import type { ExplainedLiveAdapter } from '../../../../common/domain.ts';
import { runPowerShellJson } from '../../../runner/powershell.ts';
import type { ProbeOutcome } from '../../probe.ts';
import { parseWindowsAdapters } from '../adapters.ts';
import { defineWindowsProbe } from './declare.ts';

const SCRIPT = `
$adapters = @(Get-NetAdapter -IncludeHidden | ForEach-Object {
  [pscustomobject]@{
    Name = [string]$_.Name
    InterfaceDescription = [string]$_.InterfaceDescription
    ifIndex = [int]$_.ifIndex
    MacAddress = [string]$_.MacAddress
    Status = [string]$_.Status
    Virtual = [bool]$_.Virtual
    Hidden = [bool]$_.Hidden
  }
})
$addresses = @(Get-NetIPAddress -ErrorAction SilentlyContinue | ForEach-Object {
  [pscustomobject]@{
    ifIndex = [int]$_.InterfaceIndex
    IPAddress = [string]$_.IPAddress
    PrefixLength = [int]$_.PrefixLength
    AddressFamily = [string]$_.AddressFamily
    AddressState = [string]$_.AddressState
    PrefixOrigin = [string]$_.PrefixOrigin
    SuffixOrigin = [string]$_.SuffixOrigin
  }
})
$routes = @(Get-NetRoute -DestinationPrefix '0.0.0.0/0', '::/0' -ErrorAction SilentlyContinue | ForEach-Object {
  [pscustomobject]@{ ifIndex = [int]$_.InterfaceIndex; NextHop = [string]$_.NextHop }
})
@{ adapters = $adapters; addresses = $addresses; routes = $routes }
`;

export const adaptersProbe = defineWindowsProbe({
  id: 'adapters',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command: 'Get-NetAdapter -IncludeHidden; Get-NetIPAddress; Get-NetRoute -DestinationPrefix 0.0.0.0/0',
  params: () => ({}),
  parse: (data) => {
    const parsed = parseWindowsAdapters(data);
    return parsed.ok ? parsed.value : null;
  },
  shape: 1,
  migrations: [],
  required: true,
  fixture: {
    file: 'adapters.healthy-vmware.constructed.json',
    origin: 'constructed',
    source:
      'the member names documented for Get-NetAdapter / Get-NetIPAddress / Get-NetRoute (probe-reference §1.1–1.2); enum names as MSFT_NetIPAddress documents them',
  },
});

/** The Adapters tab's own one-off read (outside a diagnosis, so outside the diagnosis's session). */
export async function probeWindowsAdapters(timeoutMs: number): Promise<ProbeOutcome<ExplainedLiveAdapter[]>> {
  const result = await runPowerShellJson(SCRIPT, {}, { timeoutMs });
  const base = { id: 'adapters', durationMs: result.run.durationMs, command: adaptersProbe.command };
  if (result.status !== 'ok') return { report: { ...base, status: result.status, error: result.message }, data: null };
  const parsed = parseWindowsAdapters(result.data);
  if (!parsed.ok) return { report: { ...base, status: 'failed', error: parsed.error.message }, data: null };
  return { report: { ...base, status: 'ok' }, data: parsed.value };
}
