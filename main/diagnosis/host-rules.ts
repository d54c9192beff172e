/**
 * Host-side rules for a Linux host running VMs: pure functions from HostFacts to checks and
 * findings. The machine's own (libvirt's networks, whether any VM network exists, macvtap) are
 * here; each VM network's are in host-network-rules.ts and host-bridge-rules.ts. They run in any
 * order: each reads the facts only, and the checks are ordered afterwards.
 */
import type { Check, Finding } from '../../common/domain.ts';
import { Checklist, declareRule } from './checklist.ts';
import { bridgesRule } from './host-bridge-rules.ts';
import type { HostFacts } from './host-facts.ts';
import {
  adapterRule,
  forwardingRule,
  hostFirewallRule,
  libvirtLeasesRule,
  libvirtNat,
  libvirtNatRule,
  subnetConflictRule,
} from './host-network-rules.ts';
import { vmSilent } from './vm-silent-rules.ts';

/** What these rules can find. */
export const HOST_RULES = declareRule('linux-host', ['ADAPTER_MISSING', 'MACVTAP_HOST_ISOLATION', 'NAT_SERVICE_STOPPED']);

/** One rule of a Linux host, and whether it needs a VM network to exist (it judges those networks). */
export interface LinuxHostRule {
  readonly name: string;
  readonly needs: 'nothing' | 'vm-networks';
  readonly run: (facts: HostFacts, list: Checklist) => void;
}

/** The rules, in any order: the report is the same. */
export const LINUX_HOST_RULES: readonly LinuxHostRule[] = [
  { name: 'libvirt-networks', needs: 'nothing', run: libvirtNetworksRule },
  { name: 'vm-networks', needs: 'nothing', run: vmNetworksRule },
  { name: 'macvtap', needs: 'vm-networks', run: macvtapRule },
  { name: 'bridges', needs: 'vm-networks', run: bridgesRule },
  { name: 'adapters', needs: 'vm-networks', run: adapterRule },
  { name: 'subnet-conflict', needs: 'vm-networks', run: subnetConflictRule },
  { name: 'libvirt-nat', needs: 'vm-networks', run: libvirtNatRule },
  { name: 'libvirt-dhcp', needs: 'vm-networks', run: libvirtLeasesRule },
  { name: 'forwarding', needs: 'vm-networks', run: forwardingRule },
  { name: 'host-firewall', needs: 'vm-networks', run: hostFirewallRule },
  { name: 'hardware-virt', needs: 'vm-networks', run: hardwareVirtRule },
];

export function diagnoseHost(
  facts: HostFacts,
  rules: readonly LinuxHostRule[] = LINUX_HOST_RULES,
): { checks: Check[]; findings: Finding[] } {
  const list = new Checklist();
  const networks = facts.vmNetworks.length > 0;
  for (const rule of rules) if (rule.needs === 'nothing' || networks) rule.run(facts, list);
  // Then the one conclusion drawn from all the others: the VM is silent though this host passed.
  if (networks) vmAnswerRule(facts, list);
  const names = [...facts.vmNetworks.map((n) => n.name), ...(facts.libvirt ?? []).map((n) => n.name)];
  return { checks: list.inOrder(names), findings: list.findings };
}

/** libvirt networks that are defined but not running: no bridge, no DHCP, no NAT for their VMs. */
function libvirtNetworksRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_RULES);
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
}

/** Some VM network exists; without one, the adapter is missing — unless a stopped libvirt network explains it. */
function vmNetworksRule(facts: HostFacts, into: Checklist) {
  const list = into.as(HOST_RULES);
  if (facts.vmNetworks.length > 0) {
    list.check('vm-networks', 'pass', { networks: facts.vmNetworks.map((a) => a.name) });
    return;
  }
  const adapters = facts.adapters?.map((a) => a.name) ?? null;
  list.check('vm-networks', facts.adapters ? 'fail' : 'unknown', { adapters });
  const stoppedLibvirt = (facts.libvirt ?? []).some((n) => !n.active);
  if (adapters && !stoppedLibvirt) list.found('ADAPTER_MISSING', { vmnet: null, subnet: null, adapters }, { adapters });
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

/** Information, not a finding: VMs still network without it, but run slowly (or not at all on KVM). */
function hardwareVirtRule(facts: HostFacts, list: Checklist) {
  const hv = facts.hardwareVirt;
  list.check('hardware-virt', hv.extension || hv.kvmDevice ? 'pass' : 'unknown', {
    extension: hv.extension,
    kvmDevice: hv.kvmDevice,
    nested: hv.nested,
    command: 'grep -m1 flags /proc/cpuinfo; ls /dev/kvm',
  });
}

/** The VM's answer, and why not when it is silent: reads what every other rule found. */
function vmAnswerRule(facts: HostFacts, list: Checklist) {
  if (facts.vmPing) list.check('vm-answers', facts.vmPing.reachable ? 'pass' : 'fail', { ...facts.vmPing });
  else list.because('vm-answers', 'skip', 'vm-ip-unknown');
  vmSilent(list, facts.vmPing, null, false);
}
