/**
 * One model for every Linux packet filter we read — native nftables, iptables (nf_tables backend)
 * and iptables-legacy — and one walk over it that answers "does this packet get through?".
 * ufw, firewalld, Docker and libvirt all build their rules from jumps into chains of their own,
 * so the walk follows jump/goto/return exactly as the kernel does.
 */

import { isIpv4 } from '../../../common/ipv4.ts';

/** Where a chain lives: the tool that created it is the one a fix must use to change it. */
export type RuleOrigin = 'nft' | 'iptables' | 'iptables-legacy';

export type Condition =
  | { kind: 'l4proto'; values: string[]; negate?: boolean }
  | { kind: 'icmp-type'; values: string[]; negate?: boolean }
  | { kind: 'dport'; ranges: Array<[number, number]>; negate?: boolean }
  | { kind: 'saddr' | 'daddr'; cidrs: string[]; negate?: boolean }
  | { kind: 'iif' | 'oif'; names: string[]; negate?: boolean }
  | { kind: 'ct-state'; values: string[]; negate?: boolean }
  /** The kind of destination address: local (this machine), unicast, broadcast, multicast. */
  | { kind: 'daddr-type'; values: string[]; negate?: boolean }
  /** A condition we cannot evaluate (an xt match, a rate limit, an address type…), kept as text. */
  | { kind: 'unknown'; text: string };

export type Verdict = { kind: 'accept' | 'drop' | 'reject' | 'return' } | { kind: 'jump' | 'goto'; target: string };

export interface FilterRule {
  conditions: Condition[];
  verdict: Verdict | null;
  masquerade?: boolean;
  /** How to point at it: "handle 7" (nft) or the iptables-save line. */
  text: string;
  comment?: string;
}

export interface FilterChain {
  origin: RuleOrigin;
  family: string;
  table: string;
  name: string;
  hook?: string;
  policy?: 'accept' | 'drop';
  rules: FilterRule[];
}

export type Ruleset = FilterChain[];

/** What we ask about: one packet, described only by what we know of it. */
export interface Packet {
  proto: 'icmp' | 'tcp' | 'udp' | null;
  icmpType?: 'echo-request';
  dport?: number;
  saddr?: string;
  daddr?: string;
  iif?: string;
  oif?: string;
  ctState: 'new' | 'established';
  /** Packets on the input hook are for this machine ("local"); forwarded ones are "unicast". */
  daddrType?: 'local' | 'unicast';
}

export interface ChainVerdict {
  chain: Pick<FilterChain, 'origin' | 'family' | 'table' | 'name'>;
  drops: boolean;
  /** The rule that decided (or "policy drop"), with the jumps that led there. */
  decidedBy: string | null;
}

export interface FilterVerdict {
  /** True when the packet is dropped or rejected by any base chain on the hook. */
  drops: boolean;
  /** Human-readable descriptions of the rules that decide it. */
  rules: string[];
  chains: ChainVerdict[];
}

const toInt = (a: string) => a.split('.').reduce((n, o) => ((n << 8) | Number(o)) >>> 0, 0);

export function inCidr(address: string, cidr: string): boolean {
  const [net = '', lenText] = cidr.split('/');
  const len = lenText === undefined ? 32 : Number(lenText);
  if (!isIpv4(net) || !isIpv4(address) || !(len >= 0 && len <= 32)) return false;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return (toInt(address) & mask) >>> 0 === (toInt(net) & mask) >>> 0;
}

/** Interface names: iptables ends a prefix with "+", nftables with "*". */
const nameMatches = (name: string, pattern: string) =>
  /[+*]$/.test(pattern) ? name.startsWith(pattern.slice(0, -1)) : name === pattern;

/** true / false, or null when the packet's description cannot tell. */
function evaluate(c: Condition, p: Packet): boolean | null {
  if (c.kind === 'unknown') return null;
  const plain = (() => {
    switch (c.kind) {
      case 'l4proto':
        return p.proto === null
          ? false
          : c.values.includes(p.proto) || c.values.includes(p.proto === 'tcp' ? '6' : p.proto === 'udp' ? '17' : '1');
      case 'icmp-type':
        return p.proto === 'icmp' && p.icmpType !== undefined && c.values.includes(p.icmpType);
      case 'dport':
        return p.dport !== undefined && c.ranges.some(([a, b]) => (p.dport ?? -1) >= a && (p.dport ?? -1) <= b);
      case 'saddr':
      case 'daddr': {
        const address = c.kind === 'saddr' ? p.saddr : p.daddr;
        return address === undefined ? null : c.cidrs.some((cidr) => inCidr(address, cidr));
      }
      case 'iif':
      case 'oif': {
        const name = c.kind === 'iif' ? p.iif : p.oif;
        return name === undefined ? null : c.names.some((n) => nameMatches(name, n));
      }
      case 'ct-state':
        return c.values.includes(p.ctState === 'new' ? 'new' : 'established');
      case 'daddr-type':
        return p.daddrType === undefined ? null : c.values.includes(p.daddrType);
    }
  })();
  if (plain === null) return null;
  return c.negate ? !plain : plain;
}

/**
 * Whether a rule applies to the packet. A condition we cannot evaluate counts against a rule
 * that would let the packet through (we do not rely on an accept we cannot read) and for a rule
 * that would drop it (we would rather name a rule that may drop than miss one).
 */
function applies(rule: FilterRule, p: Packet): boolean {
  let unknown = false;
  for (const c of rule.conditions) {
    const r = evaluate(c, p);
    if (r === false) return false;
    if (r === null) unknown = true;
  }
  if (!unknown) return true;
  return rule.verdict?.kind === 'drop' || rule.verdict?.kind === 'reject';
}

const where = (c: FilterChain) => `${c.origin === 'nft' ? '' : `${c.origin} `}${c.family} ${c.table} ${c.name}`;

type Decision = { decision: 'accept' | 'drop' | 'reject' | null; by: string | null };

function walk(ruleset: Ruleset, chain: FilterChain, p: Packet, trail: string[]): Decision {
  if (trail.length > 16 || trail.includes(where(chain))) return { decision: null, by: null }; // loops: the kernel refuses them too
  const path = [...trail, where(chain)];
  for (const rule of chain.rules) {
    if (!rule.verdict || !applies(rule, p)) continue;
    const v = rule.verdict;
    if (v.kind === 'accept' || v.kind === 'drop' || v.kind === 'reject')
      return { decision: v.kind, by: `${path.join(' → ')} ${rule.text}: ${v.kind}` };
    if (!('target' in v)) return { decision: null, by: null }; // return
    const { target: name, kind } = v;
    const target = ruleset.find(
      (c) => c.origin === chain.origin && c.family === chain.family && c.table === chain.table && c.name === name,
    );
    if (!target) continue;
    const inner = walk(ruleset, target, p, path);
    // goto never comes back here: a chain that ends returns to our caller (for a base chain, its policy).
    if (inner.decision || kind === 'goto') return inner;
  }
  return { decision: null, by: null };
}

/** Every base chain on `hook` must let the packet through; each is judged on its own. */
export function judge(ruleset: Ruleset, hook: 'input' | 'forward', packets: Packet[]): FilterVerdict {
  const chains: ChainVerdict[] = [];
  for (const chain of ruleset.filter((c) => c.hook === hook && (c.family === 'ip' || c.family === 'inet'))) {
    let drops = false;
    let decidedBy: string | null = null;
    for (const p of packets) {
      const d = walk(ruleset, chain, p, []);
      if (d.decision === 'drop' || d.decision === 'reject') {
        drops = true;
        decidedBy = d.by;
        break;
      }
      if (d.decision === null && chain.policy === 'drop') {
        drops = true;
        decidedBy = `${where(chain)}: policy drop`;
        break;
      }
      decidedBy ??= d.by;
    }
    chains.push({
      chain: { origin: chain.origin, family: chain.family, table: chain.table, name: chain.name },
      drops,
      decidedBy,
    });
  }
  return {
    drops: chains.some((c) => c.drops),
    rules: chains.map((c) => c.decidedBy).filter((r): r is string => r !== null),
    chains,
  };
}

/** An inbound packet to judge: ICMP echo, or a TCP connection to a port; optionally from a source. */
export type InboundPacket = { kind: 'icmp-echo' } | { kind: 'tcp'; port: number };

export function inputVerdict(ruleset: Ruleset, packet: InboundPacket, source?: string, iif?: string): FilterVerdict {
  const p: Packet =
    packet.kind === 'tcp'
      ? { proto: 'tcp', dport: packet.port, ctState: 'new', daddrType: 'local' }
      : { proto: 'icmp', icmpType: 'echo-request', ctState: 'new', daddrType: 'local' };
  if (source) p.saddr = source;
  if (iif) p.iif = iif;
  return judge(ruleset, 'input', [p]);
}

/** Whether inbound ICMP echo requests (from `source`, when given) are dropped. */
export function icmpEchoVerdict(ruleset: Ruleset, source?: string, iif?: string): FilterVerdict {
  return inputVerdict(ruleset, { kind: 'icmp-echo' }, source, iif);
}

/** An address outside every VM network, standing for "the internet" (TEST-NET-2), and the way out to it. */
const OUTSIDE = '198.51.100.1';
const UPLINK = '(uplink)'; // no real interface has this name, so only rules about "any other interface" fit it

/**
 * Whether the forward hook lets a VM network's traffic through, both ways: a new connection from
 * the VM out, and the replies back in.
 */
export function forwardVerdict(ruleset: Ruleset, vm: { iface: string; subnet: string; bridged?: boolean }): FilterVerdict {
  const [net = '0.0.0.0'] = vm.subnet.split('/');
  const vmAddress = net.replace(/\.\d+$/, (last) => `.${Number(last.slice(1)) + 100}`);
  // Bridged onto the LAN (br_netfilter): the frame enters and leaves through the same bridge.
  const other = vm.bridged ? vm.iface : UPLINK;
  return judge(ruleset, 'forward', [
    { proto: null, iif: vm.iface, oif: other, saddr: vmAddress, daddr: OUTSIDE, ctState: 'new', daddrType: 'unicast' },
    { proto: null, iif: other, oif: vm.iface, saddr: OUTSIDE, daddr: vmAddress, ctState: 'established', daddrType: 'unicast' },
  ]);
}

/**
 * Whether a VM network's new connection out leaves masqueraded (or SNATed), walked as the kernel
 * does: from every postrouting base chain of a NAT table, through its jumps. A masquerade rule in
 * a chain nothing jumps to any more (`iptables -t nat -F POSTROUTING` leaves libvirt's LIBVIRT_PRT
 * full) does not count; it is named as `orphaned`. A rule's condition we cannot read counts for it
 * (firewalld's `meta nfproto ipv4`): a false alarm would send the user to fix what works.
 */
export function natVerdict(
  ruleset: Ruleset,
  vm: { iface: string; subnet: string },
): { masqueraded: boolean; by: string | null; backend: RuleOrigin | null; orphaned: string | null } {
  const [net = '0.0.0.0'] = vm.subnet.split('/');
  const vmAddress = net.replace(/\.\d+$/, (last) => `.${Number(last.slice(1)) + 100}`);
  // The way out is not known here: a jump that picks it by name (firewalld's zones) is followed.
  const p: Packet = { proto: null, iif: vm.iface, saddr: vmAddress, daddr: OUTSIDE, ctState: 'new' };
  const bases = ruleset.filter(
    (c) => c.hook === 'postrouting' && (c.family === 'ip' || c.family === 'inet') && (c.origin === 'nft' || c.table === 'nat'),
  );
  const reached = new Set<FilterChain>();
  for (const base of bases) {
    const found = natWalk(ruleset, base, p, [], reached);
    if (found) return { masqueraded: true, by: found, backend: base.origin, orphaned: null };
  }
  // Not masqueraded: a rule that would have done it, in a chain the walk never reached.
  const orphan = ruleset.find(
    (c) => !reached.has(c) && c.rules.some((r) => r.masquerade && natApplies(r, p)) && (c.origin === 'nft' || c.table === 'nat'),
  );
  const backend = orphan?.origin ?? bases[0]?.origin ?? null;
  return { masqueraded: false, by: null, backend, orphaned: orphan ? where(orphan) : null };
}

/** For NAT, a condition we cannot read counts as met (see natVerdict). */
function natApplies(rule: FilterRule, p: Packet): boolean {
  return rule.conditions.every((c) => evaluate(c, p) !== false);
}

function natWalk(ruleset: Ruleset, chain: FilterChain, p: Packet, trail: string[], reached: Set<FilterChain>): string | null {
  if (trail.length > 16 || trail.includes(where(chain))) return null;
  reached.add(chain);
  const path = [...trail, where(chain)];
  for (const rule of chain.rules) {
    if (rule.masquerade && natApplies(rule, p)) return `${path.join(' → ')} ${rule.text}: masquerade`;
    const v = rule.verdict;
    if (!v) continue;
    if (!('target' in v)) {
      if (applies(rule, p)) return null; // accept / return: left untranslated
      continue;
    }
    if (!natApplies(rule, p)) continue;
    const target = ruleset.find(
      (c) => c.origin === chain.origin && c.family === chain.family && c.table === chain.table && c.name === v.target,
    );
    if (!target) continue;
    const inner = natWalk(ruleset, target, p, path, reached);
    if (inner || v.kind === 'goto') return inner;
  }
  return null;
}

/** Source networks that a masquerade rule covers (the host NATs for them). */
export function masqueradedSources(ruleset: Ruleset): string[] {
  const out = new Set<string>();
  for (const chain of ruleset)
    for (const rule of chain.rules) {
      if (!rule.masquerade) continue;
      for (const c of rule.conditions) if (c.kind === 'saddr' && !c.negate) for (const cidr of c.cidrs) out.add(cidr);
    }
  return [...out];
}
