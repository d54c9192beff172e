/** MAC-derived facts: the IPv6 link-local address a MAC yields, and fresh MACs that keep a vendor prefix. */
import { randomBytes } from 'node:crypto';

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

/** An IPv6 address as its eight 16-bit groups, or null when it is not one. */
export function ipv6Groups(address: string): number[] | null {
  const [head = '', tail, extra] = address.toLowerCase().split('::');
  if (extra !== undefined) return null;
  const part = (s: string) => (s ? s.split(':') : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}

/** fe80::/64 with the modified EUI-64 interface identifier of `mac` (RFC 4291 appendix A). */
export function eui64LinkLocal(mac: string): number[] | null {
  if (!MAC.test(mac.toLowerCase())) return null;
  const b = mac.split(':').map((x) => Number.parseInt(x, 16)) as [number, number, number, number, number, number];
  return [0xfe80, 0, 0, 0, ((b[0] ^ 0x02) << 8) | b[1], (b[2] << 8) | 0xff, 0xfe00 | b[3], (b[4] << 8) | b[5]];
}

/** Whether `address` is the link-local address the kernel makes from `mac`. */
export function isLinkLocalOf(address: string, mac: string): boolean {
  const a = ipv6Groups(address);
  const e = eui64LinkLocal(mac);
  return a !== null && e !== null && a.every((g, i) => g === e[i]);
}

/** A new unicast MAC with the same first three bytes (so the NIC still reads as the hypervisor's). */
export function freshMacLike(mac: string, random: () => Buffer = () => randomBytes(3)): string {
  const prefix = MAC.test(mac.toLowerCase()) ? mac.toLowerCase().slice(0, 8) : '02:00:00';
  const tail = [...random()].map((b) => b.toString(16).padStart(2, '0'));
  return `${prefix}:${tail.join(':')}`;
}
