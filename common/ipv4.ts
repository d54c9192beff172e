/** The one IPv4 pattern (dotted quad, each octet 0–255, no leading zeros), for every side: main, renderer, schemas. */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const IPV4_PATTERN = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export const isIpv4 = (value: string): boolean => IPV4_PATTERN.test(value);
