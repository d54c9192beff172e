/**
 * A bridge of the host's own (br0) that VMs are ports of, as a LAN: the LAN card must be its port,
 * the host's address belongs on the bridge, and with br_netfilter the forward hook must pass what
 * the bridge carries.
 */
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { cidrOf, isApipa } from '../net/ipv4.ts';
import { forwardVerdict } from '../probes/linux/ruleset.ts';
import { type Checklist, declareRule } from './checklist.ts';
import { BRIDGE_NF_CALL_IPTABLES, type HostFacts, isLanBridge, isVmPort } from './host-facts.ts';

/** What these rules can find. */
export const HOST_BRIDGE_RULES = declareRule('linux-host-bridge', ['ADAPTER_DISABLED', 'BRIDGE_MISBOUND', 'FORWARD_POLICY_DROP']);

/** A LAN bridge of the host's own, for each one. */
export function bridgesRule(facts: HostFacts, list: Checklist) {
  for (const net of facts.vmNetworks) if (isLanBridge(net)) bridgeRule(facts, list, net);
}

/**
 * A bridge of the host's own (br0) that VMs are ports of: it must hold the LAN card as a port, and
 * the host's address belongs on the bridge, not on that card.
 */
function bridgeRule(facts: HostFacts, into: Checklist, bridge: ExplainedLiveAdapter) {
  const list = into.as(HOST_BRIDGE_RULES);
  const adapters = facts.adapters ?? [];
  const on = { adapter: bridge.name };
  const ports = adapters.filter((a) => a.master === bridge.name);
  const uplinks = ports.filter((a) => !isVmPort(a));
  const evidence = { bridge: bridge.name, ports: ports.map((p) => p.name), command: 'ip -d -j addr show' };
  if (bridge.state === 'disabled') {
    list.check(`adapter-up:${bridge.name}`, 'fail', { state: bridge.state }, on);
    list.found(
      'ADAPTER_DISABLED',
      { adapter: bridge.name, product: 'linux', vmnet: null, nat: false, network: null },
      { interface: bridge.name, state: bridge.state },
    );
    return;
  }
  if (uplinks.length === 0) {
    // The card that should be the uplink: an Ethernet card of this host that is up, in no bridge and without an address.
    const candidate = adapters.find(
      (a) =>
        !a.master &&
        !isVmPort(a) &&
        a.state === 'up' &&
        a.ipv4.length === 0 &&
        /^(en|eth)\w*$/.test(a.name) &&
        a.kind !== 'bridge',
    );
    list.check(`bridge-uplink:${bridge.name}`, 'fail', evidence, on);
    list.found(
      'BRIDGE_MISBOUND',
      { bridge: bridge.name, cause: 'no-uplink', uplink: candidate?.name ?? null, address: null },
      evidence,
    );
    return;
  }
  const addressed = uplinks.find((u) => u.ipv4.some((a) => !isApipa(a.address)));
  if (addressed) {
    const address = addressed.ipv4.find((a) => !isApipa(a.address));
    list.check(`bridge-uplink:${bridge.name}`, 'fail', evidence, on);
    list.found(
      'BRIDGE_MISBOUND',
      {
        bridge: bridge.name,
        cause: 'address-on-uplink',
        uplink: addressed.name,
        address: address ? `${address.address}/${address.prefixLength}` : null,
      },
      evidence,
    );
    return;
  }
  list.check(`bridge-uplink:${bridge.name}`, 'pass', evidence, on);
  bridgedForwardRule(facts, list, bridge);
}

/**
 * With br_netfilter loaded, frames a bridge carries between its ports go through the FORWARD hook
 * as well: a drop policy there (Docker's) cuts bridged VMs off the LAN although nothing is routed.
 */
function bridgedForwardRule(facts: HostFacts, into: Checklist, bridge: ExplainedLiveAdapter) {
  const list = into.as(HOST_BRIDGE_RULES);
  const on = { adapter: bridge.name };
  const address = bridge.ipv4.find((a) => !isApipa(a.address));
  if (facts.bridgeNetfilter === false || !address) return;
  if (!facts.ruleset || facts.bridgeNetfilter === null) {
    list.check(`forward-chain:${bridge.name}`, 'unknown', { bridgeNetfilter: facts.bridgeNetfilter }, on);
    return;
  }
  const subnet = cidrOf(address.address, address.prefixLength);
  const forward = forwardVerdict(facts.ruleset, { iface: bridge.name, subnet, bridged: true });
  const evidence = {
    interface: bridge.name,
    subnet,
    bridgeNetfilter: 1,
    rules: forward.rules,
    command: `cat ${BRIDGE_NF_CALL_IPTABLES}; nft -j list ruleset; iptables-save`,
  };
  list.check(`forward-chain:${bridge.name}`, forward.drops ? 'fail' : 'pass', evidence, on);
  if (forward.drops)
    list.found('FORWARD_POLICY_DROP', { interface: bridge.name, subnet, rules: forward.rules, bridged: true }, evidence);
}
