/** IPv4 helpers. Addresses are validated here before they reach any command. */

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export function isIpv4(value: string): boolean {
  return IPV4_RE.test(value);
}

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
