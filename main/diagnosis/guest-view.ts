/**
 * What the guest's rules read besides the facts, derived from the facts alone — never from what
 * another rule wrote — so that the rules run in any order (issue 25). How far a packet gets on
 * its first hops (a NIC whose link is up, an address, the right network) decides which rules have
 * anything to judge; past them, the answers several rules share: the network the default route
 * leaves through, its gateway (and whether it is the one that network expects), and whether a
 * network inside the VM or a VPN takes the packets for the host, the gateway or the internet.
 */
import { cidrOf, inNetwork, parseCidr, sameSubnet } from '../net/ipv4.ts';
import type { GuestFacts, PingResult } from './guest-facts.ts';
import { type LocalCapture, localCaptureOf } from './guest-local-capture.ts';
import type { NicNetwork } from './guest-network.ts';
import { answeredArp, arpMac, arpOf, netOf, pingOf, routeNetwork } from './guest-rule-helpers.ts';
import { type VpnCapture, vpnCaptureOf } from './guest-vpn-capture.ts';

export type GuestNic = NonNullable<GuestFacts['primary']>;
export type OwnAddress = NonNullable<GuestFacts['ownIp']>;

/** How far the symptom's NIC gets: each stage holds the ones before it. */
export const GUEST_STAGES = ['nothing', 'link', 'address', 'network'] as const;
export type GuestStage = (typeof GUEST_STAGES)[number];
export const reaches = (stage: GuestStage, needed: GuestStage) => GUEST_STAGES.indexOf(stage) >= GUEST_STAGES.indexOf(needed);

/** Whether the address is on the network the host (or the neighbours beyond its prefix) say it should be. */
export type SubnetVerdict =
  | { kind: 'right' }
  /** Neighbours answer beyond the prefix, or the host shares the address's /24 but not its prefix: the prefix is wrong. */
  | { kind: 'prefix'; network: string; hostIp: string | null; beyond: Array<{ address: string; mac: string }> }
  /** A VirtualBox internal network: peers answer, no router, no host — by design. */
  | { kind: 'internal'; hostIp: string; network: string; peers: string[] }
  /** The host the user named is on another network. */
  | { kind: 'other'; hostIp: string };

export function subnetVerdict(facts: GuestFacts, p: GuestNic, own: OwnAddress, net: NicNetwork | null): SubnetVerdict {
  const hostIp = facts.options.hostIp ?? null;
  const beyond = facts.beyondPrefix?.answered ?? [];
  const sharesSlash24 = hostIp !== null && own.prefixLength > 24 && sameSubnet(own.address, hostIp, 24);
  if (beyond.length > 0 || (hostIp && sharesSlash24 && !sameSubnet(own.address, hostIp, own.prefixLength)))
    return { kind: 'prefix', network: facts.beyondPrefix?.network ?? cidrOf(own.address, 24), hostIp, beyond };
  if (!hostIp || sameSubnet(own.address, hostIp, own.prefixLength)) return { kind: 'right' };
  const network = cidrOf(own.address, own.prefixLength);
  const segment = parseCidr(network) ?? { network: own.address, prefixLength: 32 };
  const peers = [...facts.neighbours].filter(([ip, n]) => inNetwork(ip, segment) && answeredArp(n)).map(([ip]) => ip);
  const vbox = p.macVendor === 'VirtualBox' || (p.macVendor === null && facts.virtualization.hypervisor === 'VirtualBox');
  if (vbox && peers.length > 0 && !facts.defaultGateway && !net?.lease?.routers.length)
    return { kind: 'internal', hostIp, network, peers };
  return { kind: 'other', hostIp };
}

/** The gateway of the network the default route uses (or should use), and the router that network expects. */
export interface GatewayView {
  /** The NIC and address of that network (the symptom's NIC when no network is known). */
  nic: GuestNic;
  own: OwnAddress;
  gateway: string | null;
  gatewayPing: PingResult | undefined;
  natPing: PingResult | undefined;
  hostPing: PingResult | undefined;
  /** The host is there: it answers ping, or ARP when its firewall drops ping. */
  hostThere: boolean;
  /** A network without a router by design (VMware VMnet1, VirtualBox host-only), and no default route. */
  hostOnly: boolean;
  /** The router this network expects: what its DHCP server said, else the product's that answered. */
  expectedGateway: string | null;
  expectedFrom: 'dhcp-lease' | 'answered' | null;
  /** A default route whose gateway is off-link or not the router the network names; null when it is fine or absent. */
  mismatch: { offLink: boolean; expected: string | null; elsewhere: NicNetwork | undefined } | null;
}

export function gatewayOf(facts: GuestFacts, rn: NicNetwork | null, p: GuestNic, own: OwnAddress): GatewayView {
  const nic = rn?.nic ?? p;
  const at = rn ? { address: rn.address, prefixLength: rn.prefixLength } : own;
  const gateway = facts.defaultGateway;
  const gatewayPing = pingOf(facts, 'gateway')[0];
  const natPing = pingOf(facts, 'nat-candidate')[0];
  const hostPing = pingOf(facts, 'host')[0];
  const leased = rn?.gateway && rn.gateway.from !== 'convention' ? rn.gateway.address : null;
  const answered = rn?.gateway?.from === 'convention' && natPing?.reachable ? natPing.target : null;
  const expectedGateway = leased ?? answered;
  const expectedFrom = leased ? ('dhcp-lease' as const) : answered ? ('answered' as const) : null;
  // A host-only network has no gateway by design: its DHCP lease offered no router, or the host is
  // there while no router answers. A static address on a product's host-only range whose host
  // answers: the convention confirmed by an answer, and that network has no router to miss.
  const hostThere = hostPing?.reachable === true || arpMac(arpOf(facts, hostPing?.target)) !== null;
  const assumedHostOnly = rn?.assumed === 'virtualbox-hostonly' || rn?.assumed === 'vmware-hostonly';
  const hostOnly = !gateway && (rn?.hostOnly === true || (hostThere && (natPing?.reachable === false || assumedHostOnly)));
  const view = { nic, own: at, gateway, gatewayPing, natPing, hostPing, hostThere, hostOnly, expectedGateway, expectedFrom };
  if (!gateway) return { ...view, mismatch: null };
  const offLink = !sameSubnet(at.address, gateway, at.prefixLength);
  // A gateway through which the internet answers works, whatever a convention says (a LAN whose
  // router is .1 while a NAS answers at .2 is healthy).
  const internet = pingOf(facts, 'internet');
  const works = internet.some((i) => i.reachable);
  const beyondSilent = internet.length > 0 && internet.every((i) => i.reachable === false);
  // The route leaves through a network with no router (host-only) while another NIC's lease names one.
  const elsewhere =
    rn?.hostOnly && !works ? facts.networks.find((n) => n !== rn && !n.hostOnly && n.gateway?.from === 'dhcp-lease') : undefined;
  const expected = elsewhere?.gateway?.address ?? expectedGateway;
  // Not the router this network names (its lease's, or the product's that answered): a fault when
  // it is the host, when it is silent, or when nothing beyond it answers — never blamed on the NAT.
  const notTheRouter =
    !works &&
    expected !== null &&
    gateway !== expected &&
    (elsewhere !== undefined || gateway === rn?.host?.address || !gatewayPing?.reachable || beyondSilent);
  return { ...view, mismatch: offLink || notTheRouter ? { offLink, expected, elsewhere } : null };
}

/** Past the first hops: what the rules of the way out, the reach and the VM's own firewall share. */
export interface GuestPath {
  nic: GuestNic;
  own: OwnAddress;
  ownCidr: string;
  network: string;
  /** The symptom NIC's network, and the one the default route leaves through. */
  net: NicNetwork | null;
  routeNet: NicNetwork | null;
  gateway: GatewayView;
  /** A network inside the VM that takes the host's, the gateway's or the DNS server's packets; null when none. */
  local: LocalCapture | null;
  /** A VPN's capture, asked only when no local network took them; null when the routing could not be read. */
  vpn: VpnCapture | null;
  internetUp: boolean;
}

export interface GuestView {
  stage: GuestStage;
  nic: GuestNic | null;
  own: OwnAddress | null;
  net: NicNetwork | null;
  subnet: SubnetVerdict | null;
  /** Non-null exactly when the stage is 'network'. */
  path: GuestPath | null;
}

export function guestView(facts: GuestFacts): GuestView {
  const nic = facts.primary;
  const own = facts.ownIp;
  const none = { nic, own: null, net: null, subnet: null, path: null };
  if (!nic || nic.state === 'disabled' || nic.state === 'down') return { stage: 'nothing', ...none };
  if (!own) return { stage: 'link', ...none };
  const net = netOf(facts, nic.name);
  const subnet = subnetVerdict(facts, nic, own, net);
  if (subnet.kind !== 'right') return { stage: 'address', nic, own, net, subnet, path: null };
  const routeNet = routeNetwork(facts, net);
  const local = localCaptureOf(facts, net);
  const path: GuestPath = {
    nic,
    own,
    ownCidr: `${own.address}/${own.prefixLength}`,
    network: cidrOf(own.address, own.prefixLength),
    net,
    routeNet,
    gateway: gatewayOf(facts, routeNet, nic, own),
    local,
    vpn: local ? null : vpnCaptureOf(facts),
    internetUp: pingOf(facts, 'internet').some((i) => i.reachable),
  };
  return { stage: 'network', nic, own, net, subnet, path };
}
