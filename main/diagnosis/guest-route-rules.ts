/**
 * The guest's way out: the default route and its gateway (wrong, missing, silent), the MTU to the
 * gateway and beyond it, and a VPN inside the VM that captures the host's or the internet's traffic.
 */
import { cidrOf, inNetwork, parseCidr, sameSubnet } from '../net/ipv4.ts';
import { type Checklist, declareRule } from './checklist.ts';
import type { GuestFacts } from './guest-facts.ts';
import { type NicNetwork, networkEvidence } from './guest-network.ts';
import { arpMac, arpOf, pingOf, tunnels, unknownBecause, vendorOf } from './guest-rule-helpers.ts';

/** What these rules can find. */
export const GUEST_ROUTE_RULES = declareRule('guest-route', [
  'GATEWAY_MISMATCH',
  'MTU_MISMATCH',
  'NO_DEFAULT_ROUTE',
  'VPN_ROUTE_CAPTURE',
]);

/** 6a. A packet as large as the NIC sends reaches the gateway; when not, the size that does. */
export function mtuRule(facts: GuestFacts, into: Checklist) {
  const list = into.as(GUEST_ROUTE_RULES);
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
export function beyondGatewayRule(facts: GuestFacts, into: Checklist) {
  const list = into.as(GUEST_ROUTE_RULES);
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

/**
 * 6b. Where the kernel really sends the host's and the internet's packets (`ip route get`, which
 * follows every policy rule and table). Into a tunnel where nothing answers: VPN_ROUTE_CAPTURE,
 * naming the rule or routes that do it.
 */
export function vpnCapture(facts: GuestFacts, into: Checklist): { host: boolean; internet: boolean } {
  const list = into.as(GUEST_ROUTE_RULES);
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

/**
 * 5–6. The gateway of the network the default route uses (or should use): set, on-link, and the
 * router that network's DHCP lease names, or, without a lease, the product's router that answered.
 */
export function gatewayRules(facts: GuestFacts, into: Checklist, rn: NicNetwork | null) {
  const list = into.as(GUEST_ROUTE_RULES);
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
