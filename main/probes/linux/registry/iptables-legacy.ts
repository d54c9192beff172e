/** Probe: iptables-legacy's tables, left beside the nf_tables ones on some systems (optional: most have none). */
import { rulesetFromIptablesSave } from '../iptables-ruleset.ts';
import { defineLinuxProbe } from './declare.ts';

export const iptablesLegacyProbe = defineLinuxProbe({
  id: 'firewall-iptables-legacy',
  platforms: ['linux'],
  argv: ['iptables-legacy-save'],
  budgetMs: (t) => t,
  parse: (stdout) => rulesetFromIptablesSave(stdout, 'iptables-legacy'),
  fixtures: { match: /^iptables-legacy-save\./, origin: 'iptables-legacy 1.8.9 on Debian 12, in a throw-away namespace' },
});
