/**
 * What a Windows host can know about its VM networks: adapters, network profiles, firewall,
 * services, VMware's and VirtualBox's configuration, Hyper-V/WSL. All probes go to PowerShell in
 * one batch through one session; the source records or replays each probe's result separately.
 */

import type { ExplainedLiveAdapter, ProbeReport } from '../../common/domain.ts';
import { type Ipv4Network, isIpv4, maskToPrefix, networkOf, parseCidr } from '../net/ipv4.ts';
import type { ProbeSource, ScriptResult } from '../probes/source.ts';
import {
  parseHostOnlyIfs,
  parseMachineReadable,
  type VboxHostOnlyIf,
  type VboxMachine,
} from '../probes/virtualbox/vboxmanage.ts';
import {
  parseVmnetDhcpConf,
  parseVmnetNatConf,
  type VmnetDhcpNetwork,
  type VmnetNatConf,
} from '../probes/vmware/vmnet-config.ts';
import { parseVmxEthernet, type VmxNic } from '../probes/vmware/vmx.ts';
import {
  PROBE_BY_ID,
  WINDOWS_PROBES,
  type WindowsProbe,
  type WindowsProbeDoc,
  type WindowsProbeId,
} from '../probes/windows/registry/index.ts';
import { PING_TIMEOUT_MS, pingVmProbe } from '../probes/windows/registry/ping-vm.ts';
import { PowerShellSession, type ProbeScript } from '../runner/powershell-session.ts';
import type { DiagnoseOptions } from './guest-facts.ts';

export interface FirewallProfileState {
  name: string;
  enabled: boolean | null;
  /** "Allow", "Block" or "NotConfigured" (which blocks, like Block). */
  defaultInboundAction: string;
  allowInboundRules: boolean | null;
}

/** An inbound firewall rule that can decide ICMPv4 echo: an ICMPv4 rule, or an any-protocol one. */
export interface IcmpRule {
  name: string;
  displayName: string;
  enabled: boolean;
  action: string;
  /** "Any" or a list such as ["Private", "Public"]. */
  profiles: string[];
  /** "ICMPv4" (or "1") or "Any". */
  protocol: string;
  icmpTypes: string[];
  remoteAddresses: string[];
  localAddresses: string[];
  /** "Any", "Wired", "Wireless", "RemoteAccess" (MSFT_NetInterfaceTypeFilter), possibly combined. */
  interfaceType: string;
  interfaceAliases: string[];
  /** PolicyStoreSourceType: "Local", "GroupPolicy", "Dynamic"… ("" when not read). */
  source: string;
}

export interface VmwareConfig {
  dhcp: VmnetDhcpNetwork[];
  nat: VmnetNatConf | null;
  /** VMnetLib registry: the subnet the Network Editor gives each VMnet, and whether it has a host adapter. */
  registry: Array<{ vmnet: string; subnet: Ipv4Network | null; hasAdapter: boolean }>;
  installPath: string | null;
  /** VMware Workstation's product version (vmware.exe's version resource), when read. */
  version: string | null;
  /** "VMware Bridge Protocol" per adapter name; null when not read (older bundles). */
  bridgeBindings: Array<{ adapter: string; enabled: boolean }> | null;
}

export interface WindowsHostFacts {
  adapters: ExplainedLiveAdapter[] | null;
  profiles: Array<{ alias: string; index: number; category: string }> | null;
  firewall: { profiles: FirewallProfileState[]; icmpRules: IcmpRule[] } | null;
  services: Map<string, { status: string; startType: string }> | null;
  /** The bridged-networking drivers (VMnetBridge, VBoxNetLwf) this machine has, by name. */
  drivers: Map<string, { state: string; startMode: string }> | null;
  vmware: VmwareConfig | null;
  virtualbox: {
    installed: boolean;
    version: string | null;
    hostOnly: VboxHostOnlyIf[];
    machines: VboxMachine[];
    /** VirtualBox's NDIS6 bridged-networking filter per adapter name; null when not read. */
    bridgeBindings?: Array<{ adapter: string; enabled: boolean }> | null;
  } | null;
  hyperv: {
    switches: Array<{ name: string; type: string }>;
    natPrefixes: Ipv4Network[];
    /** Why the WinNAT prefixes are unknown (Get-NetNat needs administrator rights), or null when they were read. */
    natUnknown: string | null;
    /** Why the Hyper-V switches are unknown (Get-VMSwitch needs Hyper-V Administrators), or null when they were read. */
    switchesUnknown: string | null;
    wslNetworkingMode: string | null;
  } | null;
  elevated: boolean | null;
  /** Running VMs and the address their tools report (vmrun, VirtualBox guest properties). */
  /** Running VMs the hypervisors know, with their address and (VMware) network cards. */
  guests: Array<{ hypervisor: 'VMware' | 'VirtualBox'; vm: string; ip: string | null; nics?: VmxNic[] }>;
  vmPing: { target: string; reachable: boolean | null; status: string; rttMs: number | null; command: string } | null;
  options: DiagnoseOptions;
  probes: ProbeReport[];
}

/** A cmdlet's refusal in words: "needs administrator" for an access denial (WMI 0x80041003), else its message. */
const refusal = (error: string | null | undefined) =>
  error ? (/denied|administrator|0x80041003|privilege|permission/i.test(error) ? 'needs administrator' : error) : null;
const bool = (v: string) => (/^true$/i.test(v) ? true : /^false$/i.test(v) ? false : null);
const bindingsOf = (doc: Array<{ Name: string; Enabled: boolean }> | undefined) =>
  doc?.length ? doc.map((b) => ({ adapter: b.Name, enabled: b.Enabled })) : null;

/** `[wsl2] networkingMode=…` from .wslconfig (probe-reference §4.4); NAT when unset. */
export function wslNetworkingMode(text: string | null): string | null {
  if (text === null) return null;
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1]) section = header[1].trim().toLowerCase();
    const kv = /^networkingMode\s*=\s*(\w+)/i.exec(line);
    if (section === 'wsl2' && kv?.[1]) return kv[1].toLowerCase();
  }
  return 'nat';
}

function registryVmnets(rows: WindowsProbeDoc<'vmware-config'>['registry']): VmwareConfig['registry'] {
  return rows
    .filter((r) => /^vmnet\d+$/i.test(r.Name))
    .map((r) => {
      const address = r.Values?.IPSubnetAddress ?? '';
      const prefix = maskToPrefix(r.Values?.IPSubnetMask ?? '') ?? 24;
      return {
        vmnet: `VMnet${r.Name.slice(5)}`,
        subnet: isIpv4(address) ? networkOf(address, prefix) : null,
        hasAdapter: r.HasAdapter === true,
      };
    });
}

/** A probe's document from its result, by the probe's own parser; null when it failed or is not its document. */
const documentOf = <Id extends WindowsProbeId>(id: Id, result: ScriptResult | undefined): WindowsProbeDoc<Id> | null => {
  if (result?.status !== 'ok') return null;
  try {
    return (PROBE_BY_ID[id].parse(result.data) as WindowsProbeDoc<Id> | null) ?? null;
  } catch {
    return null;
  }
};

/** Guest addresses from vmrun and VirtualBox guest properties; only real IPv4 addresses count. */
function discoveredGuests(
  vmware: WindowsProbeDoc<'vmware-guests'> | null,
  vbox: WindowsProbeDoc<'virtualbox'> | null,
): WindowsHostFacts['guests'] {
  const guests: WindowsHostFacts['guests'] = [];
  if (vmware)
    for (const g of vmware.guests)
      guests.push({
        hypervisor: 'VMware',
        vm: g.vmx,
        ip: g.ip && isIpv4(g.ip.trim()) ? g.ip.trim() : null,
        nics: parseVmxEthernet(g.net ?? '').filter((n) => n.present),
      });
  if (vbox?.installed) {
    vbox.machines.forEach((text, i) => {
      const ip = (vbox.guestIps[i] ?? '').trim();
      const machine = parseMachineReadable(text);
      if (machine.state === 'running')
        guests.push({ hypervisor: 'VirtualBox', vm: machine.name ?? machine.uuid ?? `VM ${i + 1}`, ip: isIpv4(ip) ? ip : null });
    });
  }
  return guests.sort((a, b) => Number(b.ip !== null) - Number(a.ip !== null));
}

/**
 * Runs the registry's probes through the source: the batch in one PowerShell round trip, each
 * "alone" probe with its own budget, and the "after discovery" ones (the VM's ping) in the batch
 * when the address is typed, else once the hypervisor has reported one.
 */
export async function gatherWindowsFacts(
  options: DiagnoseOptions,
  source: ProbeSource,
  session?: PowerShellSession,
): Promise<WindowsHostFacts> {
  const t = options.timeoutMs;
  const params = new Map<WindowsProbeId, Record<string, unknown>>(
    WINDOWS_PROBES.map((p) => [p.id, p.params({ vmIp: options.vmIp ?? undefined })]),
  );
  const inBatch = WINDOWS_PROBES.filter(
    (p) => p.runs === 'batch' || (p.runs === 'after-discovery' && options.vmIp),
  ) as readonly WindowsProbe[];
  const alone = WINDOWS_PROBES.filter((p) => p.runs === 'alone') as readonly WindowsProbe[];
  const afterDiscovery = options.vmIp
    ? []
    : (WINDOWS_PROBES.filter((p) => p.runs === 'after-discovery') as readonly WindowsProbe[]);
  const paramsOf = (p: WindowsProbe) => params.get(p.id as WindowsProbeId) ?? {};

  let batch: Promise<Map<string, ScriptResult>> | null = null;
  const ownSession = source.mode === 'live' && !session ? new PowerShellSession() : null;
  const live = () => session ?? (ownSession as PowerShellSession);
  // Live: one round trip for the whole batch, with its members' largest budget.
  const runBatch = () => {
    batch ??= live().runBatch(
      inBatch.map((p): ProbeScript => ({ id: p.id, script: p.script, params: paramsOf(p) })),
      Math.max(...inBatch.map((p) => p.budgetMs(t))),
    );
    return batch;
  };
  const runAlone = (p: WindowsProbe) => () => live().run({ id: p.id, script: p.script, params: paramsOf(p) }, p.budgetMs(t));
  const results = new Map<WindowsProbeId, ScriptResult>();
  const keep = (p: WindowsProbe, result: ScriptResult) => results.set(p.id as WindowsProbeId, result);
  // Each probe's document, parsed once: the discovery reads two of them before the rest are read.
  const documents = new Map<WindowsProbeId, unknown>();
  const doc = <Id extends WindowsProbeId>(id: Id): WindowsProbeDoc<Id> | null => {
    if (!documents.has(id)) documents.set(id, documentOf(id, results.get(id)));
    return documents.get(id) as WindowsProbeDoc<Id> | null;
  };
  try {
    await Promise.all(
      inBatch.map(async (p) =>
        keep(
          p,
          await source.script(p.id, paramsOf(p), async () =>
            runBatch().then((m) => m.get(p.id) ?? { status: 'failed', message: 'no result', durationMs: 0 }),
          ),
        ),
      ),
    );
    for (const p of alone) keep(p, await source.script(p.id, paramsOf(p), runAlone(p)));
    // No --vm-ip: ask the VM's address of the hypervisor's tools, in a short round trip of its own.
    const discovered = discoveredGuests(doc('vmware-guests'), doc('virtualbox'))[0]?.ip;
    for (const p of discovered ? afterDiscovery : []) {
      params.set(p.id as WindowsProbeId, p.params({ vmIp: discovered ?? undefined }));
      keep(p, await source.script(p.id, paramsOf(p), runAlone(p)));
    }
  } finally {
    await ownSession?.dispose();
  }

  const probes: ProbeReport[] = [];
  /** One probe's document by its own parser; a failed probe or a malformed document becomes a probe report, never a throw. */
  const read = <Id extends WindowsProbeId>(id: Id): WindowsProbeDoc<Id> | null => {
    const result = results.get(id);
    if (!result) return null;
    const report: ProbeReport = { id, status: result.status, durationMs: result.durationMs, command: PROBE_BY_ID[id].command };
    if (result.status !== 'ok') {
      probes.push({ ...report, error: result.message });
      return null;
    }
    const value = doc(id);
    probes.push(value === null ? { ...report, status: 'failed', error: `unexpected ${id} data` } : report);
    return value;
  };

  const adapters = read('adapters');
  const profiles = read('connection-profiles');
  const firewall = read('firewall');
  const services = read('services');
  const vmware = read('vmware-config');
  const vbox = read('virtualbox');
  const hyperv = read('hyperv');
  const elevation = read('elevation');
  const guests = discoveredGuests(read('vmware-guests'), vbox);
  const pingTarget = paramsOf(pingVmProbe).target as string | undefined;
  const ping = pingTarget ? read('ping-vm') : null;
  return {
    adapters,
    profiles:
      profiles?.profiles.map((p) => ({ alias: p.InterfaceAlias, index: p.InterfaceIndex, category: p.NetworkCategory })) ?? null,
    firewall: firewall
      ? {
          profiles: firewall.profiles.map((p) => ({
            name: p.Name,
            enabled: bool(p.Enabled),
            defaultInboundAction: p.DefaultInboundAction,
            allowInboundRules: bool(p.AllowInboundRules),
          })),
          icmpRules: firewall.icmpRules.map((r) => ({
            name: r.Name,
            displayName: r.DisplayName ?? r.Name,
            enabled: bool(r.Enabled) === true,
            action: r.Action,
            profiles: r.Profile.split(/\s*,\s*/).filter(Boolean),
            protocol: r.Protocol,
            icmpTypes: r.IcmpType,
            remoteAddresses: r.RemoteAddress,
            localAddresses: r.LocalAddress,
            interfaceType: r.InterfaceType || 'Any',
            interfaceAliases: r.InterfaceAlias,
            source: r.Source,
          })),
        }
      : null,
    services: services ? new Map(services.services.map((s) => [s.Name, { status: s.Status, startType: s.StartType }])) : null,
    drivers: services ? new Map(services.drivers.map((d) => [d.Name, { state: d.State, startMode: d.StartMode }])) : null,
    vmware: vmware
      ? {
          dhcp: vmware.dhcpConf ? parseVmnetDhcpConf(vmware.dhcpConf) : [],
          nat: vmware.natConf ? parseVmnetNatConf(vmware.natConf) : null,
          registry: registryVmnets(vmware.registry),
          installPath: vmware.installPath || null,
          version: vmware.version || null,
          bridgeBindings: bindingsOf(vmware.bridgeBindings),
        }
      : null,
    virtualbox: vbox
      ? {
          installed: vbox.installed,
          version: vbox.version || null,
          hostOnly: vbox.hostOnlyIfs ? parseHostOnlyIfs(vbox.hostOnlyIfs) : [],
          machines: vbox.machines.map(parseMachineReadable),
          bridgeBindings: bindingsOf(vbox.bridgeBindings),
        }
      : null,
    hyperv: hyperv
      ? {
          switches: hyperv.switches.map((s) => ({ name: s.Name, type: s.SwitchType })),
          natPrefixes: hyperv.nats.map((n) => parseCidr(n.Prefix)).filter((n): n is Ipv4Network => n !== null),
          natUnknown: refusal(hyperv.natError),
          switchesUnknown: refusal(hyperv.switchError),
          wslNetworkingMode: wslNetworkingMode(hyperv.wslConfig ?? null),
        }
      : null,
    elevated: elevation?.elevated ?? null,
    guests,
    vmPing:
      ping && pingTarget
        ? {
            target: pingTarget,
            reachable: ping.status === 'Success',
            status: ping.status,
            rttMs: ping.status === 'Success' ? (ping.rttMs ?? null) : null,
            command: `ping ${pingTarget} (System.Net.NetworkInformation.Ping, ${PING_TIMEOUT_MS} ms)`,
          }
        : null,
    options,
    probes,
  };
}

/** One VMware network the host should have, with what its configuration says about it. */
export interface VmnetExpectation {
  vmnet: string;
  subnet: Ipv4Network | null;
  /** Where the subnet came from, for the evidence. */
  subnetSource: string | null;
  nat: boolean;
  hostAdapter: boolean;
}
