/**
 * What concerns the machine's VMs together: running VMs sharing a MAC on one network (a clone that
 * kept its card's address), and Hyper-V beside a VMware or VirtualBox too old to share the CPU's
 * virtualization with it.
 */
import { vmxNetworkOf } from '../probes/vmware/vmx.ts';
import { type Checklist, declareRule } from './checklist.ts';
import type { WindowsHostFacts } from './windows-facts.ts';
import { vmwareInstalled } from './windows-vmnets.ts';

/** What these rules can find. */
export const WINDOWS_MACHINE_RULES = declareRule('windows-machine', ['DUPLICATE_MAC', 'HYPERVISOR_CONFLICT']);

/** One running VM's network card, wherever it comes from. */
export interface MacUser {
  hypervisor: 'VMware' | 'VirtualBox';
  vm: string;
  slot: number;
  mac: string;
  /** The network segment the card is on; cards on different segments never clash. */
  segment: string;
}

/**
 * The running VMs' cards: VirtualBox's from showvminfo, VMware's from their .vmx. VirtualBox's
 * plain NAT is private to each VM; VMware's NAT is one shared network, VMnet8.
 */
export function macUsers(facts: Pick<WindowsHostFacts, 'virtualbox' | 'guests'>): MacUser[] {
  const users: MacUser[] = [];
  for (const machine of facts.virtualbox?.machines ?? []) {
    if (machine.state !== 'running') continue;
    for (const nic of machine.nics) {
      if (!nic.mac || nic.attachment === 'nat') continue;
      const vm = machine.name ?? machine.uuid ?? 'VM';
      users.push({
        hypervisor: 'VirtualBox',
        vm,
        slot: nic.slot,
        mac: nic.mac,
        segment: `VirtualBox ${nic.attachment} ${nic.network ?? ''}`.trim(),
      });
    }
  }
  for (const guest of facts.guests) {
    if (guest.hypervisor !== 'VMware') continue;
    for (const nic of guest.nics ?? []) {
      if (nic.mac) users.push({ hypervisor: 'VMware', vm: guest.vm, slot: nic.slot, mac: nic.mac, segment: vmxNetworkOf(nic) });
    }
  }
  return users;
}

/** Running VMs that share a MAC on one network: the classic clone that kept its network card's address. */
export function duplicateMacs(users: MacUser[], into: Checklist): void {
  const list = into.as(WINDOWS_MACHINE_RULES);
  const bySegment = new Map<string, MacUser[]>();
  for (const u of users) bySegment.set(`${u.mac}|${u.segment}`, [...(bySegment.get(`${u.mac}|${u.segment}`) ?? []), u]);
  for (const clash of bySegment.values()) {
    if (clash.length < 2) continue;
    const { mac, segment } = clash[0] as MacUser;
    const clone = clash.at(-1) as MacUser;
    const evidence = { mac, network: segment, vms: clash.map((u) => ({ hypervisor: u.hypervisor, vm: u.vm, nic: u.slot })) };
    list.check(`unique-mac:${mac}`, 'fail', evidence, { mac });
    list.found(
      'DUPLICATE_MAC',
      {
        mac,
        interface: null,
        linkLocal: null,
        vms: clash.map((u) => u.vm),
        network: segment,
        hypervisor: clone.hypervisor,
        vm: clone.vm,
        nic: clone.slot,
      },
      evidence,
    );
  }
}

/** "15.5.6.16341506" / "7.0.12r159484" → [15, 5, 6] / [7, 0, 12]; null when unreadable. */
export function versionOf(text: string | null | undefined): number[] | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text?.trim() ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}
const before = (v: number[], limit: number[]) => {
  for (let i = 0; i < limit.length; i++) if ((v[i] ?? 0) !== (limit[i] ?? 0)) return (v[i] ?? 0) < (limit[i] ?? 0);
  return false;
};

/**
 * Hyper-V (WSL 2, Docker Desktop, Windows Sandbox) holds the virtualization hardware. VMware
 * Workstation runs on top of it from release 15.5.5 (its release notes: hosts with Hyper-V or VBS
 * enabled) and VirtualBox from 6.0 (its changelog: Hyper-V as a fallback execution engine); older
 * versions cannot start VMs — the thresholds of issue 14. Only those conflict; a current one
 * beside Hyper-V is information. A version that could not be read is no conflict either.
 * Not verified on Windows here: the version is read from vmware.exe's version resource and
 * `VBoxManage --version`.
 */
export function hyperVRules(facts: WindowsHostFacts, into: Checklist) {
  const list = into.as(WINDOWS_MACHINE_RULES);
  const services = ['vmms', 'hns'].filter((s) => facts.services?.get(s)?.status === 'Running');
  const vmware = vmwareInstalled(facts);
  const vbox = facts.virtualbox?.installed === true;
  if (services.length === 0 || !(vmware || vbox)) return;
  const vmwareVersion = vmware ? (facts.vmware?.version ?? null) : null;
  const vboxVersion = vbox ? (facts.virtualbox?.version ?? null) : null;
  const oldVmware = vmwareVersion !== null && before(versionOf(vmwareVersion) ?? [99], [15, 5, 5]);
  const oldVbox = vboxVersion !== null && before(versionOf(vboxVersion) ?? [99], [6, 0, 0]);
  const conflict = oldVmware ? 'vmware' : oldVbox ? 'virtualbox' : null;
  const switches = facts.hyperv?.switches.map((s) => s.name) ?? [];
  const evidence = {
    hyperV: services,
    vmwareVersion,
    virtualboxVersion: vboxVersion,
    wslNetworkingMode: facts.hyperv?.wslNetworkingMode ?? null,
  };
  list.check('hypervisor-conflict', conflict ? 'fail' : 'pass', evidence);
  list.found(
    'HYPERVISOR_CONFLICT',
    {
      conflict,
      vmware: vmware ? (vmwareVersion ?? '') : null,
      virtualbox: vbox ? (vboxVersion ?? '') : null,
      services,
      switches,
    },
    { ...evidence, switches: facts.hyperv?.switchesUnknown ? `unknown (${facts.hyperv.switchesUnknown})` : switches },
  );
}
