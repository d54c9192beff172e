/**
 * The guest-side diagnosis: pure functions from the gathered facts to the wizard's checklist and
 * the findings (common/catalogue). Each rule declares how far the symptom's NIC must get for it to
 * have anything to judge (a link, an address, the right network) and reads only the facts and
 * what guest-view.ts derives from them, never another rule's findings: they run in any order, and
 * the checks a rule did not reach are skipped by the checklist, naming the check that failed.
 */

import type { CheckId } from '../../common/catalogue/checks.ts';
import type { Check, Finding } from '../../common/domain.ts';
import { cidrOf, isApipa } from '../net/ipv4.ts';
import { Checklist, declareRule } from './checklist.ts';
import { duplicates, noAddress, otherNics } from './guest-address-rules.ts';
import type { GuestFacts } from './guest-facts.ts';
import { firewallRules } from './guest-firewall-rules.ts';
import { networkEvidence } from './guest-network.ts';
import { localNetworkRule } from './guest-overlap.ts';
import { dnsRule, hostRule, internetRule } from './guest-reach-rules.ts';
import { gatewayRule, mtuRule, vpnRule } from './guest-route-rules.ts';
import { type GuestPath, type GuestStage, type GuestView, guestView, reaches } from './guest-view.ts';

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

/**
 * One rule of a guest, with the stage it needs: the first hops' rules read the view, the rest the
 * path past them (which exists only once the NIC is up, addressed and on the right network).
 */
export type GuestRule =
  | {
      readonly name: string;
      readonly needs: Exclude<GuestStage, 'network'>;
      readonly run: (facts: GuestFacts, view: GuestView, list: Checklist) => void;
    }
  | {
      readonly name: string;
      readonly needs: 'network';
      readonly run: (facts: GuestFacts, path: GuestPath, list: Checklist) => void;
    };

/** The rules, in any order: the report is the same (checks by the catalogue's order, findings ranked from the path). */
export const GUEST_RULES: readonly GuestRule[] = [
  { name: 'link', needs: 'nothing', run: linkRule },
  { name: 'address', needs: 'link', run: addressRule },
  { name: 'subnet', needs: 'address', run: subnetRule },
  { name: 'duplicates', needs: 'network', run: duplicates },
  { name: 'gateway', needs: 'network', run: gatewayRule },
  { name: 'mtu', needs: 'network', run: (facts, _path, list) => mtuRule(facts, list) },
  { name: 'local-network', needs: 'network', run: localNetworkRule },
  { name: 'vpn', needs: 'network', run: vpnRule },
  { name: 'host', needs: 'network', run: hostRule },
  { name: 'internet', needs: 'network', run: internetRule },
  { name: 'dns', needs: 'network', run: dnsRule },
  { name: 'guest-firewall', needs: 'network', run: firewallRules },
  { name: 'other-nics', needs: 'nothing', run: (facts, _view, list) => otherNics(facts, list) },
];

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

export function diagnoseGuest(facts: GuestFacts, rules: readonly GuestRule[] = GUEST_RULES): GuestDiagnosis {
  const list = new Checklist();
  const view = guestView(facts);
  for (const rule of rules) {
    if (rule.needs === 'network') {
      if (view.path) rule.run(facts, view.path, list);
    } else if (reaches(view.stage, rule.needs)) rule.run(facts, view, list);
  }
  return list.ordered(GUEST_CHECKS);
}

/** 1. The interface: there, and its link up. */
function linkRule(facts: GuestFacts, view: GuestView, into: Checklist) {
  const list = into.as(GUEST_LINK_RULES);
  const p = view.nic;
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
  if (view.stage === 'nothing') {
    list.check('link', 'fail', linkEvidence);
    list.found('LINK_DOWN', { interface: p.name, disabled: p.state === 'disabled' }, linkEvidence);
  } else list.check('link', 'pass', linkEvidence);
}

/** 2. An address (guest-address-rules.ts says why there is none). */
function addressRule(facts: GuestFacts, view: GuestView, list: Checklist) {
  const p = view.nic;
  if (!p) return;
  const own = view.own;
  if (!own) {
    const apipa = p.ipv4.find((a) => isApipa(a.address))?.address ?? null;
    list.check('ipv4', 'fail', { interface: p.name, addresses: p.ipv4 });
    return noAddress(facts, list, p, apipa);
  }
  const net = view.net;
  list.check('ipv4', 'pass', {
    interface: p.name,
    address: `${own.address}/${own.prefixLength}`,
    ...(net ? { network: networkEvidence(net) } : {}),
  });
}

/**
 * 3. The right network: the expected one is the host's, when the user gave it; and a prefix that
 * the network contradicts (neighbours answering beyond it) is the address's fault, named as such.
 */
function subnetRule(facts: GuestFacts, view: GuestView, into: Checklist) {
  const list = into.as(GUEST_LINK_RULES);
  const { nic: p, own, subnet } = view;
  if (!p || !own || !subnet) return;
  const ownCidr = `${own.address}/${own.prefixLength}`;
  const hostIp = facts.options.hostIp ?? null;
  if (subnet.kind === 'right')
    return list.check('subnet', hostIp ? 'pass' : 'unknown', {
      address: ownCidr,
      hostIp,
      inferredFrom: hostIp ? '--host-ip' : null,
    });
  if (subnet.kind === 'prefix') {
    const { network, beyond } = subnet;
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
  const evidence = { address: ownCidr, hostIp: subnet.hostIp, inferredFrom: '--host-ip' };
  list.check('subnet', 'fail', evidence);
  // A VirtualBox VM whose segment has peers that answer, but no router and no host: an internal
  // network, where the host never is — by design, and no address of this VM would change that.
  if (subnet.kind === 'internal') {
    const { network, peers } = subnet;
    list.found(
      'INTERNAL_NETWORK_ISOLATED',
      { vm: null, network, host: subnet.hostIp, peers },
      { ...evidence, peers, defaultGateway: null, lease: view.net?.lease ?? null, command: 'ip -j neigh show' },
    );
    return;
  }
  list.found(
    'WRONG_SUBNET',
    { interface: p.name, address: ownCidr, hostIp: subnet.hostIp, hostNetwork: cidrOf(subnet.hostIp, own.prefixLength) },
    evidence,
  );
}
