/** Probe: the routing policy rules (a VPN's "from all lookup 51820"). */
import { parseRules } from '../parsers.ts';
import { defineLinuxProbe } from './declare.ts';

export const routingPolicyProbe = defineLinuxProbe({
  id: 'routing-policy',
  platforms: ['linux'],
  argv: ['ip', '-j', 'rule', 'show'],
  budgetMs: (t) => t,
  parse: parseRules,
  fixtures: {
    match: /^ip-j-rule\./,
    origin: 'iproute2 6.1.0 in a throw-away namespace with the two rules wg-quick adds for a full tunnel',
  },
});
