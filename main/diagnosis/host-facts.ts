/** What a Linux host running VMs can know about their networks: bridges, NAT, forwarding, firewall. */
import type { ExplainedLiveAdapter, ProbeReport } from '../../common/domain.ts';
import { readLibvirtNetworks } from '../probes/libvirt/virsh.ts';
import { type LibvirtNetwork, parseNetXml } from '../probes/libvirt/virsh-parsers.ts';
import { readFirewall } from '../probes/linux/firewall.ts';
import type { Listener, Route } from '../probes/linux/parsers.ts';
import { probeLinuxAdapters } from '../probes/linux/registry/adapters.ts';
import { askLinux, dhcpListenersProbe, pingQuestion, routesProbe, runLinuxProbe } from '../probes/linux/registry/index.ts';
import type { Ruleset } from '../probes/linux/ruleset.ts';
import { type ProbeOutcome, packetProbeReport } from '../probes/probe.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import type { DiagnoseOptions } from './guest-facts.ts';

export interface HostFacts {
  adapters: ExplainedLiveAdapter[] | null;
  /** The host's side of each VM network (virbr0, vmnet8, vboxnet0 …). */
  vmNetworks: ExplainedLiveAdapter[];
  /** The packet filter (nftables and iptables together); null when unreadable. */
  ruleset: Ruleset | null;
  ipForward: boolean | null;
  /**
   * br_netfilter hands bridged IPv4 frames to the FORWARD hook (net.bridge.bridge-nf-call-iptables;
   * per network namespace). No such file: the module is not loaded and bridged frames skip it.
   */
  bridgeNetfilter: boolean | null;
  /** The main routing table; null when unreadable. */
  routes: Route[] | null;
  /** CPU virtualization extensions and KVM, as information (a host without them runs VMs slowly or not at all). */
  hardwareVirt: HardwareVirt;
  vmPing: { target: string; reachable: boolean | null; rttMs: number | null; command: string } | null;
  /** libvirt's networks (running or not); null when virsh is missing or no daemon answers. */
  libvirt: LibvirtNetwork[] | null;
  /**
   * libvirt's NAT networks as the host runs or defines them: from virsh, else (no daemon answering)
   * from the definition libvirt keeps on disk for its default network. Each by its bridge.
   */
  libvirtNat: Array<{ name: string; bridge: string; from: 'virsh' | string; dhcp: boolean }>;
  /** Sockets bound to UDP 67 (DHCP servers) with their device and program (`ss -Hulnp sport = :67`); null when unreadable. */
  dhcpListeners: Listener[] | null;
  /** libvirt's pid file for each NAT network's dnsmasq, and what runs under that pid (evidence). */
  libvirtDhcp: Record<string, { pidFile: string; pid: number | null; process: string | null }>;
  options: DiagnoseOptions;
  probes: ProbeReport[];
}

/** A VM's port on a host bridge: libvirt's vnetN tap (a TUN/TAP device). */
export const isVmPort = (a: ExplainedLiveAdapter) => /^vnet\d+$/.test(a.name) || a.kind === 'tun' || a.kind === 'tap';

/**
 * Host-side adapters of VM networks: VMware's, VirtualBox's and libvirt's by name, a bridge of
 * your own (br0) once a VM is a port of it, and the macvtap devices of VMs attached "direct".
 */
export function vmNetworkAdapters(adapters: ExplainedLiveAdapter[]): ExplainedLiveAdapter[] {
  return adapters.filter(
    (a) =>
      /^(virbr\d+|vmnet\d+|vboxnet\d+)$/.test(a.name) ||
      (a.description === null && (a.category === 'vmware' || a.category === 'virtualbox')) ||
      (a.kind === 'bridge' && adapters.some((p) => p.master === a.name && isVmPort(p))) ||
      a.kind === 'macvtap',
  );
}

/** A bridge that puts VMs on the LAN (not a hypervisor's own NAT or host-only network). */
export const isLanBridge = (a: ExplainedLiveAdapter) => a.kind === 'bridge' && !/^(virbr|vmnet|vboxnet)\d+$/.test(a.name);

export async function gatherHostFacts(
  options: DiagnoseOptions,
  listed?: ProbeOutcome<ExplainedLiveAdapter[]>,
  source: ProbeSource = liveSource,
  libvirtNetworks?: Awaited<ReturnType<typeof readLibvirtNetworks>>,
): Promise<HostFacts> {
  const t = options.timeoutMs;
  const started = performance.now();
  const [adapters, firewall, forward, bridgeNetfilter, vmRun, hardwareVirt, libvirt, routesRun, dhcpRun] = await Promise.all([
    listed ?? probeLinuxAdapters(t, source),
    readFirewall(t, source),
    source.readText('/proc/sys/net/ipv4/ip_forward').then((r) => (r.status === 'ok' ? r.text.trim() === '1' : null)),
    source
      .readText(BRIDGE_NF_CALL_IPTABLES)
      .then((r) => (r.status === 'ok' ? r.text.trim() === '1' : r.status === 'missing' ? false : null)),
    options.vmIp ? askLinux(pingQuestion, { target: options.vmIp, purpose: 'vm' }, source, t) : Promise.resolve(null),
    readHardwareVirt(source),
    libvirtNetworks ?? readLibvirtNetworks(t, source),
    runLinuxProbe(routesProbe, source, t),
    runLinuxProbe(dhcpListenersProbe, source, t),
  ]);
  const libvirtNat = await libvirtNatNetworks(libvirt.networks, source);
  const libvirtDhcp = Object.fromEntries(
    await Promise.all(libvirtNat.filter((n) => n.dhcp).map(async (n) => [n.name, await dnsmasqOf(n.name, source)] as const)),
  );
  const probes: ProbeReport[] = [
    adapters.report,
    ...firewall.reports,
    {
      id: 'ip-forwarding',
      status: forward === null ? 'failed' : 'ok',
      durationMs: Math.round(performance.now() - started),
      command: 'cat /proc/sys/net/ipv4/ip_forward',
    },
  ];
  if (vmRun) probes.push(packetProbeReport('ping-vm', vmRun.run));
  probes.push(routesRun.report, dhcpRun.report);
  // Hosts without libvirt are the common case: only say something when virsh is there.
  if (libvirt.installed) probes.push(libvirt.report);
  return {
    adapters: adapters.data,
    vmNetworks: adapters.data ? vmNetworkAdapters(adapters.data) : [],
    ruleset: firewall.ruleset,
    ipForward: forward,
    bridgeNetfilter,
    routes: routesRun.data,
    hardwareVirt,
    vmPing: vmRun
      ? { target: vmRun.data.target, reachable: vmRun.data.reachable, rttMs: vmRun.data.rttMs, command: vmRun.data.command }
      : null,
    libvirt: libvirt.networks,
    libvirtNat,
    dhcpListeners: dhcpRun.data,
    libvirtDhcp,
    options,
    probes,
  };
}

/** Where libvirt keeps each network's dnsmasq pid (its dnsmasq configuration names this file). */
export const libvirtPidFile = (network: string) => `/run/libvirt/network/${network}.pid`;

/** The pid in libvirt's pid file, and the program running under it (evidence; the socket decides). */
async function dnsmasqOf(network: string, source: ProbeSource): Promise<HostFacts['libvirtDhcp'][string]> {
  const pidFile = libvirtPidFile(network);
  const read = await source.readText(pidFile);
  const pid = read.status === 'ok' && /^\d{1,9}\s*$/.test(read.text) ? Number(read.text.trim()) : null;
  const comm = pid === null ? null : await source.readText(`/proc/${pid}/comm`);
  return { pidFile, pid, process: comm?.status === 'ok' ? comm.text.trim().slice(0, 64) : null };
}

export const BRIDGE_NF_CALL_IPTABLES = '/proc/sys/net/bridge/bridge-nf-call-iptables';

/** Where libvirt keeps the definition of its default network (read only when virsh cannot answer). */
export const LIBVIRT_DEFAULT_XML = '/etc/libvirt/qemu/networks/default.xml';

async function libvirtNatNetworks(networks: LibvirtNetwork[] | null, source: ProbeSource): Promise<HostFacts['libvirtNat']> {
  if (networks)
    return networks
      .filter((n) => n.active && n.forward === 'nat' && n.bridge)
      .map((n) => ({ name: n.name, bridge: n.bridge as string, from: 'virsh', dhcp: n.dhcp }));
  const read = await source.readText(LIBVIRT_DEFAULT_XML);
  if (read.status !== 'ok') return [];
  const xml = parseNetXml(read.text);
  return xml.forward === 'nat' && xml.bridge
    ? [{ name: 'default', bridge: xml.bridge, from: LIBVIRT_DEFAULT_XML, dhcp: xml.dhcp }]
    : [];
}

export interface HardwareVirt {
  /** "vmx" (Intel VT-x), "svm" (AMD-V) or null when the CPU flags show neither. */
  extension: 'vmx' | 'svm' | null;
  kvmDevice: boolean;
  /** "hypervisor" flag: this host is itself a VM (nested virtualization). */
  nested: boolean;
}

/** Only the first "flags" line is read: every CPU lists the same extensions. */
export function parseCpuFlags(cpuinfo: string): Omit<HardwareVirt, 'kvmDevice'> {
  const flags = new Set(/^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.split(/\s+/) ?? []);
  return { extension: flags.has('vmx') ? 'vmx' : flags.has('svm') ? 'svm' : null, nested: flags.has('hypervisor') };
}

async function readHardwareVirt(source: ProbeSource): Promise<HardwareVirt> {
  const [cpuinfo, kvmDevice] = await Promise.all([source.readText('/proc/cpuinfo'), source.exists('/dev/kvm')]);
  return { ...parseCpuFlags(cpuinfo.status === 'ok' ? cpuinfo.text : ''), kvmDevice };
}
