/**
 * Bridged VMs on a Windows host (VMware VMnet0, VirtualBox "Bridged Adapter"): the driver that
 * bridges, its binding on the card the VMs use, and the card VMware's automatic bridging really
 * took. Each rule speaks only while a bridged VM runs — a bridge nobody uses harms nobody.
 */
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { inNetwork, isApipa, isIpv4, networkOf } from '../net/ipv4.ts';
import { vmxNetworkOf } from '../probes/vmware/vmx.ts';
import { type Checklist, declareRule } from './checklist.ts';
import type { WindowsHostFacts } from './windows-facts.ts';

/** What these rules can find. */
export const WINDOWS_BRIDGE_RULES = declareRule('windows-bridge', [
  'BRIDGE_DRIVER_STOPPED',
  'BRIDGE_MISBOUND',
  'BRIDGE_PROTOCOL_UNBOUND',
]);

const isPhysical = (a: ExplainedLiveAdapter) => a.category === 'physical-ethernet' || a.category === 'physical-wifi';

/** The card this computer uses: a physical one that is up and holds the default route (what automatic bridging should pick). */
export const cardInUse = (adapters: ExplainedLiveAdapter[]) =>
  adapters.find((a) => a.state === 'up' && isPhysical(a) && a.gateways.length > 0);

/** A connected physical card to bridge to: the one in use, else any that is up. */
export const bridgeCandidate = (adapters: ExplainedLiveAdapter[]) =>
  cardInUse(adapters) ?? adapters.find((a) => a.state === 'up' && isPhysical(a));

const vmName = (vmx: string) => (vmx.split(/[\\/]/).pop() ?? vmx).replace(/\.vmx$/i, '');

/** Running VMware VMs with a bridged (VMnet0) card, with the address VMware Tools reports. */
function bridgedVmwareVms(facts: WindowsHostFacts) {
  return facts.guests
    .filter((g) => g.hypervisor === 'VMware' && (g.nics ?? []).some((n) => n.present !== false && vmxNetworkOf(n) === 'VMnet0'))
    .map((g) => ({ name: vmName(g.vm), ip: g.ip }));
}

/** Running VirtualBox VMs' bridged NICs, with the adapter each names. */
function bridgedVboxNics(facts: WindowsHostFacts) {
  return (facts.virtualbox?.machines ?? [])
    .filter((m) => m.state === 'running')
    .flatMap((m) =>
      m.nics
        .filter((n) => n.attachment === 'bridged' && n.network)
        .map((n) => ({ vm: m.name ?? m.uuid ?? 'VM', adapter: n.network as string })),
    );
}

/**
 * The driver under bridged networking is not running (VMware's VMnetBridge, VirtualBox's
 * VBoxNetLwf): no bridged VM reaches the LAN, whatever else is right.
 */
function driverRule(facts: WindowsHostFacts, into: Checklist, driver: 'VMnetBridge' | 'VBoxNetLwf', vms: string[]) {
  const list = into.as(WINDOWS_BRIDGE_RULES);
  if (vms.length === 0 || !facts.drivers) return;
  const state = facts.drivers.get(driver);
  const evidence = {
    driver,
    state: state?.state ?? 'not installed',
    startMode: state?.startMode ?? null,
    bridgedVms: vms,
    command: `Get-CimInstance Win32_SystemDriver -Filter "Name='${driver}'"`,
  };
  // Not installed: bridged networking was left out of the installation — another repair, said by the check.
  const running = state !== undefined && /^running$/i.test(state.state);
  list.check(`bridge-driver:${driver}`, running ? 'pass' : 'fail', evidence, { label: driver });
  if (state && !running)
    list.found(
      'BRIDGE_DRIVER_STOPPED',
      {
        driver,
        product: driver === 'VMnetBridge' ? 'vmware' : 'virtualbox',
        state: state.state,
        startMode: state.startMode || null,
        vms,
      },
      evidence,
    );
}

/**
 * The card a bridged VM uses without its bridge binding ("VMware Bridge Protocol", VirtualBox's
 * "NDIS6 Bridged Networking Driver"): the VM is cut off. A binding switched off on another card is
 * nobody's problem.
 */
function bindingRule(
  into: Checklist,
  product: 'vmware' | 'virtualbox',
  adapter: ExplainedLiveAdapter,
  bindings: Array<{ adapter: string; enabled: boolean }>,
  vms: string[],
) {
  const list = into.as(WINDOWS_BRIDGE_RULES);
  const binding = bindings.find((b) => b.adapter === adapter.name);
  if (!binding) return;
  const component = product === 'vmware' ? 'vmware_bridge' : 'oracle_VBoxNetLwf';
  const evidence = {
    adapter: adapter.name,
    component,
    enabled: binding.enabled,
    bridgedVms: vms,
    command: `Get-NetAdapterBinding -ComponentID ${component}`,
  };
  list.check(
    `${product === 'vmware' ? 'bridge-protocol' : 'vbox-bridge-filter'}:${adapter.name}`,
    binding.enabled ? 'pass' : 'fail',
    evidence,
    {
      adapter: adapter.name,
    },
  );
  if (!binding.enabled) list.found('BRIDGE_PROTOCOL_UNBOUND', { adapter: adapter.name, vms, product }, evidence);
}

/**
 * VMnet0 bridged to the wrong card: the address VMware Tools reports for a bridged VM lies in the
 * network of another adapter of this computer (Hyper-V's vEthernet, a VPN's TAP), not the LAN of
 * the card in use — automatic bridging took that adapter. The VMnet0 setting itself is not read:
 * VMware does not document where the Network Editor keeps it, so the evidence is what the VM got.
 */
function wrongAdapterRule(facts: WindowsHostFacts, into: Checklist, vms: Array<{ name: string; ip: string | null }>) {
  const list = into.as(WINDOWS_BRIDGE_RULES);
  const adapters = facts.adapters ?? [];
  const card = cardInUse(adapters);
  for (const vm of vms) {
    if (!vm.ip || !isIpv4(vm.ip) || isApipa(vm.ip)) continue;
    const holder = adapters.find(
      (a) =>
        a.category !== 'vmware' &&
        a.ipv4.some((ip) => !isApipa(ip.address) && inNetwork(vm.ip as string, networkOf(ip.address, ip.prefixLength))),
    );
    if (!holder) continue;
    const evidence = {
      vm: vm.name,
      vmAddress: vm.ip,
      networkOf: holder.name,
      category: holder.category,
      cardInUse: card?.name ?? null,
      command: 'vmrun -T ws getGuestIPAddress; Get-NetIPAddress',
    };
    const right = holder === card || (isPhysical(holder) && !card);
    list.check(`vmnet0-adapter:${vm.name}`, right ? 'pass' : 'fail', evidence, { label: vm.name });
    if (right) continue;
    list.found(
      'BRIDGE_MISBOUND',
      {
        bridge: 'VMnet0',
        cause: 'wrong-adapter',
        uplink: holder.name,
        address: vm.ip,
        candidate: card?.name ?? null,
        vm: vm.name,
      },
      evidence,
    );
  }
}

export function windowsBridgeRules(facts: WindowsHostFacts, into: Checklist) {
  const list = into.as(WINDOWS_BRIDGE_RULES);
  const adapters = facts.adapters ?? [];
  const vmware = bridgedVmwareVms(facts);
  const card = cardInUse(adapters);
  if (vmware.length > 0) {
    const names = vmware.map((v) => v.name);
    driverRule(facts, list, 'VMnetBridge', names);
    if (card && facts.vmware?.bridgeBindings) bindingRule(list, 'vmware', card, facts.vmware.bridgeBindings, names);
    wrongAdapterRule(facts, list, vmware);
  }
  const vbox = bridgedVboxNics(facts);
  if (vbox.length > 0) {
    driverRule(facts, list, 'VBoxNetLwf', [...new Set(vbox.map((n) => n.vm))]);
    const bindings = facts.virtualbox?.bridgeBindings;
    for (const adapter of adapters) {
      const vms = [
        ...new Set(vbox.filter((n) => n.adapter === adapter.description || n.adapter === adapter.name).map((n) => n.vm)),
      ];
      if (bindings && vms.length) bindingRule(list, 'virtualbox', adapter, bindings, vms);
    }
  }
}
