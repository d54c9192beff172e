/**
 * The parameter types fixes share. Every value here can end up in a command line or a firewall
 * rule, so each is as narrow as the fix needs: no leading dash, no control characters, canonical
 * networks no wider than a VM network unless the user says so (--allow-wide).
 */
import { z } from 'zod';
import { formatCidr, type Ipv4Network, intToIpv4, ipv4ToInt, isIpv4, parseCidr } from '../net/ipv4.ts';
import { LINUX_IFNAME } from './guest-config.ts';

export const ifname = z
  .string()
  .regex(LINUX_IFNAME, 'an interface name (a letter or digit, then letters, digits, . _ - @; at most 15)');
export const ipv4 = z.string().refine(isIpv4, 'an IPv4 address');

/** An address with its prefix, as an interface carries it ("192.168.37.130/24"). */
export const addressWithPrefix = z.string().refine((v) => {
  const [address, len] = v.split('/');
  return !!address && isIpv4(address) && /^\d{1,2}$/.test(len ?? '') && Number(len) <= 32 && v.split('/').length === 2;
}, 'an address with its prefix, like 192.168.37.130/24');

/**
 * A network to open a firewall to: its canonical network address ("192.168.37.0/24", not
 * "192.168.37.5/24") and a prefix of /8 or narrower, so 0.0.0.0/0 — everyone — is never one.
 */
export const vmSubnet = z.string().refine((v) => {
  const net = parseCidr(v);
  return net !== null && formatCidr(net) === v && net.prefixLength >= 8;
}, 'a network address with its prefix, /8 or narrower, like 192.168.37.0/24');

/** `--allow-wide`: the user accepts a network wider than the VM network a finding names. */
export const allowWide = z.literal('yes').optional();

/** A default gateway: a unicast host address (not 0.0.0.0, broadcast, multicast or loopback). */
export const gatewayAddress = ipv4.refine((v) => {
  const first = Number(v.split('.')[0]);
  return v !== '0.0.0.0' && v !== '255.255.255.255' && first !== 127 && first < 224;
}, 'a gateway address (not 0.0.0.0, 255.255.255.255, loopback or multicast)');

/** Whether `address` is the network or broadcast address of `net` (neither can be a gateway). */
export function isNetworkOrBroadcast(address: string, net: Ipv4Network): boolean {
  if (net.prefixLength >= 31) return false;
  const size = 2 ** (32 - net.prefixLength);
  return address === net.network || address === intToIpv4(ipv4ToInt(net.network) + size - 1);
}

/** `inner` lies within `outer` (equal or narrower). */
export function within(inner: Ipv4Network, outer: Ipv4Network): boolean {
  if (inner.prefixLength < outer.prefixLength) return false;
  const mask = outer.prefixLength === 0 ? 0 : (0xffffffff << (32 - outer.prefixLength)) >>> 0;
  return (ipv4ToInt(inner.network) & mask) >>> 0 === ipv4ToInt(outer.network);
}
