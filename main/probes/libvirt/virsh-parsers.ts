/**
 * virsh's output read: which networks exist, whether each is running, and each one's bridge,
 * forward mode, the host's address and DHCP. Pure parsers; virsh runs with LC_ALL=C because its
 * table is translated.
 */
import { maskToPrefix } from '../../net/ipv4.ts';

export interface LibvirtNetwork {
  name: string;
  active: boolean;
  autostart: boolean | null;
  bridge: string | null;
  forward: string | null;
  /** "192.168.122.1/24" — the host's address on it. */
  hostAddress: string | null;
  /** Its IPv4 <ip> has a <dhcp> element: libvirt runs a dnsmasq that leases addresses on it. */
  dhcp: boolean;
}

/** `virsh net-list --all`: the rows under the "Name State …" header; anything else is ignored. */
export function parseNetList(text: string): Array<Pick<LibvirtNetwork, 'name' | 'active' | 'autostart'>> {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => /^\s*Name\s+State\b/.test(l));
  if (header < 0) return [];
  const out: Array<Pick<LibvirtNetwork, 'name' | 'active' | 'autostart'>> = [];
  for (const line of lines.slice(header + 1)) {
    if (/^-+\s*$/.test(line.trim()) || !line.trim()) continue;
    const [name, state, autostart] = line.trim().split(/\s+/);
    if (!name || (state !== 'active' && state !== 'inactive')) continue;
    out.push({ name, active: state === 'active', autostart: autostart === 'yes' ? true : autostart === 'no' ? false : null });
  }
  return out;
}

const attr = (tag: string, name: string) => new RegExp(`${name}=(['"])([^'"]*)\\1`).exec(tag)?.[2] ?? null;

/** `virsh net-dumpxml NAME`: bridge, forward mode and the host's address on the network. */
export function parseNetXml(xml: string): Pick<LibvirtNetwork, 'bridge' | 'forward' | 'hostAddress' | 'dhcp'> {
  const bridgeTag = /<bridge\b[^>]*>/.exec(xml)?.[0] ?? '';
  const forwardTag = /<forward\b[^>]*>/.exec(xml)?.[0];
  // The first IPv4 <ip>: address plus netmask or prefix.
  const ipElements = [...xml.matchAll(/<ip\b[^>]*?(?:\/>|>[\s\S]*?<\/ip>)/g)].map((m) => m[0]);
  const ipElement = ipElements.find((t) => !/^<ip\b[^>]*family=(['"])ipv6\1/.test(t)) ?? '';
  const ipTag = /^<ip\b[^>]*>/.exec(ipElement)?.[0] ?? '';
  const address = attr(ipTag, 'address');
  const mask = attr(ipTag, 'netmask');
  const prefix = attr(ipTag, 'prefix') ?? (mask ? maskToPrefix(mask) : null);
  return {
    bridge: attr(bridgeTag, 'name'),
    // <forward/> without a mode is NAT; no <forward> at all is an isolated network.
    forward: forwardTag === undefined ? null : (attr(forwardTag, 'mode') ?? 'nat'),
    hostAddress: address && prefix !== null ? `${address}/${prefix}` : null,
    dhcp: /<dhcp\b/.test(ipElement),
  };
}

/** The system libvirt (root's VMs and networks), in the C locale: virsh translates its tables. */
export const VIRSH_SYSTEM = ['-c', 'qemu:///system'];
export const VIRSH_ENV = { LC_ALL: 'C' };
