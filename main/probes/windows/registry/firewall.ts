/** Probe: the firewall's effective profiles and every inbound rule that can decide an ICMPv4 echo. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { list, readWith, str } from './documents.ts';

// Effective (ActiveStore) profiles and every inbound rule that can decide ICMPv4 echo (§1.4): the
// ICMPv4 ones (enabled or not: Windows' own echo rules ship disabled), and enabled any-protocol
// rules not tied to a program or a service (a "block all" from Group Policy, an "allow everything
// from 192.168.x.0/24"). Each kind of object is fetched once (-All) and joined on InstanceID, as
// mondoohq/mql's Windows firewall resource does: a CIM query per rule took 48–69 s on machines with
// ~1,000 rules. Eight CIM queries, whatever the number of rules.
const SCRIPT = `
$profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {
  [pscustomobject]@{
    Name = [string]$_.Name
    Enabled = [string]$_.Enabled
    DefaultInboundAction = [string]$_.DefaultInboundAction
    AllowInboundRules = [string]$_.AllowInboundRules
  }
})
# A filter's list as strings; a missing filter is an empty list. ($null | ForEach-Object runs once,
# so @($null | ForEach-Object { [string]$_ }) is @('') — a rule "scoped to an interface named ''" —
# first seen when this ran in a real engine on mql's recording, which has no interface filters.)
# The leading comma keeps an empty or one-element list a list when the function returns it.
function Get-Strings($values) { , @($values | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ }) }
$byId = @{}
foreach ($kind in @('Port', 'Address', 'Application', 'Service', 'InterfaceType', 'Interface')) { $byId[$kind] = @{} }
Get-NetFirewallPortFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Port[[string]$_.InstanceID] = $_ }
Get-NetFirewallAddressFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Address[[string]$_.InstanceID] = $_ }
Get-NetFirewallApplicationFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Application[[string]$_.InstanceID] = $_ }
Get-NetFirewallServiceFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Service[[string]$_.InstanceID] = $_ }
Get-NetFirewallInterfaceTypeFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.InterfaceType[[string]$_.InstanceID] = $_ }
Get-NetFirewallInterfaceFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Interface[[string]$_.InstanceID] = $_ }
$rules = @(Get-NetFirewallRule -PolicyStore ActiveStore -Direction Inbound | ForEach-Object {
  $id = [string]$_.InstanceID
  $port = $byId.Port[$id]
  $protocol = [string]$port.Protocol
  $icmp = $protocol -eq 'ICMPv4' -or $protocol -eq '1'
  $program = [string]$byId.Application[$id].Program
  $service = [string]$byId.Service[$id].Service
  $anyProtocol = $protocol -eq 'Any' -and [string]$_.Enabled -eq 'True' -and ($program -eq 'Any' -or $program -eq 'System') -and $service -eq 'Any'
  if ($icmp -or $anyProtocol) {
    $address = $byId.Address[$id]
    [pscustomobject]@{
      Name = [string]$_.Name
      DisplayName = [string]$_.DisplayName
      Group = [string]$_.Group
      Enabled = [string]$_.Enabled
      Action = [string]$_.Action
      Profile = [string]$_.Profile
      Protocol = $protocol
      IcmpType = Get-Strings $port.IcmpType
      RemoteAddress = Get-Strings $address.RemoteAddress
      LocalAddress = Get-Strings $address.LocalAddress
      InterfaceType = [string]$byId.InterfaceType[$id].InterfaceType
      InterfaceAlias = Get-Strings $byId.Interface[$id].InterfaceAlias
      Source = [string]$_.PolicyStoreSourceType
    }
  }
})
@{ profiles = $profiles; icmpRules = $rules }
`;

/** The firewall probe's own time: public measurements show cold queries of 48–69 s on ~1,000 rules with one query per rule; ours makes eight. */
export const FIREWALL_BUDGET_MS = 30_000;

const rule = z.object({
  Name: z.string(),
  DisplayName: z.string().nullish(),
  Enabled: str,
  Action: str,
  Profile: str,
  Protocol: str,
  IcmpType: list(str),
  RemoteAddress: list(str),
  LocalAddress: list(str),
  InterfaceType: str,
  InterfaceAlias: list(str),
  Source: str,
});
const doc = z.object({
  profiles: list(z.object({ Name: str, Enabled: str, DefaultInboundAction: str, AllowInboundRules: str.optional().default('') })),
  icmpRules: list(rule),
});

/**
 * Shape 1 (the first Windows release, commit 4954ca4) fetched ICMPv4 rules only and none of their
 * other filters: its rules are ICMPv4, on any interface type, from an unknown source.
 */
const firstReleaseRules = (document: unknown): unknown => {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return document;
  const { icmpRules, ...rest } = document as Record<string, unknown>;
  const rules = Array.isArray(icmpRules) ? icmpRules : icmpRules ? [icmpRules] : [];
  return {
    ...rest,
    icmpRules: rules.map((r) =>
      r !== null && typeof r === 'object'
        ? { Protocol: 'ICMPv4', LocalAddress: [], InterfaceType: 'Any', InterfaceAlias: [], Source: '', ...r }
        : r,
    ),
  };
};

export const firewallProbe = defineWindowsProbe({
  id: 'firewall',
  platforms: ['windows'],
  // A machine with thousands of rules may need tens of seconds for a cold NetSecurity query: it
  // must neither delay nor be cut off with the rest (the headline "firewall blocks ping" rests on it).
  runs: 'alone',
  budgetMs: (t) => Math.max(t * 4, FIREWALL_BUDGET_MS),
  script: SCRIPT,
  command:
    'Get-NetFirewallProfile -PolicyStore ActiveStore; Get-NetFirewallRule -Direction Inbound with its port, address, application, service and interface filters (-All, joined on InstanceID)',
  params: () => ({}),
  parse: readWith(doc),
  shape: 2,
  migrations: [firstReleaseRules],
  fixture: {
    file: 'firewall.healthy-vmware.constructed.json',
    origin: 'constructed',
    source:
      'Windows’ own echo rules by their stable names (FPS-ICMP4-ERQ-In, CoreNet-Diag-ICMP4-EchoRequest-In); enum names as Get-NetFirewallRule prints them; the recorded mql rules (mql-firewall-*.recorded.json) run through the script in test/windows-engine',
  },
});
