/**
 * The Windows scenarios: the healthy VMware host of the probe registry's fixtures
 * (main/probes/windows/fixtures/*.healthy-vmware.constructed.json) with one documented fault
 * applied, and what the diagnosis must say about it. The bundles are written from these at test
 * time (write-bundles.ts), so a probe's change touches its fixture and, when its shape changes,
 * its migration — never dozens of committed bundle files.
 *
 * CONSTRUCTED, NOT RECORDED: no Windows machine was available. Each document has exactly the shape
 * the probe's PowerShell script (main/probes/windows/registry/) emits, with values following the
 * documented formats (shared/reference/probe-reference.md §1–4): Get-NetAdapter Status names,
 * dash-separated MACs, NetworkCategory names, firewall enums cast to strings, the stable rule name
 * FPS-ICMP4-ERQ-In, service Names, and vmnetdhcp.conf / vmnetnat.conf text in VMware's syntax.
 */
import { readFileSync } from 'node:fs';
import type { DiagnoseRequest } from '../../main/diagnosis/diagnose.ts';
import { WINDOWS_PROBES, type WindowsProbeId } from '../../main/probes/windows/registry/index.ts';

type Doc = Record<string, unknown>;
/** One document per probe; a scenario may drop the ping (no VM address was known). */
export type Host = Record<Exclude<WindowsProbeId, 'ping-vm'>, Doc> & { 'ping-vm'?: Doc };

const fixtures = new URL('../../main/probes/windows/fixtures/', import.meta.url);
/** The healthy host: every probe's own fixture, read afresh for each scenario (scenarios edit it). */
function healthyHost(): Host {
  return Object.fromEntries(
    WINDOWS_PROBES.map((p) => [p.id, JSON.parse(readFileSync(new URL(p.fixture.file, fixtures), 'utf8')) as Doc]),
  ) as Host;
}

const adapter = (Name: string, InterfaceDescription: string, ifIndex: number, MacAddress: string, Status: string) => ({
  Name,
  InterfaceDescription,
  ifIndex,
  MacAddress,
  Status,
  Virtual: false,
  Hidden: false,
});
/** A Get-NetIPAddress row as ADAPTERS_SCRIPT emits it; enum members as Windows names them (MSFT_NetIPAddress). */
const v4 = (ifIndex: number, IPAddress: string, PrefixLength = 24, AddressState = 'Preferred') => ({
  ifIndex,
  IPAddress,
  PrefixLength,
  AddressFamily: 'IPv4',
  AddressState,
  PrefixOrigin: IPAddress.startsWith('169.254.') ? 'WellKnown' : ifIndex === 12 ? 'Dhcp' : 'Manual',
});

const unanswered = (h: Host) => {
  h['ping-vm'] = { ...(h['ping-vm'] ?? {}), status: 'TimedOut', rttMs: 0 };
};

type AdapterDoc = { adapters: Array<Doc & { Name: string }>; addresses: Array<Doc & { ifIndex: number }>; routes: Doc[] };
const adaptersOf = (h: Host) => h.adapters as unknown as AdapterDoc;
const setStatus = (h: Host, name: string, status: string) => {
  for (const a of adaptersOf(h).adapters) if (a.Name === name) a.Status = status;
};
/** `VBoxManage list hostonlyifs` for VirtualBox's one host-only adapter (VirtualBox manual, "VBoxManage list"). */
const hostOnlyIf = (address: string, mask: string, status: 'Up' | 'Down') =>
  [
    'Name:            VirtualBox Host-Only Ethernet Adapter',
    'GUID:            49d645a0-e5b7-4589-bfe0-2126b15890c9',
    'DHCP:            Disabled',
    `IPAddress:       ${address}`,
    `NetworkMask:     ${mask}`,
    'HardwareAddress: 0a:00:27:00:00:19',
    'MediaType:       Ethernet',
    `Status:          ${status}`,
    'VBoxNetworkName: HostInterfaceNetworking-VirtualBox Host-Only Ethernet Adapter',
  ].join('\n');
const VMNET8 = 'VMware Network Adapter VMnet8';

/** The running VM's .vmx: its one NIC on NAT (VMnet8), as VMware writes it. */
const natGuest = (h: Host) => {
  const guest = (h['vmware-guests'].guests as Doc[])[0] as Doc;
  guest.net = [
    'ethernet0.present = "TRUE"',
    'ethernet0.connectionType = "nat"',
    'ethernet0.addressType = "generated"',
    'ethernet0.generatedAddress = "00:0c:29:3a:5b:7c"',
  ].join('\n');
};
/** The VM on VMnet8 (its .vmx) while VMnet1, which no VM uses, lost its address (169.254.x.x). */
const idleVmnet1OnApipa = (h: Host) => {
  natGuest(h);
  const a = adaptersOf(h);
  a.addresses = a.addresses.map((x) => (x.ifIndex === 21 && x.AddressFamily === 'IPv4' ? v4(21, '169.254.80.9', 16) : x));
};
/** VMnet8 filed under Public ("Unidentified network"). */
const publicVmnet8 = (h: Host) => {
  h['connection-profiles'].profiles = (h['connection-profiles'].profiles as Doc[]).map((p) =>
    p.InterfaceIndex === 22 ? { ...p, NetworkCategory: 'Public' } : p,
  );
};
/** A rule as the first Windows release's firewall probe (commit 4954ca4) wrote it: ICMPv4 rules, no later filters. */
const firstReleaseRule = ({ Name, DisplayName, Group, Enabled, Action, Profile, IcmpType, RemoteAddress }: Doc) => ({
  Name,
  DisplayName,
  Group,
  Enabled,
  Action,
  Profile,
  IcmpType,
  RemoteAddress,
});

export interface Scenario {
  name: string;
  describe: string;
  symptom: DiagnoseRequest['symptom'];
  host: Host;
  expect: Expected;
  /** What the user typed beside the symptom (the VM's address). */
  request?: Partial<DiagnoseRequest>;
  /** Probes that did not answer on that machine, with how they failed. */
  failed?: Partial<Record<keyof Host, { status: 'failed' | 'timeout'; message: string }>>;
  /** Documents in an earlier release's shape (read through the probe's migrations), by probe. */
  shapes?: Partial<Record<WindowsProbeId, number>>;
}

/**
 * What the diagnosis must say: the verdict (its kind and the hop of the path it names) and, for a
 * finding, its id and first fix. `firstFinding` is the verdict's finding (null for an unknown or
 * healthy verdict).
 */
export interface Expected {
  verdict: 'cause' | 'by-design' | 'unknown' | 'healthy';
  hop: string | null;
  firstFinding: string | null;
  firstFix: string | null;
  exitCode: number;
}
const cause = (hop: string, firstFinding: string, firstFix: string | null, exitCode = 1): Expected => ({
  verdict: 'cause',
  hop,
  firstFinding,
  firstFix,
  exitCode,
});

export function windowsScenarios(): Scenario[] {
  const list: Scenario[] = [];
  const add = (
    name: string,
    describe: string,
    symptom: Scenario['symptom'],
    mutate: (h: Host) => void,
    expect: Scenario['expect'],
    more: Pick<Scenario, 'request' | 'failed' | 'shapes'> = {},
  ) => {
    const host = healthyHost();
    mutate(host);
    list.push({ name, describe, symptom, host, expect, ...more });
  };
  add(
    'healthy-vmware-nat',
    'VMware Workstation with VMnet1 and VMnet8 as installed, services running, ping allowed',
    'auto',
    () => {},
    { verdict: 'healthy', hop: null, firstFinding: null, firstFix: null, exitCode: 0 },
  );
  add(
    'vmnet8-disabled',
    'VMnet8 disabled in Network Connections (Status "Disabled", no addresses)',
    'vm-cannot-ping-host',
    (h) => {
      setStatus(h, VMNET8, 'Disabled');
      unanswered(h);
      const a = adaptersOf(h);
      a.addresses = a.addresses.filter((x) => x.ifIndex !== 22);
      h['connection-profiles'].profiles = (h['connection-profiles'].profiles as Doc[]).filter((p) => p.InterfaceIndex !== 22);
    },
    cause('host-adapter', 'ADAPTER_DISABLED', 'host.enable-adapter'),
  );
  add(
    'vmnet8-apipa',
    'VMnet8 up with only a 169.254.x.x address (its static address was lost)',
    'vm-cannot-ping-host',
    (h) => {
      const a = adaptersOf(h);
      a.addresses = a.addresses.map((x) => (x.ifIndex === 22 && x.AddressFamily === 'IPv4' ? v4(22, '169.254.77.12', 16) : x));
      unanswered(h);
    },
    cause('host-adapter', 'ADAPTER_NO_ADDRESS', 'host.restart-adapter'),
  );
  add(
    'nat-service-stopped',
    'VMware NAT Service stopped (start type Manual)',
    'vm-no-internet',
    (h) => {
      h.services.services = (h.services.services as Doc[]).map((s) =>
        s.Name === 'VMware NAT Service' ? { ...s, Status: 'Stopped', StartType: 'Manual' } : s,
      );
    },
    cause('nat', 'NAT_SERVICE_STOPPED', 'host.start-nat'),
  );
  add(
    'firewall-blocks-echo-public',
    'VMnet8 filed as Public (unidentified network); the echo rule is enabled for Private only; Chinese connection names',
    'vm-cannot-ping-host',
    (h) => {
      const a = adaptersOf(h);
      for (const x of a.adapters) if (x.Name === 'Ethernet') x.Name = '以太网';
      for (const x of a.adapters) if (x.Name === 'Wi-Fi') x.Name = 'WLAN';
      h['connection-profiles'].profiles = (h['connection-profiles'].profiles as Doc[]).map((p) =>
        p.InterfaceIndex === 22
          ? { ...p, NetworkCategory: 'Public' }
          : p.InterfaceIndex === 12
            ? { ...p, InterfaceAlias: '以太网' }
            : p,
      );
      const rules = h.firewall.icmpRules as Doc[];
      for (const r of rules) if (r.Name === 'FPS-ICMP4-ERQ-In') r.DisplayName = '文件和打印机共享(回显请求 - ICMPv4-In)';
    },
    cause('host-firewall', 'HOST_FIREWALL_BLOCKS_ICMP', 'host.allow-icmp'),
  );
  add(
    'subnet-overlaps-vpn',
    'a VPN client (TAP adapter) holds 192.168.37.0/24, the same subnet as VMnet8',
    'vm-cannot-ping-host',
    (h) => {
      const a = adaptersOf(h);
      a.adapters.push(adapter('OpenVPN TAP', 'TAP-Windows Adapter V9', 30, '00-FF-8A-12-34-56', 'Up'));
      a.addresses.push(v4(30, '192.168.37.10'));
      unanswered(h);
    },
    cause('host-adapter', 'SUBNET_CONFLICT', 'vmware.change-subnet'),
  );
  add(
    'virtualbox-nat-unreachable',
    'VirtualBox only: a running Ubuntu VM on NAT (10.0.2.15) without port forwards; the host wants SSH to it',
    'host-cannot-reach-vm',
    (h) => {
      const a = adaptersOf(h);
      a.adapters = a.adapters.filter((x) => !String(x.Name).startsWith('VMware'));
      a.adapters.push(
        adapter('VirtualBox Host-Only Network', 'VirtualBox Host-Only Ethernet Adapter', 25, '0A-00-27-00-00-19', 'Up'),
      );
      a.addresses = a.addresses.filter((x) => x.ifIndex === 12).concat([v4(25, '192.168.56.1')]);
      h.services.services = [{ Name: 'VBoxSDS', Status: 'Running', StartType: 'Manual' }];
      h['vmware-config'] = { dhcpConf: null, natConf: null, registry: [], installPath: '' };
      h['vmware-guests'] = { installed: false, guests: [] };
      h['ping-vm'] = { target: '10.0.2.15', status: 'TimedOut', rttMs: 0 };
      h.virtualbox = {
        installed: true,
        path: 'C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe',
        hostOnlyIfs: hostOnlyIf('192.168.56.1', '255.255.255.0', 'Up'),
        machines: [
          [
            'name="ubuntu-2204"',
            'UUID="4a1c7e0e-6b0c-4d61-9f1e-2b8c1f3d9a10"',
            'VMState="running"',
            'natnet1="nat"',
            'macaddress1="080027465C5B"',
            'cableconnected1="on"',
            'nic1="nat"',
            'nictype1="82540EM"',
            'nic2="none"',
          ].join('\n'),
        ],
        guestIps: ['10.0.2.15'],
      };
    },
    {
      verdict: 'by-design',
      hop: 'vm-network',
      firstFinding: 'PORT_FORWARD_NEEDED',
      firstFix: 'vbox.add-port-forward',
      exitCode: 0,
    },
  );
  const bridgedGuest = (h: Host, ip: string) => {
    const guest = (h['vmware-guests'].guests as Doc[])[0] as Doc;
    guest.ip = ip;
    guest.net = [
      'ethernet0.present = "TRUE"',
      'ethernet0.connectionType = "bridged"',
      'ethernet0.addressType = "generated"',
      'ethernet0.generatedAddress = "00:0c:29:3a:5b:7c"',
    ].join('\n');
    h['vmware-config'].bridgeBindings = [
      { Name: 'Ethernet', Enabled: true },
      { Name: 'Wi-Fi', Enabled: true },
    ];
  };
  add(
    'bridge-protocol-unbound',
    'a VMware VM bridged (VMnet0) while "VMware Bridge Protocol" is unchecked on Ethernet, the card in use (as "optimizer" scripts leave it)',
    'vm-no-internet',
    (h) => {
      bridgedGuest(h, '');
      h['vmware-config'].bridgeBindings = [
        { Name: 'Ethernet', Enabled: false },
        { Name: 'Wi-Fi', Enabled: true },
      ];
      unanswered(h);
    },
    cause('vm-network', 'BRIDGE_PROTOCOL_UNBOUND', 'host.bind-bridge-protocol'),
  );
  add(
    'vmware-networks-missing',
    'VMware installed, but its network configuration is gone: no vmnetdhcp.conf or vmnetnat.conf, no VMnet adapter, no VMnetConfig keys; NAT and DHCP services set to Automatic and stopped (they fail with error 1067)',
    'vm-no-internet',
    (h) => {
      const a = adaptersOf(h);
      a.adapters = a.adapters.filter((x) => !String(x.Name).startsWith('VMware'));
      a.addresses = a.addresses.filter((x) => x.ifIndex === 12);
      h['connection-profiles'].profiles = (h['connection-profiles'].profiles as Doc[]).filter((p) => p.InterfaceIndex === 12);
      h.services.services = (h.services.services as Doc[]).map((s) =>
        s.Name === 'VMware NAT Service' || s.Name === 'VMnetDHCP' ? { ...s, Status: 'Stopped', StartType: 'Automatic' } : s,
      );
      h['vmware-config'] = { ...h['vmware-config'], dhcpConf: null, natConf: null, registry: [] };
      h['vmware-guests'] = { installed: true, guests: [] };
      delete h['ping-vm'];
    },
    cause('vm-network', 'ADAPTER_MISSING', 'vmware.restore-vmnet'),
  );
  add(
    'vmnet8-address-duplicate',
    'VMnet8 is set to 192.168.37.1, which a VM configured by hand also uses: Windows marks it Duplicate and falls back to 169.254.241.18 (the shape of the real recording in main/probes/windows/fixtures)',
    'vm-cannot-ping-host',
    (h) => {
      const a = adaptersOf(h);
      a.addresses = a.addresses
        .filter((x) => !(x.ifIndex === 22 && x.AddressFamily === 'IPv4'))
        .concat([v4(22, '169.254.241.18', 16), v4(22, '192.168.37.1', 24, 'Duplicate')]);
      unanswered(h);
    },
    cause('host-adapter', 'ADAPTER_NO_ADDRESS', 'host.restart-adapter'),
  );
  add(
    'dhcp-service-disabled',
    'VMnetDHCP set to Disabled and stopped (a "speed-up" tool did it): the VM gets no address; starting it needs its start type back first',
    'vm-no-ip',
    (h) => {
      h.services.services = (h.services.services as Doc[]).map((s) =>
        s.Name === 'VMnetDHCP' ? { ...s, Status: 'Stopped', StartType: 'Disabled' } : s,
      );
    },
    cause('dhcp', 'DHCP_SERVICE_STOPPED', 'host.start-dhcp'),
  );
  add(
    'firewall-gpo-block-all',
    "a Group Policy rule blocks all inbound traffic on every profile (a school or company machine), beside Windows' echo rule enabled for Private: the block wins, and no local rule can lift it",
    'vm-cannot-ping-host',
    (h) => {
      (h.firewall.icmpRules as Doc[]).push({
        Name: '{6A3C2B1E-0D4F-4E9A-9C1B-7F2E5D8A4B10}',
        DisplayName: 'Block all inbound (campus policy)',
        Group: '',
        Enabled: 'True',
        Action: 'Block',
        Profile: 'Any',
        Protocol: 'Any',
        IcmpType: ['Any'],
        RemoteAddress: ['Any'],
        LocalAddress: ['Any'],
        InterfaceType: 'Any',
        InterfaceAlias: ['Any'],
        Source: 'GroupPolicy',
      });
      unanswered(h);
    },
    cause('host-firewall', 'HOST_FIREWALL_BLOCKS_ICMP', null),
  );
  add(
    'vm-silent',
    'everything on the host passes (VMnet8 up, services running, echo allowed) and the VM VMware reports at 192.168.37.128 does not answer ping (its own firewall, say)',
    'host-cannot-reach-vm',
    (h) => unanswered(h),
    cause('vm-firewall', 'VM_NOT_ANSWERING', null),
  );
  add(
    'bridge-driver-stopped',
    'a VMware VM bridged (VMnet0) while the VMnetBridge driver is stopped with start mode Disabled (as a cleanup tool leaves it)',
    'vm-no-ip',
    (h) => {
      bridgedGuest(h, '');
      h.services.drivers = [{ Name: 'VMnetBridge', State: 'Stopped', StartMode: 'Disabled' }];
      unanswered(h);
    },
    cause('vm-network', 'BRIDGE_DRIVER_STOPPED', 'host.start-bridge-driver'),
  );
  add(
    'vmnet0-on-vpn-adapter',
    'VMnet0 on automatic bridging took a VPN client’s TAP adapter (bridged VPN, 10.8.0.0/24): the bridged VM got 10.8.0.6 from the VPN, not a LAN address',
    'vm-no-internet',
    (h) => {
      const a = adaptersOf(h);
      a.adapters.push(adapter('OpenVPN TAP', 'TAP-Windows Adapter V9', 30, '00-FF-8A-12-34-56', 'Up'));
      a.addresses.push(v4(30, '10.8.0.2'));
      bridgedGuest(h, '10.8.0.6');
      (h['vmware-config'].bridgeBindings as Doc[]).push({ Name: 'OpenVPN TAP', Enabled: true });
      h['ping-vm'] = { target: '10.8.0.6', status: 'TimedOut', rttMs: 0 };
    },
    cause('vm-network', 'BRIDGE_MISBOUND', 'vmware.set-bridge'),
  );
  add(
    'vmnet0-on-hyperv-switch',
    'VMnet0 on automatic bridging took Hyper-V’s vEthernet (Default Switch): the bridged VM got 172.27.165.20 from Hyper-V’s NAT, not a LAN address',
    'host-cannot-reach-vm',
    (h) => {
      const a = adaptersOf(h);
      a.adapters.push(adapter('vEthernet (Default Switch)', 'Hyper-V Virtual Ethernet Adapter', 35, '00-15-5D-01-02-03', 'Up'));
      a.addresses.push(v4(35, '172.27.160.1', 20));
      bridgedGuest(h, '172.27.165.20');
      (h['vmware-config'].bridgeBindings as Doc[]).push({ Name: 'vEthernet (Default Switch)', Enabled: true });
      h.hyperv = { switches: [{ Name: 'Default Switch', SwitchType: 'Internal' }], nats: [], wslConfig: null };
      h['ping-vm'] = { target: '172.27.165.20', status: 'TimedOut', rttMs: 0 };
    },
    cause('vm-network', 'BRIDGE_MISBOUND', 'vmware.set-bridge'),
  );
  /** VirtualBox alone on the host (no VMware), one running VM whose NICs are given as showvminfo prints them. */
  const virtualboxOnly = (h: Host, nics: string[], ping: string, bridgeBindings?: Doc[]) => {
    const a = adaptersOf(h);
    a.adapters = a.adapters.filter((x) => !String(x.Name).startsWith('VMware'));
    a.addresses = a.addresses.filter((x) => x.ifIndex === 12);
    h.services.services = [{ Name: 'VBoxSDS', Status: 'Running', StartType: 'Manual' }];
    h.services.drivers = [{ Name: 'VBoxNetLwf', State: 'Running', StartMode: 'Manual' }];
    h['vmware-config'] = { dhcpConf: null, natConf: null, registry: [], installPath: '' };
    h['vmware-guests'] = { installed: false, guests: [] };
    h['ping-vm'] = { target: ping, status: 'TimedOut', rttMs: 0 };
    h.virtualbox = {
      installed: true,
      path: 'C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe',
      hostOnlyIfs: '',
      machines: [
        [
          'name="ubuntu-2204"',
          'UUID="4a1c7e0e-6b0c-4d61-9f1e-2b8c1f3d9a10"',
          'VMState="running"',
          ...nics,
          'macaddress1="080027465C5B"',
          'cableconnected1="on"',
          'nic2="none"',
        ].join('\n'),
      ],
      guestIps: [''],
      ...(bridgeBindings ? { bridgeBindings } : {}),
    };
  };
  add(
    'virtualbox-bridged-missing-nic',
    'VirtualBox only: a running VM bridged to a network card this computer no longer has (replaced; its description is gone)',
    'vm-no-internet',
    (h) => virtualboxOnly(h, ['nic1="bridged"', 'bridgeadapter1="Killer E2500 Gigabit Ethernet Controller"'], '192.168.1.77'),
    cause('vm-network', 'BRIDGE_MISBOUND', null),
  );
  add(
    'virtualbox-bridge-filter-unbound',
    'VirtualBox only: a running VM bridged to Ethernet, the card in use, whose "VirtualBox NDIS6 Bridged Networking Driver" item is unchecked (oracle_VBoxNetLwf unbound)',
    'vm-no-internet',
    (h) =>
      virtualboxOnly(h, ['nic1="bridged"', 'bridgeadapter1="Realtek PCIe GbE Family Controller"'], '192.168.1.77', [
        { Name: 'Ethernet', Enabled: false },
        { Name: 'Wi-Fi', Enabled: true },
      ]),
    cause('vm-network', 'BRIDGE_PROTOCOL_UNBOUND', 'host.bind-bridge-protocol'),
  );
  add(
    'virtualbox-internal-network',
    'VirtualBox only: the VM\'s only NIC is on the internal network "intnet"; the host wants SSH to it (by design it cannot reach it)',
    'host-cannot-reach-vm',
    (h) => virtualboxOnly(h, ['nic1="intnet"', 'intnet1="intnet"'], '192.168.1.77'),
    { verdict: 'by-design', hop: 'vm-network', firstFinding: 'INTERNAL_NETWORK_ISOLATED', firstFix: null, exitCode: 0 },
  );

  // Issue 22: the verdict comes from the VM's own path.
  add(
    'vmnet1-idle-firewall-blocks',
    'the VM (its .vmx: NAT, so VMnet8) cannot ping the host; VMnet1, which no VM uses, lost its address; VMnet8 is filed as Public and the echo rule allows Private only. The firewall rules are in the shape the first Windows release wrote (no Protocol, LocalAddress, InterfaceType, InterfaceAlias or Source)',
    'vm-cannot-ping-host',
    (h) => {
      idleVmnet1OnApipa(h);
      publicVmnet8(h);
      h.firewall.icmpRules = (h.firewall.icmpRules as Doc[]).map(firstReleaseRule);
      unanswered(h);
    },
    cause('host-firewall', 'HOST_FIREWALL_BLOCKS_ICMP', 'host.allow-icmp'),
    { shapes: { firewall: 1 } },
  );
  add(
    'vmnet1-idle-firewall-unread',
    'the VM (its .vmx: NAT, so VMnet8) cannot ping the host; VMnet1, which no VM uses, lost its address; the firewall probe timed out, so whether echo passes on VMnet8 is not known',
    'vm-cannot-ping-host',
    (h) => {
      idleVmnet1OnApipa(h);
      unanswered(h);
    },
    { verdict: 'unknown', hop: 'host-firewall', firstFinding: null, firstFix: null, exitCode: 1 },
    { failed: { firewall: { status: 'timeout', message: 'the firewall probe did not answer within 32000 ms' } } },
  );
  add(
    'firewall-unread-static-vm',
    'the VM has a static address typed by the user (192.168.37.50) and cannot ping the host; the firewall probe timed out on this machine, so whether echo passes on VMnet8 is not known',
    'vm-cannot-ping-host',
    (h) => {
      h['vmware-guests'] = { installed: true, guests: [] };
      h['ping-vm'] = { target: '192.168.37.50', status: 'Success', rttMs: 1 };
    },
    { verdict: 'unknown', hop: 'host-firewall', firstFinding: null, firstFix: null, exitCode: 0 },
    {
      request: { vmIp: '192.168.37.50' },
      failed: { firewall: { status: 'timeout', message: 'the firewall probe did not answer within 32000 ms' } },
    },
  );
  add(
    'healthy-vmware-hyperv',
    'a healthy VMware Workstation 17.5 host on which Hyper-V runs too (WSL 2): VMware runs beside it, so that is a note, not a cause',
    'auto',
    (h) => {
      natGuest(h);
      h.services.services = [
        ...(h.services.services as Doc[]),
        { Name: 'vmms', Status: 'Running', StartType: 'Automatic' },
        { Name: 'hns', Status: 'Running', StartType: 'Manual' },
      ];
      h['vmware-config'].version = '17.5.2.23775571';
      h.hyperv = { switches: [{ Name: 'Default Switch', SwitchType: 'Internal' }], nats: [], wslConfig: null };
    },
    { verdict: 'healthy', hop: null, firstFinding: null, firstFix: null, exitCode: 0 },
  );
  add(
    'virtualbox-hostonly-apipa',
    'VirtualBox only: its host-only adapter lost its address (169.254.33.7, and VBoxManage reports that too); the running VM on it has 192.168.57.101, so the adapter should be 192.168.57.1 — not the 169.254 address it has now',
    'vm-cannot-ping-host',
    (h) => {
      virtualboxOnly(h, ['nic1="hostonly"', 'hostonlyadapter1="VirtualBox Host-Only Ethernet Adapter"'], '192.168.57.101');
      const a = adaptersOf(h);
      a.adapters.push(
        adapter('VirtualBox Host-Only Network', 'VirtualBox Host-Only Ethernet Adapter', 25, '0A-00-27-00-00-19', 'Up'),
      );
      a.addresses.push(v4(25, '169.254.33.7', 16));
      (h.virtualbox as Doc).hostOnlyIfs = hostOnlyIf('169.254.33.7', '255.255.0.0', 'Up');
      (h.virtualbox as Doc).guestIps = ['192.168.57.101'];
    },
    cause('host-adapter', 'ADAPTER_NO_ADDRESS', 'vbox.set-hostonly-address'),
  );
  // Found missing by test/rules/check-emitted.ts: rule paths no scenario had exercised.
  add(
    'vmnet8-subnet-mismatch',
    'VMnet8 was given 192.168.50.1 by hand in its adapter settings, while VMware’s configuration (vmnetdhcp.conf, the VMnetLib registry) and the running VM stay in 192.168.37.0/24',
    'vm-cannot-ping-host',
    (h) => {
      natGuest(h);
      const a = adaptersOf(h);
      a.addresses = a.addresses.map((x) => (x.ifIndex === 22 && x.AddressFamily === 'IPv4' ? v4(22, '192.168.50.1') : x));
      unanswered(h);
    },
    cause('host-adapter', 'ADAPTER_SUBNET_MISMATCH', 'vmware.restore-vmnet'),
  );
  add(
    'virtualbox-hostonly-disabled',
    'VirtualBox only: the running VM’s card is on the host-only network, and its host adapter is disabled in Network Connections (VBoxManage still lists 192.168.56.1)',
    'vm-cannot-ping-host',
    (h) => {
      virtualboxOnly(h, ['nic1="hostonly"', 'hostonlyadapter1="VirtualBox Host-Only Ethernet Adapter"'], '192.168.56.101');
      adaptersOf(h).adapters.push(
        adapter('VirtualBox Host-Only Network', 'VirtualBox Host-Only Ethernet Adapter', 25, '0A-00-27-00-00-19', 'Disabled'),
      );
      (h.virtualbox as Doc).hostOnlyIfs = hostOnlyIf('192.168.56.1', '255.255.255.0', 'Down');
      (h.virtualbox as Doc).guestIps = ['192.168.56.101'];
    },
    cause('host-adapter', 'ADAPTER_DISABLED', 'host.enable-adapter'),
  );
  add(
    'virtualbox-cable-unplugged',
    'VirtualBox only: the running VM’s NAT card has “Cable Connected” unchecked in its settings (cableconnected1="off")',
    'vm-no-internet',
    (h) => {
      virtualboxOnly(h, ['nic1="nat"'], '10.0.2.15');
      const vbox = h.virtualbox as Doc & { machines: string[] };
      vbox.machines = vbox.machines.map((m) => m.replace('cableconnected1="on"', 'cableconnected1="off"'));
    },
    cause('vm-nic', 'CABLE_DISCONNECTED', 'vbox.connect-cable'),
  );
  return list;
}
