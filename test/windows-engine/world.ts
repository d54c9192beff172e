/**
 * A Windows machine for the stub module (WindowsStubs.psm1): the objects its cmdlets return, its
 * registry keys, the files and native programs (vmrun, VBoxManage, vnetlib64) its scripts read,
 * and the answers its pings get. `worldFromBundle` rebuilds one from a scenario bundle, in
 * Windows' own terms (CIM classes and properties, enum names, a firewall rule and its six filters
 * joined only by InstanceID, vmrun's and VBoxManage's printed text), so that the probe scripts
 * must really project it back into what the bundle holds; `materialize` writes it to a folder.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRecord as ProbeRecord } from '../../main/probes/source.ts';

type Row = Record<string, unknown>;
export interface World {
  netAdapters: Row[];
  netIPAddresses: Row[];
  netRoutes: Row[];
  connectionProfiles: Row[];
  firewallProfiles: Row[];
  firewallRules: Row[];
  firewallPortFilters: Row[];
  firewallAddressFilters: Row[];
  firewallApplicationFilters: Row[];
  firewallServiceFilters: Row[];
  firewallInterfaceTypeFilters: Row[];
  firewallInterfaceFilters: Row[];
  /** What NetSecurity's cmdlets throw on this machine (a probe that could not read the firewall). */
  firewallError?: string | null;
  services: Row[];
  systemDrivers: Row[];
  netAdapterBindings: Row[];
  netNats: Row[];
  netNatError?: string | null;
  /** null: Hyper-V is not installed (Get-VMSwitch does not exist). */
  vmSwitches: Row[] | null;
  vmSwitchError?: string | null;
  registry: Record<string, Record<string, unknown>>;
  /** Files read with Get-Content under their Windows path (a .vmx vmrun names). */
  windowsFiles: Record<string, string>;
  /** A program's version resource (FileVersionInfo.ProductVersion), by its full path here. */
  fileVersions: Record<string, string>;
  /** Files under %ProgramData% and %USERPROFILE%, relative to them. */
  programData: Record<string, string>;
  userProfile: Record<string, string>;
  /** Each native program's answers: its argument list joined by spaces → what it prints and its exit code. */
  natives: Partial<Record<'vmrun' | 'VBoxManage' | 'vnetlib64', Record<string, { stdout: string; exitCode?: number }>>>;
  pings: Record<string, { Status: string; RoundtripTime: number }>;
  elevated: boolean;
}

export const emptyWorld = (): World => ({
  netAdapters: [],
  netIPAddresses: [],
  netRoutes: [],
  connectionProfiles: [],
  firewallProfiles: [],
  firewallRules: [],
  firewallPortFilters: [],
  firewallAddressFilters: [],
  firewallApplicationFilters: [],
  firewallServiceFilters: [],
  firewallInterfaceTypeFilters: [],
  firewallInterfaceFilters: [],
  services: [],
  systemDrivers: [],
  netAdapterBindings: [],
  netNats: [],
  vmSwitches: null,
  registry: {},
  windowsFiles: {},
  fileVersions: {},
  programData: {},
  userProfile: {},
  natives: {},
  pings: {},
  elevated: false,
});

const VMWARE_KEY = 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMware Workstation';
const VMNETLIB_KEY = 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMnetLib\\VMnetConfig';
const NET_CLASS_KEY = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e972-e325-11ce-bfc1-08002be10318}';
const VBOX_KEY = 'HKLM:\\SOFTWARE\\Oracle\\VirtualBox';
/** Where materialize puts the products' programs; the registry names these folders. */
export const INSTALL_DIRS = { vmware: 'VMware Workstation', virtualbox: 'VirtualBox' } as const;

const list = (v: unknown): Row[] => (Array.isArray(v) ? v : v ? [v] : []) as Row[];
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v == null ? [] : [String(v)]);

/** A bundle's probe documents as the machine that printed them: Windows objects, registry, files, programs. */
export function worldFromBundle(records: ProbeRecord[], root: string): World {
  const world = emptyWorld();
  const doc = (id: string) => {
    const r = records.find((x) => x.kind === 'script' && x.probeId === id);
    return r && r.kind === 'script' && r.result.status === 'ok' ? (r.result.data as Row) : null;
  };

  const adapters = doc('adapters');
  const aliasOf = new Map<number, string>();
  for (const a of list(adapters?.adapters)) {
    aliasOf.set(Number(a.ifIndex), String(a.Name));
    world.netAdapters.push({
      Name: a.Name,
      InterfaceAlias: a.Name,
      ifAlias: a.Name,
      InterfaceDescription: a.InterfaceDescription,
      ifIndex: a.ifIndex,
      InterfaceIndex: a.ifIndex,
      MacAddress: a.MacAddress,
      Status: a.Status,
      Virtual: a.Virtual ?? false,
      Hidden: a.Hidden ?? false,
      InterfaceGuid: `{00000000-0000-0000-0000-${String(a.ifIndex).padStart(12, '0')}}`,
    });
  }
  // Each adapter's driver key under the network class, as PROFILE_STATE and MARK_ENDPOINT find it.
  list(adapters?.adapters).forEach((a, i) => {
    world.registry[`${NET_CLASS_KEY}\\${String(i).padStart(4, '0')}`] = {
      NetCfgInstanceId: `{00000000-0000-0000-0000-${String(a.ifIndex).padStart(12, '0')}}`,
      DriverDesc: a.InterfaceDescription,
    };
  });
  for (const ip of list(adapters?.addresses))
    world.netIPAddresses.push({
      InterfaceIndex: ip.ifIndex,
      InterfaceAlias: aliasOf.get(Number(ip.ifIndex)) ?? null,
      IPAddress: ip.IPAddress,
      PrefixLength: ip.PrefixLength,
      AddressFamily: ip.AddressFamily,
      AddressState: ip.AddressState ?? 'Preferred',
      PrefixOrigin: ip.PrefixOrigin ?? 'Manual',
      SuffixOrigin: ip.SuffixOrigin ?? (ip.PrefixOrigin === 'Dhcp' ? 'Dhcp' : 'Manual'),
    });
  for (const r of list(adapters?.routes))
    world.netRoutes.push({
      DestinationPrefix: String(r.NextHop).includes(':') ? '::/0' : '0.0.0.0/0',
      InterfaceIndex: r.ifIndex,
      InterfaceAlias: aliasOf.get(Number(r.ifIndex)) ?? null,
      NextHop: r.NextHop,
      AddressFamily: String(r.NextHop).includes(':') ? 'IPv6' : 'IPv4',
    });

  for (const p of list(doc('connection-profiles')?.profiles))
    world.connectionProfiles.push({
      Name: p.InterfaceAlias,
      InterfaceAlias: p.InterfaceAlias,
      InterfaceIndex: p.InterfaceIndex,
      NetworkCategory: p.NetworkCategory,
    });

  const firewall = doc('firewall');
  const firewallRecord = records.find((x) => x.kind === 'script' && x.probeId === 'firewall');
  if (firewallRecord?.kind === 'script' && firewallRecord.result.status !== 'ok')
    world.firewallError = 'Access is denied. (the firewall could not be read in this scenario)';
  for (const p of list(firewall?.profiles))
    world.firewallProfiles.push({
      Name: p.Name,
      Enabled: p.Enabled,
      DefaultInboundAction: p.DefaultInboundAction,
      AllowInboundRules: p.AllowInboundRules,
    });
  list(firewall?.icmpRules).forEach((rule, i) => {
    // The filters know their rule only by InstanceID, and Windows' InstanceID is not its Name
    // (for Windows' own rules it is the rule's GUID-like ID): the join is on InstanceID alone.
    const id = `{${String(i + 1).padStart(8, '0')}-0000-4000-8000-${String(rule.Name).length.toString().padStart(12, '0')}}`;
    const icmp = strings(rule.IcmpType);
    const protocol = rule.Protocol ?? (icmp.length && !icmp.includes('Any') ? 'ICMPv4' : 'Any');
    world.firewallRules.push({
      InstanceID: id,
      Name: rule.Name,
      DisplayName: rule.DisplayName,
      Group: rule.Group || null,
      Enabled: rule.Enabled,
      Direction: 'Inbound',
      Action: rule.Action,
      Profile: rule.Profile,
      // '' is a rule whose source was not read (the first release's shape, migrated).
      PolicyStoreSourceType: rule.Source || 'Local',
    });
    world.firewallPortFilters.push({
      InstanceID: id,
      Protocol: protocol,
      IcmpType: icmp.length ? icmp : ['Any'],
      LocalPort: ['Any'],
      RemotePort: ['Any'],
    });
    world.firewallAddressFilters.push({
      InstanceID: id,
      RemoteAddress: strings(rule.RemoteAddress).length ? strings(rule.RemoteAddress) : ['Any'],
      LocalAddress: strings(rule.LocalAddress).length ? strings(rule.LocalAddress) : ['Any'],
    });
    world.firewallApplicationFilters.push({ InstanceID: id, Program: 'Any' });
    world.firewallServiceFilters.push({ InstanceID: id, Service: 'Any' });
    world.firewallInterfaceTypeFilters.push({ InstanceID: id, InterfaceType: rule.InterfaceType ?? 'Any' });
    world.firewallInterfaceFilters.push({
      InstanceID: id,
      InterfaceAlias: strings(rule.InterfaceAlias).length ? strings(rule.InterfaceAlias) : ['Any'],
    });
  });

  const services = doc('services');
  for (const s of list(services?.services))
    world.services.push({ Name: s.Name, DisplayName: s.Name, Status: s.Status, StartType: s.StartType });
  for (const d of list(services?.drivers)) world.systemDrivers.push({ Name: d.Name, State: d.State, StartMode: d.StartMode });

  const vmware = doc('vmware-config');
  if (vmware) {
    if (vmware.dhcpConf != null) world.programData['VMware/vmnetdhcp.conf'] = String(vmware.dhcpConf);
    if (vmware.natConf != null) world.programData['VMware/vmnetnat.conf'] = String(vmware.natConf);
    for (const r of list(vmware.registry)) {
      world.registry[`${VMNETLIB_KEY}\\${r.Name}`] = { ...(r.Values as Row) };
      if (r.HasAdapter) world.registry[`${VMNETLIB_KEY}\\${r.Name}\\Adapter`] = { UseAdapter: 1 };
    }
    for (const b of list(vmware.bridgeBindings))
      world.netAdapterBindings.push({
        Name: b.Name,
        ComponentID: 'vmware_bridge',
        DisplayName: 'VMware Bridge Protocol',
        Enabled: b.Enabled,
      });
  }
  const guests = doc('vmware-guests');
  if (vmware?.installPath || guests?.installed) {
    world.registry[VMWARE_KEY] = { InstallPath: `${join(root, INSTALL_DIRS.vmware)}/` };
    if (vmware?.version) world.fileVersions[join(root, INSTALL_DIRS.vmware, 'vmware.exe')] = String(vmware.version);
    const running = list(guests?.guests);
    const vmrun: Record<string, { stdout: string }> = {
      '-T ws list': { stdout: `Total running VMs: ${running.length}\n${running.map((g) => `${g.vmx}\n`).join('')}` },
    };
    for (const g of running) {
      vmrun[`-T ws getGuestIPAddress ${g.vmx}`] = { stdout: `${g.ip}\n` };
      if (g.net != null)
        world.windowsFiles[String(g.vmx)] = `.encoding = "UTF-8"\ndisplayName = "VM"\n${g.net}\nguestOS = "ubuntu-64"\n`;
    }
    world.natives.vmrun = vmrun;
  }

  const vbox = doc('virtualbox');
  if (vbox?.installed) {
    world.registry[VBOX_KEY] = { InstallDir: `${join(root, INSTALL_DIRS.virtualbox)}/` };
    const machines = strings(vbox.machines);
    const ids = machines.map(
      (m, i) => /^UUID="([^"]+)"/m.exec(m)?.[1] ?? `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const names = machines.map((m, i) => /^name="([^"]*)"/m.exec(m)?.[1] ?? `vm${i}`);
    const guestIps = strings(vbox.guestIps);
    const answers: Record<string, { stdout: string }> = {
      'list hostonlyifs': { stdout: `${vbox.hostOnlyIfs ?? ''}\n` },
      'list vms': { stdout: ids.map((id, i) => `"${names[i]}" {${id}}\n`).join('') },
      '--version': { stdout: `${vbox.version ?? '7.0.12r159484'}\n` },
    };
    ids.forEach((id, i) => {
      answers[`showvminfo ${id} --machinereadable`] = { stdout: `${machines[i]}\n` };
      const ip = guestIps[i];
      answers[`guestproperty get ${id} /VirtualBox/GuestInfo/Net/0/V4/IP`] = {
        stdout: ip ? `Value: ${ip}\n` : 'No value set!\n',
      };
    });
    world.natives.VBoxManage = answers;
    for (const b of list(vbox.bridgeBindings))
      world.netAdapterBindings.push({
        Name: b.Name,
        ComponentID: 'oracle_VBoxNetLwf',
        DisplayName: 'VirtualBox NDIS6 Bridged Networking Driver',
        Enabled: b.Enabled,
      });
  }

  const hyperv = doc('hyperv');
  if (hyperv) {
    world.vmSwitches =
      hyperv.switchError || list(hyperv.switches).length
        ? list(hyperv.switches).map((s) => ({ Name: s.Name, SwitchType: s.SwitchType }))
        : null;
    world.vmSwitchError = (hyperv.switchError as string | null) ?? null;
    if (hyperv.switchError && !world.vmSwitches) world.vmSwitches = [];
    world.netNats = list(hyperv.nats).map((n) => ({ Name: n.Name, InternalIPInterfaceAddressPrefix: n.Prefix }));
    world.netNatError = (hyperv.natError as string | null) ?? null;
    if (hyperv.wslConfig != null) world.userProfile['.wslconfig'] = String(hyperv.wslConfig);
  }

  world.elevated = doc('elevation')?.elevated === true;
  const ping = doc('ping-vm');
  if (ping?.target) world.pings[String(ping.target)] = { Status: String(ping.status), RoundtripTime: Number(ping.rttMs ?? 0) };
  return world;
}

/** The program every fake native is a link to: it answers from the world and records its call. */
const FAKE_NATIVE = new URL('./fake-native.mjs', import.meta.url).pathname;

/**
 * Writes the world under `root`: world.json for the stubs, %ProgramData% and %USERPROFILE%, and the
 * products' programs (links to fake-native.mjs, found by the scripts through the registry's paths).
 * Returns the environment a PowerShell process needs to see this machine.
 */
export function materialize(world: World, root: string): Record<string, string> {
  mkdirSync(root, { recursive: true });
  const programData = join(root, 'ProgramData');
  const userProfile = join(root, 'Users', 'student');
  for (const [base, files] of [
    [programData, world.programData],
    [userProfile, world.userProfile],
  ] as const) {
    mkdirSync(base, { recursive: true });
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(base, rel, '..'), { recursive: true });
      writeFileSync(join(base, rel), text);
    }
  }
  const programs: Array<[keyof World['natives'], string]> = [
    ['vmrun', INSTALL_DIRS.vmware],
    ['vnetlib64', INSTALL_DIRS.vmware],
    ['VBoxManage', INSTALL_DIRS.virtualbox],
  ];
  for (const [program, dir] of programs) {
    const installed = program === 'VBoxManage' ? world.registry[VBOX_KEY] : world.registry[VMWARE_KEY];
    if (!installed) continue;
    mkdirSync(join(root, dir), { recursive: true });
    symlinkSync(FAKE_NATIVE, join(root, dir, `${program}.exe`));
  }
  if (world.registry[VMWARE_KEY]) writeFileSync(join(root, INSTALL_DIRS.vmware, 'vmware.exe'), '');
  chmodSync(FAKE_NATIVE, 0o755);
  const worldPath = join(root, 'world.json');
  writeFileSync(worldPath, JSON.stringify(world, null, 1));
  return {
    VMNET_STUB_WORLD: worldPath,
    VMNET_STUB_CALLS: join(root, 'calls.jsonl'),
    VMNET_STUB_ELEVATED: world.elevated ? '1' : '0',
    ProgramData: programData,
    USERPROFILE: userProfile,
    ProgramFiles: join(root, 'Program Files'),
    'ProgramFiles(x86)': join(root, 'Program Files (x86)'),
  };
}
