/**
 * VMware Workstation on a Windows host: the VMnets it should have (windows-vmnets.ts), its NAT and
 * DHCP services, and each VMnet's host adapter — present, enabled, addressed, in its subnet, alone
 * there, and reachable through the firewall.
 */
import type { CheckId } from '../../common/catalogue/checks.ts';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { formatCidr, freeSubnet, type Ipv4Network, inNetwork, isApipa, networkOf, networksOverlap } from '../net/ipv4.ts';
import { type Checklist, type CheckRef, declareRule } from './checklist.ts';
import type { VmnetExpectation, WindowsHostFacts } from './windows-facts.ts';
import { echoVerdict } from './windows-firewall-rules.ts';
import { DHCP_SERVICE, NAT_SERVICE } from './windows-vmnets.ts';

/** What these rules can find. */
export const WINDOWS_VMWARE_RULES = declareRule('windows-vmware', [
  'ADAPTER_DISABLED',
  'ADAPTER_MISSING',
  'ADAPTER_NO_ADDRESS',
  'ADAPTER_SUBNET_MISMATCH',
  'DHCP_SERVICE_STOPPED',
  'HOST_FIREWALL_BLOCKS_ICMP',
  'NAT_SERVICE_STOPPED',
  'PUBLIC_NETWORK_PROFILE',
  'SUBNET_CONFLICT',
]);
/** Which of several adapters of one VMnet stands for it: a working one before a ghost. */
const STATE_RANK = ['up', 'down', 'unknown', 'disabled', 'not-present'];

const vmnetOf = (adapter: ExplainedLiveAdapter) => (adapter.category === 'vmware' ? adapter.vmnet : null);

export function vmwareRules(
  facts: WindowsHostFacts,
  adapters: ExplainedLiveAdapter[],
  into: Checklist,
  expected: readonly VmnetExpectation[],
) {
  const list = into.as(WINDOWS_VMWARE_RULES);
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
  into: Checklist,
  e: VmnetExpectation,
  taken: Ipv4Network[],
) {
  const list = into.as(WINDOWS_VMWARE_RULES);
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
