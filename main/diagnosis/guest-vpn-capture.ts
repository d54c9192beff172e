/**
 * Where the kernel really sends the host's and the internet's packets (`ip route get`, which
 * follows every policy rule and table): into a tunnel of a VPN inside the VM, and by which rule or
 * routes. Derived from the facts alone: the VPN rule names it, the host and internet rules step aside.
 */
import { inNetwork, parseCidr } from '../net/ipv4.ts';
import type { GuestFacts } from './guest-facts.ts';
import { pingOf, tunnels } from './guest-rule-helpers.ts';

type Lookup = GuestFacts['lookups'][number];
type RoutingRule = NonNullable<GuestFacts['routing']>['rules'][number];

export interface VpnCapture {
  /** Every tunnel device, and each lookup as the evidence shows it. */
  tunnels: string[];
  lookups: Array<Pick<Lookup, 'target' | 'purpose' | 'dev' | 'table'>>;
  internetAnswers: boolean;
  host: boolean;
  internet: boolean;
  /** The capture named: the host's when the host's packets go, else the internet's; null when nothing is captured. */
  first: { lookup: Lookup & { dev: string }; rule: RoutingRule | null; routes: string[] } | null;
}

/** Null when the routing could not be read (the rule says unknown, with why). */
export function vpnCaptureOf(facts: GuestFacts): VpnCapture | null {
  const routing = facts.routing;
  if (routing === null) return null;
  const vpn = tunnels(facts);
  const lookups = facts.lookups.map((l) => ({ target: l.target, purpose: l.purpose, dev: l.dev, table: l.table }));
  const internetAnswers = pingOf(facts, 'internet').some((i) => i.reachable);
  // The internet's packets into a tunnel count only when the internet does not answer through it.
  const captured = facts.lookups.filter(
    (l): l is Lookup & { dev: string } =>
      l.dev !== null && vpn.has(l.dev) && (l.purpose === 'host' || (l.purpose === 'internet' && !internetAnswers)),
  );
  const base = {
    tunnels: [...vpn],
    lookups,
    internetAnswers,
    host: captured.some((l) => l.purpose === 'host'),
    internet: captured.some((l) => l.purpose === 'internet'),
  };
  const lookup = captured.find((l) => l.purpose === 'host') ?? captured[0];
  if (!lookup) return { ...base, first: null };
  const rule = lookup.table
    ? (routing.rules.filter((r) => r.table === lookup.table).sort((a, b) => a.priority - b.priority)[0] ?? null)
    : null;
  const inMain = routing.routes.filter((r) => r.table === null && r.dev === lookup.dev);
  const halves = ['0.0.0.0/1', '128.0.0.0/1'].filter((h) => inMain.some((r) => r.dst === h));
  const covers = (dst: string) => {
    const net = dst === 'default' ? null : parseCidr(dst);
    return dst === 'default' || (net !== null && inNetwork(lookup.target, net));
  };
  const containing = inMain.filter((r) => covers(r.dst)).map((r) => r.dst);
  const routes = rule ? [] : halves.length === 2 ? halves : containing;
  return { ...base, first: { lookup, rule, routes } };
}
