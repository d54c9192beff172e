/**
 * The guest-side diagnosis: pure functions from the gathered facts to the wizard's checklist and
 * the findings (common/catalogue), most likely root cause first. A rule that stops early (no
 * link, no address, wrong network) leaves the later checks to the checklist, which skips them
 * because of the check that failed.
 */

import type { CheckId } from '../../common/catalogue/checks.ts';
import type { Check, Finding } from '../../common/domain.ts';
import { cidrOf, inNetwork, isApipa, parseCidr, sameSubnet } from '../net/ipv4.ts';
import { Checklist, declareRule } from './checklist.ts';
import { duplicates, noAddress, otherNics } from './guest-address-rules.ts';
import type { GuestFacts } from './guest-facts.ts';
import { firewallRules } from './guest-firewall-rules.ts';
import { type NicNetwork, networkEvidence } from './guest-network.ts';
import { localNetworkCapture } from './guest-overlap.ts';
import { dnsRule, hostRule, internetRule, portForwardNeeded } from './guest-reach-rules.ts';
import { gatewayRules, mtuRule, vpnCapture } from './guest-route-rules.ts';
import { answeredArp, behindNat, expectedDnsOf, netOf, routeNetwork, wantsHost } from './guest-rule-helpers.ts';

/** What these rules can find. */
export const GUEST_LINK_RULES = declareRule('guest-link-and-subnet', [
  'CABLE_DISCONNECTED',
  'INTERNAL_NETWORK_ISOLATED',
  'LINK_DOWN',
  'WRONG_SUBNET',
]);

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

export function diagnoseGuest(facts: GuestFacts): GuestDiagnosis {
  const list = new Checklist();
  rules(facts, list);
  otherNics(facts, list);
  return list.ordered(GUEST_CHECKS);
}

function rules(facts: GuestFacts, into: Checklist): void {
  const list = into.as(GUEST_LINK_RULES);
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
