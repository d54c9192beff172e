/**
 * Gathers what a Linux guest can know about its own network, in two parallel phases: first the
 * local state (links, routes, resolver, firewall, listeners), then everything that sends packets
 * (pings, DNS lookup, duplicate-address probe), whose targets depend on the first phase.
 */
import type { DiagnoseOptions } from '../../common/diagnose-request.ts';
import type { ExplainedLiveAdapter, ProbeReport, ProbeStatus } from '../../common/domain.ts';
import { formatCidr, inNetwork, isApipa, isIpv4, networkOf, nthHost } from '../net/ipv4.ts';
import { askDhcp, type DhcpAnswer } from '../probes/linux/dhcp-ask.ts';
import { readLeases } from '../probes/linux/dhcp-leases.ts';
import { DOCKER_NETWORK_BRIDGE, type DockerNetwork, readDockerNetworks } from '../probes/linux/docker.ts';
import { readFirewall, type UfwStatus } from '../probes/linux/firewall.ts';
import {
  type Listener,
  type Neighbour,
  parseResolvConf,
  type ResolvConf,
  type Route,
  type RouteLookup,
  type RoutingRule,
} from '../probes/linux/parsers.ts';
import { ICMP_OVERHEAD, measurePathMtu, type PathMtu } from '../probes/linux/path-mtu.ts';
import { probeLinuxAdapters } from '../probes/linux/registry/adapters.ts';
import { PORTAL_PROBE } from '../probes/linux/registry/captive-portal.ts';
import {
  arpBeyondPrefixQuestion,
  askLinux,
  askLinuxRun,
  captivePortalProbe,
  dnsLookupQuestion,
  duplicateAddressQuestion,
  listeningProbe,
  neighboursQuestion,
  pingQuestion,
  resolvConfLinkProbe,
  routeGetQuestion,
  routesAllProbe,
  routesProbe,
  routingPolicyProbe,
  runLinuxProbe,
} from '../probes/linux/registry/index.ts';
import type { PingResult } from '../probes/linux/registry/ping.ts';
import { type FilterVerdict, icmpEchoVerdict, type Ruleset } from '../probes/linux/ruleset.ts';
import { displayCommand, type ProbeOutcome, packetProbeReport, pingAnswered, reportFromRun } from '../probes/probe.ts';
import { type FileRead, liveSource, type ProbeSource } from '../probes/source.ts';
import type { RunResult } from '../runner/process-runner.ts';
import { modelNic, type NicNetwork } from './guest-network.ts';

export type { DiagnoseOptions } from '../../common/diagnose-request.ts';

export type { PingResult } from '../probes/linux/registry/ping.ts';

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
  /** Every NIC with an IPv4 address, with what its network is (lease, product, expected router and host). */
  networks: NicNetwork[];
  /** Policy routing (`ip -j rule show`) and every table's routes; null when not readable. */
  routing: { rules: RoutingRule[]; routes: Route[] } | null;
  /** Where the kernel would send packets for the host, the gateway and the internet targets (`ip route get`). */
  lookups: Array<RouteLookup & { purpose: PingResult['purpose'] }>;
  /** Docker's name (and compose project) for the br-<id> bridges the lookups went into, when Docker answered. */
  dockerNetworks: Record<string, DockerNetwork>;
  defaultGateway: string | null;
  resolv: ResolvConf | null;
  /** /etc/resolv.conf as a link: where it points, and whether that file is missing (its resolver does not run). */
  resolvLink: { target: string; dangling: boolean } | null;
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
  /**
   * Whether a packet as large as the default route's NIC allows reaches the gateway (DF set), and
   * when it does not, the largest size that did; null when not probed.
   */
  mtu: { interface: string; mtu: number; target: string; fullSize: boolean | null; pathMtu: number | null } | null;
  /**
   * Beyond the gateway: the largest packet that crosses to the internet target that answered, when
   * the question is the internet and full-size packets reach the gateway; null when not measured.
   */
  beyondGateway: PathMtu | null;
  /** What the network answered when asked for an address, for a NIC that has none; null when not asked. */
  dhcp: { interface: string; answer: DhcpAnswer | null; unavailable: string | null } | null;
  /**
   * When nothing on the internet answers while the gateway does: what a plain HTTP request for
   * Microsoft's connectivity probe got — the page itself, or a redirect to a login page (campus,
   * hotel). Null when not asked.
   */
  portal: {
    url: string;
    status: number | null;
    location: string | null;
    expected: boolean;
    command: string;
    durationMs: number;
  } | null;
  /** ARP's view after the pings: did the pinged neighbours answer at layer 2? */
  neighbours: Map<string, Neighbour>;
  dns: { name: string; addresses: string[]; status: ProbeStatus; command: string } | null;
  duplicate: { address: string; macs: string[] } | null;
  /**
   * A static address with a prefix narrower than /24: who answered ARP (which needs no route) at the
   * usual router and host addresses of the enclosing /24 outside the prefix. Null when not asked.
   */
  beyondPrefix: { network: string; asked: string[]; answered: Array<{ address: string; mac: string }> } | null;
  options: DiagnoseOptions;
  probes: ProbeReport[];
}

/**
 * The addresses of the /24 around a static address whose prefix is narrower, outside that prefix,
 * where the products put their routers, hosts and DHCP servers (VMware .1/.2/.254, libvirt, Hyper-V
 * and VirtualBox host-only .1, VirtualBox NAT Network .1) — a named convention, asked because an
 * answer there proves the network is wider than the prefix — and the host's address when given.
 */
export function beyondPrefixTargets(own: { address: string; prefixLength: number }, hostIp: string | undefined): string[] {
  if (own.prefixLength <= 24) return [];
  const wide = networkOf(own.address, 24);
  const narrow = networkOf(own.address, own.prefixLength);
  const candidates = [...(hostIp ? [hostIp] : []), ...[1, 2, 254].map((n) => nthHost(wide, n))];
  return [...new Set(candidates)].filter(
    (a): a is string => a !== null && a !== own.address && inNetwork(a, wide) && !inNetwork(a, narrow),
  );
}

const HYPERVISOR_VENDORS = new Set(['VMware', 'VirtualBox', 'QEMU/KVM', 'Hyper-V']);

/** NICs that can be the VM's own: not loopback, bridges or VPN tunnels. */
export const vmNics = (adapters: ExplainedLiveAdapter[]) =>
  adapters.filter((a) => a.category !== 'loopback' && a.mac !== null && a.kind !== 'bridge' && a.category !== 'vpn');

const addressed = (a: ExplainedLiveAdapter) => a.state === 'up' && a.ipv4.some((x) => !isApipa(x.address));

/**
 * The NIC that matters for the symptom: the one on the host's network when the user said where
 * the host is, or the question is about the host; the one holding the default route otherwise.
 * A VM NIC without an address is the likely culprit when the network asked about is missing.
 */
export function pickPrimary(
  adapters: ExplainedLiveAdapter[],
  routes: Route[] | null,
  networks: NicNetwork[] = [],
  options: Pick<DiagnoseOptions, 'hostIp' | 'symptom'> = { symptom: 'auto' },
): ExplainedLiveAdapter | null {
  const candidates = vmNics(adapters);
  const hypervisorMac = (a: ExplainedLiveAdapter) => a.macVendor !== null && HYPERVISOR_VENDORS.has(a.macVendor);
  const unaddressed = candidates.find((a) => hypervisorMac(a) && !addressed(a)) ?? null;
  const hostIp = options.hostIp;
  if (hostIp) {
    const on = networks.find((n) => inNetwork(hostIp, networkOf(n.address, n.prefixLength)));
    if (on) return on.nic;
    if (unaddressed && networks.length > 0) return unaddressed;
  } else if (options.symptom === 'vm-no-ip' && unaddressed) {
    return unaddressed;
  } else if (options.symptom === 'host-cannot-reach-vm' || options.symptom === 'vm-cannot-ping-host') {
    const withHost = networks.find((n) => n.host !== null);
    if (withHost) return withHost.nic;
    if (unaddressed && networks.length > 0) return unaddressed;
  }
  const defaultDev = routes?.find((r) => r.dst === 'default')?.dev;
  return (
    candidates.find((a) => a.name === defaultDev && addressed(a)) ??
    candidates.find((a) => hypervisorMac(a)) ??
    candidates.find((a) => a.name === defaultDev) ??
    candidates.find((a) => a.category === 'physical-ethernet' || a.category === 'physical-wifi') ??
    candidates[0] ??
    null
  );
}

/** MTUs a path is tried at when a full-size packet is lost: common tunnel and PPPoE sizes, down to the IPv4 minimum. */
const MTU_STEPS = [1480, 1460, 1450, 1420, 1400, 1380, 1360, 1300, 1280, 1200, 1000, 576];

/** One echo request, as the registry's question asks it. */
function ping(source: ProbeSource, target: string, purpose: PingResult['purpose'], timeoutMs: number) {
  return askLinux(pingQuestion, { target, purpose }, source, timeoutMs).then(({ data, run }) => ({ result: data, run }));
}

export async function gatherGuestFacts(
  options: DiagnoseOptions,
  listed?: ProbeOutcome<ExplainedLiveAdapter[]>,
  source: ProbeSource = liveSource,
): Promise<GuestFacts> {
  const t = options.timeoutMs;
  const probes: ProbeReport[] = [];

  // Phase 1: local state, all at once.
  const [adapters, routesRun, tablesRun, rulesRun, resolvText, firewallView, ssRun, virtualization, upstream, sshd, linkRun] =
    await Promise.all([
      listed ?? probeLinuxAdapters(t, source),
      runLinuxProbe(routesProbe, source, t),
      runLinuxProbe(routesAllProbe, source, t),
      runLinuxProbe(routingPolicyProbe, source, t),
      readResolvConf(source),
      readFirewall(t, source),
      runLinuxProbe(listeningProbe, source, t),
      readVirtualization(source),
      source
        .readText('/run/systemd/resolve/resolv.conf')
        .then((read) => (read.status === 'ok' ? parseResolvConf(read.text).nameservers : null)),
      sshdState(source, t),
      // Where /etc/resolv.conf points, when it is a link (readlink exits 1 for a plain file).
      runLinuxProbe(resolvConfLinkProbe, source, t),
    ]);
  probes.push(adapters.report, routesRun.report, rulesRun.report, resolvText.report, ...firewallView.reports, ssRun.report);
  const routes = routesRun.data;
  const routing = rulesRun.data && tablesRun.data ? { rules: rulesRun.data, routes: tablesRun.data } : null;
  const defaultGateway = routes?.find((r) => r.dst === 'default' && r.gateway)?.gateway ?? null;
  const resolv = resolvText.text === null ? null : parseResolvConf(resolvText.text);
  const linkTarget = linkRun.data;
  const resolvLink = linkTarget ? { target: linkTarget, dangling: resolvText.missing } : null;

  // Phase 1b: what each addressed NIC's DHCP server said, then what its network is.
  const addressedNics = vmNics(adapters.data ?? []).flatMap((nic) => {
    const own = nic.state === 'up' ? nic.ipv4.find((a) => !isApipa(a.address)) : undefined;
    return own ? [{ nic, own }] : [];
  });
  const leasesStarted = performance.now();
  const leases = await readLeases(
    addressedNics.map(({ nic, own }) => ({ name: nic.name, index: nic.index, address: own.address })),
    t,
    source,
  );
  probes.push({
    id: 'dhcp-leases',
    status: 'ok',
    durationMs: Math.round(performance.now() - leasesStarted),
    command: 'pgrep -a dhclient; dhclient/systemd-networkd lease files; nmcli -t -f DHCP4 device show; dhcpcd -U',
  });
  const networks = addressedNics.map(({ nic, own }) =>
    modelNic(nic, own, leases.get(nic.name) ?? null, {
      hypervisor: virtualization.hypervisor,
      hostIp: options.hostIp ?? null,
      // NetworkManager and systemd-networkd mark the router they took from DHCP.
      dhcpRouter: routes?.find((r) => r.dst === 'default' && r.dev === nic.name && r.protocol === 'dhcp')?.gateway ?? null,
    }),
  );
  const primary = adapters.data ? pickPrimary(adapters.data, routes, networks, options) : null;
  const own = primary?.state === 'up' ? (primary.ipv4.find((a) => !isApipa(a.address)) ?? null) : null;
  const net = networks.find((n) => n.nic.name === primary?.name) ?? null;
  const defaultDev = routes?.find((r) => r.dst === 'default')?.dev ?? null;
  const routeNet = networks.find((n) => n.nic.name === defaultDev) ?? net;

  // Phase 2: packets, all at once; targets come from phase 1.
  const pingJobs: Array<Promise<{ result: PingResult; run: RunResult }>> = [];
  const lookupJobs: Array<Promise<GuestFacts['lookups'][number] | null>> = [];
  const lookup = (target: string, purpose: PingResult['purpose']) =>
    lookupJobs.push(askLinux(routeGetQuestion, { target }, source, t).then(({ data }) => (data ? { ...data, purpose } : null)));
  const up = primary && primary.state === 'up' && own;
  const hostIp = net?.host?.address ?? null;
  if (up) {
    const gatewayPing = defaultGateway ? ping(source, defaultGateway, 'gateway', t) : null;
    if (gatewayPing) pingJobs.push(gatewayPing);
    // The host at the gateway's address is still asked as the host: libvirt, Hyper-V and WSL 2 put it
    // there. One ping answers for both.
    if (hostIp && hostIp === defaultGateway && gatewayPing)
      pingJobs.push(gatewayPing.then((g) => ({ ...g, result: { ...g.result, purpose: 'host' as const } })));
    else if (hostIp) pingJobs.push(ping(source, hostIp, 'host', t));
    if (hostIp) lookup(hostIp, 'host');
    // The gateway and the DNS server too: a container bridge holding the VM network takes them.
    if (defaultGateway && defaultGateway !== hostIp) lookup(defaultGateway, 'gateway');
    // The router this network should have (its lease's, or the product's convention), when the route names another.
    const expected = routeNet?.gateway?.address ?? null;
    if (expected && expected !== defaultGateway && expected !== hostIp) pingJobs.push(ping(source, expected, 'nat-candidate', t));
    const dnsServer = resolv?.nameservers.find((n) => isIpv4(n) && !n.startsWith('127.'));
    if (dnsServer && dnsServer !== defaultGateway && dnsServer !== hostIp) {
      pingJobs.push(ping(source, dnsServer, 'dns', t));
      lookup(dnsServer, 'dns');
    }
    for (const target of options.internetTargets) {
      pingJobs.push(ping(source, target, 'internet', t));
      lookup(target, 'internet');
    }
  }
  const dnsJob = up ? askLinux(dnsLookupQuestion, { name: options.dnsName }, source, t) : Promise.resolve(null);
  const dadJob =
    up && own
      ? askLinux(duplicateAddressQuestion, { interface: primary.name, address: own.address }, source, t)
      : Promise.resolve(null);
  // A static address narrower than /24: does anyone answer ARP beyond its prefix? (A lease says the prefix.)
  const beyond = up && own && !net?.lease ? beyondPrefixTargets(own, options.hostIp) : [];
  const beyondJob = Promise.all(
    beyond.map((target) =>
      askLinux(arpBeyondPrefixQuestion, { interface: primary?.name ?? '', source: own?.address ?? '', target }, source, t).then(
        (answer) => ({ target, answer }),
      ),
    ),
  );
  const routeNic = adapters.data?.find((a) => a.name === defaultDev);
  const sized = (size: number) =>
    askLinuxRun(pingQuestion, { target: defaultGateway ?? '', purpose: 'gateway', size }, source, t);
  const fullSizeJob =
    up && defaultGateway && routeNic?.mtu && routeNic.mtu > 576 ? sized(routeNic.mtu - ICMP_OVERHEAD) : Promise.resolve(null);
  // No address on the NIC that matters: ask its network whether any DHCP server answers, and how.
  const dhcpJob = primary && primary.state === 'up' && !own ? askDhcp(primary.name, source) : Promise.resolve(null);
  const [pingRuns, dnsRun, dadRun, lookups, fullSizeRun, dhcpAsked, beyondRuns] = await Promise.all([
    Promise.all(pingJobs),
    dnsJob,
    dadJob,
    Promise.all(lookupJobs),
    fullSizeJob,
    dhcpJob,
    beyondJob,
  ]);
  let beyondPrefix: GuestFacts['beyondPrefix'] = null;
  if (own && beyondRuns.length > 0) {
    // arping exits 0 with a reply, 1 without; anything else (not installed, refused) says nothing.
    const answered = beyondRuns.flatMap(({ target, answer }) => (answer.data ? [{ address: target, mac: answer.data }] : []));
    const heard = beyondRuns.some(({ answer }) => answer.run.status === 'ok' || answer.run.status === 'exit');
    for (const { answer } of beyondRuns) probes.push(answer.report);
    if (heard) beyondPrefix = { network: formatCidr(networkOf(own.address, 24)), asked: beyond, answered };
  }
  if (dhcpAsked) probes.push(dhcpAsked.report);
  const mtu = await pathMtu(fullSizeRun, routeNic, defaultGateway, pingRuns, sized);
  const beyondGateway = await measureBeyondGateway(options, mtu, pingRuns, routeNic, source);
  if (beyondGateway)
    probes.push({ id: 'path-mtu', status: 'ok', durationMs: beyondGateway.durationMs, command: beyondGateway.command });
  const portal = await portalCheck(pingRuns, source, t);
  if (portal) probes.push({ id: 'captive-portal', status: 'ok', durationMs: portal.durationMs, command: portal.command });
  // Phase 3, a few milliseconds: the neighbour table the pings just filled, and Docker's names for
  // the bridges the lookups went into (or that hold a looked-up address).
  const found = lookups.filter((l) => l !== null);
  const holders = (adapters.data ?? []).filter(
    (a) =>
      DOCKER_NETWORK_BRIDGE.test(a.name) &&
      found.some((l) => l.dev === a.name || (l.local && a.ipv4.some((x) => x.address === l.target))),
  );
  const [neighRun, dockerNetworks] = await Promise.all([
    up ? askLinux(neighboursQuestion, { interface: primary.name }, source, t) : Promise.resolve(null),
    readDockerNetworks(
      holders.map((a) => a.name),
      source,
      t,
    ),
  ]);
  if (neighRun) probes.push(neighRun.report);

  for (const { result, run } of pingRuns) probes.push(packetProbeReport(`ping-${result.purpose}`, run));
  if (fullSizeRun) probes.push(packetProbeReport('ping-full-size', fullSizeRun));
  let dns: GuestFacts['dns'] = null;
  if (dnsRun) {
    probes.push(dnsRun.report);
    dns = {
      name: options.dnsName,
      addresses: dnsRun.data,
      status: reportFromRun('', dnsRun.run).status,
      command: displayCommand(dnsRun.run.argv),
    };
  }
  let duplicate: GuestFacts['duplicate'] = null;
  if (dadRun && own) {
    // arping exits 1 when a reply arrives: a successful probe with a finding. Still running when
    // the window closed: nobody answered.
    const { run } = dadRun;
    const dadReport =
      run.status === 'timeout'
        ? { id: 'duplicate-address', status: 'ok' as const, durationMs: run.durationMs, command: displayCommand(run.argv) }
        : dadRun.report;
    probes.push(dadReport);
    const macs = dadRun.data.filter((m) => m !== primary?.mac);
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
    networks,
    routing,
    lookups: found,
    dockerNetworks,
    defaultGateway,
    resolv,
    resolvLink,
    // "Can the host ping me?": judged for a packet from the host, arriving on the VM's NIC.
    firewall: firewallView.ruleset ? icmpEchoVerdict(firewallView.ruleset, hostIp ?? undefined, primary?.name) : null,
    ruleset: firewallView.ruleset,
    ufw: firewallView.ufw,
    listening: ssRun.data,
    sshd,
    pings: pingRuns.map((p) => p.result),
    neighbours: neighRun?.data ?? new Map(),
    mtu,
    beyondGateway,
    dhcp: dhcpAsked && primary ? { interface: primary.name, answer: dhcpAsked.answer, unavailable: dhcpAsked.unavailable } : null,
    portal,
    dns,
    duplicate,
    beyondPrefix,
    options,
    probes,
  };
}

/** Asked only when the gateway answers and no internet address does: the one case a login page explains. */
async function portalCheck(
  pings: Array<{ result: PingResult }>,
  source: ProbeSource,
  timeoutMs: number,
): Promise<GuestFacts['portal']> {
  const gatewayUp = pings.some((p) => p.result.purpose === 'gateway' && p.result.reachable === true);
  const internet = pings.filter((p) => p.result.purpose === 'internet');
  if (!gatewayUp || internet.length === 0 || internet.some((p) => p.result.reachable !== false)) return null;
  const { run, data } = await runLinuxProbe(captivePortalProbe, source, timeoutMs);
  if (run.status !== 'ok' || !data) return null;
  return { url: PORTAL_PROBE.url, ...data, command: displayCommand(run.argv), durationMs: run.durationMs };
}

/**
 * The full-size verdict, and when a full-size packet was lost while a small one got through, the
 * largest MTU that passes: every step tried at once, so a fault costs one more wait, not twelve.
 */
async function pathMtu(
  fullSizeRun: RunResult | null,
  nic: ExplainedLiveAdapter | undefined,
  gateway: string | null,
  pings: Array<{ result: PingResult }>,
  sized: (size: number) => Promise<RunResult>,
): Promise<GuestFacts['mtu']> {
  const mtu = nic?.mtu;
  if (!fullSizeRun || !nic || !mtu || !gateway) return null;
  const base = { interface: nic.name, mtu, target: gateway };
  const full = pingAnswered(fullSizeRun);
  if (full !== false) return { ...base, fullSize: full, pathMtu: full ? mtu : null };
  const smallAnswers = pings.some((p) => p.result.purpose === 'gateway' && p.result.reachable === true);
  if (!smallAnswers) return { ...base, fullSize: null, pathMtu: null };
  const steps = MTU_STEPS.filter((m) => m < mtu);
  const passed = await Promise.all(steps.map(async (m) => (pingAnswered(await sized(m - ICMP_OVERHEAD)) ? m : 0)));
  const best = Math.max(0, ...passed);
  return { ...base, fullSize: false, pathMtu: best || null };
}

/**
 * The path beyond the gateway, asked when the internet is the question (or everything is) and
 * full-size packets reach the gateway: through the first internet target that answered a small ping.
 */
async function measureBeyondGateway(
  options: DiagnoseOptions,
  gateway: GuestFacts['mtu'],
  pings: Array<{ result: PingResult }>,
  nic: ExplainedLiveAdapter | undefined,
  source: ProbeSource,
): Promise<PathMtu | null> {
  if (options.symptom !== 'vm-no-internet' && options.symptom !== 'auto') return null;
  const answered = pings.find((p) => p.result.purpose === 'internet' && p.result.reachable === true)?.result;
  if (!answered || gateway?.fullSize !== true || !nic?.mtu) return null;
  return measurePathMtu(source, answered.target, nic.mtu, answered.rttMs);
}

async function readResolvConf(source: ProbeSource): Promise<{ text: string | null; missing: boolean; report: ProbeReport }> {
  const started = performance.now();
  const read: FileRead = await source.readText('/etc/resolv.conf');
  const report: ProbeReport = {
    id: 'resolver',
    status: 'ok',
    durationMs: Math.round(performance.now() - started),
    command: 'cat /etc/resolv.conf',
  };
  if (read.status === 'ok') return { text: read.text, missing: false, report };
  // A missing file (or a link to one) is a fact (no nameserver configured), not a probe failure.
  if (read.status === 'missing') return { text: '', missing: true, report };
  return {
    text: null,
    missing: false,
    report: { ...report, status: read.status === 'denied' ? 'unavailable' : 'failed', error: read.message },
  };
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
