/**
 * Every Linux probe: those with a fixed command, and the questions whose command takes what the
 * diagnosis found. A new one is one file in this folder (defineLinuxProbe or defineLinuxQuestion)
 * plus its fixture, and one line here; registry.test.ts fails on a probe file that is not listed.
 */
import { adaptersProbe } from './adapters.ts';
import { arpBeyondPrefixQuestion } from './arp-beyond-prefix.ts';
import { captivePortalProbe } from './captive-portal.ts';
import type { LinuxProbe } from './declare.ts';
import { defaultRoutesProbe } from './default-routes.ts';
import { dhcpListenersProbe } from './dhcp-listeners.ts';
import { dnsLookupQuestion } from './dns-lookup.ts';
import { duplicateAddressQuestion } from './duplicate-address.ts';
import { iptablesProbe } from './iptables.ts';
import { iptablesLegacyProbe } from './iptables-legacy.ts';
import { listeningProbe } from './listening.ts';
import { neighboursQuestion } from './neighbours.ts';
import { nftRulesetProbe } from './nft-ruleset.ts';
import { pingQuestion } from './ping.ts';
import { resolvConfLinkProbe } from './resolv-conf-link.ts';
import { routeGetQuestion } from './route-get.ts';
import { routesProbe } from './routes.ts';
import { routesAllProbe } from './routes-all.ts';
import { routingPolicyProbe } from './routing-policy.ts';
import { ufwProbe } from './ufw.ts';
import { virshNetListProbe } from './virsh-net-list.ts';
import { virshNetXmlQuestion } from './virsh-net-xml.ts';

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
  resolvConfLinkProbe,
  dhcpListenersProbe,
  virshNetListProbe,
  captivePortalProbe,
] as readonly LinuxProbe[];

/** The questions: their command takes parameters (a target, an interface, a name). */
export const LINUX_QUESTIONS = [
  pingQuestion,
  routeGetQuestion,
  dnsLookupQuestion,
  duplicateAddressQuestion,
  arpBeyondPrefixQuestion,
  neighboursQuestion,
  virshNetXmlQuestion,
] as const;

export { askLinux, askLinuxRun, type LinuxProbe, type LinuxQuestion, runLinuxProbe } from './declare.ts';
export {
  adaptersProbe,
  arpBeyondPrefixQuestion,
  captivePortalProbe,
  defaultRoutesProbe,
  dhcpListenersProbe,
  dnsLookupQuestion,
  duplicateAddressQuestion,
  iptablesLegacyProbe,
  iptablesProbe,
  listeningProbe,
  neighboursQuestion,
  nftRulesetProbe,
  pingQuestion,
  resolvConfLinkProbe,
  routeGetQuestion,
  routesAllProbe,
  routesProbe,
  routingPolicyProbe,
  ufwProbe,
  virshNetListProbe,
  virshNetXmlQuestion,
};
