/**
 * The guest-side diagnosis: pure functions from the gathered facts to the wizard's checklist and
 * the findings (common/catalogue), most likely root cause first. A rule that stops early (no
 * link, no address, wrong network) leaves the later checks to the checklist, which skips them
 * because of the check that failed.
 */

import type { CheckId } from '../../common/catalogue/checks.ts';
import type { NatOwner } from '../../common/catalogue/findings.ts';
import type { Check, Finding } from '../../common/domain.ts';
import { cidrOf, inNetwork, isApipa, parseCidr, sameSubnet } from '../net/ipv4.ts';
import { isLinkLocalOf } from '../net/mac.ts';
import { DHCP_ASK_SECONDS } from '../probes/linux/dhcp-ask.ts';
import { isLoopbackBind } from '../probes/linux/parsers.ts';
import { inputVerdict } from '../probes/linux/ruleset.ts';
import { Checklist, type CheckRef } from './checklist.ts';
import { type GuestFacts, type PingResult, vmNics } from './guest-facts.ts';
import { type NetworkProduct, type NicNetwork, networkEvidence } from './guest-network.ts';
import { localNetworkCapture } from './guest-overlap.ts';

export interface GuestDiagnosis {
  checks: Check[];
  findings: Finding[];
}

/** The guest's checklist, in the order a packet needs them (dependencies in common/catalogue/checks.ts). */
const GUEST_CHECKS: CheckId[] = [
  'link',
  'ipv4',
  'subnet',
  'duplicate-address',
  'duplicate-mac',
  'default-route',
  'gateway',
  'mtu',
  'routing',
  'host',
  'internet',
  'dns',
  'guest-firewall',
  'service',
];

const pingOf = (facts: GuestFacts, purpose: PingResult['purpose']) => facts.pings.filter((p) => p.purpose === purpose);
/** Why a probe could not answer (missing tool, no rights, timeout), kept as evidence beside the reason id. */
const probeError = (facts: GuestFacts, id: string) => facts.probes.find((p) => p.id === id && p.status !== 'ok')?.error;
const notAnswered = (facts: GuestFacts, probe: string) => {
  const error = probeError(facts, probe);
  return error ? { reason: 'probe-failed' as const, probeError: error } : { reason: 'not-probed' as const };
};
/** A check left unknown because its probe could not answer: the reason id, with the probe's error beside it. */
function unknownBecause(list: Checklist, id: CheckRef, facts: GuestFacts, probe: string, evidence: Record<string, unknown> = {}) {
  const why = notAnswered(facts, probe);
  list.because(id, 'unknown', why.reason, { ...evidence, ...why });
}

/** What ARP says of an address: the MAC that answered, "none" when nobody did, null when unknown. */
function arpOf(facts: GuestFacts, address: string | null | undefined): string | 'none' | null {
  const n = address ? facts.neighbours.get(address) : undefined;
  if (!n) return null;
  const failed = n.state.includes('FAILED') || n.state.includes('INCOMPLETE');
  if (n.mac && !failed) return n.mac;
  return failed ? 'none' : null;
}
const arpMac = (arp: string | null) => (arp && arp !== 'none' ? arp : null);
/** A neighbour that answered ARP (an entry with a MAC that is not FAILED or INCOMPLETE). */
const answeredArp = (n: { mac: string | null; state: string[] }) =>
  n.mac !== null && !n.state.includes('FAILED') && !n.state.includes('INCOMPLETE');

/** The product's maker, named in texts only when the evidence identified the product. */
const VENDOR_OF: Record<NetworkProduct, string | null> = {
  'vmware-nat': 'VMware',
  'vmware-hostonly': 'VMware',
  'virtualbox-nat': 'VirtualBox',
  'virtualbox-natnetwork': 'VirtualBox',
  'virtualbox-hostonly': 'VirtualBox',
  libvirt: 'libvirt',
  'hyperv-default': 'Hyper-V',
  lan: null,
};
const NAT_OWNER_OF: Partial<Record<NetworkProduct, NatOwner>> = {
  'vmware-nat': 'vmware',
  'virtualbox-nat': 'virtualbox',
  'virtualbox-natnetwork': 'virtualbox',
  libvirt: 'libvirt',
  'hyperv-default': 'hyperv',
};
/** The maker named in texts: of the identified product, or of the assumed one whose convention answered. */
const vendorOf = (n: NicNetwork | null) => {
  const product = n?.product ?? n?.assumed;
  return product ? VENDOR_OF[product] : null;
};
const wantsHost = (facts: GuestFacts) =>
  facts.options.symptom === 'host-cannot-reach-vm' || facts.options.symptom === 'vm-cannot-ping-host';
const netOf = (facts: GuestFacts, name: string | null | undefined) => facts.networks.find((n) => n.nic.name === name) ?? null;

/**
 * The network the default route leaves through; without one, the network that has a router (its
 * lease offered one), so a missing route is blamed on the NIC that should carry it.
 */
function routeNetwork(facts: GuestFacts, primary: NicNetwork | null): NicNetwork | null {
  const defaultDev = facts.routes?.find((r) => r.dst === 'default')?.dev;
  return (
    netOf(facts, defaultDev) ??
    (primary && !primary.hostOnly ? primary : null) ??
    facts.networks.find((n) => n.gateway !== null && !n.hostOnly) ??
    primary
  );
}

export function diagnoseGuest(facts: GuestFacts): GuestDiagnosis {
  const list = new Checklist();
  rules(facts, list);
  otherNics(facts, list);
  return list.ordered(GUEST_CHECKS);
}

/**
 * Every other NIC the hypervisor gave this VM: one that is down or has no address is said as
 * information (the symptom's NIC comes first; a VM may leave a NIC unused on purpose).
 */
function otherNics(facts: GuestFacts, list: Checklist) {
  for (const nic of vmNics(facts.adapters ?? [])) {
    if (nic.name === facts.primary?.name || nic.macVendor === null) continue;
    if (nic.state === 'disabled' || nic.state === 'down')
      list.found(
        'LINK_DOWN',
        { interface: nic.name, disabled: nic.state === 'disabled', other: true },
        { interface: nic.name, state: nic.state },
      );
    else if (!nic.ipv4.some((a) => !isApipa(a.address))) {
      const apipa = nic.ipv4.find((a) => isApipa(a.address))?.address ?? null;
      list.found('NO_IPV4', { interface: nic.name, apipa, other: true }, { interface: nic.name, addresses: nic.ipv4 });
    }
  }
}

/**
 * No address: what the network answered when asked just now decides the cause — nobody answers
 * or a server refuses (the network will not have this VM), or a server offers one (the VM's
 * client gave up). Not asked (not root, no dhclient): the plain "no address".
 */
function noAddress(facts: GuestFacts, list: Checklist, p: NonNullable<GuestFacts['primary']>, apipa: string | null) {
  const asked = facts.dhcp?.interface === p.name ? facts.dhcp : null;
  const answer = asked?.answer ?? null;
  const evidence = { interface: p.name, addresses: p.ipv4, mac: p.mac, answer, unavailable: asked?.unavailable ?? null };
  if (asked) list.check('dhcp-answer', !answer ? 'unknown' : answer.outcome === 'offered' ? 'pass' : 'fail', evidence);
  if (answer && answer.outcome !== 'offered') {
    list.found(
      'BRIDGE_NO_LEASE',
      {
        interface: p.name,
        outcome: answer.outcome,
        server: answer.outcome === 'refused' ? answer.server : null,
        mac: p.mac,
        hypervisor: facts.virtualization.hypervisor,
        seconds: DHCP_ASK_SECONDS,
      },
      evidence,
    );
    return;
  }
  const offered = answer?.outcome === 'offered' ? { offered: answer.address, server: answer.server } : {};
  list.found('NO_IPV4', { interface: p.name, apipa, ...offered }, evidence);
}

function rules(facts: GuestFacts, list: Checklist): void {
  // 1. The interface.
  const p = facts.primary;
  if (!p) {
    list.check('link', facts.adapters ? 'fail' : 'unknown', { adapters: facts.adapters?.map((a) => a.name) ?? null });
    if (facts.adapters) {
      const adapters = facts.adapters.map((a) => a.name);
      list.found('CABLE_DISCONNECTED', { vm: null, nic: null, adapters }, { adapters });
    }
    return;
  }
  const linkEvidence = {
    interface: p.name,
    state: p.state,
    mac: p.mac,
    macVendor: p.macVendor,
    hypervisor: facts.virtualization.hypervisor,
    dmi: [facts.virtualization.sysVendor, facts.virtualization.productName].filter(Boolean).join(' / ') || null,
    command: 'ip -d -j addr show',
  };
  if (p.state === 'disabled' || p.state === 'down') {
    list.check('link', 'fail', linkEvidence);
    list.found('LINK_DOWN', { interface: p.name, disabled: p.state === 'disabled' }, linkEvidence);
    return;
  }
  list.check('link', 'pass', linkEvidence);

  // 2. An address.
  const own = facts.ownIp;
  if (!own) {
    const apipa = p.ipv4.find((a) => isApipa(a.address))?.address ?? null;
    list.check('ipv4', 'fail', { interface: p.name, addresses: p.ipv4 });
    noAddress(facts, list, p, apipa);
    return;
  }
  const ownCidr = `${own.address}/${own.prefixLength}`;
  const network = cidrOf(own.address, own.prefixLength);
  const net = netOf(facts, p.name);
  list.check('ipv4', 'pass', { interface: p.name, address: ownCidr, ...(net ? { network: networkEvidence(net) } : {}) });

  // 3. The right network: the expected one is the host's, when the user gave it; and a prefix that
  // the network contradicts (neighbours answering beyond it) is the address's fault, named as such.
  const hostIp = facts.options.hostIp ?? null;
  const beyond = facts.beyondPrefix?.answered ?? [];
  const sharesSlash24 = hostIp !== null && own.prefixLength > 24 && sameSubnet(own.address, hostIp, 24);
  if (beyond.length > 0 || (hostIp && sharesSlash24 && !sameSubnet(own.address, hostIp, own.prefixLength))) {
    const network = facts.beyondPrefix?.network ?? cidrOf(own.address, 24);
    const evidence = {
      address: ownCidr,
      hostIp,
      network,
      answeredBeyondPrefix: beyond,
      askedBeyondPrefix: facts.beyondPrefix?.asked ?? [],
      inferredFrom: beyond.length ? 'arp-beyond-prefix' : '--host-ip',
      command: `arping -c 1 -s ${own.address} -I ${p.name} …`,
    };
    list.check('subnet', 'fail', evidence);
    list.found(
      'WRONG_SUBNET',
      {
        interface: p.name,
        address: ownCidr,
        hostIp: hostIp ?? beyond[0]?.address ?? null,
        hostNetwork: network,
        prefix: 24,
        answeredBy: beyond.map((b) => b.address),
      },
      evidence,
    );
    return;
  }
  if (hostIp && !sameSubnet(own.address, hostIp, own.prefixLength)) {
    const evidence = { address: ownCidr, hostIp, inferredFrom: '--host-ip' };
    list.check('subnet', 'fail', evidence);
    // A VirtualBox VM whose segment has peers that answer, but no router and no host: an internal
    // network, where the host never is — by design, and no address of this VM would change that.
    const peers = [...facts.neighbours]
      .filter(([ip, n]) => inNetwork(ip, parseCidr(network) ?? { network: ip, prefixLength: 32 }) && answeredArp(n))
      .map(([ip]) => ip);
    const vbox = p.macVendor === 'VirtualBox' || (p.macVendor === null && facts.virtualization.hypervisor === 'VirtualBox');
    if (vbox && peers.length > 0 && !facts.defaultGateway && !net?.lease?.routers.length) {
      list.found(
        'INTERNAL_NETWORK_ISOLATED',
        { vm: null, network, host: hostIp, peers },
        { ...evidence, peers, defaultGateway: null, lease: net?.lease ?? null, command: 'ip -j neigh show' },
      );
      return;
    }
    list.found(
      'WRONG_SUBNET',
      { interface: p.name, address: ownCidr, hostIp, hostNetwork: cidrOf(hostIp, own.prefixLength) },
      evidence,
    );
    return;
  }
  list.check('subnet', hostIp ? 'pass' : 'unknown', { address: ownCidr, hostIp, inferredFrom: hostIp ? '--host-ip' : null });

  duplicates(facts, list, p, own.address);
  const routeNet = routeNetwork(facts, net);
  const { gateway, gatewayPing, natPing, hostOnly, expectedGateway } = gatewayRules(facts, list, routeNet);
  mtuRule(facts, list);
  // A network inside the VM (Docker's) that holds the VM network's addresses, else a VPN's routes.
  const local = localNetworkCapture(facts, list, net).captures;
  const captured = local.length > 0 ? { host: false, internet: false } : vpnCapture(facts, list);
  const dnsServer = facts.resolv?.nameservers.find((n) => n === facts.defaultGateway) ? facts.defaultGateway : null;
  const dnsTaken = local.includes('dns') || (dnsServer !== null && local.includes('gateway'));
  if (local.includes('host')) list.because('host', 'skip', 'local-network-capture');
  else if (captured.host) list.because('host', 'skip', 'vpn-capture');
  else if (behindNat(net) && wantsHost(facts)) portForwardNeeded(facts, list, net as NicNetwork);
  else hostRule(facts, list, network, net, { gatewayPing, natPing });
  const internetUp = internetRule(facts, list, { gateway, gatewayPing, hostOnly, routeNet, captured: captured.internet });
  if (dnsTaken) list.because('dns', 'skip', 'local-network-capture');
  else
    dnsRule(facts, list, routeNet?.nic.name ?? p.name, {
      hostOnly,
      internetUp: internetUp || captured.internet,
      expectedDns: expectedDnsOf(facts, routeNet, expectedGateway ?? (gateway && !list.has('GATEWAY_MISMATCH') ? gateway : null)),
    });
  firewallRules(facts, list, p.name, network, own, net);
}

/** 6a. A packet as large as the NIC sends reaches the gateway; when not, the size that does. */
function mtuRule(facts: GuestFacts, list: Checklist) {
  beyondGatewayRule(facts, list);
  const m = facts.mtu;
  if (!m) return; // not probed: the checklist skips it (no gateway, or its check failed)
  const evidence = { ...m, command: `ping -M do -s ${m.mtu - 28} ${m.target}` };
  if (m.fullSize) list.check('mtu', 'pass', evidence);
  else if (m.fullSize === false && m.pathMtu) {
    list.check('mtu', 'fail', evidence);
    list.found('MTU_MISMATCH', { interface: m.interface, mtu: m.mtu, pathMtu: m.pathMtu, target: m.target }, evidence);
  } else list.because('mtu', 'unknown', 'not-probed', evidence);
}

/**
 * 8a. Beyond the gateway, when the internet is the question: a path that narrows and says so is
 * fine (the VM's TCP adapts); one that narrows silently is MTU_MISMATCH where it narrows. When the
 * internet target answers no ping at all, the path's size cannot be told.
 */
function beyondGatewayRule(facts: GuestFacts, list: Checklist) {
  const b = facts.beyondGateway;
  const gateway = facts.mtu?.target ?? facts.defaultGateway;
  if (!b) {
    const asked = facts.options.symptom === 'vm-no-internet' || facts.options.symptom === 'auto';
    const internet = pingOf(facts, 'internet');
    if (asked && facts.mtu?.fullSize && internet.length > 0 && internet.every((i) => i.reachable === false))
      list.because('path-mtu', 'unknown', 'icmp-filtered', { targets: internet.map((i) => i.target) });
    return;
  }
  // The timing stays in the probe's report: evidence is what the network said, the same on replay.
  const { durationMs: _, ...measured } = b;
  const evidence = { ...measured, gateway, gatewayPassesFullSize: true };
  if (b.fullSize || b.told !== null) list.check('path-mtu', 'pass', evidence);
  else if (b.pathMtu) {
    list.check('path-mtu', 'fail', evidence);
    list.found(
      'MTU_MISMATCH',
      { interface: facts.mtu?.interface ?? '', mtu: b.mtu, pathMtu: b.pathMtu, target: b.target, beyond: gateway },
      evidence,
    );
  } else list.because('path-mtu', 'unknown', 'probe-failed', evidence);
}

const behindNat = (n: NicNetwork | null) => n?.product === 'virtualbox-nat' || n?.product === 'virtualbox-natnetwork';

/** A DNS server to suggest: the lease's (or the product's) when it is not one that just failed, else the working gateway. */
function expectedDnsOf(facts: GuestFacts, n: NicNetwork | null, fallback: string | null): string | null {
  const failing = new Set(facts.dns?.addresses.length ? [] : (facts.resolv?.nameservers ?? []));
  const candidate = n?.dns.find((d) => !failing.has(d.address))?.address ?? null;
  return candidate ?? (fallback && !failing.has(fallback) ? fallback : null);
}

/**
 * The host cannot open connections into VirtualBox NAT (or a NAT Network): a port forward on the
 * host is the way in. VirtualBox numbers NAT networks 10.0.(N+1).0/24 for adapter N.
 */
function portForwardNeeded(facts: GuestFacts, list: Checklist, n: NicNetwork) {
  const natNetwork = n.product === 'virtualbox-natnetwork';
  const third = Number(n.address.split('.')[2]);
  const nic = !natNetwork && n.address.startsWith('10.0.') && third >= 2 && third <= 9 ? third - 1 : null;
  list.because('host', 'skip', 'behind-nat', networkEvidence(n));
  const ports = facts.options.servicePorts.length > 0 ? facts.options.servicePorts : [22];
  for (const port of ports) {
    list.found(
      'PORT_FORWARD_NEEDED',
      { vm: null, nic, port, hostPort: port < 1024 ? 2200 + port : port, running: null, guestIp: n.address, natNetwork },
      networkEvidence(n),
    );
  }
}

/** Devices that are tunnels: a VPN by name or driver, or a tun/wireguard/ppp kind. */
function tunnels(facts: GuestFacts): Set<string> {
  return new Set(
    (facts.adapters ?? [])
      .filter((a) => a.category === 'vpn' || ['tun', 'tap', 'wireguard', 'ppp'].includes(a.kind ?? ''))
      .map((a) => a.name),
  );
}

/**
 * 6b. Where the kernel really sends the host's and the internet's packets (`ip route get`, which
 * follows every policy rule and table). Into a tunnel where nothing answers: VPN_ROUTE_CAPTURE,
 * naming the rule or routes that do it.
 */
function vpnCapture(facts: GuestFacts, list: Checklist): { host: boolean; internet: boolean } {
  const none = { host: false, internet: false };
  if (facts.routing === null) {
    unknownBecause(list, 'routing', facts, 'routing-policy');
    return none;
  }
  const vpn = tunnels(facts);
  const lookups = facts.lookups.map((l) => ({ target: l.target, purpose: l.purpose, dev: l.dev, table: l.table }));
  const internetUp = pingOf(facts, 'internet').some((i) => i.reachable);
  const captured = facts.lookups.filter(
    (l) => l.dev !== null && vpn.has(l.dev) && (l.purpose === 'host' || (l.purpose === 'internet' && !internetUp)),
  );
  const first = captured.find((l) => l.purpose === 'host') ?? captured[0];
  if (!first?.dev) {
    list.check('routing', 'pass', { lookups, tunnels: [...vpn] });
    return none;
  }
  const device = first.dev;
  const routing = facts.routing;
  const rule = first.table
    ? routing.rules.filter((r) => r.table === first.table).sort((a, b) => a.priority - b.priority)[0]
    : undefined;
  const inMain = routing.routes.filter((r) => r.table === null && r.dev === device);
  const halves = ['0.0.0.0/1', '128.0.0.0/1'].filter((h) => inMain.some((r) => r.dst === h));
  const covers = (dst: string) => {
    const net = dst === 'default' ? null : parseCidr(dst);
    return dst === 'default' || (net !== null && inNetwork(first.target, net));
  };
  const containing = inMain.filter((r) => covers(r.dst)).map((r) => r.dst);
  const routes = rule ? [] : halves.length === 2 ? halves : containing;
  const evidence = {
    lookups,
    device,
    rule: rule ?? null,
    routes,
    internetAnswers: internetUp,
    command: 'ip -j route get …; ip -j rule show; ip -j route show table all',
  };
  list.check('routing', 'fail', evidence);
  list.found(
    'VPN_ROUTE_CAPTURE',
    {
      device,
      captures: first.purpose === 'host' ? 'host' : 'internet',
      target: first.target,
      how: rule ? 'rule' : 'routes',
      priority: rule?.priority ?? null,
      table: rule?.table ?? null,
      routes,
    },
    evidence,
  );
  return {
    host: captured.some((l) => l.purpose === 'host'),
    internet: captured.some((l) => l.purpose === 'internet'),
  };
}

/** 4. Nobody else uses the address or the MAC (cloned VMs). */
function duplicates(facts: GuestFacts, list: Checklist, p: NonNullable<GuestFacts['primary']>, address: string) {
  // A clone with our MAC shows itself through IPv6: the kernel's duplicate address detection
  // finds our MAC-made link-local address taken.
  const macClash = p.mac ? (p.duplicateIpv6 ?? []).find((a) => isLinkLocalOf(a, p.mac ?? '')) : undefined;
  if (macClash && p.mac) {
    const evidence = { mac: p.mac, linkLocal: macClash, how: 'ipv6-dad', command: `ip -d -j addr show (${p.name}: dadfailed)` };
    list.check('duplicate-mac', 'fail', evidence);
    list.found(
      'DUPLICATE_MAC',
      { mac: p.mac, interface: p.name, linkLocal: macClash, vms: [], network: null, hypervisor: null, vm: null, nic: null },
      evidence,
    );
  } else if (p.mac && p.ipv6.some((a) => isLinkLocalOf(a, p.mac ?? ''))) {
    list.check('duplicate-mac', 'pass', {
      mac: p.mac,
      how: 'ipv6-dad',
      linkLocal: p.ipv6.find((a) => isLinkLocalOf(a, p.mac ?? '')),
    });
  } else {
    // Only a MAC-made (EUI-64) link-local address tells a clone by its MAC; stable-privacy ones do not.
    list.because('duplicate-mac', 'unknown', 'no-mac-link-local', { mac: p.mac, ipv6: p.ipv6 });
  }
  if (facts.duplicate && facts.duplicate.macs.length > 0) {
    const leased = p.ipv4.some((a) => a.address === address && a.dynamic === true);
    const evidence = {
      address,
      answeredBy: facts.duplicate.macs,
      ownMac: p.mac,
      leasedFromDhcp: leased,
      command: `arping -D -c 1 -w 1 -I ${p.name} ${address}`,
    };
    list.check('duplicate-address', 'fail', evidence);
    list.found('DUPLICATE_IP', { interface: p.name, address, macs: facts.duplicate.macs, leased }, evidence);
  } else if (facts.duplicate) {
    list.check('duplicate-address', 'pass', { address });
  } else {
    unknownBecause(list, 'duplicate-address', facts, 'duplicate-address', { address });
  }
}

/**
 * 5–6. The gateway of the network the default route uses (or should use): set, on-link, and the
 * router that network's DHCP lease names, or, without a lease, the product's router that answered.
 */
function gatewayRules(facts: GuestFacts, list: Checklist, rn: NicNetwork | null) {
  const p = rn?.nic ?? (facts.primary as NonNullable<GuestFacts['primary']>);
  const own = rn ? { address: rn.address, prefixLength: rn.prefixLength } : (facts.ownIp as NonNullable<GuestFacts['ownIp']>);
  const network = cidrOf(own.address, own.prefixLength);
  const ownCidr = `${own.address}/${own.prefixLength}`;
  const gateway = facts.defaultGateway;
  const gatewayPing = pingOf(facts, 'gateway')[0];
  const natPing = pingOf(facts, 'nat-candidate')[0];
  const hostPing = pingOf(facts, 'host')[0];
  const vendor = vendorOf(rn);
  // The router this network expects: what its DHCP server said, else the product's that answered.
  const leased = rn?.gateway && rn.gateway.from !== 'convention' ? rn.gateway.address : null;
  const answered = rn?.gateway?.from === 'convention' && natPing?.reachable ? natPing.target : null;
  const expectedGateway = leased ?? answered;
  const expectedFrom = leased ? ('dhcp-lease' as const) : answered ? ('answered' as const) : null;
  const inferredFrom = rn ? networkEvidence(rn) : null;
  // A host-only network (VMware VMnet1, VirtualBox host-only) has no gateway by design: its DHCP
  // lease offered no router, or the host is there (answering ping, or ARP when its firewall drops
  // ping) while no router answers. Missing internet is then expected, not a fault.
  const hostThere = hostPing?.reachable === true || arpMac(arpOf(facts, hostPing?.target)) !== null;
  // A static address on a product's host-only range (VirtualBox 192.168.56.x) whose host answers:
  // the convention confirmed by an answer, and that network has no router to miss.
  const assumedHostOnly = rn?.assumed === 'virtualbox-hostonly' || rn?.assumed === 'vmware-hostonly';
  const hostOnly = !gateway && (rn?.hostOnly === true || (hostThere && (natPing?.reachable === false || assumedHostOnly)));
  if (!gateway && hostOnly) {
    const evidence = {
      routes: facts.routes,
      host: hostPing?.target ?? rn?.host?.address ?? null,
      leaseOffersRouter: rn?.lease ? rn.lease.routers.length > 0 : null,
      natDeviceAnswers: natPing?.reachable ?? null,
      hostAnswers: hostPing?.reachable ? 'ping' : hostThere ? 'arp' : null,
      network: inferredFrom,
    };
    list.because('default-route', 'skip', 'host-only', evidence);
    if (facts.options.symptom === 'vm-no-internet') {
      list.found(
        'NO_DEFAULT_ROUTE',
        {
          interface: p.name,
          network,
          hostOnly: true,
          host: hostPing?.target ?? rn?.host?.address ?? null,
          expected: null,
          expectedFrom: null,
          vendor,
        },
        evidence,
      );
    }
    list.because('gateway', 'skip', 'host-only');
  } else if (!gateway) {
    // Without a lease or an answer, the product's convention is the last resort, and says so.
    const conventional = rn?.gateway?.from === 'convention' ? rn.gateway.address : null;
    const suggestion = expectedGateway ?? conventional;
    const from = expectedFrom ?? (suggestion ? ('convention' as const) : null);
    const evidence = { routes: facts.routes, expectedGateway: suggestion, expectedFrom: from, network: inferredFrom };
    list.check('default-route', 'fail', evidence);
    list.found(
      'NO_DEFAULT_ROUTE',
      { interface: p.name, network, hostOnly: false, host: null, expected: suggestion, expectedFrom: from, vendor },
      evidence,
    );
  } else {
    list.check('default-route', 'pass', { gateway, command: 'ip -j route show' });
    const offLink = !sameSubnet(own.address, gateway, own.prefixLength);
    // A gateway through which the internet answers works, whatever a convention says (a LAN whose
    // router is .1 while a NAS answers at .2 is healthy).
    const internet = pingOf(facts, 'internet');
    const works = internet.some((i) => i.reachable);
    const beyondSilent = internet.length > 0 && internet.every((i) => i.reachable === false);
    // The route leaves through a network with no router (host-only) while another NIC's lease names one.
    const elsewhere =
      rn?.hostOnly && !works
        ? facts.networks.find((n) => n !== rn && !n.hostOnly && n.gateway?.from === 'dhcp-lease')
        : undefined;
    const expected = elsewhere?.gateway?.address ?? expectedGateway;
    // Not the router this network names (its lease's, or the product's that answered): a fault when
    // it is the host, when it is silent, or when nothing beyond it answers — never blamed on the NAT.
    const notTheRouter =
      !works &&
      expected !== null &&
      gateway !== expected &&
      (elsewhere !== undefined || gateway === rn?.host?.address || !gatewayPing?.reachable || beyondSilent);
    if (offLink || notTheRouter) {
      const evidence = {
        gateway,
        expectedGateway: expected,
        expectedFrom: elsewhere ? 'dhcp-lease' : expectedFrom,
        gatewayAnswers: gatewayPing?.reachable ?? null,
        network: inferredFrom,
        offLink,
        ...(elsewhere ? { routerOn: networkEvidence(elsewhere) } : {}),
      };
      list.check('gateway', 'fail', evidence);
      list.found(
        'GATEWAY_MISMATCH',
        {
          interface: elsewhere ? elsewhere.nic.name : p.name,
          gateway,
          expected,
          address: elsewhere ? `${elsewhere.address}/${elsewhere.prefixLength}` : ownCidr,
          offLink,
          vendor: elsewhere ? vendorOf(elsewhere) : vendor,
          expectedFrom: elsewhere ? 'dhcp-lease' : expectedFrom,
          ...(elsewhere ? { via: p.name } : {}),
        },
        evidence,
      );
    } else {
      const answers = gatewayPing?.reachable ?? null;
      const evidence = { gateway, answers, command: gatewayPing?.command };
      if (answers === null) unknownBecause(list, 'gateway', facts, 'ping-gateway', evidence);
      else list.check('gateway', answers ? 'pass' : 'fail', evidence);
    }
  }
  return { gateway, gatewayPing, natPing, hostOnly, expectedGateway };
}

/** 7. The host answers; when it is there (ARP) but silent, its firewall drops ping. */
function hostRule(
  facts: GuestFacts,
  list: Checklist,
  network: string,
  net: NicNetwork | null,
  seen: { gatewayPing?: PingResult; natPing?: PingResult },
) {
  const hostPing = pingOf(facts, 'host')[0];
  if (!hostPing) {
    list.because('host', 'skip', 'host-unknown');
    return;
  }
  const arp = arpOf(facts, hostPing.target);
  const evidence = {
    host: hostPing.target,
    answers: hostPing.reachable,
    arp,
    inferredFrom:
      net?.host?.from === '--host-ip'
        ? '--host-ip'
        : { from: net?.host?.from ?? null, network: net ? networkEvidence(net) : null },
    command: hostPing.command,
  };
  // The host drops ping rather than being absent when someone else answers, or it answers ARP.
  const somethingAnswers = seen.gatewayPing?.reachable || seen.natPing?.reachable || arpMac(arp) !== null;
  // Not even ARP from the host while the LAN's router answers, on a KVM VM that is not on libvirt's
  // NAT: attached "direct" (macvtap), which never reaches its own host — no firewall drops ARP.
  const vendor = net?.nic.macVendor ?? null;
  const kvm = vendor === 'QEMU/KVM' || (vendor === null && facts.virtualization.hypervisor === 'QEMU/KVM');
  if (hostPing.reachable === false && arp === 'none' && seen.gatewayPing?.reachable && kvm && net?.product !== 'libvirt') {
    list.check('host', 'fail', evidence);
    list.found(
      'MACVTAP_HOST_ISOLATION',
      { devices: [], lower: '', interface: net?.nic.name ?? '', host: hostPing.target },
      { ...evidence, gatewayAnswers: true, hypervisor: 'QEMU/KVM' },
    );
    return;
  }
  if (hostPing.reachable === false && somethingAnswers) {
    list.check('host', 'fail', evidence);
    list.found('HOST_UNREACHABLE', { host: hostPing.target, arpMac: arpMac(arp), subnet: network }, evidence);
  } else if (hostPing.reachable === null) {
    unknownBecause(list, 'host', facts, 'ping-host', evidence);
  } else {
    list.check('host', hostPing.reachable ? 'pass' : 'unknown', evidence);
  }
}

/** 8. Beyond the gateway. Returns whether any internet target answered. */
function internetRule(
  facts: GuestFacts,
  list: Checklist,
  seen: { gateway: string | null; gatewayPing?: PingResult; hostOnly: boolean; routeNet: NicNetwork | null; captured: boolean },
): boolean {
  const internet = pingOf(facts, 'internet');
  const internetUp = internet.some((i) => i.reachable);
  const targets = internet.map((i) => ({ target: i.target, answers: i.reachable }));
  if (seen.captured) list.because('internet', 'skip', 'vpn-capture', { targets });
  else if (seen.hostOnly) list.because('internet', 'skip', 'host-only');
  else if (internet.length === 0) list.because('internet', 'skip', 'no-internet-target');
  else if (internetUp) list.check('internet', 'pass', { targets });
  else if (internet.every((i) => i.reachable === null)) unknownBecause(list, 'internet', facts, 'ping-internet');
  else if (facts.portal && !facts.portal.expected && facts.portal.status !== null) {
    // The gateway answers, the internet does not, and plain web gets a login page: a captive portal.
    const evidence = { targets, ...facts.portal };
    list.check('internet', 'fail', evidence);
    list.found('CAPTIVE_PORTAL', { location: facts.portal.location, status: facts.portal.status }, evidence);
  } else if (seen.gateway && !list.has('GATEWAY_MISMATCH')) {
    const gatewayArp = arpOf(facts, seen.gateway);
    const evidence = {
      gateway: seen.gateway,
      gatewayAnswers: seen.gatewayPing?.reachable ?? null,
      gatewayArp,
      targets,
      network: seen.routeNet ? networkEvidence(seen.routeNet) : null,
    };
    list.check('internet', 'fail', evidence);
    list.found(
      'NO_INTERNET',
      {
        gateway: seen.gateway,
        gatewayAnswers: seen.gatewayPing?.reachable ?? null,
        gatewayArpSilent: gatewayArp === 'none',
        owner: seen.routeNet?.product ? (NAT_OWNER_OF[seen.routeNet.product] ?? null) : null,
      },
      evidence,
    );
  } else list.because('internet', 'skip', 'gateway-unusable', { targets });
  return internetUp;
}

/** 9. Names. */
function dnsRule(
  facts: GuestFacts,
  list: Checklist,
  iface: string,
  seen: { hostOnly: boolean; internetUp: boolean; expectedDns: string | null },
) {
  const nameservers = facts.resolv?.nameservers ?? null;
  const internet = pingOf(facts, 'internet');
  if (seen.hostOnly) list.because('dns', 'skip', 'host-only');
  else if (facts.dns === null) list.because('dns', 'skip', 'not-probed');
  else if (facts.dns.status === 'unavailable') unknownBecause(list, 'dns', facts, 'dns-lookup', { nameservers });
  else if (facts.dns.addresses.length > 0)
    list.check('dns', 'pass', {
      name: facts.dns.name,
      addresses: facts.dns.addresses,
      nameservers,
      resolvedUpstream: facts.resolvedUpstream,
    });
  else if (!seen.internetUp && internet.length > 0 && !(nameservers?.length === 0))
    list.because('dns', 'skip', 'nothing-beyond-gateway', { nameservers });
  else {
    // A link to a file that is gone: its resolver (systemd-resolved, NetworkManager) does not run,
    // so nothing writes the file through it; the fix replaces the link by a plain file.
    const dangling = facts.resolvLink?.dangling ? facts.resolvLink.target : null;
    const managedBy = dangling ? null : (facts.resolv?.managedBy ?? null);
    const evidence = {
      name: facts.dns.name,
      result: facts.dns.status,
      nameservers,
      command: facts.dns.command,
      suggestedDns: seen.expectedDns,
      resolvConfWrittenBy: managedBy,
      resolvConfLink: facts.resolvLink,
    };
    list.check('dns', 'fail', evidence);
    list.found(
      'DNS_BROKEN',
      {
        interface: iface,
        name: facts.dns.name,
        nameservers: nameservers ?? [],
        suggested: seen.expectedDns,
        managedBy,
        danglingLink: dangling,
      },
      evidence,
    );
  }
}

/** 10–11. The VM's own firewall and the service the host wants to reach. */
function firewallRules(
  facts: GuestFacts,
  list: Checklist,
  iface: string,
  network: string,
  own: { address: string; prefixLength: number },
  net: NicNetwork | null,
) {
  if (facts.firewall === null) unknownBecause(list, 'guest-firewall', facts, 'firewall');
  else if (facts.firewall.drops) {
    list.check('guest-firewall', 'fail', { rules: facts.firewall.rules, command: 'nft -j list ruleset' });
    list.found('GUEST_FIREWALL_BLOCKS_ICMP', { rules: facts.firewall.rules, subnet: network }, { rules: facts.firewall.rules });
  } else list.check('guest-firewall', 'pass', { rules: facts.firewall.rules });

  const ports =
    facts.options.servicePorts.length > 0
      ? facts.options.servicePorts
      : facts.options.symptom === 'host-cannot-reach-vm'
        ? [22]
        : [];
  if (ports.length === 0) return list.because('service', 'skip', 'no-service-port');
  if (facts.listening === null) return list.because('service', 'unknown', notAnswered(facts, 'listening').reason, { ports });
  const on = (port: number) => (facts.listening ?? []).filter((l) => l.port === port);
  const missing = ports.filter((port) => on(port).length === 0);
  // Listening on 127.0.0.1 / ::1 only: the VM itself can connect, nothing outside it can.
  const loopbackOnly = ports.filter((port) => on(port).length > 0 && on(port).every((l) => isLoopbackBind(l.address)));
  // The packet judged comes from the host (given, or as the network's evidence places it); behind
  // NAT it arrives from the NAT engine, the gateway.
  const source = net?.host?.address ?? facts.defaultGateway ?? own.address;
  const ruleset = facts.ruleset;
  const blocked = ruleset
    ? ports
        .filter((port) => !missing.includes(port) && !loopbackOnly.includes(port))
        .map((port) => ({ port, verdict: inputVerdict(ruleset, { kind: 'tcp', port }, source, iface) }))
        .filter((b) => b.verdict.drops)
    : [];
  list.check('service', missing.length || loopbackOnly.length || blocked.length ? 'fail' : 'pass', {
    ports,
    listening: facts.listening,
    blockedByFirewall: blocked.map((b) => ({ port: b.port, rules: b.verdict.rules })),
    command: 'ss -Htln; nft -j list ruleset; iptables-save',
  });
  const ufw = facts.ufw?.active === true;
  for (const { port, verdict } of blocked) {
    list.found(
      'GUEST_FIREWALL_BLOCKS_PORT',
      { port, rules: verdict.rules, ufw, subnet: network },
      { port, rules: verdict.rules, source, ...(ufw ? { ufw: { active: true, incoming: facts.ufw?.incoming ?? null } } : {}) },
    );
  }
  for (const port of loopbackOnly) {
    const listeners = on(port);
    list.found(
      'SERVICE_BOUND_TO_LOOPBACK',
      {
        port,
        addresses: listeners.map((l) => l.address),
        process: listeners.find((l) => l.process)?.process ?? null,
        vmAddress: own.address,
      },
      { port, listeners, command: 'ss -Htlnp' },
    );
  }
  for (const port of missing) {
    const sshd = port !== 22 ? null : facts.sshd.installed ? 'stopped' : 'not-installed';
    list.found(
      'SERVICE_NOT_LISTENING',
      { port, sshd },
      { port, listening: facts.listening, ...(port === 22 ? { sshd: facts.sshd } : {}) },
    );
  }
}
