import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { freeSubnet } from '../net/ipv4.ts';
import { parseMachineReadable } from '../probes/virtualbox/vboxmanage.ts';
import { Checklist } from './checklist.ts';
import { windowsBridgeRules } from './windows-bridge-rules.ts';
import type { IcmpRule, WindowsHostFacts } from './windows-facts.ts';
import { wslNetworkingMode } from './windows-facts.ts';
import { diagnoseWindowsHost, duplicateMacs, echoVerdict, macUsers, remoteCovers, vboxIsolationRules } from './windows-rules.ts';

const subnet = { network: '192.168.37.0', prefixLength: 24 };
const vmnet8 = { name: 'VMware Network Adapter VMnet8', index: 22 } as ExplainedLiveAdapter;

function facts(category: string, rules: IcmpRule[], defaultInbound = 'NotConfigured'): WindowsHostFacts {
  return {
    profiles: [{ alias: vmnet8.name, index: 22, category }],
    firewall: {
      profiles: ['Domain', 'Private', 'Public'].map((name) => ({
        name,
        enabled: true,
        defaultInboundAction: defaultInbound,
        allowInboundRules: null,
      })),
      icmpRules: rules,
    },
  } as WindowsHostFacts;
}
const rule = (over: Partial<IcmpRule> = {}): IcmpRule => ({
  name: 'FPS-ICMP4-ERQ-In',
  displayName: 'File and Printer Sharing (Echo Request - ICMPv4-In)',
  enabled: true,
  action: 'Allow',
  profiles: ['Private'],
  protocol: 'ICMPv4',
  icmpTypes: ['8'],
  remoteAddresses: ['LocalSubnet'],
  localAddresses: [],
  interfaceType: 'Any',
  interfaceAliases: [],
  source: 'Local',
  ...over,
});

describe('Windows firewall reasoning', () => {
  it('reads the RemoteAddress forms of New-NetFirewallRule', () => {
    expect(remoteCovers('Any', subnet)).toBe(true);
    expect(remoteCovers('LocalSubnet4', subnet)).toBe(true);
    expect(remoteCovers('192.168.0.0/16', subnet)).toBe(true);
    expect(remoteCovers('192.168.37.0/255.255.255.0', subnet)).toBe(true);
    expect(remoteCovers('192.168.37.0-192.168.37.255', subnet)).toBe(true);
    expect(remoteCovers('192.168.37.128/25', subnet)).toBe(false);
    expect(remoteCovers('10.0.0.0/8', subnet)).toBe(false);
    expect(remoteCovers('DefaultGateway', subnet)).toBe(false);
  });

  it('an allow rule for Private does not help an adapter on Public', () => {
    expect(echoVerdict(facts('Private', [rule()]), vmnet8, subnet).blocks).toBe(false);
    const publicVerdict = echoVerdict(facts('Public', [rule()]), vmnet8, subnet);
    expect(publicVerdict).toMatchObject({ blocks: true, profile: 'Public' });
  });

  it('a matching block rule wins over an allow rule; disabled rules do not count', () => {
    const verdict = echoVerdict(
      facts('Private', [rule(), rule({ name: 'corp-block', action: 'Block', profiles: ['Any'] })]),
      vmnet8,
      subnet,
    );
    expect(verdict).toMatchObject({ blocks: true, rules: ['corp-block (File and Printer Sharing (Echo Request - ICMPv4-In))'] });
    expect(echoVerdict(facts('Private', [rule({ enabled: false })]), vmnet8, subnet).blocks).toBe(true);
  });

  it('an adapter whose profile is unknown is not taken for Public (no guess, no false alarm)', () => {
    const f = facts('Private', [rule()]);
    f.profiles = [];
    expect(echoVerdict(f, vmnet8, subnet)).toMatchObject({ profile: null, blocks: null, reason: 'firewall-unknown' });
    f.profiles = null;
    expect(echoVerdict(f, vmnet8, subnet)).toMatchObject({ profile: null, blocks: null });
  });

  it('default inbound Allow or a profile switched off lets ping in', () => {
    expect(echoVerdict(facts('Public', [], 'Allow'), vmnet8, subnet).blocks).toBe(false);
    const off = facts('Public', []);
    for (const p of off.firewall?.profiles ?? []) p.enabled = false;
    expect(echoVerdict(off, vmnet8, subnet)).toMatchObject({ blocks: false, reason: 'profile-off' });
  });

  it('suggests a free /24 for a subnet move', () => {
    expect(freeSubnet([subnet, { network: '192.168.100.0', prefixLength: 24 }])).toBe('192.168.101.0/24');
  });

  it('reads WSL networking mode from .wslconfig', () => {
    expect(wslNetworkingMode(null)).toBeNull();
    expect(wslNetworkingMode('[wsl2]\nmemory=4GB\n')).toBe('nat');
    expect(wslNetworkingMode('[wsl2]\r\nnetworkingMode=mirrored\r\n')).toBe('mirrored');
    expect(wslNetworkingMode('[experimental]\nnetworkingMode=mirrored\n')).toBe('nat');
  });
});

describe('cloned VMs that kept their MAC', () => {
  // A real VirtualBox capture, and a clone of it made by renaming (as "keep all MAC addresses" does).
  const text = readFileSync(new URL('../probes/virtualbox/fixtures/showvminfo.nat-and-hostonly.txt', import.meta.url), 'utf8');
  const original = { ...parseMachineReadable(text), state: 'running' };
  const clone = { ...original, name: `${original.name} Clone`, uuid: 'clone' };
  const vboxFacts = (machines: (typeof original)[]) => ({
    virtualbox: { installed: true, version: '7.0.12r159484', hostOnly: [], machines },
    guests: [],
  });
  const run = (facts: Pick<WindowsHostFacts, 'virtualbox' | 'guests'>) => {
    const list = new Checklist();
    duplicateMacs(macUsers(facts), list);
    return list.findings;
  };

  it('two running VirtualBox VMs with one MAC on the host-only network → DUPLICATE_MAC, the clone gets the new MAC', () => {
    const hostOnly = original.nics.find((n) => n.attachment === 'hostonly');
    expect(hostOnly?.mac).toBeTruthy();
    const findings = run(vboxFacts([original, clone]));
    expect(findings.map((f) => f.id)).toEqual(['DUPLICATE_MAC']); // the NAT NIC's MAC is private to each VM
    expect(findings[0]).toMatchObject({
      offers: [
        { fix: 'guest.new-mac', params: { vm: clone.name, nic: String(hostOnly?.slot), mac: hostOnly?.mac?.replace(/:/g, '') } },
      ],
    });
  });

  it('no clash when the clone is powered off', () => {
    expect(run(vboxFacts([original, { ...clone, state: 'poweroff' }]))).toEqual([]);
  });

  it('two running VMware VMs with one MAC on VMnet8 → DUPLICATE_MAC, explained (VMware’s Generate button), no one-click fix', () => {
    const nic = { slot: 0, present: true, connectionType: 'nat', vnet: null, mac: '00:0c:29:3a:5b:7c' };
    const guests = [
      { hypervisor: 'VMware' as const, vm: 'D:\\VMs\\ubuntu\\ubuntu.vmx', ip: null, nics: [nic] },
      { hypervisor: 'VMware' as const, vm: 'D:\\VMs\\ubuntu-copy\\ubuntu.vmx', ip: null, nics: [nic] },
    ];
    const findings = run({ virtualbox: null, guests });
    expect(findings).toMatchObject([
      { id: 'DUPLICATE_MAC', fixes: [], evidence: { network: 'VMnet8' }, params: { hypervisor: 'VMware' } },
    ]);
    // The same MAC on different VMware networks is no clash.
    const apart = [guests[0], { ...guests[1], nics: [{ ...nic, connectionType: 'hostonly' }] }];
    expect(run({ virtualbox: null, guests: apart as typeof guests })).toEqual([]);
  });
});

describe('VirtualBox VMs cut off by their own settings', () => {
  // A real VirtualBox capture, with its NICs re-attached as the cases need.
  const text = readFileSync(new URL('../probes/virtualbox/fixtures/showvminfo.nat-and-hostonly.txt', import.meta.url), 'utf8');
  const machine = parseMachineReadable(text);
  const wifi = {
    name: 'Wi-Fi',
    description: 'Intel(R) Wi-Fi 6 AX201 160MHz',
    state: 'up',
    category: 'physical-wifi',
    gateways: ['192.168.1.1'],
  } as ExplainedLiveAdapter;
  const run = (nics: typeof machine.nics, adapters: ExplainedLiveAdapter[] = [wifi], inbound = true) => {
    const list = new Checklist();
    vboxIsolationRules({ adapters } as WindowsHostFacts, list, { ...machine, nics }, 'Ubuntu', inbound);
    return list.findings;
  };
  const nic = (attachment: string, network: string | null) => ({
    ...(machine.nics[0] as (typeof machine.nics)[number]),
    attachment,
    network,
  });

  it('bridged to an adapter this computer no longer has → BRIDGE_MISBOUND naming it and the one to use, with both VBoxManage lines', () => {
    const [f] = run([nic('bridged', 'Realtek PCIe GbE Family Controller')]);
    expect(f).toMatchObject({
      id: 'BRIDGE_MISBOUND',
      params: { cause: 'missing-adapter', uplink: 'Realtek PCIe GbE Family Controller', candidate: wifi.description, nic: 1 },
    });
    expect(f?.detail).toContain('VBoxManage controlvm "Ubuntu" nic1 bridged "Intel(R) Wi-Fi 6 AX201 160MHz"');
    expect(f?.detail).toContain('VBoxManage modifyvm "Ubuntu" --bridgeadapter1 "Intel(R) Wi-Fi 6 AX201 160MHz"');
    expect(run([nic('bridged', wifi.description)])).toEqual([]);
    expect(run([nic('bridged', 'anything')], [])).toEqual([]); // adapters unread: no guess
  });

  it('only on an internal network → explained as by design; with a host-only NIC beside it, nothing', () => {
    expect(run([nic('intnet', 'intnet')])).toMatchObject([{ id: 'INTERNAL_NETWORK_ISOLATED', severity: 'info' }]);
    expect(run([nic('intnet', 'intnet'), nic('hostonly', 'VirtualBox Host-Only Ethernet Adapter')])).toEqual([]);
    expect(run([nic('intnet', 'intnet')], [wifi], false)).toEqual([]);
  });
});

describe('bridged VMs on a Windows host', () => {
  const ethernet = {
    name: 'Ethernet',
    description: 'Realtek PCIe GbE Family Controller',
    state: 'up',
    category: 'physical-ethernet',
    gateways: ['192.168.1.1'],
    ipv4: [{ address: '192.168.1.23', prefixLength: 24, mask: '255.255.255.0' }],
  } as unknown as ExplainedLiveAdapter;
  const vEthernet = {
    name: 'vEthernet (Default Switch)',
    description: 'Hyper-V Virtual Ethernet Adapter',
    state: 'up',
    category: 'hyper-v',
    gateways: [],
    ipv4: [{ address: '172.27.160.1', prefixLength: 20, mask: '255.255.240.0' }],
  } as unknown as ExplainedLiveAdapter;
  const guest = (connectionType: string, ip: string | null = null) => ({
    hypervisor: 'VMware' as const,
    vm: 'C:\\VMs\\Ubuntu\\Ubuntu.vmx',
    ip,
    nics: [{ slot: 0, present: true, connectionType, vnet: null, mac: null }],
  });
  const run = (facts: Record<string, unknown>) => {
    const list = new Checklist();
    windowsBridgeRules(
      { adapters: [ethernet, vEthernet], drivers: new Map(), guests: [], ...facts } as unknown as WindowsHostFacts,
      list,
    );
    return list.findings.map((f) => [f.id, f.params.cause ?? f.params.vms, f.offers[0]?.fix, f.offers[0]?.params]);
  };
  const vmwareBindings = (enabled: boolean) => ({ bridgeBindings: [{ adapter: 'Ethernet', enabled }] });

  it('"VMware Bridge Protocol" unchecked on the card in use while a bridged VM runs → BRIDGE_PROTOCOL_UNBOUND; no bridged VM, or checked → nothing', () => {
    expect(run({ vmware: vmwareBindings(false), guests: [guest('bridged')] })).toEqual([
      ['BRIDGE_PROTOCOL_UNBOUND', ['Ubuntu'], 'host.bind-bridge-protocol', { adapter: 'Ethernet', component: 'vmware_bridge' }],
    ]);
    expect(run({ vmware: vmwareBindings(false), guests: [guest('nat')] })).toEqual([]);
    expect(run({ vmware: vmwareBindings(true), guests: [guest('bridged')] })).toEqual([]);
  });

  it('VMnetBridge stopped (or disabled) while a bridged VM runs → BRIDGE_DRIVER_STOPPED with the start mode the fix needs; running → nothing', () => {
    const drivers = (state: string, startMode: string) => new Map([['VMnetBridge', { state, startMode }]]);
    expect(run({ drivers: drivers('Stopped', 'Disabled'), guests: [guest('bridged')] })).toEqual([
      ['BRIDGE_DRIVER_STOPPED', ['Ubuntu'], 'host.start-bridge-driver', { driver: 'VMnetBridge', startMode: 'Disabled' }],
    ]);
    expect(run({ drivers: drivers('Running', 'Auto'), guests: [guest('bridged')] })).toEqual([]);
    expect(run({ drivers: drivers('Stopped', 'Auto'), guests: [guest('nat')] })).toEqual([]);
  });

  it('a bridged VM holding an address of Hyper-V’s vEthernet → BRIDGE_MISBOUND wrong-adapter, vmware.set-bridge keeps VMnet0 off it; on the LAN → nothing', () => {
    expect(run({ guests: [guest('bridged', '172.27.165.20')] })).toEqual([
      ['BRIDGE_MISBOUND', 'wrong-adapter', 'vmware.set-bridge', { adapter: 'Ethernet', exclude: 'vEthernet (Default Switch)' }],
    ]);
    expect(run({ guests: [guest('bridged', '192.168.1.77')] })).toEqual([]);
    // An address no adapter of this computer explains says nothing about which adapter VMnet0 took.
    expect(run({ guests: [guest('bridged', '10.20.30.40')] })).toEqual([]);
  });

  it('VirtualBox: a running VM bridged to a card whose NDIS6 bridged-networking filter is unbound → BRIDGE_PROTOCOL_UNBOUND for VirtualBox', () => {
    const machine = {
      name: 'ubuntu-2204',
      uuid: null,
      state: 'running',
      nics: [{ slot: 1, attachment: 'bridged', network: 'Realtek PCIe GbE Family Controller', forwards: [] }],
    };
    const virtualbox = (enabled: boolean) => ({
      installed: true,
      machines: [machine],
      bridgeBindings: [{ adapter: 'Ethernet', enabled }],
    });
    expect(run({ virtualbox: virtualbox(false) })).toEqual([
      [
        'BRIDGE_PROTOCOL_UNBOUND',
        ['ubuntu-2204'],
        'host.bind-bridge-protocol',
        { adapter: 'Ethernet', component: 'oracle_VBoxNetLwf' },
      ],
    ]);
    expect(run({ virtualbox: virtualbox(true) })).toEqual([]);
    expect(run({ virtualbox: { ...virtualbox(false), machines: [{ ...machine, state: 'poweroff' }] } })).toEqual([]);
  });
});

describe('a VM that does not answer, with nothing on the host to blame', () => {
  const run = (reachable: boolean, extra: Record<string, unknown> = {}) =>
    diagnoseWindowsHost({
      adapters: [],
      profiles: null,
      firewall: null,
      services: null,
      drivers: null,
      vmware: null,
      virtualbox: null,
      hyperv: null,
      elevated: null,
      guests: [{ hypervisor: 'VMware', vm: 'C:\\VMs\\Ubuntu 64-bit\\Ubuntu 64-bit.vmx', ip: '192.168.37.128' }],
      vmPing: { target: '192.168.37.128', reachable, status: reachable ? 'Success' : 'TimedOut', rttMs: null, command: 'ping' },
      options: { internetTargets: [], servicePorts: [], dnsName: 'x', timeoutMs: 1000, symptom: 'host-cannot-reach-vm' },
      probes: [],
      ...extra,
    } as unknown as WindowsHostFacts).findings;

  it('silent → VM_NOT_ANSWERING naming the VM its hypervisor reported; answering → nothing', () => {
    expect(run(false)).toMatchObject([
      { id: 'VM_NOT_ANSWERING', params: { target: '192.168.37.128', vm: 'Ubuntu 64-bit', reported: true } },
    ]);
    expect(run(true)).toEqual([]);
  });
});

describe('admin-only cmdlets refused', () => {
  it('Get-VMSwitch refused (not elevated) leaves the switches "unknown — needs administrator", never "none"', () => {
    const findings = diagnoseWindowsHost({
      adapters: [],
      profiles: null,
      firewall: null,
      services: new Map([
        ['vmms', { status: 'Running', startType: 'Automatic' }],
        ['VMAuthdService', { status: 'Running', startType: 'Automatic' }],
      ]),
      drivers: null,
      vmware: { dhcp: [], nat: null, registry: [], installPath: null, version: '17.5.2', bridgeBindings: null },
      virtualbox: null,
      hyperv: {
        switches: [],
        natPrefixes: [],
        natUnknown: null,
        switchesUnknown: 'needs administrator',
        wslNetworkingMode: null,
      },
      elevated: false,
      guests: [],
      vmPing: null,
      options: { internetTargets: [], servicePorts: [], dnsName: 'x', timeoutMs: 1000, symptom: 'auto' },
      probes: [],
    } as unknown as WindowsHostFacts).findings;
    expect(findings.find((f) => f.id === 'HYPERVISOR_CONFLICT')?.evidence.switches).toBe('unknown (needs administrator)');
  });
});
