/**
 * VirtualBox on a Windows host: its host-only adapters (present, enabled, addressed as VirtualBox
 * keeps them), each VM's cards (cable, NAT and its port forwards, bridged to an adapter that exists)
 * and a VM whose only network is internal.
 */
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { cidrOf, isApipa, prefixToMask } from '../net/ipv4.ts';
import { type Checklist, declareRule } from './checklist.ts';
import { bridgeCandidate } from './windows-bridge-rules.ts';
import type { WindowsHostFacts } from './windows-facts.ts';
import { vboxNicLabel } from './windows-scope.ts';

/** What these rules can find. */
export const WINDOWS_VBOX_RULES = declareRule('windows-virtualbox', [
  'ADAPTER_DISABLED',
  'ADAPTER_NO_ADDRESS',
  'BRIDGE_MISBOUND',
  'CABLE_DISCONNECTED',
  'INTERNAL_NETWORK_ISOLATED',
  'PORT_FORWARD_NEEDED',
]);

export function virtualBoxRules(facts: WindowsHostFacts, adapters: ExplainedLiveAdapter[], into: Checklist) {
  const list = into.as(WINDOWS_VBOX_RULES);
  const vbox = facts.virtualbox;
  if (!vbox?.installed) return;
  for (const hostOnly of vbox.hostOnly) {
    const adapter = adapters.find((a) => a.description === hostOnly.name || a.name === hostOnly.name);
    if (adapter?.state === 'up' && !adapter.ipv4.some((ip) => !isApipa(ip.address))) {
      // Up, but only 169.254.x.x (or nothing): the address VirtualBox has for it was lost.
      const addresses = adapter.ipv4.map((ip) => `${ip.address}/${ip.prefixLength}`);
      const want = hostOnlyAddress(facts, hostOnly);
      const mask = prefixToMask(want.prefixLength);
      list.check(
        `adapter-address:${adapter.name}`,
        'fail',
        { addresses, configured: hostOnly.address, expected: want.address, from: want.from, mask },
        { adapter: adapter.name },
      );
      list.found(
        'ADAPTER_NO_ADDRESS',
        {
          adapter: adapter.name,
          addresses,
          expected: cidrOf(want.address, want.prefixLength),
          windows: true,
          vbox: hostOnly.name,
          vboxIp: want.address,
          vboxMask: mask,
          vboxIpFrom: want.from,
          vboxHadIp: hostOnly.address,
          vboxHadMask: hostOnly.address && hostOnly.prefixLength !== null ? prefixToMask(hostOnly.prefixLength) : null,
        },
        {
          adapter: adapter.name,
          description: hostOnly.name,
          addresses,
          virtualboxHas: hostOnly.address,
          expected: want.address,
          expectedFrom: want.from,
          command: 'VBoxManage list hostonlyifs',
        },
        adapter.name,
      );
      continue;
    }
    if (adapter?.state !== 'disabled') continue;
    list.check(`adapter-enabled:${adapter.name}`, 'fail', { status: 'Disabled' }, { adapter: adapter.name });
    list.found(
      'ADAPTER_DISABLED',
      { adapter: adapter.name, product: 'virtualbox', vmnet: null, nat: false, network: hostOnly.address ?? null },
      { adapter: adapter.name, description: hostOnly.name, status: 'Disabled' },
    );
  }
  const ports = facts.options.servicePorts.length ? facts.options.servicePorts : [22];
  const wantsInbound = facts.options.symptom === 'host-cannot-reach-vm' || facts.options.symptom === 'auto';
  const used = new Set(vbox.machines.flatMap((m) => m.nics.flatMap((n) => n.forwards.map((f) => f.hostPort))));
  for (const machine of vbox.machines) {
    const vm = machine.name ?? machine.uuid ?? 'VM';
    vboxIsolationRules(facts, list, machine, vm, wantsInbound);
    for (const nic of machine.nics) {
      const label = vboxNicLabel(vm, nic.slot);
      if (nic.cableConnected === false) {
        list.check(`vbox-cable:${label}`, 'fail', { attachment: nic.attachment }, { label, vm, nic: nic.slot });
        list.found(
          'CABLE_DISCONNECTED',
          { vm, nic: nic.slot, adapters: [], running: machine.state === 'running' },
          { vm: machine.name, nic: nic.slot, cableConnected: false, state: machine.state },
        );
        continue;
      }
      if (nic.attachment !== 'nat') continue;
      // A running VM's NAT card is a VM network of its own (windows-scope.ts): the picture draws it.
      if (machine.state === 'running')
        list.check(`vbox-nat:${label}`, 'pass', { vm, nic: nic.slot, attachment: 'nat' }, { label, vm, nic: nic.slot });
      if (!wantsInbound) continue;
      const missing = ports.filter((port) => !nic.forwards.some((f) => f.guestPort === port && /tcp/i.test(f.protocol)));
      list.check(
        `vbox-port-forward:${label}`,
        missing.length ? 'fail' : 'pass',
        { attachment: 'nat', forwards: nic.forwards, wanted: ports },
        { label, vm, nic: nic.slot },
      );
      for (const port of missing) {
        let hostPort = port < 1024 ? 2200 + port : port;
        while (used.has(hostPort)) hostPort += 1;
        used.add(hostPort);
        list.found(
          'PORT_FORWARD_NEEDED',
          { vm, nic: nic.slot, port, hostPort, running: machine.state === 'running', guestIp: null, natNetwork: false },
          { vm: machine.name, nic: nic.slot, attachment: 'nat', forwards: nic.forwards, port },
        );
      }
    }
  }
}

/**
 * The address a VirtualBox host-only adapter should have, from what should be, never from the lost
 * one: the address VirtualBox keeps for it when that is not 169.254.x.x; else the .1 of the network
 * of a running VM on it (what its Guest Additions report); else VirtualBox's default, 192.168.56.1,
 * named as a convention.
 */
export function hostOnlyAddress(
  facts: WindowsHostFacts,
  hostOnly: { name: string; address: string | null; prefixLength: number | null },
): { address: string; prefixLength: number; from: 'virtualbox' | 'vm-address' | 'convention' } {
  if (hostOnly.address && !isApipa(hostOnly.address) && hostOnly.prefixLength !== null)
    return { address: hostOnly.address, prefixLength: hostOnly.prefixLength, from: 'virtualbox' };
  for (const machine of facts.virtualbox?.machines ?? []) {
    if (!machine.nics.some((n) => n.attachment === 'hostonly' && n.network === hostOnly.name)) continue;
    const ip = facts.guests.find((g) => g.hypervisor === 'VirtualBox' && g.vm === (machine.name ?? machine.uuid))?.ip;
    // The reported address is the first NIC's: a NAT NIC's 10.0.N.x says nothing of the host-only network.
    const viaNat = machine.nics.some((n) => n.attachment === 'nat') && /^10\.0\.\d+\./.test(ip ?? '');
    if (ip && !isApipa(ip) && !viaNat)
      return { address: `${ip.split('.').slice(0, 3).join('.')}.1`, prefixLength: 24, from: 'vm-address' };
  }
  return { address: '192.168.56.1', prefixLength: 24, from: 'convention' };
}

/**
 * A VM bridged to an adapter this computer no longer has, and a VM only on an internal network (the
 * host is never on one, by design). Sources: the VirtualBox manual — `showvminfo --machinereadable`
 * prints nicN="bridged"/"intnet" and bridgeadapterN; `modifyvm --bridgeadapterN` and `controlvm
 * nicN bridged` take the name `VBoxManage list bridgedifs` prints, on Windows the adapter's
 * description (matched here against Get-NetAdapter's InterfaceDescription, or its name).
 */
export function vboxIsolationRules(
  facts: WindowsHostFacts,
  into: Checklist,
  machine: NonNullable<WindowsHostFacts['virtualbox']>['machines'][number],
  vm: string,
  wantsInbound: boolean,
) {
  const list = into.as(WINDOWS_VBOX_RULES);
  const adapters = facts.adapters ?? [];
  const has = (name: string) => adapters.some((a) => a.description === name || a.name === name);
  const candidate = bridgeCandidate(adapters);
  for (const nic of machine.nics) {
    if (nic.attachment !== 'bridged' || !nic.network || adapters.length === 0 || has(nic.network)) continue;
    const label = vboxNicLabel(vm, nic.slot);
    const evidence = { vm, nic: nic.slot, bridgeadapter: nic.network, adapters: adapters.map((a) => a.description ?? a.name) };
    list.check(`vbox-bridge:${label}`, 'fail', evidence, { label, vm, nic: nic.slot });
    list.found(
      'BRIDGE_MISBOUND',
      {
        bridge: label,
        cause: 'missing-adapter',
        uplink: nic.network,
        address: null,
        candidate: candidate ? (candidate.description ?? candidate.name) : null,
        vm,
        nic: nic.slot,
      },
      evidence,
    );
  }
  const internal = machine.nics.filter((n) => n.attachment === 'intnet');
  // Either way round: the host cannot reach the VM, and the VM reaches neither the host nor the internet.
  const symptom = facts.options?.symptom;
  const outbound = symptom === 'vm-cannot-ping-host' || symptom === 'vm-no-internet';
  if ((wantsInbound || outbound) && internal.length > 0 && internal.length === machine.nics.length) {
    list.found(
      'INTERNAL_NETWORK_ISOLATED',
      { vm, network: internal[0]?.network ?? null, ...(outbound ? { outbound: true } : {}) },
      { vm, nics: machine.nics.map((n) => ({ slot: n.slot, attachment: n.attachment, network: n.network })) },
    );
  }
}
