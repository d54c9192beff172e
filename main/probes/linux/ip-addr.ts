/** Linux adapters from `ip -d -j addr show`: the pure parser (the probe that runs it is registry/adapters.ts). */
import type { Adapter, AdapterState, ExplainedLiveAdapter, Ipv4Address } from '../../../common/domain.ts';
import { err, type OpError } from '../../../common/result.ts';
import { virtualNicVendor } from '../../adapters/classify.ts';
import { explainAdapter } from '../../adapters/explain-adapter.ts';
import { prefixToMask } from '../../net/ipv4.ts';
import { parseRoutes } from './parsers.ts';

interface IpAddrInfo {
  family?: string;
  local?: string;
  prefixlen?: number;
  dadfailed?: boolean;
  dynamic?: boolean;
}
interface IpLink {
  ifindex?: number;
  ifname?: string;
  flags?: string[];
  operstate?: string;
  link_type?: string;
  address?: string;
  mtu?: number;
  /** The bridge (or bond) this link is a port of. */
  master?: string;
  /** The lower device of a macvlan/macvtap/vlan (`"link": "enp3s0"`). */
  link?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: IpAddrInfo[];
}

/** The code base's Result, with what the parser skipped beside a value. */
export type ParseResult<T> = ({ ok: true; value: T } & { warnings: string[] }) | { ok: false; error: OpError };

export function parseIpAddrJson(text: string): ParseResult<Adapter[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return err('unreadable', 'ip did not print valid JSON');
  }
  if (!Array.isArray(raw)) return err('unreadable', 'ip printed JSON that is not a list of links');
  const warnings: string[] = [];
  const adapters: Adapter[] = [];
  for (const entry of raw as IpLink[]) {
    if (typeof entry !== 'object' || entry === null || typeof entry.ifname !== 'string') {
      warnings.push('skipped a link without a name');
      continue;
    }
    adapters.push(toAdapter(entry));
  }
  return { ok: true, value: adapters, warnings };
}

function toAdapter(link: IpLink): Adapter {
  const kind = link.linkinfo?.info_kind ?? (link.link_type === 'loopback' ? 'loopback' : (link.link_type ?? null));
  const mac = link.link_type === 'ether' && typeof link.address === 'string' ? link.address.toLowerCase() : null;
  const infos = Array.isArray(link.addr_info) ? link.addr_info : [];
  const ipv4: Ipv4Address[] = infos
    .filter((a) => a.family === 'inet' && typeof a.local === 'string' && typeof a.prefixlen === 'number')
    .map((a) => ({
      address: a.local as string,
      prefixLength: a.prefixlen as number,
      mask: prefixToMask(a.prefixlen as number),
      ...(a.dynamic === true ? { dynamic: true } : {}),
    }));
  const ipv6 = infos.filter((a) => a.family === 'inet6' && typeof a.local === 'string').map((a) => a.local as string);
  const name = link.ifname as string;
  const duplicateIpv6 = infos
    .filter((a) => a.family === 'inet6' && a.dadfailed === true && typeof a.local === 'string')
    .map((a) => a.local as string);
  return {
    name,
    description: null,
    index: typeof link.ifindex === 'number' ? link.ifindex : null,
    state: linkState(link),
    mac,
    ipv4,
    ipv6,
    kind,
    gateways: [],
    macVendor: virtualNicVendor(mac),
    ...(typeof link.mtu === 'number' ? { mtu: link.mtu } : {}),
    ...(typeof link.master === 'string' ? { master: link.master } : {}),
    ...(typeof link.link === 'string' ? { lower: link.link } : {}),
    ...(duplicateIpv6.length ? { duplicateIpv6 } : {}),
  };
}

/**
 * Admin-down ("ip link set X down") is what Windows calls Disabled; admin-up without carrier is
 * what Windows calls Disconnected, reported here as 'down'.
 */
function linkState(link: IpLink): AdapterState {
  const flags = Array.isArray(link.flags) ? link.flags : [];
  if (!flags.includes('UP')) return 'disabled';
  if (link.operstate === 'DOWN' || link.operstate === 'LOWERLAYERDOWN' || !flags.includes('LOWER_UP')) return 'down';
  return 'up';
}

/** Default gateways per device from `ip -j route show default`; bad input yields none. */
export function parseDefaultRoutes(text: string): Map<string, string[]> {
  const byDevice = new Map<string, string[]>();
  for (const route of parseRoutes(text)) {
    if (route.dst !== 'default' || !route.dev || !route.gateway) continue;
    byDevice.set(route.dev, [...(byDevice.get(route.dev) ?? []), route.gateway]);
  }
  return byDevice;
}

/** Adds default gateways and the knowledge base's explanation to each adapter. */
export function explainLiveAdapters(adapters: Adapter[], gateways: Map<string, string[]>): ExplainedLiveAdapter[] {
  return adapters.map((adapter) => {
    const withGateways = { ...adapter, gateways: gateways.get(adapter.name) ?? adapter.gateways };
    return {
      ...withGateways,
      ...explainAdapter({
        name: adapter.name,
        description: adapter.description,
        kind: adapter.kind,
        mac: adapter.mac,
        ipv4: adapter.ipv4,
        gateways: withGateways.gateways,
        disconnected: adapter.state === 'down' || adapter.state === 'not-present',
        disabled: adapter.state === 'disabled',
      }),
    };
  });
}
