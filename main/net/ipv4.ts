/** IPv4 helpers. Addresses are validated here before they reach any command. */

import { isIpv4 } from '../../common/ipv4.ts';

export { isIpv4 };

export function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, octet) => ((acc << 8) | Number(octet)) >>> 0, 0);
}

export function intToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export function prefixToMask(prefixLength: number): string {
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) return '0.0.0.0';
  return intToIpv4(prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0);
}

/** Prefix length of a dotted mask, or null when the mask is not contiguous. */
export function maskToPrefix(mask: string): number | null {
  if (!isIpv4(mask)) return null;
  const value = ipv4ToInt(mask);
  const prefix = 32 - Math.log2((~value >>> 0) + 1);
  return Number.isInteger(prefix) ? prefix : null;
}

export function isApipa(address: string): boolean {
  return address.startsWith('169.254.');
}

export interface Ipv4Network {
  /** The network address, e.g. "192.168.37.0". */
  network: string;
  prefixLength: number;
}

const maskOf = (prefixLength: number) => (prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0);

export function networkOf(address: string, prefixLength: number): Ipv4Network {
  return { network: intToIpv4((ipv4ToInt(address) & maskOf(prefixLength)) >>> 0), prefixLength };
}

export function formatCidr(net: Ipv4Network): string {
  return `${net.network}/${net.prefixLength}`;
}

/** "192.168.37.0/24" → network; null for anything else. */
export function parseCidr(text: string): Ipv4Network | null {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  if (!match?.[1] || !isIpv4(match[1]) || Number(match[2]) > 32) return null;
  return networkOf(match[1], Number(match[2]));
}

export function inNetwork(address: string, net: Ipv4Network): boolean {
  const mask = maskOf(net.prefixLength);
  return (ipv4ToInt(address) & mask) >>> 0 === (ipv4ToInt(net.network) & mask) >>> 0;
}

export function sameSubnet(a: string, b: string, prefixLength: number): boolean {
  return inNetwork(a, networkOf(b, prefixLength));
}

/** Two networks overlap when the shorter prefix contains the other's network address. */
export function networksOverlap(a: Ipv4Network, b: Ipv4Network): boolean {
  const shorter = a.prefixLength <= b.prefixLength ? a : b;
  const longer = shorter === a ? b : a;
  return inNetwork(longer.network, shorter);
}

/** The network of an address as "a.b.c.d/len", from its real prefix. */
export function cidrOf(address: string, prefixLength: number): string {
  return formatCidr(networkOf(address, prefixLength));
}

/**
 * The n-th address of a network (1 = the first host), or null when the network has no such host
 * (n past the broadcast address). Conventions like "the host is .1" go through here, so they hold
 * on a /25 or a /20 as well as on a /24.
 */
export function nthHost(net: Ipv4Network, n: number): string | null {
  const size = 2 ** (32 - net.prefixLength);
  if (n < 1 || n >= size - 1) return null;
  return intToIpv4(ipv4ToInt(net.network) + n);
}

/** A /24 in 192.168.0.0/16 that no adapter or other VM network uses, to move a VM network to. */
export function freeSubnet(taken: Ipv4Network[]): string {
  for (let third = 100; third < 356; third++) {
    const candidate: Ipv4Network = { network: `192.168.${third % 256}.0`, prefixLength: 24 };
    if (!taken.some((t) => networksOverlap(t, candidate))) return formatCidr(candidate);
  }
  return '192.168.250.0/24';
}
