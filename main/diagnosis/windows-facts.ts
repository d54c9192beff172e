/**
 * What a Windows host can know about its VM networks: adapters, network profiles, firewall,
 * services, VMware's and VirtualBox's configuration, Hyper-V/WSL. All probes go to PowerShell in
 * one batch through one session; the source records or replays each probe's result separately.
 */

import { z } from 'zod';
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
import { parseWindowsAdapters } from '../probes/windows/adapters.ts';
import {
  WINDOWS_PROBE_COMMANDS,
  WINDOWS_PROBE_SCRIPTS,
  WINDOWS_SERVICES,
  type WindowsProbeId,
} from '../probes/windows/host-scripts.ts';
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

const list = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item.transform((v) => [v]), z.null().transform(() => [])])
    .optional()
    .default([]);
const str = z.union([z.string(), z.number(), z.boolean()]).transform(String);
/** A cmdlet's refusal in words: "needs administrator" for an access denial (WMI 0x80041003), else its message. */
const refusal = (error: string | null | undefined) =>
  error ? (/denied|administrator|0x80041003|privilege|permission/i.test(error) ? 'needs administrator' : error) : null;
const bool = (v: string) => (/^true$/i.test(v) ? true : /^false$/i.test(v) ? false : null);

const profilesDoc = z.object({
  profiles: list(z.object({ InterfaceAlias: z.string(), InterfaceIndex: z.number(), NetworkCategory: str })),
});
const firewallDoc = z.object({
  profiles: list(z.object({ Name: str, Enabled: str, DefaultInboundAction: str, AllowInboundRules: str.optional().default('') })),
  icmpRules: list(
    z.object({
      Name: z.string(),
      DisplayName: z.string().nullish(),
      Enabled: str,
      Action: str,
      Profile: str,
      // Bundles from before the rule's other filters were read held ICMPv4 rules only.
      Protocol: str.optional().default('ICMPv4'),
      IcmpType: list(str),
      RemoteAddress: list(str),
      LocalAddress: list(str),
      InterfaceType: str.optional().default('Any'),
      InterfaceAlias: list(str),
      Source: str.optional().default(''),
    }),
  ),
});
const servicesDoc = z.object({
  services: list(z.object({ Name: z.string(), Status: str, StartType: str.optional().default('') })),
  drivers: list(z.object({ Name: z.string(), State: str, StartMode: str.optional().default('') })),
});
const bindingsDoc = list(z.object({ Name: z.string(), Enabled: z.boolean() }));
const bindingsOf = (doc: z.infer<typeof bindingsDoc> | undefined) =>
  doc?.length ? doc.map((b) => ({ adapter: b.Name, enabled: b.Enabled })) : null;
const vmwareDoc = z.object({
  dhcpConf: z.string().nullish(),
  natConf: z.string().nullish(),
  registry: list(z.object({ Name: z.string(), Values: z.record(z.string(), str).nullish(), HasAdapter: z.boolean().nullish() })),
  installPath: z.string().nullish(),
  version: z.string().nullish(),
  bridgeBindings: bindingsDoc,
});
const virtualboxDoc = z.object({
  bridgeBindings: bindingsDoc,
  installed: z.boolean(),
  version: z.string().nullish(),
  hostOnlyIfs: z.string().nullish(),
  machines: list(z.string()),
  guestIps: list(z.string()),
});
const vmwareGuestsDoc = z.object({
  installed: z.boolean(),
  guests: list(z.object({ vmx: z.string(), ip: z.string().nullish(), net: z.string().nullish() })),
});
const hypervDoc = z.object({
  switches: list(z.object({ Name: z.string(), SwitchType: str })),
  switchError: z.string().nullish(),
  natError: z.string().nullish(),
  nats: list(z.object({ Name: z.string(), Prefix: z.string() })),
  wslConfig: z.string().nullish(),
});
const elevationDoc = z.object({ elevated: z.boolean() });
const pingDoc = z.object({ target: z.string(), status: str, rttMs: z.number().nullish() });

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

function registryVmnets(rows: z.infer<typeof vmwareDoc>['registry']): VmwareConfig['registry'] {
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

/** Guest addresses from vmrun and VirtualBox guest properties; only real IPv4 addresses count. */
export function discoveredGuests(results: Map<string, ScriptResult>): WindowsHostFacts['guests'] {
  const data = (id: string) => {
    const r = results.get(id);
    return r?.status === 'ok' ? r.data : null;
  };
  const guests: WindowsHostFacts['guests'] = [];
  const vmware = vmwareGuestsDoc.safeParse(data('vmware-guests'));
  if (vmware.success)
    for (const g of vmware.data.guests)
      guests.push({
        hypervisor: 'VMware',
        vm: g.vmx,
        ip: g.ip && isIpv4(g.ip.trim()) ? g.ip.trim() : null,
        nics: parseVmxEthernet(g.net ?? '').filter((n) => n.present),
      });
  const vbox = virtualboxDoc.safeParse(data('virtualbox'));
  if (vbox.success && vbox.data.installed) {
    vbox.data.machines.forEach((text, i) => {
      const ip = (vbox.data.guestIps[i] ?? '').trim();
      const machine = parseMachineReadable(text);
      if (machine.state === 'running')
        guests.push({ hypervisor: 'VirtualBox', vm: machine.name ?? machine.uuid ?? `VM ${i + 1}`, ip: isIpv4(ip) ? ip : null });
    });
  }
  return guests.sort((a, b) => Number(b.ip !== null) - Number(a.ip !== null));
}

/** The firewall probe's own time: public measurements show cold queries of 48–69 s on ~1,000 rules with one query per rule; ours makes eight. */
export const FIREWALL_BUDGET_MS = 30_000;

export async function gatherWindowsFacts(
  options: DiagnoseOptions,
  source: ProbeSource,
  session?: PowerShellSession,
): Promise<WindowsHostFacts> {
  const t = options.timeoutMs;
  const params: Record<WindowsProbeId, Record<string, unknown>> = {
    adapters: {},
    'connection-profiles': {},
    firewall: {},
    services: { services: [...WINDOWS_SERVICES] },
    'vmware-config': {},
    virtualbox: {},
    hyperv: {},
    'vmware-guests': {},
    elevation: {},
    'ping-vm': options.vmIp ? { target: options.vmIp, timeoutMs: 1000 } : {},
  };
  // The firewall runs on its own, with its own budget: a machine with thousands of rules may need
  // tens of seconds for a cold NetSecurity query, and it must neither delay nor be cut off with the
  // rest of the batch (the headline "firewall blocks ping" depends on it).
  const ids = (Object.keys(WINDOWS_PROBE_SCRIPTS) as WindowsProbeId[]).filter(
    (id) => id !== 'firewall' && (id !== 'ping-vm' || options.vmIp),
  );
  // Live: one round trip for everything (VBoxManage may be slow, so the budget is per batch ×2).
  let batch: Promise<Map<string, ScriptResult>> | null = null;
  const ownSession = source.mode === 'live' && !session ? new PowerShellSession() : null;
  const runBatch = () => {
    batch ??= (session ?? (ownSession as PowerShellSession)).runBatch(
      ids.map((id): ProbeScript => ({ id, script: WINDOWS_PROBE_SCRIPTS[id], params: params[id] })),
      t * 2,
    );
    return batch;
  };
  const results = new Map<WindowsProbeId, ScriptResult>();
  try {
    await Promise.all(
      ids.map(async (id) => {
        const result = await source.script(id, params[id], async () =>
          runBatch().then((m) => m.get(id) ?? { status: 'failed', message: 'no result', durationMs: 0 }),
        );
        results.set(id, result);
      }),
    );
    const firewall = { id: 'firewall', script: WINDOWS_PROBE_SCRIPTS.firewall, params: params.firewall };
    results.set(
      'firewall',
      await source.script('firewall', params.firewall, () =>
        (session ?? (ownSession as PowerShellSession)).run(firewall, Math.max(t * 4, FIREWALL_BUDGET_MS)),
      ),
    );
    // No --vm-ip: ping the address the hypervisor's tools report, in a short round trip of its own.
    const discovered = options.vmIp ? null : discoveredGuests(results)[0]?.ip;
    if (discovered) {
      params['ping-vm'] = { target: discovered, timeoutMs: 1000 };
      const ping = { id: 'ping-vm', script: WINDOWS_PROBE_SCRIPTS['ping-vm'], params: params['ping-vm'] };
      results.set(
        'ping-vm',
        await source.script('ping-vm', params['ping-vm'], () =>
          (session ?? (ownSession as PowerShellSession)).run(ping, Math.min(t, 5000)),
        ),
      );
    }
  } finally {
    await ownSession?.dispose();
  }

  const probes: ProbeReport[] = [];
  /** Parses one probe's data; a failed probe or a malformed document becomes a probe report, never a throw. */
  const read = <T>(id: WindowsProbeId, parse: (data: unknown) => T | null): T | null => {
    const result = results.get(id);
    if (!result) return null;
    const report: ProbeReport = { id, status: result.status, durationMs: result.durationMs, command: WINDOWS_PROBE_COMMANDS[id] };
    if (result.status !== 'ok') {
      probes.push({ ...report, error: result.message });
      return null;
    }
    let value: T | null = null;
    try {
      value = parse(result.data);
    } catch {
      value = null;
    }
    probes.push(value === null ? { ...report, status: 'failed', error: `unexpected ${id} data` } : report);
    return value;
  };
  const zodRead =
    <S extends z.ZodType>(schema: S) =>
    (data: unknown) => {
      const parsed = schema.safeParse(data);
      return parsed.success ? (parsed.data as z.infer<S>) : null;
    };

  const adapters = read('adapters', (d) => {
    const parsed = parseWindowsAdapters(d);
    return parsed.ok ? parsed.value : null;
  });
  const profiles = read('connection-profiles', zodRead(profilesDoc));
  const firewall = read('firewall', zodRead(firewallDoc));
  const services = read('services', zodRead(servicesDoc));
  const vmware = read('vmware-config', zodRead(vmwareDoc));
  const vbox = read('virtualbox', zodRead(virtualboxDoc));
  const hyperv = read('hyperv', zodRead(hypervDoc));
  const elevation = read('elevation', zodRead(elevationDoc));
  const guests = discoveredGuests(results);
  read('vmware-guests', zodRead(vmwareGuestsDoc));
  const pingTarget = options.vmIp ?? (results.has('ping-vm') ? (params['ping-vm'].target as string) : undefined);
  const ping = pingTarget ? read('ping-vm', zodRead(pingDoc)) : null;

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
            command: `ping ${pingTarget} (System.Net.NetworkInformation.Ping, 1000 ms)`,
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
