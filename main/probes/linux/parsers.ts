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
