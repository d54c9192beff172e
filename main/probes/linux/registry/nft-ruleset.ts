/** Probe: the nftables ruleset as JSON (iptables-nft's tables appear here too). */
import { rulesetFromNftJson } from '../nft-ruleset.ts';
import { defineLinuxProbe } from './declare.ts';

export const nftRulesetProbe = defineLinuxProbe({
  id: 'firewall',
  platforms: ['linux'],
  argv: ['nft', '-j', 'list', 'ruleset'],
  budgetMs: (t) => t,
  parse: (stdout) => rulesetFromNftJson(stdout),
  fixtures: { match: /^nft-j-ruleset\./, origin: 'nftables 1.0.6 on Debian 12, in throw-away namespaces' },
});
