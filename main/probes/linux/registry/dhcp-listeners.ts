/**
 * Probe: the sockets bound to UDP 67, with their device and program — a DHCP server (libvirt's
 * dnsmasq) that serves a VM network listens there, on its bridge or on every address.
 */
import { parseListeners } from '../parsers.ts';
import { defineLinuxProbe } from './declare.ts';

export const dhcpListenersProbe = defineLinuxProbe({
  id: 'dhcp-servers',
  platforms: ['linux'],
  argv: ['ss', '-Hulnp', 'sport', '=', ':67'],
  budgetMs: (t) => t,
  parse: parseListeners,
  fixtures: { match: /^ss-Hulnp-sport-67\./, origin: 'iproute2 6.1.0 ss beside dnsmasq 2.90 bound to a bridge in a namespace' },
});
