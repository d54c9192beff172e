import { describe, expect, it } from 'vitest';
import type { Check, DiagnosisReport, Finding } from './domain.ts';
import { hopOf } from './path.ts';
import { buildTopology, type LinkId } from './topology.ts';

const check = (id: string, status: Check['status'], evidence?: Record<string, unknown>): Check => ({
  id,
  title: id,
  status,
  ...(evidence ? { evidence } : {}),
});
const finding = (id: Finding['id']): Finding => ({
  id,
  severity: 'error',
  title: id,
  detail: '',
  params: {},
  evidence: {},
  fixes: [],
  offers: [],
  hop: hopOf(id, {}),
  onPath: true,
});
const report = (
  role: 'host' | 'guest',
  checks: Check[],
  findings: Finding[] = [],
): Pick<DiagnosisReport, 'role' | 'checks' | 'findings'> => ({
  role,
  checks,
  findings,
});

const HEALTHY_GUEST = [
  check('link', 'pass', { interface: 'ens33' }),
  check('subnet', 'pass', { address: '192.168.37.128/24' }),
  check('duplicate-address', 'pass'),
  check('default-route', 'pass'),
  check('gateway', 'pass', { gateway: '192.168.37.2' }),
  check('host', 'pass'),
  check('internet', 'pass'),
  check('dns', 'pass'),
  check('guest-firewall', 'pass'),
];
const stateOf = (checks: Check[], findings: Finding[] = [], role: 'host' | 'guest' = 'guest') => {
  const topo = buildTopology(report(role, checks, findings));
  return Object.fromEntries(topo.links.map((l) => [l.id, l.state])) as Record<LinkId, string>;
};
const broken = (checks: Check[], findings: Finding[] = [], role: 'host' | 'guest' = 'guest') =>
  Object.entries(stateOf(checks, findings, role))
    .filter(([, s]) => s === 'broken')
    .map(([id]) => id);
const failing = (id: string) => HEALTHY_GUEST.map((c) => (c.id === id ? { ...c, status: 'fail' as const } : c));

describe('the topology picture', () => {
  it('a healthy NAT guest: every link green, labels from the evidence', () => {
    const topo = buildTopology(report('guest', HEALTHY_GUEST));
    expect(topo.mode).toBe('nat');
    expect(topo.nodes).toEqual(['guest', 'switch', 'host', 'gateway', 'dhcp', 'internet']);
    expect(topo.links.filter((l) => l.id !== 'switch-dhcp').every((l) => l.state === 'ok')).toBe(true);
    expect(topo.labels).toMatchObject({ guest: '192.168.37.128/24', gateway: '192.168.37.2' });
  });

  it.each([
    ['link', 'guest-switch'],
    ['subnet', 'guest-switch'],
    ['duplicate-address', 'guest-switch'],
    ['default-route', 'switch-gateway'],
    ['gateway', 'switch-gateway'],
    ['host', 'switch-host'],
    ['internet', 'gateway-internet'],
    ['dns', 'gateway-internet'],
  ])('a failing %s check breaks exactly %s', (id, link) => {
    expect(broken(failing(id))).toEqual([link]);
  });

  it('no address from DHCP breaks the DHCP link; a VM firewall marks the VM itself', () => {
    expect(broken(HEALTHY_GUEST, [finding('NO_IPV4')])).toEqual(['switch-dhcp']);
    const topo = buildTopology(report('guest', failing('guest-firewall')));
    expect(topo.nodeStates.guest).toBe('broken');
    expect(topo.links.every((l) => l.state !== 'broken')).toBe(true);
  });

  it('a host-only network has no NAT device and no internet', () => {
    const checks = [check('link', 'pass'), check('gateway', 'skip', { reason: 'host-only' }), check('host', 'pass')];
    const topo = buildTopology(report('guest', checks));
    expect(topo.mode).toBe('host-only');
    expect(topo.nodes).toEqual(['guest', 'switch', 'host', 'dhcp']);
    expect(topo.links.map((l) => l.id)).toEqual(['guest-switch', 'switch-host', 'switch-dhcp']);
  });

  it('a Windows host pictures the failing VMnet, not a healthy one next to it', () => {
    const checks = [
      check('nat-service', 'pass'),
      check('dhcp-service', 'pass'),
      check('adapter-present:VMnet8', 'pass'),
      check('adapter-enabled:VMnet8', 'fail'),
      check('adapter-present:VMnet1', 'pass'),
      check('adapter-address:VMnet1', 'pass', { address: '192.168.80.1/24' }),
    ];
    const topo = buildTopology(report('host', checks));
    expect(topo.mode).toBe('nat');
    expect(topo.labels.host).toBe('VMnet8');
    expect(broken(checks, [], 'host')).toEqual(['switch-host']);
    expect(stateOf(checks, [], 'host')['switch-gateway']).toBe('ok');
  });

  it('a stopped NAT service breaks the way out; a Public profile alone is only a warning', () => {
    expect(broken([check('nat-service', 'fail'), check('adapter-enabled:VMnet8', 'pass')], [], 'host')).toEqual([
      'switch-gateway',
      'gateway-internet',
    ]);
    const profile = [
      check('adapter-enabled:VMnet8', 'pass'),
      check('network-profile:VMnet8', 'fail'),
      check('nat-service', 'pass'),
    ];
    expect(stateOf(profile, [], 'host')['switch-host']).toBe('warning');
  });
});

describe('end-to-end checks', () => {
  it('a VM that answers proves its link; silence blames no link by itself', () => {
    expect(stateOf([check('vm-answers', 'pass')], [], 'host')['guest-switch']).toBe('ok');
    expect(stateOf([check('vm-answers', 'fail')], [], 'host')['guest-switch']).toBe('unknown');
  });
});

describe('whose network the picture shows', () => {
  const ipv4 = (product: string): Check => ({
    id: 'ipv4',
    title: 'ipv4',
    status: 'pass',
    evidence: { network: { product, decidedBy: ['dhcp-server:10.0.2.2'] } },
  });
  it('a guest names its product from the network evidence; a host from the checks it ran; unknown stays unnamed', () => {
    const of = (checks: Check[], role: 'host' | 'guest' = 'guest') => buildTopology({ checks, findings: [], role }).product;
    expect(of([ipv4('virtualbox-nat')])).toBe('virtualbox-nat');
    expect(of([ipv4('libvirt')])).toBe('libvirt');
    expect(of([{ id: 'ipv4', title: 'ipv4', status: 'pass', evidence: { network: { product: null } } }])).toBeNull();
    expect(of([{ id: 'adapter-enabled:VMnet8', title: 'x', status: 'pass' }], 'host')).toBe('vmware');
    expect(of([{ id: 'link', title: 'x', status: 'pass' }])).toBeNull();
  });
});

describe('VirtualBox NAT is drawn as it is', () => {
  it('no switch and no DHCP server: the NAT engine is the gateway, the host reaches the VM through it', () => {
    const topo = buildTopology({
      role: 'guest',
      findings: [],
      checks: [
        { id: 'ipv4', title: 'x', status: 'pass', evidence: { network: { product: 'virtualbox-nat' } } },
        { id: 'link', title: 'x', status: 'pass' },
      ],
    });
    expect(topo.nodes).toEqual(['guest', 'host', 'gateway', 'internet']);
    expect(topo.links.map((l) => `${l.from}-${l.to}`)).toEqual(['guest-gateway', 'gateway-host', 'gateway-internet']);
    expect(topo.links.find((l) => l.id === 'guest-switch')?.state).toBe('ok');
  });
});

describe('bridged mode', () => {
  it('a host bridge or a LAN lease draws the VM on your LAN: no DHCP box of the hypervisor, the LAN router as gateway', () => {
    const host = buildTopology({
      role: 'host',
      findings: [],
      checks: [{ id: 'bridge-uplink:br0', title: 'x', status: 'fail', params: { adapter: 'br0' } }],
    });
    expect(host).toMatchObject({
      mode: 'bridged',
      product: 'lan',
      bridge: 'linux',
      nodes: ['guest', 'switch', 'host', 'gateway', 'internet'],
    });
    expect(host.links.find((l) => l.id === 'guest-switch')?.state).toBe('broken');
    const guest = buildTopology({
      role: 'guest',
      findings: [],
      checks: [{ id: 'ipv4', title: 'x', status: 'pass', evidence: { network: { product: 'lan' } } }],
    });
    expect(guest.mode).toBe('bridged');
    expect(guest.bridge).toBeNull();
  });

  it('names who bridges on a Windows host: VMware (VMnet0, its driver, its protocol) or VirtualBox (its NDIS6 filter)', () => {
    const bridgeBy = (id: string) =>
      buildTopology({ role: 'host', findings: [], checks: [{ id, title: 'x', status: 'fail' }] }).bridge;
    const vmnet0 = buildTopology({
      role: 'host',
      findings: [],
      checks: [{ id: 'vmnet0-adapter:Ubuntu', title: 'x', status: 'fail', params: { label: 'Ubuntu' } }],
    });
    // The switch is the LAN named by what bridges; the host is not labelled with the VM's name.
    expect(vmnet0.labels).toEqual({ switch: 'VMnet0' });
    expect(bridgeBy('bridge-protocol:Ethernet')).toBe('vmware');
    expect(bridgeBy('vmnet0-adapter:Ubuntu')).toBe('vmware');
    expect(bridgeBy('bridge-driver:VMnetBridge')).toBe('vmware');
    expect(bridgeBy('bridge-driver:VBoxNetLwf')).toBe('virtualbox');
    expect(bridgeBy('vbox-bridge-filter:Ethernet')).toBe('virtualbox');
    // A NAT network's FORWARD check alone is not a bridge.
    expect(bridgeBy('forward-chain:virbr0')).toBeNull();
  });

  it('a VirtualBox internal network: the VM and its network only — this computer is not drawn on it', () => {
    const isolated = { ...finding('INTERNAL_NETWORK_ISOLATED'), params: { network: 'intnet' } };
    const topo = buildTopology(report('host', [check('vbox-internal:VM', 'fail')], [isolated]));
    expect(topo.mode).toBe('internal');
    expect(topo.nodes).toEqual(['guest', 'switch']);
    expect(topo.links.map((l) => l.id)).toEqual(['guest-switch']);
    expect(topo.labels.switch).toBe('intnet');
    // Seen from inside the VM the same: no host on the segment, by design.
    const guest = buildTopology(report('guest', HEALTHY_GUEST, [{ ...isolated, params: { network: '10.10.10.0/24' } }]));
    expect(guest.nodes).not.toContain('host');
    expect(guest.labels.switch).toBe('10.10.10.0/24');
  });
});
