/**
 * Gathers what a Linux guest can know about its own network, in two parallel phases: first the
 * local state (links, routes, resolver, firewall, listeners), then everything that sends packets
 * (pings, DNS lookup, duplicate-address probe), whose targets depend on the first phase.
 */
import type { DiagnoseOptions } from '../../common/diagnose-request.ts';
import type { ExplainedLiveAdapter, ProbeReport, ProbeStatus } from '../../common/domain.ts';
import { isApipa, isIpv4, networkOf, nthHost } from '../net/ipv4.ts';
import { readFirewall, type UfwStatus } from '../probes/linux/firewall.ts';
import { probeLinuxAdapters } from '../probes/linux/ip-addr.ts';
import {
  type Listener,
  type Neighbour,
  parseArpingReplies,
  parseGetent,
  parseListeners,
  parseNeighbours,
  parsePingRtt,
  parseResolvConf,
  parseRoutes,
  type ResolvConf,
  type Route,
} from '../probes/linux/parsers.ts';
import { type FilterVerdict, icmpEchoVerdict, type Ruleset } from '../probes/linux/ruleset.ts';
import { displayCommand, type ProbeOutcome, packetProbeReport, pingAnswered, reportFromRun } from '../probes/probe.ts';
import { type FileRead, liveSource, type ProbeSource } from '../probes/source.ts';
import type { RunResult } from '../runner/process-runner.ts';

export type { DiagnoseOptions } from '../../common/diagnose-request.ts';

export interface PingResult {
  target: string;
  purpose: 'gateway' | 'host' | 'nat-candidate' | 'dns' | 'internet';
  reachable: boolean | null;
  rttMs: number | null;
  command: string;
}

/** What the firmware says about the machine: a VM's DMI names its hypervisor. */
export interface VirtualizationContext {
  sysVendor: string | null;
  productName: string | null;
  /** "VMware", "VirtualBox", "QEMU/KVM", "Hyper-V" or null on real hardware / unknown. */
  hypervisor: string | null;
}

export interface GuestFacts {
  adapters: ExplainedLiveAdapter[] | null;
  virtualization: VirtualizationContext;
  /** systemd-resolved's upstream servers when resolv.conf only names its stub (127.0.0.53). */
  resolvedUpstream: string[] | null;
  primary: ExplainedLiveAdapter | null;
  ownIp: { address: string; prefixLength: number } | null;
  routes: Route[] | null;
  defaultGateway: string | null;
  resolv: ResolvConf | null;
  /** Whether inbound ping is dropped; null when no part of the ruleset was readable. */
  firewall: FilterVerdict | null;
  /** The packet filter (nftables and iptables together), for per-port questions; null when unreadable. */
  ruleset: Ruleset | null;
  /** ufw's status when ufw is installed and answered. */
  ufw: UfwStatus | null;
  /** Listening TCP sockets with the address each is bound to (`ss -Htlnp`). */
  listening: Listener[] | null;
  /** The SSH server: whether its program exists and whether its service runs (unit ssh or sshd). */
  sshd: { installed: boolean; active: boolean | null };
  pings: PingResult[];
  /** ARP's view after the pings: did the pinged neighbours answer at layer 2? */
  neighbours: Map<string, Neighbour>;
  dns: { name: string; addresses: string[]; status: ProbeStatus; command: string } | null;
  duplicate: { address: string; macs: string[] } | null;
  options: DiagnoseOptions;
  probes: ProbeReport[];
}

const HYPERVISOR_VENDORS = new Set(['VMware', 'VirtualBox', 'QEMU/KVM', 'Hyper-V']);

/** The VM's own NIC: one with a hypervisor MAC, else the one holding the default route, else the first real one. */
export function pickPrimary(adapters: ExplainedLiveAdapter[], routes: Route[] | null): ExplainedLiveAdapter | null {
  const candidates = adapters.filter((a) => a.category !== 'loopback' && a.mac !== null && a.kind !== 'bridge');
  const defaultDev = routes?.find((r) => r.dst === 'default')?.dev;
  return (
    candidates.find((a) => a.macVendor !== null && HYPERVISOR_VENDORS.has(a.macVendor)) ??
    candidates.find((a) => a.name === defaultDev) ??
    candidates.find((a) => a.category === 'physical-ethernet' || a.category === 'physical-wifi') ??
    candidates[0] ??
    null
  );
}

function ping(
  source: ProbeSource,
  target: string,
  purpose: PingResult['purpose'],
  timeoutMs: number,
): Promise<{ result: PingResult; run: RunResult }> {
  const argv = ['-c', '1', '-W', '1', '-n', target];
  return source.run('ping', argv, { timeoutMs: Math.min(timeoutMs, 3000) }).then((run) => ({
    run,
    result: {
      target,
      purpose,
      reachable: pingAnswered(run),
      rttMs: parsePingRtt(run.stdout),
      command: displayCommand(run.argv),
    },
  }));
}

export async function gatherGuestFacts(
  options: DiagnoseOptions,
  listed?: ProbeOutcome<ExplainedLiveAdapter[]>,
  source: ProbeSource = liveSource,
): Promise<GuestFacts> {
  const t = options.timeoutMs;
  const probes: ProbeReport[] = [];

  // Phase 1: local state, all at once.
  const [adapters, routesRun, resolvText, firewallView, ssRun, virtualization, upstream, sshd] = await Promise.all([
    listed ?? probeLinuxAdapters(t, source),
    source.run('ip', ['-j', 'route', 'show'], { timeoutMs: t }),
    readResolvConf(source),
    readFirewall(t, source),
    source.run('ss', ['-Htlnp'], { timeoutMs: t }),
    readVirtualization(source),
    source
      .readText('/run/systemd/resolve/resolv.conf')
      .then((read) => (read.status === 'ok' ? parseResolvConf(read.text).nameservers : null)),
    sshdState(source, t),
  ]);
  probes.push(
    adapters.report,
    reportFromRun('routes', routesRun),
    resolvText.report,
    ...firewallView.reports,
    reportFromRun('listening', ssRun),
  );
  const routes = routesRun.status === 'ok' ? parseRoutes(routesRun.stdout) : null;
  const primary = adapters.data ? pickPrimary(adapters.data, routes) : null;
  const own = primary?.ipv4.find((a) => !isApipa(a.address)) ?? null;
  const defaultGateway = routes?.find((r) => r.dst === 'default' && r.gateway)?.gateway ?? null;
  const resolv = resolvText.text === null ? null : parseResolvConf(resolvText.text);

  // Phase 2: packets, all at once; targets come from phase 1.
  const pingJobs: Array<Promise<{ result: PingResult; run: RunResult }>> = [];
  const up = primary && primary.state === 'up' && own;
  if (up) {
    if (defaultGateway) pingJobs.push(ping(source, defaultGateway, 'gateway', t));
    const hostIp = options.hostIp ?? conventionalHost(primary, own);
    if (hostIp && hostIp !== defaultGateway) pingJobs.push(ping(source, hostIp, 'host', t));
    const natCandidate = natCandidateFor(primary, own);
    if (natCandidate && natCandidate !== defaultGateway && natCandidate !== hostIp)
      pingJobs.push(ping(source, natCandidate, 'nat-candidate', t));
    const dnsServer = resolv?.nameservers.find((n) => isIpv4(n) && !n.startsWith('127.'));
    if (dnsServer && dnsServer !== defaultGateway && dnsServer !== hostIp) pingJobs.push(ping(source, dnsServer, 'dns', t));
    for (const target of options.internetTargets) pingJobs.push(ping(source, target, 'internet', t));
  }
  const dnsJob = up
    ? source.run('getent', ['ahostsv4', options.dnsName], { timeoutMs: Math.min(t, 2500) })
    : Promise.resolve(null);
  const dadJob =
    up && own
      ? source.run('arping', ['-D', '-c', '1', '-w', '1', '-I', primary.name, own.address], { timeoutMs: Math.min(t, 3000) })
      : Promise.resolve(null);
  const [pingRuns, dnsRun, dadRun] = await Promise.all([Promise.all(pingJobs), dnsJob, dadJob]);
  // Phase 3, a few milliseconds: the neighbour table the pings just filled.
  const neighRun = up ? await source.run('ip', ['-j', 'neigh', 'show', 'dev', primary.name], { timeoutMs: t }) : null;
  if (neighRun) probes.push(reportFromRun('neighbours', neighRun));

  for (const { result, run } of pingRuns) probes.push(packetProbeReport(`ping-${result.purpose}`, run));
  let dns: GuestFacts['dns'] = null;
  if (dnsRun) {
    probes.push(packetProbeReport('dns-lookup', dnsRun));
    dns = {
      name: options.dnsName,
      addresses: dnsRun.status === 'ok' ? parseGetent(dnsRun.stdout) : [],
      status: reportFromRun('', dnsRun).status,
      command: displayCommand(dnsRun.argv),
    };
  }
  let duplicate: GuestFacts['duplicate'] = null;
  if (dadRun && own) {
    // arping exits 1 when a reply arrives: a successful probe with a finding.
    const dadReport = packetProbeReport('duplicate-address', dadRun);
    probes.push(dadReport);
    const macs = parseArpingReplies(dadRun.stdout).filter((m) => m !== primary?.mac);
    if (dadReport.status === 'ok') duplicate = { address: own.address, macs };
  }

  const stubOnly = resolv !== null && resolv.nameservers.length > 0 && resolv.nameservers.every((n) => n.startsWith('127.0.0.5'));
  return {
    adapters: adapters.data,
    virtualization,
    resolvedUpstream: stubOnly ? upstream : null,
    primary,
    ownIp: own ? { address: own.address, prefixLength: own.prefixLength } : null,
    routes,
    defaultGateway,
    resolv,
    // "Can the host ping me?": judged for a packet from the host, arriving on the VM's NIC.
    firewall: firewallView.ruleset
      ? icmpEchoVerdict(
          firewallView.ruleset,
          own ? (options.hostIp ?? nthHost(networkOf(own.address, own.prefixLength), 1) ?? undefined) : undefined,
          primary?.name,
        )
      : null,
    ruleset: firewallView.ruleset,
    ufw: firewallView.ufw,
    listening: ssRun.status === 'ok' ? parseListeners(ssRun.stdout) : null,
    sshd,
    pings: pingRuns.map((p) => p.result),
    neighbours: neighRun?.status === 'ok' ? parseNeighbours(neighRun.stdout) : new Map(),
    dns,
    duplicate,
    options,
    probes,
  };
}

async function readResolvConf(source: ProbeSource): Promise<{ text: string | null; report: ProbeReport }> {
  const started = performance.now();
  const read: FileRead = await source.readText('/etc/resolv.conf');
  const report: ProbeReport = {
    id: 'resolver',
    status: 'ok',
    durationMs: Math.round(performance.now() - started),
    command: 'cat /etc/resolv.conf',
  };
  if (read.status === 'ok') return { text: read.text, report };
  // A missing file is a fact (no nameserver configured), not a probe failure.
  if (read.status === 'missing') return { text: '', report };
  return { text: null, report: { ...report, status: read.status === 'denied' ? 'unavailable' : 'failed', error: read.message } };
}

/** The hypervisors' convention (a last resort): the host is the first address of the VM network. */
export function conventionalHost(primary: ExplainedLiveAdapter, own: { address: string; prefixLength: number }): string | null {
  if (primary.macVendor === 'VMware' || primary.macVendor === 'VirtualBox' || primary.macVendor === 'QEMU/KVM') {
    if (own.address.startsWith('10.0.2.')) return null; // VirtualBox NAT: the host is not on this network.
    return nthHost(networkOf(own.address, own.prefixLength), 1);
  }
  return null;
}

/** VMware's NAT device sits at .2 of its network (VirtualBox NAT uses 10.0.x.2 too): a convention, tried by ping. */
export function natCandidateFor(primary: ExplainedLiveAdapter, own: { address: string; prefixLength: number }): string | null {
  if (primary.macVendor !== 'VMware' && primary.macVendor !== 'VirtualBox') return null;
  return nthHost(networkOf(own.address, own.prefixLength), 2);
}

const DMI_HYPERVISORS: Array<[RegExp, string]> = [
  [/vmware/i, 'VMware'],
  [/innotek|virtualbox/i, 'VirtualBox'],
  [/qemu|kvm/i, 'QEMU/KVM'],
  [/microsoft corporation.*virtual|hyper-v/i, 'Hyper-V'],
];

export async function readVirtualization(source: ProbeSource, dir = '/sys/class/dmi/id'): Promise<VirtualizationContext> {
  const read = (name: string) =>
    source.readText(`${dir}/${name}`).then((r) => (r.status === 'ok' ? r.text.trim() || null : null));
  const [sysVendor, productName] = await Promise.all([read('sys_vendor'), read('product_name')]);
  const text = `${sysVendor ?? ''} ${productName ?? ''}`;
  return { sysVendor, productName, hypervisor: DMI_HYPERVISORS.find(([re]) => re.test(text))?.[1] ?? null };
}

/** Debian/Ubuntu name the unit ssh, RHEL/Fedora sshd; the program is /usr/sbin/sshd on both. */
async function sshdState(source: ProbeSource, timeoutMs: number): Promise<GuestFacts['sshd']> {
  const installed = await source.exists('/usr/sbin/sshd');
  if (!installed) return { installed, active: false };
  const [ssh, sshd] = await Promise.all(
    ['ssh', 'sshd'].map((unit) =>
      source.run('systemctl', ['is-active', '--quiet', unit], { timeoutMs: Math.min(timeoutMs, 3000) }),
    ),
  );
  if (ssh?.status === 'not-installed') return { installed, active: null };
  return { installed, active: ssh?.status === 'ok' || sshd?.status === 'ok' };
}
