/** Probe: the default routes, each adapter's gateways. */
import { parseDefaultRoutes } from '../ip-addr.ts';
import { defineLinuxProbe } from './declare.ts';

export const defaultRoutesProbe = defineLinuxProbe({
  id: 'default-routes',
  platforms: ['linux'],
  argv: ['ip', '-j', 'route', 'show', 'default'],
  budgetMs: (t) => t,
  parse: parseDefaultRoutes,
  fixtures: {
    match: /^ip-j-route-default\./,
    origin: 'iproute2 6.1.0 in a throw-away namespace with a default route via 192.168.37.2',
  },
});
