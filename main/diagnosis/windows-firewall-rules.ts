/**
 * The Windows firewall and ICMP echo: which profile an adapter's network falls under, whether a
 * rule's addresses cover the VM subnet, and whether inbound echo from it passes (block rules win).
 */
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { type Ipv4Network, inNetwork, ipv4ToInt, isIpv4, networkOf, parseCidr } from '../net/ipv4.ts';
import type { IcmpRule, WindowsHostFacts } from './windows-facts.ts';

/**
 * The firewall profile an adapter's network falls under, from its connection profile (an
 * "Unidentified network" is listed there as Public). No profile read, or none for this adapter,
 * is unknown — not Public: a guess would raise false alarms on healthy machines.
 */
export function firewallProfileFor(facts: WindowsHostFacts, adapter: ExplainedLiveAdapter): string | null {
  const category = facts.profiles?.find((p) => p.alias === adapter.name || p.index === adapter.index)?.category;
  if (category === 'DomainAuthenticated' || category === '2') return 'Domain';
  if (category === 'Private' || category === '1') return 'Private';
  if (category === 'Public' || category === '0') return 'Public';
  return null;
}

/** Does a firewall RemoteAddress entry cover the whole VM subnet? (§1.4 address forms) */
export function remoteCovers(entry: string, subnet: Ipv4Network): boolean {
  const value = entry.trim();
  if (/^(any|\*|localsubnet4?)$/i.test(value)) return true;
  const cidr = parseCidr(value);
  if (cidr) return cidr.prefixLength <= subnet.prefixLength && inNetwork(subnet.network, cidr);
  const masked = /^([\d.]+)\/([\d.]+)$/.exec(value);
  if (masked?.[1] && masked[2] && isIpv4(masked[1]) && isIpv4(masked[2])) {
    const bits = ipv4ToInt(masked[2]).toString(2).replace(/0+$/, '').length;
    const net = networkOf(masked[1], bits);
    return net.prefixLength <= subnet.prefixLength && inNetwork(subnet.network, net);
  }
  const range = /^([\d.]+)-([\d.]+)$/.exec(value);
  if (range?.[1] && range[2] && isIpv4(range[1]) && isIpv4(range[2])) {
    const first = ipv4ToInt(subnet.network);
    const last = first + 2 ** (32 - subnet.prefixLength) - 1;
    return ipv4ToInt(range[1]) <= first && ipv4ToInt(range[2]) >= last;
  }
  return false;
}

/** A LocalAddress entry names one of the adapter's addresses (or any). */
const localCovers = (entry: string, adapter: ExplainedLiveAdapter) => {
  const value = entry.trim();
  if (/^(any|\*)$/i.test(value)) return true;
  return adapter.ipv4.some((ip) => ip.address === value || remoteCovers(value, { network: ip.address, prefixLength: 32 }));
};

/**
 * Which interface types an adapter counts as (MSFT_NetInterfaceTypeFilter: Wired, Wireless,
 * RemoteAccess): hypervisors' virtual adapters present themselves as Ethernet (802.3), so Wired.
 */
const interfaceTypeOf = (adapter: ExplainedLiveAdapter) =>
  adapter.category === 'physical-wifi'
    ? 'Wireless'
    : adapter.category === 'vpn' || adapter.category === 'tunnel'
      ? 'RemoteAccess'
      : 'Wired';

/**
 * Does this rule decide echo from `subnet` arriving on `adapter`? All of a rule's conditions must
 * hold, as Windows Filtering Platform applies them: protocol, ICMP type, remote and local
 * address, interface type and interface, profile.
 */
const ruleMatchesEcho = (rule: IcmpRule, profile: string, subnet: Ipv4Network, adapter: ExplainedLiveAdapter) =>
  rule.enabled &&
  /^(any|icmpv4|1)$/i.test(rule.protocol) &&
  (rule.profiles.length === 0 || rule.profiles.some((p) => p === 'Any' || p === profile)) &&
  (rule.icmpTypes.length === 0 || rule.icmpTypes.some((t) => /^(any|8|8:.*)$/i.test(t.trim()))) &&
  (rule.remoteAddresses.length === 0 || rule.remoteAddresses.some((a) => remoteCovers(a, subnet))) &&
  (rule.localAddresses.length === 0 || rule.localAddresses.some((a) => localCovers(a, adapter))) &&
  (/^any$/i.test(rule.interfaceType.trim()) || rule.interfaceType.split(/\s*,\s*/).includes(interfaceTypeOf(adapter))) &&
  (rule.interfaceAliases.length === 0 || rule.interfaceAliases.some((a) => /^any$/i.test(a) || a === adapter.name));

const describeRule = (r: IcmpRule) => `${r.name} (${r.displayName})${/grouppolicy/i.test(r.source) ? ' [Group Policy]' : ''}`;

export interface EchoVerdict {
  blocks: boolean | null;
  /** The adapter's profile, or null when it is not known. */
  profile: string | null;
  /** Why, as a reason id of common/catalogue/checks.ts. */
  /** A block rule that decides it comes from Group Policy: only its administrator can lift it. */
  policy?: boolean;
  reason:
    | 'firewall-unknown'
    | 'profile-off'
    | 'block-rule'
    | 'default-allow'
    | 'allow-rules-ignored'
    | 'allow-rule'
    | 'no-allow-rule';
  rules: string[];
}

/** Would inbound ICMP echo from `subnet` arriving on `adapter` pass the firewall? Block rules win (§1.4). */
export function echoVerdict(facts: WindowsHostFacts, adapter: ExplainedLiveAdapter, subnet: Ipv4Network): EchoVerdict {
  const profile = firewallProfileFor(facts, adapter);
  const fw = facts.firewall;
  const state = fw?.profiles.find((p) => p.name === profile);
  if (!fw || !state || profile === null) return { blocks: null, profile, reason: 'firewall-unknown', rules: [] };
  if (state.enabled === false) return { blocks: false, profile, reason: 'profile-off', rules: [] };
  const matching = fw.icmpRules.filter((r) => ruleMatchesEcho(r, profile, subnet, adapter));
  const block = matching.filter((r) => /block/i.test(r.action));
  // An explicit block beats any allow, which beats the profile's default action (WFP precedence).
  if (block.length > 0)
    return {
      blocks: true,
      profile,
      reason: 'block-rule',
      rules: block.map(describeRule),
      policy: block.some((r) => /grouppolicy/i.test(r.source)),
    };
  if (/^allow$/i.test(state.defaultInboundAction)) return { blocks: false, profile, reason: 'default-allow', rules: [] };
  const allow = matching.filter((r) => /^allow/i.test(r.action));
  if (state.allowInboundRules === false) return { blocks: true, profile, reason: 'allow-rules-ignored', rules: [] };
  if (allow.length > 0) return { blocks: false, profile, reason: 'allow-rule', rules: allow.map(describeRule) };
  return { blocks: true, profile, reason: 'no-allow-rule', rules: [] };
}
