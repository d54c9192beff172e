/** Probe: the main routing table. */
import { parseRoutes } from '../parsers.ts';
import { defineLinuxProbe } from './declare.ts';

export const routesProbe = defineLinuxProbe({
  id: 'routes',
  platforms: ['linux'],
  argv: ['ip', '-j', 'route', 'show'],
  budgetMs: (t) => t,
  parse: parseRoutes,
  fixtures: { match: /^ip-j-route\./, origin: 'iproute2 6.1.0 in the lab’s DHCP-configured guest' },
});
