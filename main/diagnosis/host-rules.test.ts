/**
 * The Linux host's rules on constructed facts (the labs run them on real namespaces): a LAN bridge
 * of the host's own that is down, and the report the same with the rules in any order.
 */
import { describe, expect, it } from 'vitest';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { fakeAdapter } from '../../test/fake-adapter.ts';
import { diagnoseHostInAnyOrder } from '../../test/rules/any-order.ts';
import type { HostFacts } from './host-facts.ts';
import { LINUX_HOST_RULES, type LinuxHostRule } from './host-rules.ts';

const virbr0 = fakeAdapter({
  name: 'virbr0',
  kind: 'bridge',
  ipv4: [{ address: '192.168.122.1', prefixLength: 24, mask: '255.255.255.0' }],
});
const br0 = fakeAdapter({ name: 'br0', kind: 'bridge', ipv4: [{ address: '192.168.1.20', prefixLength: 24, mask: '' }] });
const eth0 = fakeAdapter({ name: 'eth0', master: 'br0' });

function facts(vmNetworks: ExplainedLiveAdapter[], over: Partial<HostFacts> = {}): HostFacts {
  return {
    adapters: [...vmNetworks, eth0],
    vmNetworks,
    ruleset: null,
    ipForward: true,
    bridgeNetfilter: false,
    routes: [],
    hardwareVirt: { extension: 'vmx', kvmDevice: true, nested: false },
    vmPing: null,
    libvirt: null,
    libvirtNat: [{ name: 'default', bridge: 'virbr0', from: 'virsh', dhcp: false }],
    dhcpListeners: [],
    libvirtDhcp: {},
    options: { internetTargets: [], servicePorts: [], dnsName: 'lab.test', timeoutMs: 2000, symptom: 'auto' },
    probes: [],
    ...over,
  };
}
const ids = (f: HostFacts) => diagnoseHostInAnyOrder(f).findings.map((x) => x.id);

describe('Linux host rules', () => {
  it('a LAN bridge of the host’s own that is down → ADAPTER_DISABLED on the bridge, its uplink not judged', () => {
    const d = diagnoseHostInAnyOrder(facts([virbr0, { ...br0, state: 'disabled' }]));
    expect(d.findings.map((f) => [f.id, f.params.adapter])).toEqual([['ADAPTER_DISABLED', 'br0']]);
    expect(d.checks.find((c) => c.id === 'adapter-up:br0')?.status).toBe('fail');
    expect(d.checks.some((c) => c.id === 'bridge-uplink:br0')).toBe(false);
  });

  it('gives the same report in any order of its rules, on a healthy host and on broken ones', () => {
    expect(ids(facts([virbr0, br0]))).toEqual([]);
    expect(ids(facts([{ ...virbr0, state: 'disabled' }, br0]))).toEqual(['ADAPTER_DISABLED']);
    expect(ids(facts([virbr0, { ...br0, ipv4: [] }], { adapters: [virbr0, br0] }))).toEqual(['BRIDGE_MISBOUND']);
    const vpn = { dst: '192.168.122.0/25', gateway: null, dev: 'tun0', protocol: null, metric: null, table: null };
    expect(ids(facts([virbr0], { routes: [vpn] }))).toEqual(['SUBNET_CONFLICT']);
    expect(ids(facts([], { libvirt: [] }))).toEqual(['ADAPTER_MISSING']);
  });

  it('rules that need a VM network do not run without one; a rule that reads another’s findings is caught', () => {
    const ran: string[] = [];
    const spy = LINUX_HOST_RULES.map((r) => ({
      ...r,
      run: (...a: Parameters<LinuxHostRule['run']>) => {
        ran.push(r.name);
        r.run(...a);
      },
    }));
    diagnoseHostInAnyOrder(facts([]), spy);
    expect([...new Set(ran)].sort()).toEqual(['libvirt-networks', 'vm-networks']);
    const peeks: LinuxHostRule = {
      name: 'peeks',
      needs: 'nothing',
      run: (_f, list) => list.check('hardware-virt', list.findings.length ? 'fail' : 'pass'),
    };
    expect(() => diagnoseHostInAnyOrder(facts([]), [peeks, ...LINUX_HOST_RULES])).toThrow(/rules in the order/);
  });
});
