/** Pure parsers for the Linux tools the guest/host probes run. None of them throws. */
import { isIpv4 } from '../../net/ipv4.ts';

export interface Route {
  dst: string;
  gateway: string | null;
  dev: string | null;
  protocol: string | null;
  metric: number | null;
}

/** `ip -j route show` (probe-reference §5.1): default route has dst "default". */
export function parseRoutes(text: string): Route[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && typeof r.dst === 'string')
    .map((r) => ({
      dst: r.dst as string,
      gateway: typeof r.gateway === 'string' ? r.gateway : null,
      dev: typeof r.dev === 'string' ? r.dev : null,
      protocol: typeof r.protocol === 'string' ? r.protocol : null,
      metric: typeof r.metric === 'number' ? r.metric : null,
    }));
}

export interface ResolvConf {
  nameservers: string[];
  search: string[];
}

/** /etc/resolv.conf: nameserver lines (IPv4 kept; IPv6 with zone kept as printed), search domains. */
export function parseResolvConf(text: string): ResolvConf {
  const nameservers: string[] = [];
  const search: string[] = [];
  for (const line of text.split(/\r?\n/).slice(0, 10_000)) {
    const [key, ...values] = line.trim().split(/\s+/);
    if (key === 'nameserver' && values[0] && nameservers.length < 16) nameservers.push(values[0]);
    if ((key === 'search' || key === 'domain') && values.length) search.push(...values.slice(0, 6));
  }
  return { nameservers, search };
}

/** `ping -c1 -W1 -n IP` (iputils): exit 0 = a reply; the RTT is read from "time=…ms". */
export function parsePingRtt(stdout: string): number | null {
  const m = /time[=<]([\d.]+)\s*ms/.exec(stdout);
  return m ? Number(m[1]) : null;
}

/** `arping -D` (iputils): exit 1 and a "Unicast reply from IP [MAC]" line when someone answers. */
export function parseArpingReplies(stdout: string): string[] {
  const macs = new Set<string>();
  for (const m of stdout.matchAll(/reply from [\d.]+ \[([0-9A-Fa-f:]{17})\]/g)) if (m[1]) macs.add(m[1].toLowerCase());
  return [...macs];
}

/** `ss -Htln` lines: "LISTEN 0 128 0.0.0.0:22 0.0.0.0:*" → local ports listening on TCP. */
export function parseListeningPorts(stdout: string): number[] {
  const ports = new Set<number>();
  for (const line of stdout.split('\n')) {
    const local = line.trim().split(/\s+/)[3];
    const port = local ? Number(local.slice(local.lastIndexOf(':') + 1)) : Number.NaN;
    if (Number.isInteger(port) && port > 0 && port < 65536) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

/** `getent ahostsv4 NAME`: the IPv4 addresses it resolved to. */
export function parseGetent(stdout: string): string[] {
  const out = new Set<string>();
  for (const line of stdout.split('\n')) {
    const address = line.trim().split(/\s+/)[0];
    if (address && isIpv4(address)) out.add(address);
  }
  return [...out];
}

export interface FilterVerdict {
  /** True when the packet is dropped or rejected: by the first rule that fits it, or by a chain's drop policy. */
  drops: boolean;
  /** Human-readable descriptions of the rules that decide it. */
  rules: string[];
}

type NftExpr = Record<string, unknown>;
interface NftRule {
  family?: string;
  table?: string;
  chain?: string;
  handle?: number;
  comment?: string;
  expr?: NftExpr[];
}
interface NftChain {
  family?: string;
  table?: string;
  name?: string;
  hook?: string;
  policy?: string;
}

/** An inbound packet to judge: ICMP echo, or a TCP connection to a port; optionally from a source. */
export type InboundPacket = { kind: 'icmp-echo' } | { kind: 'tcp'; port: number };

/**
 * `nft -j list ruleset` (libnftables-json): decides whether an inbound packet is dropped. Only
 * input-hook base chains count; per chain the first rule whose conditions fit the packet decides,
 * else the chain policy. Conditions not understood make a rule not count (it is not relied on).
 */
export function inputVerdict(text: string, packet: InboundPacket, source?: string): FilterVerdict {
  return hookVerdict(text, 'input', (exprs) => matchesPacket(exprs, packet, source));
}

/**
 * The walk both questions share: per base chain on `hook`, the first rule with a verdict whose
 * conditions `fits` decides; otherwise the chain's policy does. Every chain must let a packet through.
 */
function hookVerdict(text: string, hook: 'input' | 'forward', fits: (exprs: NftExpr[]) => boolean): FilterVerdict {
  const items = nftItems(text);
  const chains = items.map((i) => i.chain as NftChain | undefined).filter((c): c is NftChain => !!c && c.hook === hook);
  const rules: string[] = [];
  let drops = false;
  for (const chain of chains) {
    let decided = false;
    for (const item of items) {
      const rule = item.rule as NftRule | undefined;
      if (!rule || rule.table !== chain.table || rule.chain !== chain.name || rule.family !== chain.family) continue;
      const exprs = Array.isArray(rule.expr) ? rule.expr : [];
      const verdict = exprs.find((e) => 'accept' in e || 'drop' in e || 'reject' in e);
      if (!verdict || !fits(exprs)) continue;
      const where = `${chain.family} ${chain.table} ${chain.name} handle ${rule.handle ?? '?'}`;
      rules.push(`${where}: ${'accept' in verdict ? 'accept' : 'drop' in verdict ? 'drop' : 'reject'}`);
      if (!('accept' in verdict)) drops = true;
      decided = true;
      break;
    }
    if (!decided && chain.policy === 'drop') {
      rules.push(`${chain.family} ${chain.table} ${chain.name}: policy drop`);
      drops = true;
    }
  }
  return { drops, rules };
}

/** Whether inbound ICMP echo requests (from `source`, when given) are dropped. */
export function icmpEchoVerdict(text: string, source?: string): FilterVerdict {
  return inputVerdict(text, { kind: 'icmp-echo' }, source);
}

function matchesPacket(exprs: NftExpr[], packet: InboundPacket, source?: string): boolean {
  const protocol = packet.kind === 'tcp' ? 'tcp' : 'icmp';
  for (const e of exprs) {
    const match = e.match as { left?: Record<string, unknown>; right?: unknown; op?: string } | undefined;
    if (!match) continue;
    const left = match.left ?? {};
    const payload = left.payload as { protocol?: string; field?: string } | undefined;
    const meta = left.meta as { key?: string } | undefined;
    const right = match.right;
    const values =
      typeof right === 'string' || typeof right === 'number'
        ? [right]
        : Array.isArray((right as { set?: unknown[] })?.set)
          ? (right as { set: unknown[] }).set
          : [];
    if (payload?.protocol === 'icmp' && payload.field === 'type') {
      if (packet.kind !== 'icmp-echo' || !values.includes('echo-request')) return false;
      continue;
    }
    if ((payload?.protocol === 'tcp' || payload?.protocol === 'th') && payload.field === 'dport') {
      if (packet.kind !== 'tcp' || !values.includes(packet.port)) return false;
      continue;
    }
    if (meta?.key === 'l4proto' || (payload?.protocol === 'ip' && payload.field === 'protocol')) {
      if (!values.includes(protocol) && !values.includes(protocol === 'tcp' ? 6 : 1)) return false;
      continue;
    }
    if (payload?.protocol === 'ip' && payload.field === 'saddr') {
      // A rule scoped to other sources does not decide for ours.
      if (source && !addressMatches(source, right)) return false;
      continue;
    }
    if (payload?.protocol === 'tcp' || payload?.protocol === 'udp' || payload?.protocol === 'th' || payload?.protocol === 'icmp')
      return false;
    if ((left.ct as { key?: string } | undefined)?.key === 'state') return false;
    if ((meta?.key === 'iifname' || meta?.key === 'iif') && right === 'lo') return false;
  }
  return true;
}

function addressMatches(address: string, right: unknown): boolean {
  if (typeof right === 'string') return right === address;
  const prefix = (right as { prefix?: { addr?: string; len?: number } })?.prefix;
  if (prefix?.addr && typeof prefix.len === 'number') {
    const toInt = (a: string) => a.split('.').reduce((n, o) => ((n << 8) | Number(o)) >>> 0, 0);
    const mask = prefix.len === 0 ? 0 : (0xffffffff << (32 - prefix.len)) >>> 0;
    return (toInt(address) & mask) >>> 0 === (toInt(prefix.addr) & mask) >>> 0;
  }
  return true;
}

type NftItem = Record<string, unknown>;

function nftItems(text: string): NftItem[] {
  try {
    const doc = JSON.parse(text) as { nftables?: NftItem[] };
    return Array.isArray(doc?.nftables) ? doc.nftables : [];
  } catch {
    return [];
  }
}

/** Source networks that a postrouting rule masquerades (the host NATs for them). */
export function masqueradedSources(text: string): string[] {
  const items = nftItems(text);
  const out = new Set<string>();
  for (const item of items) {
    const rule = item.rule as NftRule | undefined;
    if (!rule || !Array.isArray(rule.expr) || !rule.expr.some((e) => 'masquerade' in e)) continue;
    for (const e of rule.expr) {
      const match = e.match as
        | { left?: { payload?: { protocol?: string; field?: string } }; right?: unknown; op?: string }
        | undefined;
      const prefix = (match?.right as { prefix?: { addr?: string; len?: number } } | undefined)?.prefix;
      if (match?.left?.payload?.protocol === 'ip' && match.left.payload.field === 'saddr' && match.op !== '!=' && prefix?.addr)
        out.add(`${prefix.addr}/${prefix.len}`);
    }
  }
  return [...out];
}

/**
 * Whether the forward hook lets the VM network's traffic through: per forward-hook chain, the
 * first rule whose conditions all fit traffic from the bridge (interface names, the VM subnet,
 * connection state) decides; otherwise the chain policy does.
 */
export function forwardVerdict(text: string, vm: { iface: string; subnet: string }): FilterVerdict {
  return hookVerdict(text, 'forward', (exprs) => fitsVmTraffic(exprs, vm));
}

function fitsVmTraffic(exprs: NftExpr[], vm: { iface: string; subnet: string }): boolean {
  for (const e of exprs) {
    if ('counter' in e || 'accept' in e || 'drop' in e || 'reject' in e || 'log' in e || 'comment' in e) continue;
    const match = e.match as { left?: Record<string, unknown>; right?: unknown; op?: string } | undefined;
    if (!match) return false; // jumps, xt matches and the like: not understood, so not relied on
    const meta = (match.left?.meta as { key?: string } | undefined)?.key;
    const payload = match.left?.payload as { protocol?: string; field?: string } | undefined;
    if (meta === 'iifname' || meta === 'oifname') {
      if (match.right !== vm.iface) return false;
      continue;
    }
    if (payload?.protocol === 'ip' && (payload.field === 'saddr' || payload.field === 'daddr')) {
      const prefix = (match.right as { prefix?: { addr?: string; len?: number } } | undefined)?.prefix;
      if (!prefix || `${prefix.addr}/${prefix.len}` !== vm.subnet) return false;
      continue;
    }
    return false;
  }
  return true;
}

export interface Neighbour {
  mac: string | null;
  /** Kernel states: REACHABLE, STALE, DELAY, PROBE, FAILED, INCOMPLETE, PERMANENT … */
  state: string[];
}

/** `ip -j neigh show`: what ARP learned about each address (FAILED = nobody answered). */
export function parseNeighbours(text: string): Map<string, Neighbour> {
  const out = new Map<string, Neighbour>();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return out;
  }
  if (!Array.isArray(raw)) return out;
  for (const n of raw as Array<{ dst?: unknown; lladdr?: unknown; state?: unknown }>) {
    if (typeof n?.dst !== 'string') continue;
    out.set(n.dst, {
      mac: typeof n.lladdr === 'string' ? n.lladdr.toLowerCase() : null,
      state: Array.isArray(n.state) ? n.state.filter((s): s is string => typeof s === 'string') : [],
    });
  }
  return out;
}
