/**
 * The guest's way out: the default route and its gateway (wrong, missing, silent), the MTU to the
 * gateway and beyond it, and a VPN inside the VM that captures the host's or the internet's traffic.
 */
import { cidrOf } from '../net/ipv4.ts';
import { type Checklist, declareRule } from './checklist.ts';
import type { GuestFacts } from './guest-facts.ts';
import { networkEvidence } from './guest-network.ts';
import { pingOf, unknownBecause, vendorOf } from './guest-rule-helpers.ts';
import type { GuestPath } from './guest-view.ts';

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
 * 6b. Into a tunnel where nothing answers (guest-vpn-capture.ts): VPN_ROUTE_CAPTURE, naming the
 * rule or routes that do it. Not asked when a network inside the VM already took the packets.
 */
export function vpnRule(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_ROUTE_RULES);
  if (path.local) return;
  const vpn = path.vpn;
  if (!vpn) return unknownBecause(list, 'routing', facts, 'routing-policy');
  if (!vpn.first) return list.check('routing', 'pass', { lookups: vpn.lookups, tunnels: vpn.tunnels });
  const { lookup, rule, routes } = vpn.first;
  const evidence = {
    lookups: vpn.lookups,
    device: lookup.dev,
    rule,
    routes,
    internetAnswers: vpn.internetAnswers,
    command: 'ip -j route get …; ip -j rule show; ip -j route show table all',
  };
  list.check('routing', 'fail', evidence);
  list.found(
    'VPN_ROUTE_CAPTURE',
    {
      device: lookup.dev,
      captures: lookup.purpose === 'host' ? 'host' : 'internet',
      target: lookup.target,
      how: rule ? 'rule' : 'routes',
      priority: rule?.priority ?? null,
      table: rule?.table ?? null,
      routes,
    },
    evidence,
  );
}

/**
 * 5–6. The gateway of the network the default route uses (or should use): set, on-link, and the
 * router that network's DHCP lease names, or, without a lease, the product's router that answered
 * (guest-view.ts decides which; this says it).
 */
export function gatewayRule(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_ROUTE_RULES);
  const rn = path.routeNet;
  const g = path.gateway;
  const { nic: p, gateway, gatewayPing, natPing, hostPing, expectedGateway, expectedFrom } = g;
  const network = cidrOf(g.own.address, g.own.prefixLength);
  const vendor = vendorOf(rn);
  const inferredFrom = rn ? networkEvidence(rn) : null;
  if (!gateway && g.hostOnly) {
    const evidence = {
      routes: facts.routes,
      host: hostPing?.target ?? rn?.host?.address ?? null,
      leaseOffersRouter: rn?.lease ? rn.lease.routers.length > 0 : null,
      natDeviceAnswers: natPing?.reachable ?? null,
      hostAnswers: hostPing?.reachable ? 'ping' : g.hostThere ? 'arp' : null,
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
    if (g.mismatch) {
      const { offLink, expected, elsewhere } = g.mismatch;
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
          address: elsewhere ? `${elsewhere.address}/${elsewhere.prefixLength}` : `${g.own.address}/${g.own.prefixLength}`,
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
}
