/**
 * Host-side rules for a Windows host: pure functions from WindowsHostFacts to the checklist and
 * the findings of shared/spec/findings.md, cause first (an adapter that is off explains a stopped
 * ping before any firewall rule does).
 */
import type { CheckId } from '../../common/catalogue/checks.ts';
import type { Check, ExplainedLiveAdapter, Finding } from '../../common/domain.ts';
import type { PathScope } from '../../common/path.ts';
import {
  cidrOf,
  formatCidr,
  freeSubnet,
  type Ipv4Network,
  inNetwork,
  ipv4ToInt,
  isApipa,
  isIpv4,
  networkOf,
  networksOverlap,
  parseCidr,
  prefixToMask,
} from '../net/ipv4.ts';
import { vmxNetworkOf } from '../probes/vmware/vmx.ts';
import { Checklist, type CheckRef } from './checklist.ts';
import { vmSilent } from './vm-silent-rules.ts';
import { bridgeCandidate, windowsBridgeRules } from './windows-bridge-rules.ts';
import type { IcmpRule, VmnetExpectation, WindowsHostFacts } from './windows-facts.ts';
import { vboxNicLabel, windowsScope } from './windows-scope.ts';

export type { VmnetExpectation } from './windows-facts.ts';

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

/** Which of several adapters of one VMnet stands for it: a working one before a ghost. */
const STATE_RANK = ['up', 'down', 'unknown', 'disabled', 'not-present'];

const vmnetOf = (adapter: ExplainedLiveAdapter) => (adapter.category === 'vmware' ? adapter.vmnet : null);

/**
 * The firewall profile an adapter's network falls under, from its connection profile (an
 * "Unidentified network" is listed there as Public). No profile read, or none for this adapter,
 * is unknown — not Public: a guess would raise false alarms on healthy machines.
 */
function firewallProfileFor(facts: WindowsHostFacts, adapter: ExplainedLiveAdapter): string | null {
  const category = facts.profiles?.find((p) => p.alias === adapter.name || p.index === adapter.index)?.category;
  if (category === 'DomainAuthenticated' || category === '2') return 'Domain';
  if (category === 'Private' || category === '1') return 'Private';
  if (category === 'Public' || category === '0') return 'Public';
  return null;
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

/** A LocalAddress entry names one of the adapter's addresses (or any). */
const localCovers = (entry: string, adapter: ExplainedLiveAdapter) => {
  const value = entry.trim();
  if (/^(any|\*)$/i.test(value)) return true;
  return adapter.ipv4.some((ip) => ip.address === value || remoteCovers(value, { network: ip.address, prefixLength: 32 }));
};

/**
 * Which interface types an adapter counts as (MSFT_NetInterfaceTypeFilter: Wired, Wireless,
 * RemoteAccess): hypervisors' virtual adapters present themselves as Ethernet (802.3), so Wired.
 */
const interfaceTypeOf = (adapter: ExplainedLiveAdapter) =>
  adapter.category === 'physical-wifi'
    ? 'Wireless'
    : adapter.category === 'vpn' || adapter.category === 'tunnel'
      ? 'RemoteAccess'
      : 'Wired';

/**
 * Does this rule decide echo from `subnet` arriving on `adapter`? All of a rule's conditions must
 * hold, as Windows Filtering Platform applies them: protocol, ICMP type, remote and local
 * address, interface type and interface, profile.
 */
const ruleMatchesEcho = (rule: IcmpRule, profile: string, subnet: Ipv4Network, adapter: ExplainedLiveAdapter) =>
  rule.enabled &&
  /^(any|icmpv4|1)$/i.test(rule.protocol) &&
  (rule.profiles.length === 0 || rule.profiles.some((p) => p === 'Any' || p === profile)) &&
  (rule.icmpTypes.length === 0 || rule.icmpTypes.some((t) => /^(any|8|8:.*)$/i.test(t.trim()))) &&
  (rule.remoteAddresses.length === 0 || rule.remoteAddresses.some((a) => remoteCovers(a, subnet))) &&
  (rule.localAddresses.length === 0 || rule.localAddresses.some((a) => localCovers(a, adapter))) &&
  (/^any$/i.test(rule.interfaceType.trim()) || rule.interfaceType.split(/\s*,\s*/).includes(interfaceTypeOf(adapter))) &&
  (rule.interfaceAliases.length === 0 || rule.interfaceAliases.some((a) => /^any$/i.test(a) || a === adapter.name));

const describeRule = (r: IcmpRule) => `${r.name} (${r.displayName})${/grouppolicy/i.test(r.source) ? ' [Group Policy]' : ''}`;

export interface EchoVerdict {
  blocks: boolean | null;
  /** The adapter's profile, or null when it is not known. */
  profile: string | null;
  /** Why, as a reason id of common/catalogue/checks.ts. */
  /** A block rule that decides it comes from Group Policy: only its administrator can lift it. */
  policy?: boolean;
  reason:
    | 'firewall-unknown'
    | 'profile-off'
    | 'block-rule'
    | 'default-allow'
    | 'allow-rules-ignored'
    | 'allow-rule'
    | 'no-allow-rule';
  rules: string[];
}

/** Would inbound ICMP echo from `subnet` arriving on `adapter` pass the firewall? Block rules win (§1.4). */
export function echoVerdict(facts: WindowsHostFacts, adapter: ExplainedLiveAdapter, subnet: Ipv4Network): EchoVerdict {
  const profile = firewallProfileFor(facts, adapter);
  const fw = facts.firewall;
  const state = fw?.profiles.find((p) => p.name === profile);
  if (!fw || !state || profile === null) return { blocks: null, profile, reason: 'firewall-unknown', rules: [] };
  if (state.enabled === false) return { blocks: false, profile, reason: 'profile-off', rules: [] };
  const matching = fw.icmpRules.filter((r) => ruleMatchesEcho(r, profile, subnet, adapter));
  const block = matching.filter((r) => /block/i.test(r.action));
  // An explicit block beats any allow, which beats the profile's default action (WFP precedence).
  if (block.length > 0)
    return {
      blocks: true,
      profile,
      reason: 'block-rule',
      rules: block.map(describeRule),
      policy: block.some((r) => /grouppolicy/i.test(r.source)),
    };
  if (/^allow$/i.test(state.defaultInboundAction)) return { blocks: false, profile, reason: 'default-allow', rules: [] };
  const allow = matching.filter((r) => /^allow/i.test(r.action));
  if (state.allowInboundRules === false) return { blocks: true, profile, reason: 'allow-rules-ignored', rules: [] };
  if (allow.length > 0) return { blocks: false, profile, reason: 'allow-rule', rules: allow.map(describeRule) };
  return { blocks: true, profile, reason: 'no-allow-rule', rules: [] };
}

/** One rule of a Windows host: it writes checks and findings, and reads nothing another rule wrote. */
type WindowsRule = (facts: WindowsHostFacts, list: Checklist, vmnets: readonly VmnetExpectation[]) => void;

/** The rules, in any order: the report is the same (the checks and findings are ordered afterwards). */
export const WINDOWS_RULES: readonly WindowsRule[] = [
  (facts, list, vmnets) =>
    vmwareInstalled(facts)
      ? vmwareRules(facts, facts.adapters ?? [], list, [...vmnets])
      : list.because('vmware-installed', 'skip', 'no-vmware'),
  (facts, list) => virtualBoxRules(facts, facts.adapters ?? [], list),
  (facts, list) => windowsBridgeRules(facts, list),
  (facts, list) => duplicateMacs(macUsers(facts), list),
  (facts, list) => hyperVRules(facts, list),
];

export function diagnoseWindowsHost(
  facts: WindowsHostFacts,
  rules: readonly WindowsRule[] = WINDOWS_RULES,
): { checks: Check[]; findings: Finding[]; scope: PathScope } {
  const list = new Checklist();
  // VMware's networks, read once: the rules check them, the path knows which the VM uses.
  const vmnets = vmwareInstalled(facts) ? expectedVmnets(facts) : [];
  for (const rule of rules) rule(facts, list, vmnets);
  // Then the one conclusion drawn from all the others: the VM is silent though this host passed.
  vmAnswerRule(facts, list);
  const scope = windowsScope(facts, vmnets);
  return { checks: list.inOrder(scope.networks), findings: list.findings, scope };
}

/** The VM's address, whether it answers, and why not when it is silent: reads what every other rule found. */
function vmAnswerRule(facts: WindowsHostFacts, list: Checklist) {
  const known = facts.guests.filter((g) => g.ip);
  list.check('vm-address', facts.options.vmIp || known.length ? 'pass' : 'skip', {
    given: facts.options.vmIp ?? null,
    reportedByTools: facts.guests,
  });
  if (facts.vmPing) list.check('vm-answers', facts.vmPing.reachable ? 'pass' : 'fail', { ...facts.vmPing });
  else list.because('vm-answers', 'skip', 'vm-ip-unknown');
  const named = facts.guests.find((g) => g.ip === facts.vmPing?.target);
  vmSilent(
    list,
    facts.vmPing,
    named ? (named.vm.split(/[\\/]/).pop() ?? named.vm).replace(/\.vmx$/i, '') : null,
    !facts.options.vmIp,
  );
}

function vmwareRules(
  facts: WindowsHostFacts,
  adapters: ExplainedLiveAdapter[],
  list: Checklist,
  expected: readonly VmnetExpectation[],
) {
  list.check('vmware-installed', 'pass', {
    services: [NAT_SERVICE, DHCP_SERVICE, 'VMAuthdService'].filter((s) => facts.services?.has(s)),
  });
  // VMware's whole network configuration gone: its services cannot start without it, so
  // restoring the default networks comes before anything about them.
  const vmwareAdapters = adapters.filter((a) => a.category === 'vmware' && a.state !== 'not-present');
  if (facts.vmware && facts.adapters && !facts.vmware.dhcp.length && !facts.vmware.nat && vmwareAdapters.length === 0) {
    const evidence = {
      vmnetdhcpConf: 'missing',
      vmnetnatConf: 'missing',
      vmwareAdapters: [],
      services: [NAT_SERVICE, DHCP_SERVICE].map((name) => ({
        name,
        ...(facts.services?.get(name) ?? { status: 'not installed' }),
      })),
      command: 'Test-Path $env:ProgramData\\VMware\\vmnetdhcp.conf, vmnetnat.conf; Get-NetAdapter -IncludeHidden',
    };
    list.check('adapter-present:VMnet8', 'fail', evidence, { vmnet: 'VMnet8' });
    list.found('ADAPTER_MISSING', { vmnet: 'VMnet8', subnet: null, adapters: [], configuration: 'missing' }, evidence);
    return;
  }

  // Services first: a stopped NAT or DHCP service explains everything behind it.
  const service = (name: string) => facts.services?.get(name) ?? null;
  const nat = service(NAT_SERVICE);
  if (expected.some((e) => e.nat)) {
    const running = nat?.status === 'Running';
    const evidence = {
      service: NAT_SERVICE,
      status: nat?.status ?? (facts.services ? 'not installed' : null),
      startType: nat?.startType ?? null,
      // Where VMware's NAT device stands (vmnetnat.conf): the VMs' gateway, drawn in the picture.
      natAddress: facts.vmware?.nat?.natAddress ?? null,
      command: `Get-Service -Name '${NAT_SERVICE}'`,
    };
    list.check('nat-service', facts.services ? (running ? 'pass' : 'fail') : 'unknown', evidence);
    if (facts.services && !running) {
      list.found(
        'NAT_SERVICE_STOPPED',
        {
          product: 'vmware',
          service: NAT_SERVICE,
          status: nat?.status ?? null,
          startType: nat?.startType || null,
          network: null,
          bridge: null,
          hostAddress: null,
          autostart: null,
          natRulesMissing: null,
        },
        evidence,
        expected.find((e) => e.nat)?.vmnet,
      );
    }
  }
  const dhcp = service(DHCP_SERVICE);
  const dhcpEvidence = {
    service: DHCP_SERVICE,
    status: dhcp?.status ?? (facts.services ? 'not installed' : null),
    startType: dhcp?.startType ?? null,
    command: `Get-Service -Name '${DHCP_SERVICE}'`,
  };
  list.check('dhcp-service', facts.services ? (dhcp?.status === 'Running' ? 'pass' : 'fail') : 'unknown', dhcpEvidence);
  if (facts.services && dhcp?.status !== 'Running')
    list.found(
      'DHCP_SERVICE_STOPPED',
      { service: DHCP_SERVICE, status: dhcp?.status ?? null, startType: dhcp?.startType || null },
      dhcpEvidence,
    );

  const taken: Ipv4Network[] = [
    ...expected.flatMap((e) => (e.subnet ? [e.subnet] : [])),
    ...adapters.flatMap((a) => a.ipv4.map((ip) => networkOf(ip.address, ip.prefixLength))),
  ];
  for (const e of expected.filter((x) => x.hostAdapter)) vmnetRules(facts, adapters, list, e, taken);
}

/** One VMware network's host adapter: present, enabled, addressed, in its subnet, alone there, reachable. */
function vmnetRules(
  facts: WindowsHostFacts,
  adapters: ExplainedLiveAdapter[],
  list: Checklist,
  e: VmnetExpectation,
  taken: Ipv4Network[],
) {
  const id = (what: CheckId): CheckRef => `${what}:${e.vmnet}`;
  // A VMnet can have leftovers (Hidden / not present) beside its working adapter: take the best one.
  const adapter = adapters
    .filter((a) => vmnetOf(a) === e.vmnet)
    .sort((a, b) => STATE_RANK.indexOf(a.state) - STATE_RANK.indexOf(b.state))[0];
  const subnetText = e.subnet ? formatCidr(e.subnet) : null;
  const vm = { vmnet: e.vmnet };
  if (facts.adapters === null) return list.check(id('adapter-present'), 'unknown', undefined, vm);
  if (!adapter || adapter.state === 'not-present') {
    list.check(
      id('adapter-present'),
      'fail',
      { vmnet: e.vmnet, vmwareAdapters: adapters.filter((a) => a.category === 'vmware').map((a) => a.name) },
      vm,
    );
    list.found(
      'ADAPTER_MISSING',
      { vmnet: e.vmnet, subnet: subnetText, adapters: [] },
      {
        vmnet: e.vmnet,
        subnet: subnetText,
        state: adapter?.state ?? 'absent',
      },
      e.vmnet,
    );
    return;
  }
  const on = { adapter: adapter.name, vmnet: e.vmnet };
  list.check(id('adapter-present'), 'pass', { adapter: adapter.name, nat: e.nat }, vm);
  if (adapter.state === 'disabled') {
    list.check(id('adapter-enabled'), 'fail', { adapter: adapter.name, status: 'Disabled' }, on);
    list.found(
      'ADAPTER_DISABLED',
      { adapter: adapter.name, product: 'vmware', vmnet: e.vmnet, nat: e.nat, network: null },
      { adapter: adapter.name, status: 'Disabled', description: adapter.description },
      e.vmnet,
    );
    return;
  }
  list.check(id('adapter-enabled'), 'pass', { state: adapter.state }, on);
  const address = adapter.ipv4.find((a) => !isApipa(a.address));
  if (!address) {
    const addresses = adapter.ipv4.map((a) => `${a.address}/${a.prefixLength}`);
    // Its own address refused because another device answers for it (AddressState Duplicate).
    const clash = adapter.ipv4Unusable?.find((a) => /^(duplicate|tentative)$/i.test(a.state));
    list.check(id('adapter-address'), 'fail', { addresses: adapter.ipv4, unusable: adapter.ipv4Unusable ?? [] }, on);
    list.found(
      'ADAPTER_NO_ADDRESS',
      {
        adapter: adapter.name,
        addresses,
        expected: subnetText,
        windows: true,
        vbox: null,
        vboxIp: null,
        vboxMask: null,
        ...(clash ? { conflict: clash.address } : {}),
      },
      {
        adapter: adapter.name,
        addresses,
        expected: subnetText,
        unusable: adapter.ipv4Unusable ?? [],
        command: 'Get-NetIPAddress (AddressState, PrefixOrigin)',
      },
      e.vmnet,
    );
    return;
  }
  const own = networkOf(address.address, address.prefixLength);
  const ownCidr = `${address.address}/${address.prefixLength}`;
  list.check(id('adapter-address'), 'pass', { address: ownCidr }, on);
  if (e.subnet && subnetText && !inNetwork(address.address, e.subnet)) {
    list.check(id('adapter-subnet'), 'fail', { address: address.address, expected: subnetText, from: e.subnetSource }, on);
    list.found(
      'ADAPTER_SUBNET_MISMATCH',
      { adapter: adapter.name, vmnet: e.vmnet, address: ownCidr, expected: subnetText, source: e.subnetSource ?? '' },
      { adapter: adapter.name, address: ownCidr, expected: subnetText, source: e.subnetSource },
      e.vmnet,
    );
    return;
  }
  const subnet = e.subnet ?? own;
  list.check(id('adapter-subnet'), e.subnet ? 'pass' : 'unknown', { address: address.address, expected: subnetText }, on);

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
      : `WinNAT ${formatCidr(natClash as Ipv4Network)}`;
    list.check(id('subnet-conflict'), 'fail', { subnet: formatCidr(subnet), other }, on);
    list.found(
      'SUBNET_CONFLICT',
      {
        vmnet: e.vmnet,
        subnet: formatCidr(subnet),
        other,
        otherIsWinNat: !clash,
        free: freeSubnet(taken),
        otherDevice: null,
        otherRoute: null,
      },
      { vmnet: e.vmnet, subnet: formatCidr(subnet), other, otherCategory: clash?.category ?? 'winnat' },
      e.vmnet,
    );
  } else if (facts.hyperv?.natUnknown) {
    // No adapter overlaps, but Windows' own NATs could not be read: unknown, not "none".
    list.check(
      id('subnet-conflict'),
      'unknown',
      { subnet: formatCidr(subnet), reason: 'needs-administrator', probeError: facts.hyperv.natUnknown },
      on,
    );
  } else {
    list.check(id('subnet-conflict'), 'pass', { subnet: formatCidr(subnet) }, on);
  }

  const verdict = echoVerdict(facts, adapter, subnet);
  const evidence = { adapter: adapter.name, profile: verdict.profile, reason: verdict.reason, rules: verdict.rules };
  list.check(id('host-firewall'), verdict.blocks ? 'fail' : verdict.blocks === false ? 'pass' : 'unknown', evidence, on);
  if (verdict.blocks) {
    list.found(
      'HOST_FIREWALL_BLOCKS_ICMP',
      {
        subnet: formatCidr(subnet),
        rules: verdict.rules,
        adapter: adapter.name,
        vmnet: e.vmnet,
        profile: verdict.profile,
        why: verdict.reason === 'block-rule' || verdict.reason === 'allow-rules-ignored' ? verdict.reason : 'no-allow-rule',
        policy: verdict.policy === true,
        // Windows' own echo rules ship disabled: a problem only for a user whose VM cannot ping.
        asked: facts.options.symptom === 'vm-cannot-ping-host',
      },
      { ...evidence, subnet: formatCidr(subnet) },
      e.vmnet,
    );
  }
  const isPublic = verdict.profile === 'Public';
  list.check(id('network-profile'), isPublic ? 'fail' : verdict.profile ? 'pass' : 'unknown', { profile: verdict.profile }, on);
  if (isPublic)
    list.found(
      'PUBLIC_NETWORK_PROFILE',
      { adapter: adapter.name, echoAllowed: verdict.blocks === false },
      { adapter: adapter.name, profile: 'Public', echo: verdict.reason },
      e.vmnet,
    );
}

function virtualBoxRules(facts: WindowsHostFacts, adapters: ExplainedLiveAdapter[], list: Checklist) {
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
          { vm, nic: nic.slot, adapters: [] },
          { vm: machine.name, nic: nic.slot, cableConnected: false },
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
  list: Checklist,
  machine: NonNullable<WindowsHostFacts['virtualbox']>['machines'][number],
  vm: string,
  wantsInbound: boolean,
) {
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
  if (wantsInbound && internal.length > 0 && internal.length === machine.nics.length) {
    list.found(
      'INTERNAL_NETWORK_ISOLATED',
      { vm, network: internal[0]?.network ?? null },
      { vm, nics: machine.nics.map((n) => ({ slot: n.slot, attachment: n.attachment, network: n.network })) },
    );
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
export function duplicateMacs(users: MacUser[], list: Checklist): void {
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
function hyperVRules(facts: WindowsHostFacts, list: Checklist) {
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
