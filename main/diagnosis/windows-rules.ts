/**
 * Host-side rules for a Windows host: pure functions from WindowsHostFacts to the checklist and
 * the findings of shared/spec/findings.md, cause first (an adapter that is off explains a stopped
 * ping before any firewall rule does).
 */
import type { Check, ExplainedLiveAdapter, Finding } from '../../common/domain.ts';
import {
  formatCidr,
  type Ipv4Network,
  inNetwork,
  ipv4ToInt,
  isApipa,
  isIpv4,
  networkOf,
  networksOverlap,
  parseCidr,
} from '../net/ipv4.ts';
import { vmxNetworkOf } from '../probes/vmware/vmx.ts';
import type { IcmpRule, WindowsHostFacts } from './windows-facts.ts';

/** One VMware network the host should have, with what its configuration says about it. */
export interface VmnetExpectation {
  vmnet: string;
  subnet: Ipv4Network | null;
  /** Where the subnet came from, for the evidence. */
  subnetSource: string | null;
  nat: boolean;
  hostAdapter: boolean;
}

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

const vmnetOf = (adapter: ExplainedLiveAdapter) => (adapter.category === 'vmware' ? adapter.vmnet : null);

/** The firewall profile an adapter's network falls under; unidentified networks are Public. */
function firewallProfileFor(facts: WindowsHostFacts, adapter: ExplainedLiveAdapter): string {
  const category = facts.profiles?.find((p) => p.alias === adapter.name || p.index === adapter.index)?.category;
  if (category === 'DomainAuthenticated' || category === '2') return 'Domain';
  if (category === 'Private' || category === '1') return 'Private';
  return 'Public';
}

/** Does a firewall RemoteAddress entry cover the whole VM subnet? (§1.4 address forms) */
export function remoteCovers(entry: string, subnet: Ipv4Network): boolean {
  const value = entry.trim();
  if (/^(any|\*|localsubnet4?)$/i.test(value)) return true;
  const cidr = parseCidr(value);
  if (cidr) return cidr.prefixLength <= subnet.prefixLength && inNetwork(subnet.network, cidr);
  const masked = /^([\d.]+)\/([\d.]+)$/.exec(value);
  if (masked?.[1] && masked[2] && isIpv4(masked[1]) && isIpv4(masked[2])) {
    const bits = ipv4ToInt(masked[2]).toString(2).replace(/0+$/, '').length;
    const net = networkOf(masked[1], bits);
    return net.prefixLength <= subnet.prefixLength && inNetwork(subnet.network, net);
  }
  const range = /^([\d.]+)-([\d.]+)$/.exec(value);
  if (range?.[1] && range[2] && isIpv4(range[1]) && isIpv4(range[2])) {
    const first = ipv4ToInt(subnet.network);
    const last = first + 2 ** (32 - subnet.prefixLength) - 1;
    return ipv4ToInt(range[1]) <= first && ipv4ToInt(range[2]) >= last;
  }
  return false;
}

const ruleMatchesEcho = (rule: IcmpRule, profile: string, subnet: Ipv4Network) =>
  rule.enabled &&
  (rule.profiles.length === 0 || rule.profiles.some((p) => p === 'Any' || p === profile)) &&
  (rule.icmpTypes.length === 0 || rule.icmpTypes.some((t) => /^(any|8|8:.*)$/i.test(t.trim()))) &&
  (rule.remoteAddresses.length === 0 || rule.remoteAddresses.some((a) => remoteCovers(a, subnet)));

export interface EchoVerdict {
  blocks: boolean | null;
  profile: string;
  reason: string;
  rules: string[];
}

/** Would inbound ICMP echo from `subnet` arriving on `adapter` pass the firewall? Block rules win (§1.4). */
export function echoVerdict(facts: WindowsHostFacts, adapter: ExplainedLiveAdapter, subnet: Ipv4Network): EchoVerdict {
  const profile = firewallProfileFor(facts, adapter);
  const fw = facts.firewall;
  const state = fw?.profiles.find((p) => p.name === profile);
  if (!fw || !state) return { blocks: null, profile, reason: 'firewall state unknown', rules: [] };
  if (state.enabled === false) return { blocks: false, profile, reason: `the ${profile} profile is off`, rules: [] };
  const matching = fw.icmpRules.filter((r) => ruleMatchesEcho(r, profile, subnet));
  const block = matching.filter((r) => /block/i.test(r.action));
  if (block.length > 0)
    return { blocks: true, profile, reason: 'a block rule matches', rules: block.map((r) => `${r.name} (${r.displayName})`) };
  if (/^allow$/i.test(state.defaultInboundAction))
    return { blocks: false, profile, reason: `the ${profile} profile allows inbound by default`, rules: [] };
  const allow = matching.filter((r) => /^allow/i.test(r.action));
  if (state.allowInboundRules === false)
    return { blocks: true, profile, reason: `the ${profile} profile ignores all inbound allow rules`, rules: [] };
  if (allow.length > 0)
    return { blocks: false, profile, reason: 'an allow rule matches', rules: allow.map((r) => `${r.name} (${r.displayName})`) };
  return { blocks: true, profile, reason: `no enabled rule allows ICMPv4 echo on the ${profile} profile`, rules: [] };
}

/** A /24 in 192.168.0.0/16 that no adapter or other VM network uses, for vmware.change-subnet. */
export function freeSubnet(taken: Ipv4Network[]): string {
  for (let third = 100; third < 356; third++) {
    const candidate: Ipv4Network = { network: `192.168.${third % 256}.0`, prefixLength: 24 };
    if (!taken.some((t) => networksOverlap(t, candidate))) return formatCidr(candidate);
  }
  return '192.168.250.0/24';
}

export function diagnoseWindowsHost(facts: WindowsHostFacts): { checks: Check[]; findings: Finding[] } {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const check = (id: string, title: string, status: Check['status'], evidence?: Record<string, unknown>) =>
    checks.push({ id, title, status, ...(evidence ? { evidence } : {}) });
  const adapters = facts.adapters ?? [];

  if (vmwareInstalled(facts)) vmwareRules(facts, adapters, check, findings);
  else check('vmware-installed', 'VMware Workstation is installed', 'skip', { reason: 'no VMware services or configuration' });
  virtualBoxRules(facts, adapters, check, findings);
  duplicateMacs(macUsers(facts), check, findings);
  hyperVRules(facts, adapters, check, findings);

  const known = facts.guests.filter((g) => g.ip);
  check('vm-address', 'The VM’s address is known', facts.options.vmIp || known.length ? 'pass' : 'skip', {
    given: facts.options.vmIp ?? null,
    reportedByTools: facts.guests,
  });
  if (facts.vmPing) check('vm-answers', 'The VM answers ping', facts.vmPing.reachable ? 'pass' : 'fail', facts.vmPing);
  else check('vm-answers', 'The VM answers ping', 'skip', { reason: 'the VM’s address is not known (give --vm-ip)' });
  return { checks, findings };
}

type CheckFn = (id: string, title: string, status: Check['status'], evidence?: Record<string, unknown>) => void;

function vmwareRules(facts: WindowsHostFacts, adapters: ExplainedLiveAdapter[], check: CheckFn, findings: Finding[]) {
  check('vmware-installed', 'VMware Workstation is installed', 'pass', {
    services: [NAT_SERVICE, DHCP_SERVICE, 'VMAuthdService'].filter((s) => facts.services?.has(s)),
  });
  const expected = expectedVmnets(facts);

  // Services first: a stopped NAT or DHCP service explains everything behind it.
  const service = (name: string) => facts.services?.get(name) ?? null;
  const nat = service(NAT_SERVICE);
  if (expected.some((e) => e.nat)) {
    const running = nat?.status === 'Running';
    check('nat-service', 'The VMware NAT service runs', facts.services ? (running ? 'pass' : 'fail') : 'unknown', {
      service: NAT_SERVICE,
      status: nat?.status ?? (facts.services ? 'not installed' : null),
      command: `Get-Service -Name '${NAT_SERVICE}'`,
    });
    if (facts.services && !running) {
      findings.push({
        id: 'NAT_SERVICE_STOPPED',
        severity: 'error',
        title: nat ? 'The VMware NAT service is stopped' : 'The VMware NAT service is missing',
        detail: nat
          ? `"${NAT_SERVICE}" is ${nat.status} (start type ${nat.startType || 'unknown'}): VMs on the NAT network (VMnet8) reach neither the internet nor their gateway .2.`
          : `"${NAT_SERVICE}" is not installed: VMware's NAT network cannot work. VMware's network setup must be restored.`,
        evidence: { service: NAT_SERVICE, status: nat?.status ?? 'not installed', startType: nat?.startType ?? null },
        fixes: nat ? ['host.start-nat'] : ['vmware.restore-vmnet'],
        fixParams: nat ? { previous: nat.status } : { vmnet: 'VMnet8' },
      });
    }
  }
  const dhcp = service(DHCP_SERVICE);
  const dhcpRunning = dhcp?.status === 'Running';
  check('dhcp-service', 'The VMware DHCP service runs', facts.services ? (dhcpRunning ? 'pass' : 'fail') : 'unknown', {
    service: DHCP_SERVICE,
    status: dhcp?.status ?? (facts.services ? 'not installed' : null),
    command: `Get-Service -Name '${DHCP_SERVICE}'`,
  });
  if (facts.services && !dhcpRunning) {
    findings.push({
      id: 'DHCP_SERVICE_STOPPED',
      severity: 'error',
      title: dhcp ? 'The VMware DHCP service is stopped' : 'The VMware DHCP service is missing',
      detail: `"${DHCP_SERVICE}" is ${dhcp?.status ?? 'not installed'}: VMs set to get their address automatically get none (or a 169.254.x.x one).`,
      evidence: { service: DHCP_SERVICE, status: dhcp?.status ?? 'not installed' },
      fixes: dhcp ? ['host.start-dhcp'] : ['vmware.restore-vmnet'],
      fixParams: dhcp ? { previous: dhcp.status } : { vmnet: 'VMnet8' },
    });
  }

  const taken: Ipv4Network[] = [
    ...expected.flatMap((e) => (e.subnet ? [e.subnet] : [])),
    ...adapters.flatMap((a) => a.ipv4.map((ip) => networkOf(ip.address, ip.prefixLength))),
  ];
  for (const e of expected.filter((x) => x.hostAdapter)) {
    const id = (what: string) => `${what}:${e.vmnet}`;
    const adapter = adapters.find((a) => vmnetOf(a) === e.vmnet);
    const subnetText = e.subnet ? formatCidr(e.subnet) : null;
    if (facts.adapters === null) {
      check(id('adapter-present'), `The ${e.vmnet} adapter exists`, 'unknown');
      continue;
    }
    if (!adapter || adapter.state === 'not-present') {
      check(id('adapter-present'), `The ${e.vmnet} adapter exists`, 'fail', {
        vmnet: e.vmnet,
        vmwareAdapters: adapters.filter((a) => a.category === 'vmware').map((a) => a.name),
      });
      findings.push({
        id: 'ADAPTER_MISSING',
        severity: 'error',
        title: `The host has no ${e.vmnet} adapter`,
        detail: `VMware's configuration has ${e.vmnet}${subnetText ? ` (${subnetText})` : ''}, but Windows has no "VMware Network Adapter ${e.vmnet}": the host cannot reach VMs on that network.`,
        evidence: { vmnet: e.vmnet, subnet: subnetText, state: adapter?.state ?? 'absent' },
        fixes: ['vmware.restore-vmnet'],
        fixParams: { vmnet: e.vmnet },
      });
      continue;
    }
    check(id('adapter-present'), `The ${e.vmnet} adapter exists`, 'pass', { adapter: adapter.name });
    if (adapter.state === 'disabled') {
      check(id('adapter-enabled'), `${adapter.name} is enabled`, 'fail', { adapter: adapter.name, status: 'Disabled' });
      findings.push({
        id: 'ADAPTER_DISABLED',
        severity: 'error',
        title: `${adapter.name} is disabled`,
        detail: `The host's adapter for ${e.vmnet} is disabled in Windows, so the host and VMs on ${e.vmnet} cannot reach each other${e.nat ? '; the VMs still reach the internet through VMware NAT' : ''}.`,
        evidence: { adapter: adapter.name, status: 'Disabled', description: adapter.description },
        fixes: ['host.enable-adapter'],
        fixParams: { adapter: adapter.name },
      });
      continue;
    }
    check(id('adapter-enabled'), `${adapter.name} is enabled`, 'pass', { state: adapter.state });
    const address = adapter.ipv4.find((a) => !isApipa(a.address));
    if (!address) {
      check(id('adapter-address'), `${adapter.name} has its IPv4 address`, 'fail', { addresses: adapter.ipv4 });
      findings.push({
        id: 'ADAPTER_NO_ADDRESS',
        severity: 'error',
        title: `${adapter.name} has no usable IPv4 address`,
        detail: adapter.ipv4.length
          ? `${adapter.name} only has ${adapter.ipv4.map((a) => a.address).join(', ')} — a 169.254.x.x address Windows picks when it found no configuration — so VMs cannot reach the host${subnetText ? ` (expected an address in ${subnetText})` : ''}.`
          : `${adapter.name} has no IPv4 address at all, so VMs cannot reach the host${subnetText ? ` (expected an address in ${subnetText})` : ''}.`,
        evidence: {
          adapter: adapter.name,
          addresses: adapter.ipv4.map((a) => `${a.address}/${a.prefixLength}`),
          expected: subnetText,
        },
        fixes: ['host.restart-adapter'],
        fixParams: { adapter: adapter.name },
      });
      continue;
    }
    const own = networkOf(address.address, address.prefixLength);
    check(id('adapter-address'), `${adapter.name} has its IPv4 address`, 'pass', {
      address: `${address.address}/${address.prefixLength}`,
    });
    if (e.subnet && !inNetwork(address.address, e.subnet)) {
      check(id('adapter-subnet'), `${adapter.name} is in ${e.vmnet}'s subnet`, 'fail', {
        address: address.address,
        expected: subnetText,
        from: e.subnetSource,
      });
      findings.push({
        id: 'ADAPTER_SUBNET_MISMATCH',
        severity: 'error',
        title: `${adapter.name} is not in ${e.vmnet}'s subnet`,
        detail: `${adapter.name} has ${address.address}, but VMware gives ${e.vmnet} the subnet ${subnetText} (${e.subnetSource}): VMs get addresses in ${subnetText} and cannot reach the host.`,
        evidence: {
          adapter: adapter.name,
          address: `${address.address}/${address.prefixLength}`,
          expected: subnetText,
          source: e.subnetSource,
        },
        fixes: ['host.restart-adapter', 'vmware.restore-vmnet'],
        fixParams: { adapter: adapter.name, vmnet: e.vmnet },
      });
      continue;
    }
    const subnet = e.subnet ?? own;
    check(id('adapter-subnet'), `${adapter.name} is in ${e.vmnet}'s subnet`, e.subnet ? 'pass' : 'unknown', {
      address: address.address,
      expected: subnetText,
    });

    // Another adapter (a VPN, a home router's LAN, Hyper-V) on an overlapping subnet takes the traffic.
    const clash = adapters.find(
      (a) =>
        a !== adapter &&
        a.state === 'up' &&
        a.ipv4.some((ip) => !isApipa(ip.address) && networksOverlap(networkOf(ip.address, ip.prefixLength), subnet)),
    );
    const natClash = facts.hyperv?.natPrefixes.find((n) => networksOverlap(n, subnet));
    if (clash || natClash) {
      const other = clash
        ? `${clash.name} (${clash.ipv4.map((ip) => `${ip.address}/${ip.prefixLength}`).join(', ')})`
        : `the Windows NAT ${formatCidr(natClash as Ipv4Network)}`;
      check(id('subnet-conflict'), `${e.vmnet}'s subnet is not used elsewhere`, 'fail', { subnet: formatCidr(subnet), other });
      findings.push({
        id: 'SUBNET_CONFLICT',
        severity: 'error',
        title: `${e.vmnet}'s subnet overlaps ${clash ? clash.name : 'another network'}`,
        detail: `${e.vmnet} uses ${formatCidr(subnet)}, and so does ${other}: Windows sends part of the VMs' traffic the wrong way. Move ${e.vmnet} to a free subnet.`,
        evidence: { vmnet: e.vmnet, subnet: formatCidr(subnet), other, otherCategory: clash?.category ?? 'winnat' },
        fixes: ['vmware.change-subnet'],
        fixParams: { vmnet: e.vmnet, subnet: freeSubnet(taken), fromSubnet: formatCidr(subnet) },
      });
    } else {
      check(id('subnet-conflict'), `${e.vmnet}'s subnet is not used elsewhere`, 'pass', { subnet: formatCidr(subnet) });
    }

    const verdict = echoVerdict(facts, adapter, subnet);
    const evidence = { adapter: adapter.name, profile: verdict.profile, reason: verdict.reason, rules: verdict.rules };
    if (verdict.blocks) {
      check(id('host-firewall'), `The firewall lets ping in on ${adapter.name}`, 'fail', evidence);
      findings.push({
        id: 'HOST_FIREWALL_BLOCKS_ICMP',
        severity: 'error',
        title: `Windows Firewall drops ping from ${e.vmnet}`,
        detail: `${adapter.name} is on the ${verdict.profile} profile, whose firewall is on, and ${verdict.reason}: VMs cannot ping this host. Allow ICMPv4 echo from ${formatCidr(subnet)} only — there is no need to switch the firewall off.`,
        evidence: { ...evidence, subnet: formatCidr(subnet) },
        fixes: ['host.allow-icmp'],
        fixParams: { subnet: formatCidr(subnet), profile: verdict.profile, adapter: adapter.name },
      });
    } else {
      check(
        id('host-firewall'),
        `The firewall lets ping in on ${adapter.name}`,
        verdict.blocks === false ? 'pass' : 'unknown',
        evidence,
      );
    }

    if (verdict.profile === 'Public') {
      check(id('network-profile'), `${adapter.name} is not on the Public profile`, 'fail', { profile: 'Public' });
      findings.push({
        id: 'PUBLIC_NETWORK_PROFILE',
        severity: 'warning',
        title: `Windows treats ${adapter.name} as a public network`,
        detail: `${adapter.name} is filed under the Public profile, where Windows blocks most inbound traffic (ping, file sharing, remote desktop) from the VMs. A VM network on this PC is private.`,
        evidence: { adapter: adapter.name, profile: 'Public' },
        fixes: ['host.set-private-profile'],
        fixParams: { adapter: adapter.name },
      });
    } else {
      check(id('network-profile'), `${adapter.name} is not on the Public profile`, 'pass', { profile: verdict.profile });
    }
  }
}

function virtualBoxRules(facts: WindowsHostFacts, adapters: ExplainedLiveAdapter[], check: CheckFn, findings: Finding[]) {
  const vbox = facts.virtualbox;
  if (!vbox?.installed) return;
  for (const hostOnly of vbox.hostOnly) {
    const adapter = adapters.find((a) => a.description === hostOnly.name || a.name === hostOnly.name);
    if (adapter?.state === 'disabled') {
      check(`adapter-enabled:${adapter.name}`, `${adapter.name} is enabled`, 'fail', { status: 'Disabled' });
      findings.push({
        id: 'ADAPTER_DISABLED',
        severity: 'error',
        title: `${adapter.name} is disabled`,
        detail: `VirtualBox's host-only adapter is disabled in Windows, so the host cannot reach VMs on ${hostOnly.address ?? 'the host-only network'}.`,
        evidence: { adapter: adapter.name, description: hostOnly.name, status: 'Disabled' },
        fixes: ['host.enable-adapter'],
        fixParams: { adapter: adapter.name },
      });
    }
  }
  const ports = facts.options.servicePorts.length ? facts.options.servicePorts : [22];
  const wantsInbound = facts.options.symptom === 'host-cannot-reach-vm' || facts.options.symptom === 'auto';
  for (const machine of vbox.machines) {
    for (const nic of machine.nics) {
      const label = `${machine.name ?? machine.uuid ?? 'VM'} NIC ${nic.slot}`;
      if (nic.cableConnected === false) {
        check(`vbox-cable:${label}`, `${label}: cable connected`, 'fail', { attachment: nic.attachment });
        findings.push({
          id: 'CABLE_DISCONNECTED',
          severity: 'error',
          title: `${label}: the virtual cable is unplugged`,
          detail: `VirtualBox has "Cable connected" off for ${label}: the VM sees no network at all on it. Turn it on in the VM's Settings → Network → Advanced.`,
          evidence: { vm: machine.name, nic: nic.slot, cableConnected: false },
          fixes: [],
        });
        continue;
      }
      if (nic.attachment !== 'nat' || !wantsInbound) continue;
      const missing = ports.filter((port) => !nic.forwards.some((f) => f.guestPort === port && /tcp/i.test(f.protocol)));
      check(`vbox-port-forward:${label}`, `${label}: the host can reach the VM's services`, missing.length ? 'fail' : 'pass', {
        attachment: 'nat',
        forwards: nic.forwards,
        wanted: ports,
      });
      for (const port of missing) {
        const used = new Set(vbox.machines.flatMap((m) => m.nics.flatMap((n) => n.forwards.map((f) => f.hostPort))));
        let hostPort = port < 1024 ? 2200 + port : port;
        while (used.has(hostPort)) hostPort += 1;
        findings.push({
          id: 'PORT_FORWARD_NEEDED',
          severity: 'info',
          title: `${machine.name ?? 'The VM'} is behind VirtualBox NAT: forward a port to reach ${port}`,
          detail: `NIC ${nic.slot} of ${machine.name ?? 'the VM'} uses VirtualBox NAT (guest 10.0.2.15): the host cannot open connections to it. A port forward from host port ${hostPort} to guest port ${port} makes it reachable at 127.0.0.1:${hostPort}.`,
          evidence: { vm: machine.name, nic: nic.slot, attachment: 'nat', forwards: nic.forwards, port },
          fixes: ['vbox.add-port-forward'],
          fixParams: {
            vm: machine.name ?? machine.uuid ?? '',
            nic: String(nic.slot),
            hostPort: String(hostPort),
            guestPort: String(port),
            running: String(machine.state === 'running'),
          },
        });
      }
    }
  }
}

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
export function duplicateMacs(users: MacUser[], check: CheckFn, findings: Finding[]): void {
  const bySegment = new Map<string, MacUser[]>();
  for (const u of users) bySegment.set(`${u.mac}|${u.segment}`, [...(bySegment.get(`${u.mac}|${u.segment}`) ?? []), u]);
  for (const clash of bySegment.values()) {
    if (clash.length < 2) continue;
    const { mac, segment } = clash[0] as MacUser;
    const clone = clash.at(-1) as MacUser;
    const evidence = { mac, network: segment, vms: clash.map((u) => ({ hypervisor: u.hypervisor, vm: u.vm, nic: u.slot })) };
    check(`unique-mac:${mac}`, `Only one running VM uses ${mac}`, 'fail', evidence);
    const vbox = clone.hypervisor === 'VirtualBox';
    findings.push({
      id: 'DUPLICATE_MAC',
      severity: 'error',
      title: `${clash.map((u) => u.vm).join(' and ')} have the same MAC address ${mac}`,
      detail: `These running VMs share the MAC ${mac} on ${segment}: the virtual switch delivers their traffic to one or the other, so both lose connections. This happens when a VM is copied keeping its network card’s address. Give one of them a new MAC with the VM powered off${vbox ? '' : ': VMware › VM Settings › Network Adapter › Advanced › Generate'}.`,
      evidence,
      fixes: vbox ? ['guest.new-mac'] : [],
      fixParams: vbox ? { vm: clone.vm, nic: String(clone.slot), mac: mac.replace(/:/g, '') } : {},
    });
  }
}

function hyperVRules(facts: WindowsHostFacts, _adapters: ExplainedLiveAdapter[], check: CheckFn, findings: Finding[]) {
  const hyperVOn = facts.services?.get('vmms')?.status === 'Running' || facts.services?.get('hns')?.status === 'Running';
  const other = vmwareInstalled(facts) || facts.virtualbox?.installed === true;
  if (!hyperVOn || !other) return;
  check('hypervisor-conflict', 'Only one hypervisor drives the hardware', 'fail', {
    hyperV: true,
    wslNetworkingMode: facts.hyperv?.wslNetworkingMode ?? null,
  });
  findings.push({
    id: 'HYPERVISOR_CONFLICT',
    severity: 'warning',
    title: 'Hyper-V is running next to another hypervisor',
    detail:
      'Hyper-V (used by WSL 2, Docker Desktop and Windows Sandbox) owns the virtualization hardware: VMware Workstation 15.5.5+ and VirtualBox 6+ run on top of it, more slowly; older versions refuse to start VMs. Its switches also add adapters and NAT subnets of their own.',
    evidence: {
      services: ['vmms', 'hns'].filter((s) => facts.services?.get(s)?.status === 'Running'),
      switches: facts.hyperv?.switches.map((s) => s.name) ?? [],
    },
    fixes: [],
  });
}
