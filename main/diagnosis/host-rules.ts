/** Host-side rules for a Linux host running VMs: pure functions from HostFacts to checks and findings. */
import type { Check, Finding } from '../../common/domain.ts';
import { formatCidr, isApipa, networkOf } from '../net/ipv4.ts';
import { forwardVerdict, icmpEchoVerdict, masqueradedSources } from '../probes/linux/ruleset.ts';
import type { HostFacts } from './host-facts.ts';

export function diagnoseHost(facts: HostFacts): { checks: Check[]; findings: Finding[] } {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const check = (id: string, title: string, status: Check['status'], evidence?: Record<string, unknown>) =>
    checks.push({ id, title, status, ...(evidence ? { evidence } : {}) });

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
    if (net.active) {
      check(`libvirt-network:${net.name}`, `libvirt network ${net.name} is running`, 'pass', evidence);
      continue;
    }
    check(`libvirt-network:${net.name}`, `libvirt network ${net.name} is running`, 'fail', evidence);
    findings.push({
      id: 'NAT_SERVICE_STOPPED',
      severity: 'error',
      title: `The libvirt network “${net.name}” is not running`,
      detail: `libvirt’s network ${net.name}${net.bridge ? ` (bridge ${net.bridge}${net.hostAddress ? `, ${net.hostAddress}` : ''})` : ''} is defined but inactive, so its VMs get no address, no gateway and no NAT.${net.autostart === false ? ` It is also not set to start at boot (virsh net-autostart ${net.name}).` : ''}`,
      evidence,
      fixes: ['host.start-nat'],
      fixParams: { network: net.name },
    });
  }
  const stoppedLibvirt = (facts.libvirt ?? []).some((n) => !n.active);

  if (facts.vmNetworks.length === 0) {
    check('vm-networks', 'The host has an adapter for the VM network', facts.adapters ? 'fail' : 'unknown', {
      adapters: facts.adapters?.map((a) => a.name) ?? null,
    });
    // A stopped libvirt network explains the missing bridge; do not report it twice.
    if (facts.adapters && !stoppedLibvirt) {
      findings.push({
        id: 'ADAPTER_MISSING',
        severity: 'error',
        title: 'No virtual network adapter on this host',
        detail:
          'There is no virbr0, vmnet1/vmnet8 or vboxnet0: the hypervisor’s virtual network is not set up (libvirt network inactive, VMware or VirtualBox network modules not loaded).',
        evidence: { adapters: facts.adapters.map((a) => a.name) },
        fixes: [],
      });
    }
    return { checks, findings };
  }
  check('vm-networks', 'The host has an adapter for the VM network', 'pass', { networks: facts.vmNetworks.map((a) => a.name) });

  const masqueraded = facts.ruleset ? masqueradedSources(facts.ruleset) : [];
  for (const net of facts.vmNetworks) {
    const id = (what: string) => `${what}:${net.name}`;
    if (net.state === 'disabled' || net.state === 'not-present') {
      check(id('adapter-up'), `${net.name} is up`, 'fail', { state: net.state });
      findings.push({
        id: 'ADAPTER_DISABLED',
        severity: 'error',
        title: `${net.name} is down`,
        detail: `The host’s adapter for the VM network, ${net.name}, is switched off, so no VM on it can reach the host or the internet.`,
        evidence: { interface: net.name, state: net.state },
        fixes: ['linux.link-up'],
        fixParams: { interface: net.name },
      });
      continue;
    }
    check(id('adapter-up'), `${net.name} is up`, 'pass', { state: net.state });
    const address = net.ipv4.find((a) => !isApipa(a.address));
    if (!address) {
      check(id('adapter-address'), `${net.name} has its IPv4 address`, 'fail', { addresses: net.ipv4 });
      findings.push({
        id: 'ADAPTER_NO_ADDRESS',
        severity: 'error',
        title: `${net.name} has no IPv4 address`,
        detail: `${net.name} is up without an IPv4 address, so VMs have no host, gateway or DHCP server to talk to.`,
        evidence: { interface: net.name, addresses: net.ipv4 },
        fixes: ['host.restart-adapter'],
        fixParams: { interface: net.name },
      });
      continue;
    }
    check(id('adapter-address'), `${net.name} has its IPv4 address`, 'pass', {
      address: `${address.address}/${address.prefixLength}`,
    });
    const subnet = formatCidr(networkOf(address.address, address.prefixLength));

    // NAT networks route through the host: forwarding must be on and the forward hook must pass them.
    const natted = masqueraded.includes(subnet);
    if (natted) {
      if (facts.ipForward === false) {
        check(id('forwarding'), 'The host forwards the VMs’ traffic', 'fail', { ipForward: 0, masqueraded: subnet });
        findings.push({
          id: 'IP_FORWARDING_DISABLED',
          severity: 'error',
          title: 'IPv4 forwarding is off',
          detail: `The host NATs ${subnet} for its VMs but net.ipv4.ip_forward is 0, so it drops everything they send beyond it.`,
          evidence: { ipForward: 0, masqueraded: subnet, command: 'cat /proc/sys/net/ipv4/ip_forward' },
          fixes: ['linux.enable-forwarding'],
          fixParams: {},
        });
      } else {
        check(id('forwarding'), 'The host forwards the VMs’ traffic', facts.ipForward ? 'pass' : 'unknown', {
          ipForward: facts.ipForward,
          masqueraded: subnet,
        });
      }
      const forward = facts.ruleset ? forwardVerdict(facts.ruleset, { iface: net.name, subnet }) : null;
      if (forward?.drops) {
        check(id('forward-chain'), 'The firewall’s FORWARD chain lets the VMs through', 'fail', { rules: forward.rules });
        findings.push({
          id: 'FORWARD_POLICY_DROP',
          severity: 'error',
          title: 'The host’s FORWARD chain drops the VMs’ traffic',
          detail: `Forwarded traffic from ${net.name} is dropped (${forward.rules.join('; ')}) — Docker’s FORWARD DROP policy is the classic cause.`,
          evidence: { interface: net.name, subnet, rules: forward.rules, command: 'nft -j list ruleset; iptables-save' },
          fixes: ['linux.allow-forward'],
          fixParams: { interface: net.name },
        });
      } else {
        check(id('forward-chain'), 'The firewall’s FORWARD chain lets the VMs through', forward ? 'pass' : 'unknown', {
          rules: forward?.rules ?? null,
        });
      }
    }

    const input = facts.ruleset ? icmpEchoVerdict(facts.ruleset, address.address.replace(/\.\d+$/, '.77'), net.name) : null;
    if (input?.drops) {
      check(id('host-firewall'), 'The host lets ping in from the VMs', 'fail', { rules: input.rules });
      findings.push({
        id: 'HOST_FIREWALL_BLOCKS_ICMP',
        severity: 'error',
        title: 'The host’s firewall drops ping from the VMs',
        detail: `Inbound ICMP echo from ${subnet} is dropped (${input.rules.join('; ')}), so VMs cannot ping this host.`,
        evidence: { subnet, rules: input.rules },
        fixes: ['linux.allow-icmp'],
        fixParams: { subnet },
      });
    } else {
      check(id('host-firewall'), 'The host lets ping in from the VMs', input ? 'pass' : 'unknown', {
        rules: input?.rules ?? null,
      });
    }
  }

  // Information, not a finding: VMs still network without it, but run slowly (or not at all on KVM).
  const hv = facts.hardwareVirt;
  check('hardware-virt', 'The CPU offers hardware virtualization', hv.extension || hv.kvmDevice ? 'pass' : 'unknown', {
    extension: hv.extension,
    kvmDevice: hv.kvmDevice,
    nested: hv.nested,
    command: 'grep -m1 flags /proc/cpuinfo; ls /dev/kvm',
  });

  if (facts.vmPing) {
    check('vm-answers', 'The VM answers', facts.vmPing.reachable ? 'pass' : 'fail', facts.vmPing);
  } else {
    check('vm-answers', 'The VM answers', 'skip', { reason: 'no --vm-ip' });
  }
  return { checks, findings };
}
