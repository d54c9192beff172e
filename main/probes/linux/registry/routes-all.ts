/**
 * Probe: every routing table (VPN rules route through their own). The main table stays its own
 * read (routes.ts), so bundles collected before this one still replay their routes.
 */
import { parseRoutes } from '../parsers.ts';
import { defineLinuxProbe } from './declare.ts';

export const routesAllProbe = defineLinuxProbe({
  id: 'routes-all',
  platforms: ['linux'],
  argv: ['ip', '-j', 'route', 'show', 'table', 'all'],
  budgetMs: (t) => t,
  parse: parseRoutes,
  fixtures: { match: /^ip-j-route\./, origin: 'the same JSON as the main table’s (`table all` adds entries of the same shape)' },
});
