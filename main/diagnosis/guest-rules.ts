/**
 * The guest-side diagnosis: pure functions from the gathered facts to the wizard's checklist and
 * the findings (common/catalogue), most likely root cause first. A rule that stops early (no
 * link, no address, wrong network) leaves the later checks to the checklist, which skips them
 * because of the check that failed.
 */
import type { CheckId } from '../../common/catalogue/checks.ts';
import type { Check, Finding } from '../../common/domain.ts';
import { cidrOf, isApipa, sameSubnet } from '../net/ipv4.ts';
import { isLinkLocalOf } from '../net/mac.ts';
import { isLoopbackBind } from '../probes/linux/parsers.ts';
import { inputVerdict } from '../probes/linux/ruleset.ts';
import { Checklist } from './checklist.ts';
import { conventionalHost, type GuestFacts, natCandidateFor, type PingResult } from './guest-facts.ts';

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
  'default-route',
  'gateway',
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
function unknownBecause(list: Checklist, id: string, facts: GuestFacts, probe: string, evidence: Record<string, unknown> = {}) {
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

export function diagnoseGuest(facts: GuestFacts): GuestDiagnosis {
  const list = new Checklist();
  rules(facts, list);
  return list.ordered(GUEST_CHECKS);
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
    list.found('NO_IPV4', { interface: p.name, apipa }, { interface: p.name, addresses: p.ipv4 });
    return;
  }
  const ownCidr = `${own.address}/${own.prefixLength}`;
  const network = cidrOf(own.address, own.prefixLength);
  list.check('ipv4', 'pass', { interface: p.name, address: ownCidr });

  // 3. The right network: the expected one is the host's, when the user gave it.
  const hostIp = facts.options.hostIp ?? null;
  if (hostIp && !sameSubnet(own.address, hostIp, own.prefixLength)) {
    const evidence = { address: ownCidr, hostIp, inferredFrom: '--host-ip' };
    list.check('subnet', 'fail', evidence);
    list.found(
      'WRONG_SUBNET',
      { interface: p.name, address: ownCidr, hostIp, hostNetwork: cidrOf(hostIp, own.prefixLength) },
      evidence,
    );
    return;
  }
  list.check('subnet', hostIp ? 'pass' : 'unknown', { address: ownCidr, hostIp, inferredFrom: hostIp ? '--host-ip' : null });

  duplicates(facts, list, p, own.address);
  const { gateway, gatewayPing, natPing, hostOnly, expectedGateway } = gatewayRules(facts, list, network, ownCidr);
  hostRule(facts, list, network, { gatewayPing, natPing });
  const internetUp = internetRule(facts, list, { gateway, gatewayPing, hostOnly });
  dnsRule(facts, list, p.name, {
    hostOnly,
    internetUp,
    expectedDns: expectedGateway ?? (gateway && !list.has('GATEWAY_MISMATCH') ? gateway : null),
  });
  firewallRules(facts, list, p.name, network, own);
}

/** 4. Nobody else uses the address or the MAC (cloned VMs). */
function duplicates(facts: GuestFacts, list: Checklist, p: NonNullable<GuestFacts['primary']>, address: string) {
  // A clone with our MAC shows itself through IPv6: the kernel's duplicate address detection
  // finds our MAC-made link-local address taken.
  const macClash = p.mac ? (p.duplicateIpv6 ?? []).find((a) => isLinkLocalOf(a, p.mac ?? '')) : undefined;
  if (macClash && p.mac) {
    const evidence = { mac: p.mac, linkLocal: macClash, how: 'ipv6-dad', command: `ip -d -j addr show (${p.name}: dadfailed)` };
    list.check('duplicate-address', 'fail', evidence);
    list.found(
      'DUPLICATE_MAC',
      { mac: p.mac, interface: p.name, linkLocal: macClash, vms: [], network: null, hypervisor: null, vm: null, nic: null },
      evidence,
    );
  } else if (facts.duplicate && facts.duplicate.macs.length > 0) {
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

/** 5–6. The gateway: set, on-link, and the network's NAT device rather than the host. */
function gatewayRules(facts: GuestFacts, list: Checklist, network: string, ownCidr: string) {
  const p = facts.primary as NonNullable<GuestFacts['primary']>;
  const own = facts.ownIp as NonNullable<GuestFacts['ownIp']>;
  const gateway = facts.defaultGateway;
  const gatewayPing = pingOf(facts, 'gateway')[0];
  const natPing = pingOf(facts, 'nat-candidate')[0];
  const hostPing = pingOf(facts, 'host')[0];
  const natCandidate = natCandidateFor(p, own);
  const expectedGateway = natPing?.reachable ? natPing.target : null;
  const inferredFrom = expectedGateway ? { natDevice: expectedGateway, answered: true, vendor: p.macVendor, mac: p.mac } : null;
  // A host-only network (VMware VMnet1, VirtualBox host-only) has no gateway by design: the host
  // is there but no NAT device is. Missing internet is then expected, not a fault. "There" means
  // answering ping or, when its firewall drops ping (the classic), at least ARP.
  const hostThere = hostPing?.reachable === true || arpMac(arpOf(facts, hostPing?.target)) !== null;
  const hostOnly = !gateway && hostThere && natPing?.reachable === false;
  if (!gateway && hostOnly) {
    const evidence = {
      routes: facts.routes,
      host: hostPing?.target,
      natDeviceAnswers: natPing?.reachable ?? null,
      hostAnswers: hostPing?.reachable ? 'ping' : 'arp',
    };
    list.because('default-route', 'skip', 'host-only', evidence);
    if (facts.options.symptom === 'vm-no-internet') {
      list.found(
        'NO_DEFAULT_ROUTE',
        {
          interface: p.name,
          network,
          hostOnly: true,
          host: hostPing?.target ?? null,
          expected: null,
          expectedFrom: null,
          vendor: p.macVendor,
        },
        evidence,
      );
    }
    list.because('gateway', 'skip', 'host-only');
  } else if (!gateway) {
    const suggestion = expectedGateway ?? natCandidate;
    const evidence = {
      routes: facts.routes,
      expectedGateway: suggestion,
      inferredFrom: inferredFrom ?? (suggestion ? 'convention' : null),
    };
    list.check('default-route', 'fail', evidence);
    list.found(
      'NO_DEFAULT_ROUTE',
      {
        interface: p.name,
        network,
        hostOnly: false,
        host: null,
        expected: suggestion,
        expectedFrom: expectedGateway ? 'answered' : suggestion ? 'convention' : null,
        vendor: p.macVendor,
      },
      evidence,
    );
  } else {
    list.check('default-route', 'pass', { gateway, command: 'ip -j route show' });
    const offLink = !sameSubnet(own.address, gateway, own.prefixLength);
    const pointsAtHost =
      expectedGateway !== null &&
      gateway !== expectedGateway &&
      (gateway === (facts.options.hostIp ?? conventionalHost(p, own)) || !gatewayPing?.reachable);
    if (offLink || pointsAtHost) {
      const evidence = { gateway, expectedGateway, gatewayAnswers: gatewayPing?.reachable ?? null, inferredFrom, offLink };
      list.check('gateway', 'fail', evidence);
      list.found(
        'GATEWAY_MISMATCH',
        { interface: p.name, gateway, expected: expectedGateway, address: ownCidr, offLink, vendor: p.macVendor },
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
function hostRule(facts: GuestFacts, list: Checklist, network: string, seen: { gatewayPing?: PingResult; natPing?: PingResult }) {
  const p = facts.primary as NonNullable<GuestFacts['primary']>;
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
    inferredFrom: facts.options.hostIp ? '--host-ip' : { convention: 'host-is-first-address', vendor: p.macVendor },
    command: hostPing.command,
  };
  // The host drops ping rather than being absent when someone else answers, or it answers ARP.
  const somethingAnswers = seen.gatewayPing?.reachable || seen.natPing?.reachable || arpMac(arp) !== null;
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
  seen: { gateway: string | null; gatewayPing?: PingResult; hostOnly: boolean },
): boolean {
  const internet = pingOf(facts, 'internet');
  const internetUp = internet.some((i) => i.reachable);
  const targets = internet.map((i) => ({ target: i.target, answers: i.reachable }));
  if (seen.hostOnly) list.because('internet', 'skip', 'host-only');
  else if (internet.length === 0) list.because('internet', 'skip', 'no-internet-target');
  else if (internetUp) list.check('internet', 'pass', { targets });
  else if (internet.every((i) => i.reachable === null)) unknownBecause(list, 'internet', facts, 'ping-internet');
  else if (seen.gateway && !list.has('GATEWAY_MISMATCH')) {
    const gatewayArp = arpOf(facts, seen.gateway);
    const evidence = { gateway: seen.gateway, gatewayAnswers: seen.gatewayPing?.reachable ?? null, gatewayArp, targets };
    list.check('internet', 'fail', evidence);
    list.found(
      'NO_INTERNET',
      { gateway: seen.gateway, gatewayAnswers: seen.gatewayPing?.reachable ?? null, gatewayArpSilent: gatewayArp === 'none' },
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
    const managedBy = facts.resolv?.managedBy ?? null;
    const evidence = {
      name: facts.dns.name,
      result: facts.dns.status,
      nameservers,
      command: facts.dns.command,
      suggestedDns: seen.expectedDns,
      resolvConfWrittenBy: managedBy,
    };
    list.check('dns', 'fail', evidence);
    list.found(
      'DNS_BROKEN',
      { interface: iface, name: facts.dns.name, nameservers: nameservers ?? [], suggested: seen.expectedDns, managedBy },
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
  const p = facts.primary as NonNullable<GuestFacts['primary']>;
  // The packet judged comes from the host: the given one, else the network's first address (convention).
  const source = facts.options.hostIp ?? conventionalHost(p, own) ?? own.address;
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
