/**
 * Which of a Windows host's VM networks the VM in question uses, for the symptom's path
 * (common/path.ts): from the VM's address — the one the user gave, else those VMware Tools and
 * VirtualBox's Guest Additions report — and, with no address given, from each running VM's own
 * configuration (.vmx `ethernetN.connectionType` / `vnet`, showvminfo's `nicN` and
 * `hostonlyadapterN`). A network no VM uses is off the path: an idle VMnet1 never becomes the verdict.
 */
import type { PathScope } from '../../common/path.ts';
import { inNetwork, networkOf } from '../net/ipv4.ts';
import { vmxNetworkOf } from '../probes/vmware/vmx.ts';
import type { VmnetExpectation, WindowsHostFacts } from './windows-facts.ts';

/** A VirtualBox VM's card as a check's subject: "ubuntu NIC 1" (its words are the catalogue's). */
export const vboxNicLabel = (vm: string, slot: number) => `${vm} NIC ${slot}`;

export function windowsScope(facts: WindowsHostFacts, vmnets: readonly VmnetExpectation[]): PathScope {
  const adapters = facts.adapters ?? [];
  const vbox = facts.virtualbox?.installed ? facts.virtualbox : null;
  // A VirtualBox host-only network is named by its adapter's connection name, as its checks are.
  const hostOnlyAdapter = (name: string) => adapters.find((a) => a.description === name || a.name === name)?.name ?? name;
  const networks = [...vmnets.map((e) => e.vmnet), ...(vbox?.hostOnly ?? []).map((h) => hostOnlyAdapter(h.name))];

  const used = new Set<string>();
  let known = false;
  const given = facts.options.vmIp ?? null;
  const addresses = given ? [given] : facts.guests.flatMap((g) => (g.ip ? [g.ip] : []));
  for (const ip of addresses) {
    known = true;
    for (const e of vmnets) if (e.subnet && inNetwork(ip, e.subnet)) used.add(e.vmnet);
    for (const a of adapters) {
      if (!a.ipv4.some((x) => inNetwork(ip, networkOf(x.address, x.prefixLength)))) continue;
      used.add(a.category === 'vmware' && a.vmnet ? a.vmnet : a.name);
    }
  }
  if (!given) {
    for (const guest of facts.guests)
      for (const nic of guest.nics ?? []) {
        if (!nic.present) continue;
        known = true;
        used.add(vmxNetworkOf(nic));
      }
    for (const machine of vbox?.machines ?? []) {
      if (machine.state !== 'running') continue;
      for (const nic of machine.nics) {
        known = true;
        if (nic.attachment === 'hostonly' && nic.network) used.add(hostOnlyAdapter(nic.network));
        // VirtualBox's plain NAT: a network of this VM's own, named by its card.
        if (nic.attachment === 'nat') {
          const label = vboxNicLabel(machine.name ?? machine.uuid ?? 'VM', nic.slot);
          networks.push(label);
          used.add(label);
        }
      }
    }
  }
  return { networks, used: known ? [...used] : null, vmAddressKnown: addresses.length > 0 };
}
