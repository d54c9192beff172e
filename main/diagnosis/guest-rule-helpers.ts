/**
 * What the guest's rules share: pings by purpose, why a probe could not answer, what ARP says of
 * an address, the product's maker for the texts, the network a route uses, the DNS server to suggest.
 */
import type { NatOwner } from '../../common/catalogue/findings.ts';
import type { Checklist, CheckRef } from './checklist.ts';
import type { GuestFacts, PingResult } from './guest-facts.ts';
import type { NetworkProduct, NicNetwork } from './guest-network.ts';

export const pingOf = (facts: GuestFacts, purpose: PingResult['purpose']) => facts.pings.filter((p) => p.purpose === purpose);
/** Why a probe could not answer (missing tool, no rights, timeout), kept as evidence beside the reason id. */
export const probeError = (facts: GuestFacts, id: string) => facts.probes.find((p) => p.id === id && p.status !== 'ok')?.error;
export const notAnswered = (facts: GuestFacts, probe: string) => {
  const error = probeError(facts, probe);
  return error ? { reason: 'probe-failed' as const, probeError: error } : { reason: 'not-probed' as const };
};
/** A check left unknown because its probe could not answer: the reason id, with the probe's error beside it. */
export function unknownBecause(
  list: Checklist,
  id: CheckRef,
  facts: GuestFacts,
  probe: string,
  evidence: Record<string, unknown> = {},
) {
  const why = notAnswered(facts, probe);
  list.because(id, 'unknown', why.reason, { ...evidence, ...why });
}

/** What ARP says of an address: the MAC that answered, "none" when nobody did, null when unknown. */
export function arpOf(facts: GuestFacts, address: string | null | undefined): string | 'none' | null {
  const n = address ? facts.neighbours.get(address) : undefined;
  if (!n) return null;
  const failed = n.state.includes('FAILED') || n.state.includes('INCOMPLETE');
  if (n.mac && !failed) return n.mac;
  return failed ? 'none' : null;
}
export const arpMac = (arp: string | null) => (arp && arp !== 'none' ? arp : null);
/** A neighbour that answered ARP (an entry with a MAC that is not FAILED or INCOMPLETE). */
export const answeredArp = (n: { mac: string | null; state: string[] }) =>
  n.mac !== null && !n.state.includes('FAILED') && !n.state.includes('INCOMPLETE');

/** The product's maker, named in texts only when the evidence identified the product. */
export const VENDOR_OF: Record<NetworkProduct, string | null> = {
  'vmware-nat': 'VMware',
  'vmware-hostonly': 'VMware',
  'virtualbox-nat': 'VirtualBox',
  'virtualbox-natnetwork': 'VirtualBox',
  'virtualbox-hostonly': 'VirtualBox',
  libvirt: 'libvirt',
  'hyperv-default': 'Hyper-V',
  lan: null,
};
export const NAT_OWNER_OF: Partial<Record<NetworkProduct, NatOwner>> = {
  'vmware-nat': 'vmware',
  'virtualbox-nat': 'virtualbox',
  'virtualbox-natnetwork': 'virtualbox',
  libvirt: 'libvirt',
  'hyperv-default': 'hyperv',
};
/** The maker named in texts: of the identified product, or of the assumed one whose convention answered. */
export const vendorOf = (n: NicNetwork | null) => {
  const product = n?.product ?? n?.assumed;
  return product ? VENDOR_OF[product] : null;
};
export const wantsHost = (facts: GuestFacts) =>
  facts.options.symptom === 'host-cannot-reach-vm' || facts.options.symptom === 'vm-cannot-ping-host';
export const netOf = (facts: GuestFacts, name: string | null | undefined) =>
  facts.networks.find((n) => n.nic.name === name) ?? null;

/**
 * The network the default route leaves through; without one, the network that has a router (its
 * lease offered one), so a missing route is blamed on the NIC that should carry it.
 */
export function routeNetwork(facts: GuestFacts, primary: NicNetwork | null): NicNetwork | null {
  const defaultDev = facts.routes?.find((r) => r.dst === 'default')?.dev;
  return (
    netOf(facts, defaultDev) ??
    (primary && !primary.hostOnly ? primary : null) ??
    facts.networks.find((n) => n.gateway !== null && !n.hostOnly) ??
    primary
  );
}

export const behindNat = (n: NicNetwork | null) => n?.product === 'virtualbox-nat' || n?.product === 'virtualbox-natnetwork';

/** A DNS server to suggest: the lease's (or the product's) when it is not one that just failed, else the working gateway. */
export function expectedDnsOf(facts: GuestFacts, n: NicNetwork | null, fallback: string | null): string | null {
  const failing = new Set(facts.dns?.addresses.length ? [] : (facts.resolv?.nameservers ?? []));
  const candidate = n?.dns.find((d) => !failing.has(d.address))?.address ?? null;
  return candidate ?? (fallback && !failing.has(fallback) ? fallback : null);
}

/** Devices that are tunnels: a VPN by name or driver, or a tun/wireguard/ppp kind. */
export function tunnels(facts: GuestFacts): Set<string> {
  return new Set(
    (facts.adapters ?? [])
      .filter((a) => a.category === 'vpn' || ['tun', 'tap', 'wireguard', 'ppp'].includes(a.kind ?? ''))
      .map((a) => a.name),
  );
}
