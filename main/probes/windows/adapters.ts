/**
 * Reads the adapters probe's document (registry/adapters.ts): Get-NetAdapter, Get-NetIPAddress and
 * the default routes, with enums cast to strings in the script (probe-reference §1.1).
 */
import { z } from 'zod';
import type { Adapter, AdapterState, ExplainedLiveAdapter } from '../../../common/domain.ts';
import { err, ok, type Result } from '../../../common/result.ts';
import { virtualNicVendor } from '../../adapters/classify.ts';
import { prefixToMask } from '../../net/ipv4.ts';
import { explainLiveAdapters } from '../linux/ip-addr.ts';

const adapterRow = z.object({
  Name: z.string(),
  InterfaceDescription: z.string().nullish(),
  ifIndex: z.number().int(),
  MacAddress: z.string().nullish(),
  Status: z.union([z.string(), z.number()]).nullish(),
});
const addressRow = z.object({
  ifIndex: z.number().int(),
  IPAddress: z.string(),
  PrefixLength: z.number().int(),
  AddressFamily: z.union([z.string(), z.number()]),
  // MSFT_NetIPAddress (Microsoft's NetTCPIP reference): AddressState Invalid, Tentative, Duplicate,
  // Deprecated or Preferred; PrefixOrigin Other, Manual, WellKnown, Dhcp, RouterAdvertisement.
  // Absent in bundles collected before it was read: then every address counts, as it did.
  AddressState: z.string().nullish(),
  PrefixOrigin: z.string().nullish(),
  // SuffixOrigin: Other, Manual, WellKnown, Dhcp, Link (169.254 self-assigned), Random.
  SuffixOrigin: z.string().nullish(),
});
const routeRow = z.object({ ifIndex: z.number().int(), NextHop: z.string() });
const adaptersDocument = z.object({
  routes: z
    .array(routeRow)
    .or(routeRow.transform((r) => [r]))
    .nullish(),
  adapters: z.array(adapterRow).or(adapterRow.transform((a) => [a])),
  addresses: z
    .array(addressRow)
    .or(addressRow.transform((a) => [a]))
    .nullish(),
});

const STATUS: Record<string, AdapterState> = {
  up: 'up',
  disconnected: 'down',
  disabled: 'disabled',
  'not present': 'not-present',
};

export function parseWindowsAdapters(data: unknown): Result<ExplainedLiveAdapter[]> {
  const parsed = adaptersDocument.safeParse(data);
  if (!parsed.success) return err('unreadable', `unexpected adapter data: ${parsed.error.issues[0]?.message ?? ''}`);
  const addresses = parsed.data.addresses ?? [];
  const gateways = new Map<string, string[]>();
  for (const route of parsed.data.routes ?? []) {
    const name = parsed.data.adapters.find((a) => a.ifIndex === route.ifIndex)?.Name;
    // On-link routes have next hop 0.0.0.0 / :: (probe-reference §1.2): not a gateway.
    if (name && route.NextHop !== '0.0.0.0' && route.NextHop !== '::')
      gateways.set(name, [...(gateways.get(name) ?? []), route.NextHop]);
  }
  const value = parsed.data.adapters.map((row): Adapter => {
    const mine = addresses.filter((a) => a.ifIndex === row.ifIndex);
    const isV4 = (a: (typeof mine)[number]) => a.AddressFamily === 'IPv4' || a.AddressFamily === 2;
    // Only a Preferred address is in use: a Duplicate static beside a 169.254 fallback is a conflict, not an address.
    const usable = (a: (typeof mine)[number]) => !a.AddressState || /^preferred$/i.test(a.AddressState);
    const unusable = mine.filter((a) => isV4(a) && !usable(a));
    const mac = row.MacAddress ? row.MacAddress.toLowerCase().replace(/-/g, ':') : null;
    return {
      name: row.Name,
      description: row.InterfaceDescription ?? null,
      index: row.ifIndex,
      state: STATUS[String(row.Status ?? '').toLowerCase()] ?? 'unknown',
      mac: mac || null,
      ipv4: mine
        .filter((a) => isV4(a) && usable(a))
        .map((a) => ({ address: a.IPAddress, prefixLength: a.PrefixLength, mask: prefixToMask(a.PrefixLength) })),
      ...(unusable.length
        ? {
            ipv4Unusable: unusable.map((a) => ({
              address: a.IPAddress,
              prefixLength: a.PrefixLength,
              state: a.AddressState ?? '',
              origin: a.PrefixOrigin ?? null,
              suffixOrigin: a.SuffixOrigin ?? null,
            })),
          }
        : {}),
      ipv6: mine.filter((a) => !isV4(a)).map((a) => a.IPAddress.replace(/%\d+$/, '')),
      kind: null,
      gateways: [],
      macVendor: virtualNicVendor(mac),
    };
  });
  return ok(explainLiveAdapters(value, gateways));
}
