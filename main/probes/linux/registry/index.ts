/**
 * Every Linux probe with a fixed command. A new one is one file in this folder (defineLinuxProbe)
 * plus its fixture, and one line here; registry.test.ts fails on a probe file that is not listed.
 */
import { adaptersProbe } from './adapters.ts';
import type { LinuxProbe } from './declare.ts';
import { defaultRoutesProbe } from './default-routes.ts';
import { iptablesProbe } from './iptables.ts';
import { iptablesLegacyProbe } from './iptables-legacy.ts';
import { listeningProbe } from './listening.ts';
import { nftRulesetProbe } from './nft-ruleset.ts';
import { routesProbe } from './routes.ts';
import { routesAllProbe } from './routes-all.ts';
import { routingPolicyProbe } from './routing-policy.ts';
import { ufwProbe } from './ufw.ts';

export const LINUX_PROBES: readonly LinuxProbe[] = [
  adaptersProbe,
  defaultRoutesProbe,
  routesProbe,
  routesAllProbe,
  routingPolicyProbe,
  listeningProbe,
  nftRulesetProbe,
  iptablesProbe,
  iptablesLegacyProbe,
  ufwProbe,
] as readonly LinuxProbe[];

export { type LinuxProbe, runLinuxProbe } from './declare.ts';
export {
  adaptersProbe,
  defaultRoutesProbe,
  iptablesLegacyProbe,
  iptablesProbe,
  listeningProbe,
  nftRulesetProbe,
  routesAllProbe,
  routesProbe,
  routingPolicyProbe,
  ufwProbe,
};
