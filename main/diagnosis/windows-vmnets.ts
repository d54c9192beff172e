/**
 * What VMware Workstation's configuration says a Windows host should have: whether VMware is
 * installed at all, and its VMnets with a host adapter — from vmnetdhcp.conf, vmnetnat.conf and the
 * registry, the installer's layout (VMnet1 host-only, VMnet8 NAT) as a named last resort. Derived
 * from the facts alone: the rules check these networks, the path knows which one the VM uses.
 */
import type { VmnetExpectation, WindowsHostFacts } from './windows-facts.ts';

export const NAT_SERVICE = 'VMware NAT Service';
export const DHCP_SERVICE = 'VMnetDHCP';

export function vmwareInstalled(facts: WindowsHostFacts): boolean {
  const has = (name: string) => facts.services?.has(name) === true;
  return (
    has(NAT_SERVICE) ||
    has(DHCP_SERVICE) ||
    has('VMAuthdService') ||
    (facts.vmware !== null && (facts.vmware.dhcp.length > 0 || facts.vmware.nat !== null || facts.vmware.registry.length > 0))
  );
}

/** VMnets with a host adapter, from vmnetdhcp.conf, vmnetnat.conf and the registry; VMnet1/8 by default. */
export function expectedVmnets(facts: WindowsHostFacts): VmnetExpectation[] {
  const byName = new Map<string, VmnetExpectation>();
  const get = (vmnet: string) => {
    let e = byName.get(vmnet);
    if (!e) {
      e = { vmnet, subnet: null, subnetSource: null, nat: false, hostAdapter: true };
      byName.set(vmnet, e);
    }
    return e;
  };
  for (const r of facts.vmware?.registry ?? []) {
    if (!r.hasAdapter && !facts.vmware?.dhcp.some((d) => d.vmnet === r.vmnet)) continue;
    const e = get(r.vmnet);
    // "Connect a host virtual adapter" unchecked: the VMnet works for VMs, and has no host adapter to miss.
    e.hostAdapter = r.hasAdapter;
    if (r.subnet) {
      e.subnet = r.subnet;
      e.subnetSource = 'registry VMnetLib\\VMnetConfig';
    }
  }
  for (const d of facts.vmware?.dhcp ?? []) {
    if (!d.vmnet) continue;
    const e = get(d.vmnet);
    e.subnet = d.subnet;
    e.subnetSource = 'vmnetdhcp.conf';
  }
  const nat = facts.vmware?.nat;
  if (nat) {
    const device = /vmnet(\d+)/i.exec(nat.device ?? 'vmnet8')?.[1] ?? '8';
    const e = get(`VMnet${device}`);
    e.nat = true;
    if (!e.subnet && nat.subnet) {
      e.subnet = nat.subnet;
      e.subnetSource = 'vmnetnat.conf';
    }
  }
  if (byName.size === 0 && vmwareInstalled(facts)) {
    get('VMnet1');
    get('VMnet8').nat = true;
  }
  if (!nat && byName.has('VMnet8')) get('VMnet8').nat = true; // The installer's layout.
  return [...byName.values()].sort((a, b) => Number(b.nat) - Number(a.nat) || a.vmnet.localeCompare(b.vmnet));
}
