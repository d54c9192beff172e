/** Host-side rules for a Linux host running VMs: pure functions from HostFacts to checks and findings. */
import type { CheckId } from '../../common/catalogue/checks.ts';
import type { Check, ExplainedLiveAdapter, Finding } from '../../common/domain.ts';
import { cidrOf, freeSubnet, isApipa, networkOf, networksOverlap, nthHost, parseCidr } from '../net/ipv4.ts';
import { forwardVerdict, icmpEchoVerdict, masqueradedSources, natVerdict, type RuleOrigin } from '../probes/linux/ruleset.ts';
import { Checklist, type CheckRef, declareRule } from './checklist.ts';
import { BRIDGE_NF_CALL_IPTABLES, type HostFacts, isLanBridge, isVmPort } from './host-facts.ts';
import { vmSilent } from './vm-silent-rules.ts';

/** What these rules can find. */
export const HOST_RULES = declareRule('linux-host', [
  'ADAPTER_DISABLED',
  'ADAPTER_MISSING',
  'ADAPTER_NO_ADDRESS',
  'BRIDGE_MISBOUND',
  'DHCP_SERVICE_STOPPED',
  'FORWARD_POLICY_DROP',
  'HOST_FIREWALL_BLOCKS_ICMP',
  'IP_FORWARDING_DISABLED',
  'MACVTAP_HOST_ISOLATION',
  'NAT_SERVICE_STOPPED',
  'SUBNET_CONFLICT',
]);

/** NAT_SERVICE_STOPPED for a libvirt network: stopped, or running with its NAT rule gone. */
const libvirtNat = (p: {
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

/**
 * A bridge of the host's own (br0) that VMs are ports of: it must hold the LAN card as a port, and
 * the host's address belongs on the bridge, not on that card.
 */
function bridgeRule(facts: HostFacts, into: Checklist, bridge: ExplainedLiveAdapter) {
  const list = into.as(HOST_RULES);
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
  const list = into.as(HOST_RULES);
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

/** VMs attached "direct" (macvtap) to a card of this host: they and the host cannot talk, by design. */
function macvtapRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_RULES);
  const taps = (facts.adapters ?? []).filter((a) => a.kind === 'macvtap' && a.lower);
  for (const lower of new Set(taps.map((t) => t.lower as string))) {
    const devices = taps.filter((t) => t.lower === lower).map((t) => t.name);
    list.found('MACVTAP_HOST_ISOLATION', { devices, lower }, { devices, lower, command: 'ip -d -j link show' });
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
  const list = into.as(HOST_RULES);
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

export function diagnoseHost(facts: HostFacts): { checks: Check[]; findings: Finding[] } {
  const list = new Checklist().as(HOST_RULES);

  // libvirt networks that are defined but not running: no bridge, no DHCP, no NAT for their VMs.
  for (const net of facts.libvirt ?? []) {
    const evidence = {
      network: net.name,
      bridge: net.bridge,
      forward: net.forward,
      hostAddress: net.hostAddress,
      autostart: net.autostart,
      command: 'virsh -c qemu:///system net-list --all',
    };
    list.check(`libvirt-network:${net.name}`, net.active ? 'pass' : 'fail', evidence, { network: net.name });
    if (net.active) continue;
    list.found(
      'NAT_SERVICE_STOPPED',
      libvirtNat({ network: net.name, bridge: net.bridge, hostAddress: net.hostAddress, autostart: net.autostart }),
      evidence,
    );
  }
  const stoppedLibvirt = (facts.libvirt ?? []).some((n) => !n.active);

  if (facts.vmNetworks.length === 0) {
    const adapters = facts.adapters?.map((a) => a.name) ?? null;
    list.check('vm-networks', facts.adapters ? 'fail' : 'unknown', { adapters });
    // A stopped libvirt network explains the missing bridge; do not report it twice.
    if (adapters && !stoppedLibvirt) list.found('ADAPTER_MISSING', { vmnet: null, subnet: null, adapters }, { adapters });
    return list;
  }
  list.check('vm-networks', 'pass', { networks: facts.vmNetworks.map((a) => a.name) });

  const masqueraded = facts.ruleset ? masqueradedSources(facts.ruleset) : [];
  macvtapRule(facts, list);
  for (const net of facts.vmNetworks) {
    const id = (what: CheckId): CheckRef => `${what}:${net.name}`;
    const on = { adapter: net.name };
    if (net.kind === 'macvtap') continue;
    if (isLanBridge(net)) {
      bridgeRule(facts, list, net);
      continue;
    }
    if (net.state === 'disabled' || net.state === 'not-present') {
      list.check(id('adapter-up'), 'fail', { state: net.state }, on);
      list.found(
        'ADAPTER_DISABLED',
        { adapter: net.name, product: 'linux', vmnet: null, nat: false, network: null },
        { interface: net.name, state: net.state },
      );
      continue;
    }
    list.check(id('adapter-up'), 'pass', { state: net.state }, on);
    const address = net.ipv4.find((a) => !isApipa(a.address));
    if (!address) {
      list.check(id('adapter-address'), 'fail', { addresses: net.ipv4 }, on);
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
      continue;
    }
    list.check(id('adapter-address'), 'pass', { address: `${address.address}/${address.prefixLength}` }, on);
    const subnet = cidrOf(address.address, address.prefixLength);

    // A route through another device that overlaps the VM network, as specific or more: it takes
    // (part of) the host's traffic to the VMs — a VPN that pushes the VM network's range.
    const vmNet = networkOf(address.address, address.prefixLength);
    const overlap = (facts.routes ?? []).find((r) => {
      const dst = r.dst === 'default' ? null : parseCidr(r.dst);
      return r.dev !== net.name && dst !== null && dst.prefixLength >= vmNet.prefixLength && networksOverlap(dst, vmNet);
    });
    if (overlap) {
      const taken = (facts.routes ?? []).flatMap((r) =>
        r.dst === 'default' ? [] : [parseCidr(r.dst)].filter((n) => n !== null),
      );
      const other = `${overlap.dev ?? '?'} (${overlap.dst})`;
      const evidence = { subnet, route: overlap, command: 'ip -j route show' };
      list.check(id('subnet-conflict'), 'fail', evidence, on);
      list.found(
        'SUBNET_CONFLICT',
        {
          vmnet: net.name,
          subnet,
          other,
          otherIsWinNat: false,
          free: freeSubnet(taken),
          otherDevice: overlap.dev,
          otherRoute: overlap.dst,
        },
        evidence,
      );
    } else if (facts.routes) list.check(id('subnet-conflict'), 'pass', { subnet }, on);

    // A libvirt NAT network whose masquerade rule is gone (or no longer reached): its VMs reach the
    // host, not the internet. Read in every backend: nft, iptables-nft, iptables-legacy, firewalld.
    const nat = facts.libvirtNat.find((n) => n.bridge === net.name);
    const natted = facts.ruleset ? natVerdict(facts.ruleset, { iface: net.name, subnet }) : null;
    if (nat && natted && !natted.masqueraded) {
      const evidence = {
        network: nat.name,
        definedBy: nat.from,
        subnet,
        masqueraded,
        orphanedIn: natted.orphaned,
        backend: natted.backend,
        command: 'nft -j list ruleset; iptables-save; iptables-legacy-save',
      };
      list.check(id('nat-rules'), 'fail', evidence, on);
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
    } else if (nat)
      list.check(id('nat-rules'), natted ? 'pass' : 'unknown', { network: nat.name, subnet, by: natted?.by ?? null }, on);

    const leasing = facts.libvirtNat.find((n) => n.bridge === net.name && n.dhcp);
    if (leasing) libvirtDhcpRule(facts, list, leasing, net, address.address);

    // NAT networks route through the host: forwarding must be on and the forward hook must pass them.
    if (natted?.masqueraded) {
      if (facts.ipForward === false) {
        const evidence = { ipForward: 0, masqueraded: subnet, command: 'cat /proc/sys/net/ipv4/ip_forward' };
        list.check(id('forwarding'), 'fail', evidence, on);
        list.found('IP_FORWARDING_DISABLED', { subnet }, evidence);
      } else {
        list.check(
          id('forwarding'),
          facts.ipForward ? 'pass' : 'unknown',
          { ipForward: facts.ipForward, masqueraded: subnet },
          on,
        );
      }
      const forward = facts.ruleset ? forwardVerdict(facts.ruleset, { iface: net.name, subnet }) : null;
      list.check(
        id('forward-chain'),
        forward?.drops ? 'fail' : forward ? 'pass' : 'unknown',
        { rules: forward?.rules ?? null },
        on,
      );
      if (forward?.drops) {
        list.found(
          'FORWARD_POLICY_DROP',
          { interface: net.name, subnet, rules: forward.rules },
          { interface: net.name, subnet, rules: forward.rules, command: 'nft -j list ruleset; iptables-save' },
        );
      }
    }

    // A packet from a VM: any address of the network other than the host's own.
    const vmAddress = nthHost(networkOf(address.address, address.prefixLength), 2) ?? address.address;
    const input = facts.ruleset ? icmpEchoVerdict(facts.ruleset, vmAddress, net.name) : null;
    list.check(id('host-firewall'), input?.drops ? 'fail' : input ? 'pass' : 'unknown', { rules: input?.rules ?? null });
    if (input?.drops) {
      list.found(
        'HOST_FIREWALL_BLOCKS_ICMP',
        { subnet, rules: input.rules, adapter: null, vmnet: null, profile: null, why: null },
        { subnet, rules: input.rules },
      );
    }
  }

  // Information, not a finding: VMs still network without it, but run slowly (or not at all on KVM).
  const hv = facts.hardwareVirt;
  list.check('hardware-virt', hv.extension || hv.kvmDevice ? 'pass' : 'unknown', {
    extension: hv.extension,
    kvmDevice: hv.kvmDevice,
    nested: hv.nested,
    command: 'grep -m1 flags /proc/cpuinfo; ls /dev/kvm',
  });

  if (facts.vmPing) list.check('vm-answers', facts.vmPing.reachable ? 'pass' : 'fail', { ...facts.vmPing });
  else list.because('vm-answers', 'skip', 'vm-ip-unknown');
  vmSilent(list, facts.vmPing, null, false);
  return list;
}
