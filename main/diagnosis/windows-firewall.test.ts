/**
 * Windows Firewall on real recordings (mondoohq/mql's Windows Server 2022 ActiveStore testdata,
 * main/probes/windows/fixtures/README.md): projected into the rows the FIREWALL probe emits —
 * the same selection — then judged for ICMPv4 echo from a VM network.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { firewallHost, VMNET8, VMNET8_SUBNET } from '../../test/windows-firewall-host.ts';
import { Checklist } from './checklist.ts';
import type { IcmpRule } from './windows-facts.ts';
import { echoVerdict } from './windows-rules.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../probes/windows/fixtures/${name}.recorded.json`, import.meta.url), 'utf8'));
type Row = Record<string, unknown> & { InstanceID: string };
const recordedRules: Row[] = fixture('mql-firewall-rules-2022-activestore');
const recordedFilters: Record<string, Row[]> = fixture('mql-firewall-rule-filters-2022-activestore');

// The enums as numbers (serialised without casts) → the names our probe's [string] casts give.
const ENABLED: Record<number, string> = { 1: 'True', 2: 'False' };
const ACTION: Record<number, string> = { 2: 'Allow', 4: 'Block' };
const SOURCE: Record<number, string> = { 0: 'None', 1: 'Local', 2: 'GroupPolicy', 3: 'Dynamic' };
const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);

/** What FIREWALL emits for these recordings: inbound ICMPv4 rules, and enabled any-protocol rules of no program or service. */
function project(filters: Record<string, Row[]>): IcmpRule[] {
  const of = (kind: string, id: string) => filters[kind]?.find((f) => f.InstanceID === id) ?? ({} as Row);
  return recordedRules
    .filter((r) => r.Direction === 1)
    .flatMap((r) => {
      const port = of('Port', r.InstanceID);
      const protocol = String(port.Protocol ?? '');
      const program = String(of('Application', r.InstanceID).Program ?? 'Any');
      const service = String(of('Service', r.InstanceID).Service ?? 'Any');
      const enabled = ENABLED[r.Enabled as number] === 'True';
      const icmp = protocol === 'ICMPv4' || protocol === '1';
      const anyProtocol = protocol === 'Any' && enabled && /^(any|system)$/i.test(program) && service === 'Any';
      if (!icmp && !anyProtocol) return [];
      const address = of('Address', r.InstanceID);
      return [
        {
          name: String(r.Name),
          displayName: String(r.DisplayName),
          enabled,
          action: ACTION[r.Action as number] ?? String(r.Action),
          profiles: String(r.Profiles).split(/\s*,\s*/),
          protocol,
          icmpTypes: strings(port.IcmpType),
          remoteAddresses: strings(address.RemoteAddress),
          localAddresses: strings(address.LocalAddress),
          interfaceType: String(of('InterfaceType', r.InstanceID).InterfaceType ?? 'Any'),
          interfaceAliases: [],
          source: SOURCE[r.PolicyStoreSourceType as number] ?? '',
        },
      ];
    });
}

const vmnet8 = VMNET8;
const subnet = VMNET8_SUBNET;
const facts = firewallHost;

describe('Windows Firewall echo verdicts on mondoohq/mql’s recordings', () => {
  it('the recording as it is: a Group Policy block of TCP 4444 and an IPv6 (protocol 41) allow do not decide ping; nothing allows echo', () => {
    const rules = project(recordedFilters);
    expect(rules).toEqual([]); // no inbound ICMPv4 rule, no any-protocol one
    expect(echoVerdict(facts(rules), vmnet8, subnet)).toMatchObject({ blocks: true, reason: 'no-allow-rule' });
  });

  it('that Group Policy rule made a block-all (protocol Any): it decides, is named as Group Policy, and no allow rule is offered', () => {
    const ports = (recordedFilters.Port ?? []).map((p) => (p.InstanceID === 'ExampleGpoRule' ? { ...p, Protocol: 'Any' } : p));
    const rules = project({ ...recordedFilters, Port: ports });
    expect(rules.map((r) => [r.name, r.action, r.source])).toEqual([['ExampleGpoRule', 'Block', 'GroupPolicy']]);
    const verdict = echoVerdict(facts(rules), vmnet8, subnet);
    expect(verdict).toMatchObject({ blocks: true, reason: 'block-rule', policy: true });
    expect(verdict.rules).toEqual(['ExampleGpoRule (Example GPO rule) [Group Policy]']);
    // Even beside an allow rule for the VM subnet: an explicit block wins.
    const allow: IcmpRule = {
      ...(rules[0] as IcmpRule),
      name: 'allow-vm',
      action: 'Allow',
      source: 'Local',
      remoteAddresses: ['192.168.37.0/24'],
    };
    expect(echoVerdict(facts([allow, ...rules]), vmnet8, subnet).reason).toBe('block-rule');
  });

  it('an any-protocol allow from the VM subnet lets echo in; scoped to another interface, local address or type, it does not', () => {
    const allow: IcmpRule = {
      name: 'lab-allow',
      displayName: 'Allow everything from the VM network',
      enabled: true,
      action: 'Allow',
      profiles: ['Any'],
      protocol: 'Any',
      icmpTypes: ['Any'],
      remoteAddresses: ['192.168.37.0/24'],
      localAddresses: ['Any'],
      interfaceType: 'Any',
      interfaceAliases: [],
      source: 'Local',
    };
    expect(echoVerdict(facts([allow]), vmnet8, subnet)).toMatchObject({ blocks: false, reason: 'allow-rule' });
    expect(echoVerdict(facts([{ ...allow, interfaceAliases: ['Wi-Fi'] }]), vmnet8, subnet).blocks).toBe(true);
    expect(echoVerdict(facts([{ ...allow, localAddresses: ['10.0.0.5'] }]), vmnet8, subnet).blocks).toBe(true);
    expect(echoVerdict(facts([{ ...allow, interfaceType: 'Wireless' }]), vmnet8, subnet).blocks).toBe(true);
    expect(echoVerdict(facts([{ ...allow, localAddresses: ['192.168.37.1'] }]), vmnet8, subnet).blocks).toBe(false);
    expect(echoVerdict(facts([{ ...allow, protocol: 'TCP' }]), vmnet8, subnet).blocks).toBe(true);
  });

  it('Windows’ own echo rule disabled (as it ships) is information unless the VM cannot ping the host', async () => {
    const { finding } = await import('./checklist.ts');
    const params = {
      subnet: '192.168.37.0/24',
      rules: [],
      adapter: vmnet8.name,
      vmnet: 'VMnet8',
      profile: 'Private',
      why: 'no-allow-rule' as const,
    };
    expect(finding('HOST_FIREWALL_BLOCKS_ICMP', { ...params, asked: false }, {}).severity).toBe('info');
    expect(finding('HOST_FIREWALL_BLOCKS_ICMP', { ...params, asked: true }, {})).toMatchObject({
      severity: 'error',
      fixes: ['host.allow-icmp'],
    });
    expect(finding('HOST_FIREWALL_BLOCKS_ICMP', { ...params, why: 'block-rule', policy: true }, {}).fixes).toEqual([]);
    expect(new Checklist().findings).toEqual([]);
  });
});

describe('connection profiles as Windows lists them (a published recording)', () => {
  it('VMnet1 as the "Unidentified network" is Public: the firewall judges it under Public and says so', () => {
    const text = readFileSync(
      new URL('../probes/windows/fixtures/get-netconnectionprofile.vmnet1-public.recorded.txt', import.meta.url),
      'utf8',
    );
    const profiles = text.split(/\r?\n\s*\r?\n/).map((block) => {
      const row = Object.fromEntries(block.split(/\r?\n/).map((l) => l.split(/\s+:\s+/, 2).map((v) => v.trim())));
      return { alias: String(row.InterfaceAlias), index: Number(row.InterfaceIndex), category: String(row.NetworkCategory) };
    });
    const vmnet1 = { ...vmnet8, name: 'VMware Network Adapter VMnet1', index: 7 } as ExplainedLiveAdapter;
    const f = facts([]);
    f.profiles = profiles;
    expect(echoVerdict(f, vmnet1, subnet)).toMatchObject({ profile: 'Public', blocks: true, reason: 'no-allow-rule' });
    // The Private Ethernet beside it stays Private.
    const ethernet = { ...vmnet8, name: 'イーサネット 2', index: 13 } as ExplainedLiveAdapter;
    expect(echoVerdict(f, ethernet, subnet).profile).toBe('Private');
  });
});
