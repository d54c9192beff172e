/**
 * A Linux host's rules for each of its virtual networks (virbr0, vmnet8, vboxnet0): the adapter
 * (up, addressed), a route that takes its subnet, libvirt's NAT and DHCP, forwarding and the
 * forward hook, and the host's firewall towards the VMs. Each rule reads the
 * facts only (the network's address is derived from them alone), so they run in any order.
 */
import type { CheckId } from '../../common/catalogue/checks.ts';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { cidrOf, freeSubnet, isApipa, networkOf, networksOverlap, nthHost, parseCidr } from '../net/ipv4.ts';
import { forwardVerdict, icmpEchoVerdict, masqueradedSources, natVerdict, type RuleOrigin } from '../probes/linux/ruleset.ts';
import { type Checklist, type CheckRef, declareRule } from './checklist.ts';
import { type HostFacts, isLanBridge } from './host-facts.ts';

/** What these rules can find. */
export const HOST_NETWORK_RULES = declareRule('linux-host-network', [
  'ADAPTER_DISABLED',
  'ADAPTER_NO_ADDRESS',
  'DHCP_SERVICE_STOPPED',
  'FORWARD_POLICY_DROP',
  'HOST_FIREWALL_BLOCKS_ICMP',
  'IP_FORWARDING_DISABLED',
  'NAT_SERVICE_STOPPED',
  'SUBNET_CONFLICT',
]);

/** NAT_SERVICE_STOPPED for a libvirt network: stopped, or running with its NAT rule gone. */
export const libvirtNat = (p: {
  network: string;
  bridge: string | null;
  hostAddress: string | null;
  autostart?: boolean | null;
  natRulesMissing?: string;
  natBackend?: RuleOrigin | null;
  orphanedIn?: string | null;
}) => ({
  product: 'libvirt' as const,
  service: null,
  status: null,
  startType: null,
  ...p,
  autostart: p.autostart ?? null,
  natRulesMissing: p.natRulesMissing ?? null,
  natBackend: p.natBackend ?? null,
  orphanedIn: p.orphanedIn ?? null,
});

/** A virtual network of this host (not a LAN bridge, not macvtap): its checks are named after it. */
const virtualNetworks = (facts: HostFacts) => facts.vmNetworks.filter((n) => n.kind !== 'macvtap' && !isLanBridge(n));
const isDown = (net: ExplainedLiveAdapter) => net.state === 'disabled' || net.state === 'not-present';
const idOn = (net: ExplainedLiveAdapter, what: CheckId): CheckRef => `${what}:${net.name}`;

/**
 * Each virtual network that is up with an address: its subnet, the host's address on it, and
 * whether the packet filter masquerades it (null: unreadable). Derived once per diagnosis; several
 * rules read it.
 */
const addressedOf = new WeakMap<HostFacts, ReturnType<typeof deriveAddressed>>();
function addressed(facts: HostFacts) {
  const known = addressedOf.get(facts);
  if (known) return known;
  const networks = deriveAddressed(facts);
  addressedOf.set(facts, networks);
  return networks;
}
function deriveAddressed(facts: HostFacts) {
  return virtualNetworks(facts).flatMap((net) => {
    const address = isDown(net) ? undefined : net.ipv4.find((a) => !isApipa(a.address));
    if (!address) return [];
    const subnet = cidrOf(address.address, address.prefixLength);
    const natted = facts.ruleset ? natVerdict(facts.ruleset, { iface: net.name, subnet }) : null;
    return [{ net, address, subnet, natted }];
  });
}

/** The virtual network's adapter: up, and holding an address. */
export function adapterRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_NETWORK_RULES);
  for (const net of virtualNetworks(facts)) {
    const on = { adapter: net.name };
    if (isDown(net)) {
      list.check(idOn(net, 'adapter-up'), 'fail', { state: net.state }, on);
      list.found(
        'ADAPTER_DISABLED',
        { adapter: net.name, product: 'linux', vmnet: null, nat: false, network: null },
        { interface: net.name, state: net.state },
      );
      continue;
    }
    list.check(idOn(net, 'adapter-up'), 'pass', { state: net.state }, on);
    const address = net.ipv4.find((a) => !isApipa(a.address));
    if (address) {
      list.check(idOn(net, 'adapter-address'), 'pass', { address: `${address.address}/${address.prefixLength}` }, on);
      continue;
    }
    list.check(idOn(net, 'adapter-address'), 'fail', { addresses: net.ipv4 }, on);
    list.found(
      'ADAPTER_NO_ADDRESS',
      {
        adapter: net.name,
        addresses: net.ipv4.map((a) => `${a.address}/${a.prefixLength}`),
        expected: null,
        windows: false,
        vbox: null,
        vboxIp: null,
        vboxMask: null,
      },
      { interface: net.name, addresses: net.ipv4 },
    );
  }
}

/**
 * A route through another device that overlaps the VM network, as specific or more: it takes
 * (part of) the host's traffic to the VMs — a VPN that pushes the VM network's range.
 */
export function subnetConflictRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_NETWORK_RULES);
  for (const { net, address, subnet } of addressed(facts)) {
    const on = { adapter: net.name };
    const vmNet = networkOf(address.address, address.prefixLength);
    const overlap = (facts.routes ?? []).find((r) => {
      const dst = r.dst === 'default' ? null : parseCidr(r.dst);
      return r.dev !== net.name && dst !== null && dst.prefixLength >= vmNet.prefixLength && networksOverlap(dst, vmNet);
    });
    if (!overlap) {
      if (facts.routes) list.check(idOn(net, 'subnet-conflict'), 'pass', { subnet }, on);
      continue;
    }
    const taken = (facts.routes ?? []).flatMap((r) => (r.dst === 'default' ? [] : [parseCidr(r.dst)].filter((n) => n !== null)));
    const evidence = { subnet, route: overlap, command: 'ip -j route show' };
    list.check(idOn(net, 'subnet-conflict'), 'fail', evidence, on);
    list.found(
      'SUBNET_CONFLICT',
      {
        vmnet: net.name,
        subnet,
        other: `${overlap.dev ?? '?'} (${overlap.dst})`,
        otherIsWinNat: false,
        free: freeSubnet(taken),
        otherDevice: overlap.dev,
        otherRoute: overlap.dst,
      },
      evidence,
    );
  }
}

/**
 * A libvirt NAT network whose masquerade rule is gone (or no longer reached): its VMs reach the
 * host, not the internet. Read in every backend: nft, iptables-nft, iptables-legacy, firewalld.
 */
export function libvirtNatRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_NETWORK_RULES);
  const masqueraded = facts.ruleset ? masqueradedSources(facts.ruleset) : [];
  for (const { net, address, subnet, natted } of addressed(facts)) {
    const on = { adapter: net.name };
    const nat = facts.libvirtNat.find((n) => n.bridge === net.name);
    if (!nat) continue;
    if (natted?.masqueraded !== false) {
      list.check(idOn(net, 'nat-rules'), natted ? 'pass' : 'unknown', { network: nat.name, subnet, by: natted?.by ?? null }, on);
      continue;
    }
    const evidence = {
      network: nat.name,
      definedBy: nat.from,
      subnet,
      masqueraded,
      orphanedIn: natted.orphaned,
      backend: natted.backend,
      command: 'nft -j list ruleset; iptables-save; iptables-legacy-save',
    };
    list.check(idOn(net, 'nat-rules'), 'fail', evidence, on);
    list.found(
      'NAT_SERVICE_STOPPED',
      libvirtNat({
        network: nat.name,
        bridge: net.name,
        hostAddress: `${address.address}/${address.prefixLength}`,
        natRulesMissing: subnet,
        natBackend: natted.backend,
        orphanedIn: natted.orphaned,
      }),
      evidence,
    );
  }
}

/** libvirt's DHCP, for each of its networks that leases addresses. */
export function libvirtLeasesRule(facts: HostFacts, list: Checklist) {
  for (const { net, address } of addressed(facts)) {
    const leasing = facts.libvirtNat.find((n) => n.bridge === net.name && n.dhcp);
    if (leasing) libvirtDhcpRule(facts, list, leasing, net, address.address);
  }
}

/** NAT networks route through the host: forwarding must be on and the forward hook must pass them. */
export function forwardingRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_NETWORK_RULES);
  for (const { net, subnet, natted } of addressed(facts)) {
    const on = { adapter: net.name };
    if (!natted?.masqueraded) continue;
    if (facts.ipForward === false) {
      const evidence = { ipForward: 0, masqueraded: subnet, command: 'cat /proc/sys/net/ipv4/ip_forward' };
      list.check(idOn(net, 'forwarding'), 'fail', evidence, on);
      list.found('IP_FORWARDING_DISABLED', { subnet }, evidence);
    } else {
      const evidence = { ipForward: facts.ipForward, masqueraded: subnet };
      list.check(idOn(net, 'forwarding'), facts.ipForward ? 'pass' : 'unknown', evidence, on);
    }
    const forward = facts.ruleset ? forwardVerdict(facts.ruleset, { iface: net.name, subnet }) : null;
    const status = forward?.drops ? 'fail' : forward ? 'pass' : 'unknown';
    list.check(idOn(net, 'forward-chain'), status, { rules: forward?.rules ?? null }, on);
    if (forward?.drops) {
      list.found(
        'FORWARD_POLICY_DROP',
        { interface: net.name, subnet, rules: forward.rules },
        { interface: net.name, subnet, rules: forward.rules, command: 'nft -j list ruleset; iptables-save' },
      );
    }
  }
}

/** The host's firewall lets a VM's ping in: asked for a packet from any address of the network but the host's own. */
export function hostFirewallRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_NETWORK_RULES);
  for (const { net, address, subnet } of addressed(facts)) {
    const vmAddress = nthHost(networkOf(address.address, address.prefixLength), 2) ?? address.address;
    const input = facts.ruleset ? icmpEchoVerdict(facts.ruleset, vmAddress, net.name) : null;
    list.check(idOn(net, 'host-firewall'), input?.drops ? 'fail' : input ? 'pass' : 'unknown', { rules: input?.rules ?? null });
    if (input?.drops) {
      list.found(
        'HOST_FIREWALL_BLOCKS_ICMP',
        { subnet, rules: input.rules, adapter: null, vmnet: null, profile: null, why: null },
        { subnet, rules: input.rules },
      );
    }
  }
}

/**
 * A libvirt network with <dhcp> leases through its own dnsmasq: something must listen on UDP 67 on
 * its bridge (or on the bridge's address, or everywhere). Killed, or failed to start after a
 * reload (Red Hat bugzilla 805942), the bridge stays up and new VMs get no address.
 */
function libvirtDhcpRule(
  facts: HostFacts,
  into: Checklist,
  network: HostFacts['libvirtNat'][number],
  bridge: ExplainedLiveAdapter,
  bridgeIp: string,
) {
  const list = into.as(HOST_NETWORK_RULES);
  const on = { network: network.name };
  const dnsmasq = facts.libvirtDhcp[network.name] ?? null;
  if (facts.dhcpListeners === null) {
    list.check(`libvirt-dhcp:${network.name}`, 'unknown', { reason: 'probe-failed', dnsmasq }, on);
    return;
  }
  const serving = facts.dhcpListeners.filter(
    (l) =>
      l.port === 67 &&
      (l.device === bridge.name || l.address === bridgeIp || (!l.device && (l.address === '0.0.0.0' || l.address === '::'))),
  );
  const evidence = {
    network: network.name,
    bridge: bridge.name,
    definedBy: network.from,
    listeners: facts.dhcpListeners,
    dnsmasq,
    command: `ss -Hulnp sport = :67; cat ${dnsmasq?.pidFile ?? '/run/libvirt/network/NAME.pid'}`,
  };
  list.check(`libvirt-dhcp:${network.name}`, serving.length > 0 ? 'pass' : 'fail', evidence, on);
  if (serving.length === 0)
    list.found(
      'DHCP_SERVICE_STOPPED',
      { service: 'dnsmasq', status: null, startType: null, network: network.name, bridge: bridge.name },
      evidence,
    );
}
