/** Probe: iptables' tables as iptables-save prints them (what nft cannot print of iptables-nft's rules). */
import { rulesetFromIptablesSave } from '../iptables-ruleset.ts';
import { defineLinuxProbe } from './declare.ts';

export const iptablesProbe = defineLinuxProbe({
  id: 'firewall-iptables',
  platforms: ['linux'],
  argv: ['iptables-save'],
  budgetMs: (t) => t,
  parse: (stdout) => rulesetFromIptablesSave(stdout),
  fixtures: { match: /^iptables-save\./, origin: 'iptables 1.8.9 (nf_tables) on Debian 12, in throw-away namespaces' },
});
