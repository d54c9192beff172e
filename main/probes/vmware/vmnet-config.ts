/**
 * VMware's own description of its virtual networks (probe-reference §2.2): vmnetdhcp.conf
 * (Windows; one file for every VMnet) or vmnetN/dhcpd/dhcpd.conf (Linux; one per network), and
 * vmnetnat.conf / nat.conf. Pure, tolerant parsers: unknown statements are skipped, never thrown on.
 */
import { type Ipv4Network, inNetwork, isIpv4, maskToPrefix, networkOf } from '../../net/ipv4.ts';

export interface VmnetDhcpNetwork {
  /** "VMnet8" when a `host VMnetN` stanza pins the host adapter's address inside this subnet. */
  vmnet: string | null;
  subnet: Ipv4Network;
  range: [string, string] | null;
  routers: string | null;
  dnsServers: string[];
  /** The host adapter's address (the fixed-address of `host VMnetN`), usually .1. */
  hostAddress: string | null;
}

interface Block {
  head: string[];
  body: string[][];
}

/** Splits ISC dhcpd syntax into top-level blocks of `;`-terminated statements; comments dropped. */
function blocks(text: string): Block[] {
  const clean = text.replace(/#[^\n]*/g, ' ');
  const out: Block[] = [];
  let i = 0;
  while (i < clean.length) {
    const open = clean.indexOf('{', i);
    const semi = clean.indexOf(';', i);
    if (open === -1 && semi === -1) break;
    if (semi !== -1 && (open === -1 || semi < open)) {
      i = semi + 1; // A top-level statement (allow unknown-clients; …).
      continue;
    }
    const close = clean.indexOf('}', open);
    if (close === -1) break;
    const head = clean.slice(i, open).trim().split(/\s+/).filter(Boolean);
    const body = clean
      .slice(open + 1, close)
      .split(';')
      .map((s) => s.trim().split(/\s+/).filter(Boolean))
      .filter((s) => s.length > 0);
    out.push({ head, body });
    i = close + 1;
  }
  return out;
}

const option = (body: string[][], name: string) => body.find((s) => s[0] === 'option' && s[1] === name)?.slice(2) ?? null;
const strip = (values: string[]) =>
  values
    .join(' ')
    .split(/[\s,]+/)
    .filter(isIpv4);

export function parseVmnetDhcpConf(text: string): VmnetDhcpNetwork[] {
  const parsed = blocks(text);
  const hosts = parsed
    .filter((b) => b.head[0] === 'host' && /^vmnet\d+$/i.test(b.head[1] ?? ''))
    .map((b) => ({
      vmnet: `VMnet${(b.head[1] ?? '').slice(5)}`,
      address: b.body.find((s) => s[0] === 'fixed-address')?.[1] ?? null,
    }));
  const networks: VmnetDhcpNetwork[] = [];
  for (const b of parsed) {
    if (b.head[0] !== 'subnet' || b.head[2] !== 'netmask') continue;
    const address = b.head[1] ?? '';
    const prefix = maskToPrefix(b.head[3] ?? '');
    if (!isIpv4(address) || prefix === null) continue;
    const subnet = networkOf(address, prefix);
    const host = hosts.find((h) => h.address && isIpv4(h.address) && inNetwork(h.address, subnet));
    const range = b.body.find((s) => s[0] === 'range');
    const routers = strip(option(b.body, 'routers') ?? []);
    networks.push({
      vmnet: host?.vmnet ?? null,
      subnet,
      range: range?.[1] && range[2] && isIpv4(range[1]) && isIpv4(range[2]) ? [range[1], range[2]] : null,
      routers: routers[0] ?? null,
      dnsServers: strip(option(b.body, 'domain-name-servers') ?? []),
      hostAddress: host?.address ?? null,
    });
  }
  return networks;
}

export interface NatPortForward {
  protocol: 'tcp' | 'udp';
  hostPort: number;
  guestIp: string;
  guestPort: number;
}

export interface VmnetNatConf {
  /** The NAT device's address (usually .2) and its network. */
  natAddress: string | null;
  subnet: Ipv4Network | null;
  /** "vmnet8" (Windows) or "/dev/vmnet8" (Linux) as written. */
  device: string | null;
  forwards: NatPortForward[];
}

/** INI-like: `[section]` then `key = value`; `ip` may carry `/bits`. */
export function parseVmnetNatConf(text: string): VmnetNatConf {
  let section = '';
  const host: Record<string, string> = {};
  const forwards: NatPortForward[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header?.[1]) {
      section = header[1].toLowerCase();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (section === 'host') host[key.toLowerCase()] = value;
    if (section === 'incomingtcp' || section === 'incomingudp') {
      const target = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(value);
      const hostPort = Number(key);
      if (target?.[1] && isIpv4(target[1]) && Number.isInteger(hostPort) && hostPort > 0 && hostPort < 65536) {
        forwards.push({
          protocol: section === 'incomingtcp' ? 'tcp' : 'udp',
          hostPort,
          guestIp: target[1],
          guestPort: Number(target[2]),
        });
      }
    }
  }
  const [ip, bits] = (host.ip ?? '').split('/');
  const prefix = bits !== undefined ? Number(bits) : maskToPrefix(host.netmask ?? '');
  const natAddress = ip && isIpv4(ip) ? ip : null;
  return {
    natAddress,
    subnet: natAddress && prefix !== null && Number.isInteger(prefix) && prefix <= 32 ? networkOf(natAddress, prefix) : null,
    device: host.device ?? null,
    forwards,
  };
}
