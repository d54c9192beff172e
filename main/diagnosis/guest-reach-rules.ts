/**
 * What the guest reaches: the host (and its firewall when it is there but silent), the internet
 * beyond the gateway, names (DNS), and a VirtualBox NAT VM the host can reach only through a forward.
 */
import { type Checklist, declareRule } from './checklist.ts';
import type { GuestFacts } from './guest-facts.ts';
import { type NicNetwork, networkEvidence } from './guest-network.ts';
import {
  arpMac,
  arpOf,
  behindNat,
  expectedDnsOf,
  NAT_OWNER_OF,
  pingOf,
  unknownBecause,
  wantsHost,
} from './guest-rule-helpers.ts';
import type { GuestPath } from './guest-view.ts';

/** What these rules can find. */
export const GUEST_REACH_RULES = declareRule('guest-reach', [
  'CAPTIVE_PORTAL',
  'DNS_BROKEN',
  'HOST_UNREACHABLE',
  'MACVTAP_HOST_ISOLATION',
  'NO_INTERNET',
  'PORT_FORWARD_NEEDED',
]);

/**
 * The host cannot open connections into VirtualBox NAT (or a NAT Network): a port forward on the
 * host is the way in. VirtualBox numbers NAT networks 10.0.(N+1).0/24 for adapter N.
 */
export function portForwardNeeded(facts: GuestFacts, into: Checklist, n: NicNetwork) {
  const list = into.as(GUEST_REACH_RULES);
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

/**
 * 7. The host answers; when it is there (ARP) but silent, its firewall drops ping. Not asked when
 * a network inside the VM or a VPN takes the host's packets (their rules say so), and behind
 * VirtualBox's NAT, where the host comes in only through a port forward.
 */
export function hostRule(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_REACH_RULES);
  if (path.local?.captures.includes('host')) return list.because('host', 'skip', 'local-network-capture');
  if (path.vpn?.host) return list.because('host', 'skip', 'vpn-capture');
  const net = path.net;
  if (net && behindNat(net) && wantsHost(facts)) return portForwardNeeded(facts, list, net);
  const { network } = path;
  const seen = path.gateway;
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

/** 8. Beyond the gateway: a VPN's capture and a gateway the gateway rule blames are said there, not here. */
export function internetRule(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_REACH_RULES);
  const internet = pingOf(facts, 'internet');
  const internetUp = path.internetUp;
  const targets = internet.map((i) => ({ target: i.target, answers: i.reachable }));
  const seen = { ...path.gateway, routeNet: path.routeNet };
  if (path.vpn?.internet) list.because('internet', 'skip', 'vpn-capture', { targets });
  else if (seen.hostOnly) list.because('internet', 'skip', 'host-only');
  else if (internet.length === 0) list.because('internet', 'skip', 'no-internet-target');
  else if (internetUp) list.check('internet', 'pass', { targets });
  else if (internet.every((i) => i.reachable === null)) unknownBecause(list, 'internet', facts, 'ping-internet');
  else if (facts.portal && !facts.portal.expected && facts.portal.status !== null) {
    // The gateway answers, the internet does not, and plain web gets a login page: a captive portal.
    const evidence = { targets, ...facts.portal };
    list.check('internet', 'fail', evidence);
    list.found('CAPTIVE_PORTAL', { location: facts.portal.location, status: facts.portal.status }, evidence);
  } else if (seen.gateway && !seen.mismatch) {
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
}

/**
 * 9. Names. Not asked when a network inside the VM takes the DNS server's packets (or the
 * gateway's, when the gateway is the DNS server): the overlap rule says so.
 */
export function dnsRule(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_REACH_RULES);
  const { gateway, expectedGateway, mismatch } = path.gateway;
  const gatewayIsDns = gateway !== null && (facts.resolv?.nameservers ?? []).includes(gateway);
  const taken = path.local?.captures ?? [];
  if (taken.includes('dns') || (gatewayIsDns && taken.includes('gateway')))
    return list.because('dns', 'skip', 'local-network-capture');
  const iface = path.routeNet?.nic.name ?? path.nic.name;
  const seen = {
    hostOnly: path.gateway.hostOnly,
    internetUp: path.internetUp || path.vpn?.internet === true,
    expectedDns: expectedDnsOf(facts, path.routeNet, expectedGateway ?? (gateway && !mismatch ? gateway : null)),
  };
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
