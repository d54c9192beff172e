/**
 * The network model from observations: leases as each DHCP client writes them, the product they
 * identify, and the rules on networks unlike the lab's VMware /24 (VirtualBox NAT and NAT Network,
 * two NICs, a /25, libvirt, a VPN inside the guest).
 *
 * The lease texts below are written in each client's documented format (dhclient.leases(5);
 * systemd-networkd's lease file as sd-dhcp-lease writes it, also used by NetworkManager's internal
 * client; nmcli -t; dhcpcd --dumplease). They are shaped from that documentation, not recorded.
 */
import { describe, expect, it } from 'vitest';
import type { DiagnoseRequest } from '../../common/diagnose-request.ts';
import type { ExplainedLiveAdapter, Finding } from '../../common/domain.ts';
import { judge, placeFindings, rankFindings, UNSCOPED } from '../../common/path.ts';
import { fakeAdapter } from '../../test/fake-adapter.ts';
import { handFinding } from '../../test/judged-report.ts';
import { diagnoseGuestInAnyOrder } from '../../test/rules/any-order.ts';
import {
  type DhcpLease,
  dhclientLeaseFiles,
  parseDhclientLeases,
  parseDhcpcdDump,
  parseKeyValueLease,
  parseNmcliDhcp4,
} from '../probes/linux/dhcp-leases.ts';
import { parseRules } from '../probes/linux/parsers.ts';
import { type GuestFacts, type PingResult, pickPrimary } from './guest-facts.ts';
import { identifyProduct, modelNic } from './guest-network.ts';

const DHCLIENT = `lease {
  interface "ens33";
  fixed-address 192.168.37.128;
  option subnet-mask 255.255.255.0;
  option routers 192.168.37.2;
  option domain-name-servers 192.168.37.2;
  option dhcp-server-identifier 192.168.37.254;
  renew 4 2024/01/11 09:12:35;
}
lease {
  interface "ens33";
  fixed-address 192.168.37.130;
  option routers 192.168.37.2;
  option domain-name-servers 192.168.37.2,192.168.37.3;
  option dhcp-server-identifier 192.168.37.254;
}
`;

describe('DHCP leases', () => {
  it('dhclient: every block, newest last, with server, routers and DNS', () => {
    const leases = parseDhclientLeases(DHCLIENT, '/var/lib/dhcp/dhclient.ens33.leases');
    expect(leases).toHaveLength(2);
    expect(leases[1]).toMatchObject({
      interface: 'ens33',
      address: '192.168.37.130',
      server: '192.168.37.254',
      routers: ['192.168.37.2'],
      dns: ['192.168.37.2', '192.168.37.3'],
    });
    expect(parseDhclientLeases('not a lease file', 'x')).toEqual([]);
  });

  it('systemd-networkd / NetworkManager internal, nmcli and dhcpcd', () => {
    const sd = parseKeyValueLease(
      '# This is private data. Do not parse.\nADDRESS=10.0.2.15\nNETMASK=255.255.255.0\nROUTER=10.0.2.2\nSERVER_ADDRESS=10.0.2.2\nDNS=10.0.2.3\n',
      'enp0s3',
      'systemd-networkd',
      '/run/systemd/netif/leases/2',
    );
    expect(sd).toMatchObject({ address: '10.0.2.15', server: '10.0.2.2', routers: ['10.0.2.2'], dns: ['10.0.2.3'] });
    const nm = parseNmcliDhcp4(
      'DHCP4.OPTION[1]:dhcp_lease_time = 86400\nDHCP4.OPTION[2]:dhcp_server_identifier = 192.168.56.100\nDHCP4.OPTION[5]:ip_address = 192.168.56.101\nDHCP4.OPTION[9]:subnet_mask = 255.255.255.0\n',
      'enp0s8',
      'nmcli',
    );
    expect(nm).toMatchObject({ address: '192.168.56.101', server: '192.168.56.100', routers: [], dns: [] });
    const dhcpcd = parseDhcpcdDump(
      "ip_address='192.168.122.50'\nrouters='192.168.122.1'\ndhcp_server_identifier='192.168.122.1'\ndomain_name_servers='192.168.122.1'\n",
      'enp1s0',
      'dhcpcd -U enp1s0',
    );
    expect(dhcpcd).toMatchObject({ server: '192.168.122.1', routers: ['192.168.122.1'] });
    expect(parseKeyValueLease('garbage', 'x', 'systemd-networkd', 'x')).toBeNull();
  });

  it('reads only lease files a running dhclient names, never a device or a path with ..', () => {
    const pgrep = [
      '612 dhclient -4 -v -i -pf /run/dhclient.ens33.pid -lf /var/lib/dhcp/dhclient.ens33.leases ens33',
      '700 dhclient -lf /dev/zero eth0',
      '701 dhclient -lf /var/lib/../../etc/shadow.leases eth1',
      '702 dhclient -lf relative.leases eth2',
    ].join('\n');
    expect(dhclientLeaseFiles(pgrep)).toEqual(['/var/lib/dhcp/dhclient.ens33.leases']);
  });
});

const lease = (over: Partial<DhcpLease>): DhcpLease => ({
  interface: 'eth0',
  address: null,
  server: null,
  routers: [],
  dns: [],
  source: 'dhclient',
  from: 'test',
  ...over,
});

describe('which product a network is, from the lease first', () => {
  it.each([
    ['VMware', '192.168.37.130', 24, lease({ server: '192.168.37.254', routers: ['192.168.37.2'] }), 'vmware-nat'],
    ['VMware', '192.168.80.129', 24, lease({ server: '192.168.80.254' }), 'vmware-hostonly'],
    ['VirtualBox', '10.0.2.15', 24, lease({ server: '10.0.2.2', routers: ['10.0.2.2'] }), 'virtualbox-nat'],
    ['VirtualBox', '10.0.2.4', 24, lease({ server: '10.0.2.3', routers: ['10.0.2.1'] }), 'virtualbox-natnetwork'],
    ['VirtualBox', '192.168.56.101', 24, lease({ server: '192.168.56.100' }), 'virtualbox-hostonly'],
    ['QEMU/KVM', '192.168.122.50', 24, lease({ server: '192.168.122.1', routers: ['192.168.122.1'] }), 'libvirt'],
    ['Hyper-V', '172.20.165.9', 20, lease({ server: '172.20.160.1', routers: ['172.20.160.1'] }), 'hyperv-default'],
    // A LAN router's lease on a bridged NIC: not a hypervisor's network, and no convention fires.
    ['VMware', '192.168.1.50', 24, lease({ server: '192.168.1.1', routers: ['192.168.1.1'] }), 'lan'],
    ['VirtualBox', '192.168.0.23', 24, lease({ server: '192.168.0.254', routers: ['192.168.0.254'] }), 'lan'],
    ['QEMU/KVM', '192.168.1.50', 24, lease({ server: '192.168.1.1', routers: ['192.168.1.1'] }), null],
    ['VirtualBox', '10.0.2.15', 24, null, 'virtualbox-nat'],
    ['VMware', '192.168.37.130', 24, null, null],
  ])('%s %s/%s → %s', (vendor, address, prefixLength, l, product) => {
    expect(identifyProduct({ vendor, address, prefixLength, lease: l }).product).toBe(product);
  });

  it('a /25 keeps its real prefix: the host convention is the first host of that /25', () => {
    const n = modelNic(
      nic({ name: 'ens33', mac: '00:0c:29:12:34:56', ipv4: [ipv4('192.168.50.140', 25)] }),
      { address: '192.168.50.140', prefixLength: 25 },
      null,
      {
        hypervisor: 'VMware',
        hostIp: null,
        dhcpRouter: null,
      },
    );
    expect(n).toMatchObject({ network: '192.168.50.128/25', host: { address: '192.168.50.129', from: 'convention' } });
    expect(n.gateway).toEqual({ address: '192.168.50.130', from: 'convention' });
  });

  it('the router and DNS come from the lease, not from any convention', () => {
    const n = modelNic(
      nic({ name: 'ens33' }),
      { address: '192.168.37.130', prefixLength: 24 },
      lease({ interface: 'ens33', server: '192.168.37.254', routers: ['192.168.37.9'], dns: ['192.168.37.53'] }),
      { hypervisor: 'VMware', hostIp: null, dhcpRouter: null },
    );
    expect(n.gateway).toEqual({ address: '192.168.37.9', from: 'dhcp-lease' });
    expect(n.dns).toEqual([{ address: '192.168.37.53', from: 'dhcp-lease' }]);
  });
});

// ---- rules on networks the lab's first topology is not ----

function nic(over: Partial<ExplainedLiveAdapter>): ExplainedLiveAdapter {
  return fakeAdapter({
    name: 'enp0s3',
    mac: '08:00:27:aa:bb:01',
    macVendor: over.mac?.startsWith('00:0c:29') ? 'VMware' : 'VirtualBox',
    ...over,
  });
}
const ipv4 = (address: string, prefixLength = 24) => ({ address, prefixLength, mask: '' });
const ping = (target: string, purpose: PingResult['purpose'], reachable: boolean | null): PingResult => ({
  target,
  purpose,
  reachable,
  rttMs: null,
  command: `ping ${target}`,
});

/** A guest from its NICs (each with its lease), routes, pings and options. */
function guest(
  nics: Array<{ nic: ExplainedLiveAdapter; lease: DhcpLease | null }>,
  over: Partial<Omit<GuestFacts, 'options'>> & { options?: Partial<GuestFacts['options']> },
): GuestFacts {
  const options = {
    internetTargets: ['203.0.113.10'],
    servicePorts: [],
    dnsName: 'lab.test',
    timeoutMs: 4000,
    symptom: 'auto' as const,
    ...over.options,
  };
  const networks = nics.flatMap(({ nic: n, lease: l }) => {
    const own = n.ipv4[0];
    return own
      ? [
          modelNic(n, own, l, {
            hypervisor: 'VirtualBox',
            hostIp: options.hostIp ?? null,
            dhcpRouter: null,
          }),
        ]
      : [];
  });
  const adapters = nics.map((x) => x.nic);
  const routes = over.routes ?? [];
  const primary = pickPrimary(adapters, routes, networks, options);
  const own = primary?.ipv4[0];
  return {
    adapters,
    virtualization: { sysVendor: 'innotek GmbH', productName: 'VirtualBox', hypervisor: 'VirtualBox' },
    resolvedUpstream: null,
    primary,
    ownIp: own ? { address: own.address, prefixLength: own.prefixLength } : null,
    routes,
    networks,
    routing: { rules: [], routes },
    lookups: [],
    dockerNetworks: {},
    defaultGateway: routes.find((r) => r.dst === 'default')?.gateway ?? null,
    resolv: { nameservers: ['10.0.2.3'], search: [], managedBy: null },
    resolvLink: null,
    firewall: { drops: false, rules: [], chains: [] },
    ruleset: null,
    ufw: null,
    listening: [{ address: '0.0.0.0', port: 22, process: null }],
    sshd: { installed: true, active: true },
    neighbours: new Map(),
    mtu: null,
    beyondGateway: null,
    portal: null,
    pings: [],
    dns: { name: 'lab.test', addresses: ['203.0.113.10'], status: 'ok', command: 'getent ahostsv4 lab.test' },
    duplicate: null,
    beyondPrefix: null,
    probes: [],
    ...over,
    options,
  } as GuestFacts;
}

const natNic = nic({ name: 'enp0s3', ipv4: [ipv4('10.0.2.15')] });
const natLease = lease({
  interface: 'enp0s3',
  address: '10.0.2.15',
  server: '10.0.2.2',
  routers: ['10.0.2.2'],
  dns: ['10.0.2.3'],
});
const hostOnlyNic = nic({ name: 'enp0s8', index: 3, mac: '08:00:27:aa:bb:02', ipv4: [ipv4('192.168.56.101')] });
const hostOnlyLease = lease({ interface: 'enp0s8', address: '192.168.56.101', server: '192.168.56.100' });
const defaultVia = (gateway: string, dev: string) => ({
  dst: 'default',
  gateway,
  dev,
  protocol: 'dhcp',
  metric: 100,
  table: null,
});
const healthyPings = [
  ping('10.0.2.2', 'gateway', true),
  ping('192.168.56.1', 'host', true),
  ping('203.0.113.10', 'internet', true),
];

describe('guest rules on networks unlike the lab', () => {
  it('VirtualBox NAT + host-only: the host-only NIC is diagnosed for the host, the NAT NIC is left alone', () => {
    const f = guest(
      [
        { nic: natNic, lease: natLease },
        { nic: hostOnlyNic, lease: hostOnlyLease },
      ],
      { routes: [defaultVia('10.0.2.2', 'enp0s3')], pings: healthyPings, options: { symptom: 'host-cannot-reach-vm' } },
    );
    expect(f.primary?.name).toBe('enp0s8');
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings).toEqual([]);
    expect(d.checks.filter((c) => c.status === 'fail')).toEqual([]);
  });

  it('the host-only NIC came up without an address: it is the one named, not the NAT NIC that works', () => {
    const down = nic({ name: 'enp0s8', index: 3, mac: '08:00:27:aa:bb:02', state: 'disabled', ipv4: [] });
    const f = guest(
      [
        { nic: natNic, lease: natLease },
        { nic: down, lease: null },
      ],
      { routes: [defaultVia('10.0.2.2', 'enp0s3')], pings: healthyPings, options: { hostIp: '192.168.56.1' } },
    );
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({ id: 'LINK_DOWN', params: { interface: 'enp0s8' } });
    expect(d.findings.every((x) => x.offers.every((o) => o.params.interface !== 'enp0s3'))).toBe(true);
  });

  it('asked about nothing in particular, a second NIC that is down is information, never the headline', () => {
    const down = nic({ name: 'enp0s8', index: 3, mac: '08:00:27:aa:bb:02', state: 'disabled', ipv4: [] });
    const f = guest(
      [
        { nic: natNic, lease: natLease },
        { nic: down, lease: null },
      ],
      { routes: [defaultVia('10.0.2.2', 'enp0s3')], pings: healthyPings },
    );
    expect(f.primary?.name).toBe('enp0s3');
    expect(diagnoseGuestInAnyOrder(f).findings).toMatchObject([
      { id: 'LINK_DOWN', severity: 'info', params: { interface: 'enp0s8', other: true }, fixes: ['linux.link-up'] },
    ]);
  });

  it('"the VM has no IP": the VM NIC without an address is the one diagnosed, though another NIC has one', () => {
    const bare = nic({ name: 'enp0s8', index: 3, mac: '08:00:27:aa:bb:02', ipv4: [] });
    const f = guest(
      [
        { nic: natNic, lease: natLease },
        { nic: bare, lease: null },
      ],
      { routes: [defaultVia('10.0.2.2', 'enp0s3')], pings: healthyPings, options: { symptom: 'vm-no-ip' } },
    );
    expect(diagnoseGuestInAnyOrder(f).findings[0]).toMatchObject({ id: 'NO_IPV4', params: { interface: 'enp0s8' } });
  });

  it('VirtualBox NAT alone, host wants in → PORT_FORWARD_NEEDED with the exact VBoxManage lines, no fix guessed', () => {
    const f = guest([{ nic: natNic, lease: natLease }], {
      routes: [defaultVia('10.0.2.2', 'enp0s3')],
      pings: [ping('10.0.2.2', 'gateway', true), ping('203.0.113.10', 'internet', true)],
      options: { symptom: 'host-cannot-reach-vm' },
    });
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({
      id: 'PORT_FORWARD_NEEDED',
      params: { nic: 1, port: 22, hostPort: 2222, natNetwork: false },
    });
    expect(d.findings[0]?.detail).toContain('VBoxManage controlvm "<VM name>" natpf1 "vmnetdoctor-22,tcp,127.0.0.1,2222,,22"');
    expect(d.findings[0]?.detail).toContain('VBoxManage modifyvm "<VM name>" --natpf1');
    expect(d.findings[0]?.offers).toEqual([]);
    expect(d.checks.find((c) => c.id === 'host')).toMatchObject({ status: 'skip', evidence: { reason: 'behind-nat' } });
  });

  it('a NAT Network routes through .1 with DHCP at .3: .1 is right, nothing blames VMware’s .2', () => {
    const n = nic({ name: 'enp0s3', ipv4: [ipv4('10.0.2.4')] });
    const l = lease({ interface: 'enp0s3', address: '10.0.2.4', server: '10.0.2.3', routers: ['10.0.2.1'], dns: ['10.0.2.1'] });
    const f = guest([{ nic: n, lease: l }], {
      routes: [defaultVia('10.0.2.1', 'enp0s3')],
      pings: [ping('10.0.2.1', 'gateway', true), ping('203.0.113.10', 'internet', true)],
    });
    expect(f.networks[0]?.product).toBe('virtualbox-natnetwork');
    expect(diagnoseGuestInAnyOrder(f).findings).toEqual([]);
  });

  it('libvirt gateway silent → NO_INTERNET naming libvirt’s network, never VMware', () => {
    const n = nic({ name: 'enp1s0', mac: '52:54:00:12:34:56', macVendor: 'QEMU/KVM', ipv4: [ipv4('192.168.122.50')] });
    const l = lease({ interface: 'enp1s0', server: '192.168.122.1', routers: ['192.168.122.1'], dns: ['192.168.122.1'] });
    const f = guest([{ nic: n, lease: l }], {
      routes: [defaultVia('192.168.122.1', 'enp1s0')],
      pings: [ping('192.168.122.1', 'gateway', false), ping('203.0.113.10', 'internet', false)],
    });
    const first = diagnoseGuestInAnyOrder(f).findings[0];
    expect(first).toMatchObject({ id: 'NO_INTERNET', params: { owner: 'libvirt' } });
    expect(first?.detail).toContain('libvirt');
    expect(first?.detail).not.toContain('VMware');
  });

  it('the lease’s router decides a wrong gateway; the suggestion is never the DNS server that just failed', () => {
    const n = nic({ name: 'ens33', mac: '00:0c:29:12:34:56', macVendor: 'VMware', ipv4: [ipv4('192.168.37.130')] });
    const l = lease({ interface: 'ens33', server: '192.168.37.254', routers: ['192.168.37.2'], dns: ['192.168.37.2'] });
    const f = guest([{ nic: n, lease: l }], {
      routes: [defaultVia('192.168.37.1', 'ens33')],
      pings: [
        ping('192.168.37.1', 'gateway', false),
        ping('192.168.37.2', 'nat-candidate', true),
        ping('203.0.113.10', 'internet', false),
      ],
    });
    const first = diagnoseGuestInAnyOrder(f).findings[0];
    expect(first).toMatchObject({
      id: 'GATEWAY_MISMATCH',
      params: { expected: '192.168.37.2', expectedFrom: 'dhcp-lease' },
      offers: [{ fix: 'linux.set-gateway', params: { interface: 'ens33', gateway: '192.168.37.2' } }, { fix: 'guest.config' }],
    });
  });

  describe('a VPN inside the guest', () => {
    const wg = nic({ name: 'wg0', mac: null, kind: 'tun', category: 'vpn', ipv4: [ipv4('10.66.0.2', 32)] });
    const vmware = nic({ name: 'ens33', mac: '00:0c:29:12:34:56', macVendor: 'VMware', ipv4: [ipv4('192.168.37.130')] });
    const l = lease({ interface: 'ens33', server: '192.168.37.254', routers: ['192.168.37.2'], dns: ['192.168.37.2'] });
    const base = {
      routes: [defaultVia('192.168.37.2', 'ens33')],
      pings: [ping('192.168.37.2', 'gateway', true), ping('203.0.113.10', 'internet', false)],
    };

    it('wg-quick style rule + table → VPN_ROUTE_CAPTURE with the rule, not NO_INTERNET or the NAT service', () => {
      const rules = parseRules(
        '[{"priority":0,"src":"all","table":"local"},{"priority":32764,"src":"all","table":"main","suppress_prefixlen":0},{"priority":32765,"not":null,"src":"all","fwmark":"0xca6c","table":"51820"},{"priority":32766,"src":"all","table":"main"}]',
      );
      const f = guest(
        [
          { nic: vmware, lease: l },
          { nic: wg, lease: null },
        ],
        {
          ...base,
          routing: {
            rules,
            routes: [{ dst: 'default', gateway: null, dev: 'wg0', protocol: null, metric: null, table: '51820' }],
          },
          lookups: [{ target: '203.0.113.10', purpose: 'internet', dev: 'wg0', gateway: null, table: '51820', local: false }],
        },
      );
      const d = diagnoseGuestInAnyOrder(f);
      expect(d.findings.map((x) => x.id)).toEqual(['VPN_ROUTE_CAPTURE']);
      expect(d.findings[0]).toMatchObject({
        params: { device: 'wg0', captures: 'internet', how: 'rule', priority: 32765, table: '51820' },
        offers: [{ fix: 'linux.release-vpn-route', params: { device: 'wg0', priority: '32765', table: '51820' } }],
      });
      expect(d.checks.find((c) => c.id === 'internet')).toMatchObject({ status: 'skip', evidence: { reason: 'vpn-capture' } });
    });

    it('OpenVPN style 0/1 + 128/1 → VPN_ROUTE_CAPTURE offering exactly those two routes', () => {
      const split = ['0.0.0.0/1', '128.0.0.0/1'].map((dst) => ({
        dst,
        gateway: null,
        dev: 'wg0',
        protocol: null,
        metric: null,
        table: null,
      }));
      const f = guest(
        [
          { nic: vmware, lease: l },
          { nic: wg, lease: null },
        ],
        {
          ...base,
          routing: { rules: [], routes: [...base.routes, ...split] },
          lookups: [{ target: '203.0.113.10', purpose: 'internet', dev: 'wg0', gateway: null, table: null, local: false }],
        },
      );
      expect(diagnoseGuestInAnyOrder(f).findings[0]).toMatchObject({
        id: 'VPN_ROUTE_CAPTURE',
        params: { how: 'routes', routes: ['0.0.0.0/1', '128.0.0.0/1'] },
        offers: [{ params: { routes: '0.0.0.0/1,128.0.0.0/1' } }],
      });
    });

    it('a VPN that works (the internet answers through it) is not a fault', () => {
      const f = guest(
        [
          { nic: vmware, lease: l },
          { nic: wg, lease: null },
        ],
        {
          ...base,
          pings: [ping('192.168.37.2', 'gateway', true), ping('203.0.113.10', 'internet', true)],
          lookups: [{ target: '203.0.113.10', purpose: 'internet', dev: 'wg0', gateway: null, table: '51820', local: false }],
        },
      );
      expect(diagnoseGuestInAnyOrder(f).findings).toEqual([]);
    });
  });
});

describe('the symptom steers which finding comes first: the path, hop by hop', () => {
  const found = (id: Finding['id'], severity: 'error' | 'warning' | 'info') =>
    handFinding({ id, severity, title: id, detail: '', params: {}, evidence: {}, fixes: [], offers: [] });
  const order = (symptom: DiagnoseRequest['symptom']) => {
    const findings = [found('NO_INTERNET', 'error'), found('GUEST_FIREWALL_BLOCKS_ICMP', 'warning'), found('LINK_DOWN', 'error')];
    placeFindings(findings, symptom, UNSCOPED);
    return rankFindings(findings, symptom, UNSCOPED).map((f) => `${f.id}${f.onPath ? '' : ' (off the path)'}`);
  };

  it('on the path first, in the order a packet meets the hops; off the path after, by severity', () => {
    // The VM's own inbound firewall plays no part in the VM pinging the host; its NIC does.
    expect(order('vm-cannot-ping-host')).toEqual([
      'LINK_DOWN',
      'NO_INTERNET (off the path)',
      'GUEST_FIREWALL_BLOCKS_ICMP (off the path)',
    ]);
    expect(order('vm-no-internet')).toEqual(['LINK_DOWN', 'NO_INTERNET', 'GUEST_FIREWALL_BLOCKS_ICMP (off the path)']);
    expect(order('auto')).toEqual(['LINK_DOWN', 'NO_INTERNET', 'GUEST_FIREWALL_BLOCKS_ICMP']);
  });
});

describe('a bridged VM on a LAN unlike the hypervisor’s networks', () => {
  it('router at .1, a NAS answering at .2, a static address: healthy, the .2 convention does not fire', () => {
    const vm = nic({ name: 'ens33', mac: '00:0c:29:12:34:56', macVendor: 'VMware', ipv4: [ipv4('192.168.1.50')] });
    const f = guest([{ nic: vm, lease: null }], {
      routes: [defaultVia('192.168.1.1', 'ens33')],
      pings: [
        ping('192.168.1.1', 'gateway', true),
        ping('192.168.1.2', 'nat-candidate', true),
        ping('203.0.113.10', 'internet', true),
      ],
    });
    expect(diagnoseGuestInAnyOrder(f).findings).toEqual([]);
  });

  it('with a lease from the LAN router, the product is the LAN and the router the lease’s', () => {
    const vm = nic({ name: 'ens33', mac: '00:0c:29:12:34:56', macVendor: 'VMware', ipv4: [ipv4('192.168.1.50')] });
    const l = lease({ interface: 'ens33', server: '192.168.1.1', routers: ['192.168.1.1'], dns: ['192.168.1.1'] });
    const f = guest([{ nic: vm, lease: l }], {
      routes: [defaultVia('192.168.1.1', 'ens33')],
      pings: [ping('192.168.1.1', 'gateway', true), ping('203.0.113.10', 'internet', true)],
    });
    expect(f.networks[0]).toMatchObject({ product: 'lan', gateway: { address: '192.168.1.1', from: 'dhcp-lease' } });
    expect(diagnoseGuestInAnyOrder(f).findings).toEqual([]);
  });
});

describe('a network that wants a web login', () => {
  const vm = nic({ name: 'ens3', mac: '52:54:00:12:34:56', macVendor: 'QEMU/KVM', ipv4: [ipv4('192.168.7.150')] });
  const base = {
    routes: [defaultVia('192.168.7.1', 'ens3')],
    pings: [ping('192.168.7.1', 'gateway', true), ping('203.0.113.10', 'internet', false)],
  };
  const portal = (status: number, location: string | null, expected = false) => ({
    url: 'http://www.msftconnecttest.com/connecttest.txt',
    status,
    location,
    expected,
    command: 'curl …',
    durationMs: 0,
  });

  it('redirected to a login page → CAPTIVE_PORTAL instead of NO_INTERNET; the real page, or no answer, is not one', () => {
    const login = diagnoseGuestInAnyOrder(
      guest([{ nic: vm, lease: null }], { ...base, portal: portal(302, 'http://login.campus.test/auth') }),
    );
    expect(login.findings.map((f) => f.id)).toEqual(['CAPTIVE_PORTAL']);
    expect(login.findings[0]?.detail).toContain('http://login.campus.test/auth');
    const real = diagnoseGuestInAnyOrder(guest([{ nic: vm, lease: null }], { ...base, portal: portal(200, null, true) }));
    expect(real.findings.map((f) => f.id)).toEqual(['NO_INTERNET']);
    expect(
      diagnoseGuestInAnyOrder(guest([{ nic: vm, lease: null }], { ...base, portal: null })).findings.map((f) => f.id),
    ).toEqual(['NO_INTERNET']);
  });
});

describe('full-size packets', () => {
  const vm = nic({ name: 'ens33', mac: '00:0c:29:12:34:56', macVendor: 'VMware', ipv4: [ipv4('192.168.37.130')], mtu: 1500 });
  const l = lease({ interface: 'ens33', server: '192.168.37.254', routers: ['192.168.37.2'], dns: ['192.168.37.2'] });
  const base = {
    routes: [defaultVia('192.168.37.2', 'ens33')],
    pings: [ping('192.168.37.2', 'gateway', true), ping('203.0.113.10', 'internet', true)],
  };
  const mtu = (fullSize: boolean | null, pathMtu: number | null) => ({
    interface: 'ens33',
    mtu: 1500,
    target: '192.168.37.2',
    fullSize,
    pathMtu,
  });

  it('lost above 1400 while small packets pass → MTU_MISMATCH offering linux.set-mtu 1400; passing or unprobed is no finding', () => {
    const broken = diagnoseGuestInAnyOrder(guest([{ nic: vm, lease: l }], { ...base, mtu: mtu(false, 1400) }));
    expect(broken.findings[0]).toMatchObject({
      id: 'MTU_MISMATCH',
      offers: [{ fix: 'linux.set-mtu', params: { interface: 'ens33', mtu: '1400', target: '192.168.37.2' } }],
    });
    expect(diagnoseGuestInAnyOrder(guest([{ nic: vm, lease: l }], { ...base, mtu: mtu(true, 1500) })).findings).toEqual([]);
    const unknown = diagnoseGuestInAnyOrder(guest([{ nic: vm, lease: l }], { ...base, mtu: mtu(null, null) }));
    expect(unknown.findings).toEqual([]);
    expect(unknown.checks.find((c) => c.id === 'mtu')?.status).toBe('unknown');
  });
});

describe('the static configuration against the network: a wrong gateway is the gateway, not the NAT (issue 22)', () => {
  it('two NICs: the default route leaves through the host-only NIC while the NAT NIC’s lease names the router → GATEWAY_MISMATCH on the NAT NIC', () => {
    const f = guest(
      [
        { nic: natNic, lease: natLease },
        { nic: hostOnlyNic, lease: hostOnlyLease },
      ],
      {
        routes: [defaultVia('192.168.56.1', 'enp0s8')],
        pings: [ping('192.168.56.1', 'gateway', true), ping('203.0.113.10', 'internet', false)],
        options: { symptom: 'vm-no-internet' },
      },
    );
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings.map((x) => x.id)).not.toContain('NO_INTERNET');
    expect(d.findings[0]).toMatchObject({
      id: 'GATEWAY_MISMATCH',
      params: { interface: 'enp0s3', gateway: '192.168.56.1', expected: '10.0.2.2', expectedFrom: 'dhcp-lease', via: 'enp0s8' },
      offers: [{ fix: 'linux.set-gateway', params: { interface: 'enp0s3', gateway: '10.0.2.2' } }, { fix: 'guest.config' }],
    });
  });

  it('a gateway that answers but is not the lease’s router, with nothing beyond answering → GATEWAY_MISMATCH, not NO_INTERNET', () => {
    // VirtualBox NAT Network: the router is .1 (lease); the user typed .3, VirtualBox's DHCP server, which answers ping.
    const nn = nic({ name: 'enp0s3', ipv4: [ipv4('10.0.2.4')] });
    const nnLease = lease({
      interface: 'enp0s3',
      address: '10.0.2.4',
      server: '10.0.2.3',
      routers: ['10.0.2.1'],
      dns: ['10.0.2.1'],
    });
    const f = guest([{ nic: nn, lease: nnLease }], {
      routes: [defaultVia('10.0.2.3', 'enp0s3')],
      pings: [
        ping('10.0.2.3', 'gateway', true),
        ping('10.0.2.1', 'nat-candidate', true),
        ping('203.0.113.10', 'internet', false),
      ],
      options: { symptom: 'vm-no-internet' },
    });
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({ id: 'GATEWAY_MISMATCH', params: { gateway: '10.0.2.3', expected: '10.0.2.1' } });
    expect(d.findings.map((x) => x.id)).not.toContain('NO_INTERNET');
  });

  it('the lease’s router itself with nothing beyond answering is NO_INTERNET (the path up to the NAT is right)', () => {
    const f = guest([{ nic: natNic, lease: natLease }], {
      routes: [defaultVia('10.0.2.2', 'enp0s3')],
      pings: [ping('10.0.2.2', 'gateway', true), ping('203.0.113.10', 'internet', false)],
      options: { symptom: 'vm-no-internet' },
    });
    expect(diagnoseGuestInAnyOrder(f).findings[0]).toMatchObject({ id: 'NO_INTERNET', params: { owner: 'virtualbox' } });
  });
});

describe('the path decides what is the verdict in a guest (issue 22)', () => {
  it('libvirt’s default network: the lease names .1, the route goes to .254 (another machine that answers) → GATEWAY_MISMATCH, not NO_INTERNET', () => {
    const kvm = nic({ name: 'enp1s0', mac: '52:54:00:ab:cd:ef', macVendor: 'QEMU/KVM', ipv4: [ipv4('192.168.122.50')] });
    const leased = lease({
      interface: 'enp1s0',
      address: '192.168.122.50',
      server: '192.168.122.1',
      routers: ['192.168.122.1'],
      dns: ['192.168.122.1'],
    });
    const f = guest([{ nic: kvm, lease: leased }], {
      routes: [defaultVia('192.168.122.254', 'enp1s0')],
      pings: [ping('192.168.122.254', 'gateway', true), ping('203.0.113.10', 'internet', false)],
      options: { symptom: 'vm-no-internet' },
    });
    expect(diagnoseGuestInAnyOrder(f).findings[0]).toMatchObject({
      id: 'GATEWAY_MISMATCH',
      params: { gateway: '192.168.122.254', expected: '192.168.122.1', expectedFrom: 'dhcp-lease' },
    });
  });

  it('a host-only guest asked "the host can’t reach my web server": no gateway is off that path, so with the rest healthy the verdict is healthy', () => {
    const staticHostOnly = nic({ name: 'enp0s8', index: 3, mac: '08:00:27:aa:bb:02', ipv4: [ipv4('192.168.56.20')] });
    const f = guest([{ nic: staticHostOnly, lease: null }], {
      routes: [],
      pings: [ping('192.168.56.1', 'host', true)],
      listening: [{ address: '0.0.0.0', port: 80, process: 'nginx' }],
      options: { symptom: 'host-cannot-reach-vm', hostIp: '192.168.56.1', servicePorts: [80] },
    });
    const d = diagnoseGuestInAnyOrder(f);
    // The host answered on VirtualBox's host-only range: a network with no router, by design.
    expect(d.findings).toEqual([]);
    expect(d.checks.find((c) => c.id === 'default-route')).toMatchObject({ status: 'skip', evidence: { reason: 'host-only' } });
    const scope = { networks: ['enp0s8'], used: ['enp0s8'], vmAddressKnown: true };
    expect(judge('host-cannot-reach-vm', d.checks, d.findings, scope).verdict).toEqual({ kind: 'healthy' });
    // Had it been reported, no gateway is off this symptom's path all the same (common/path.test.ts).
    expect(judge('host-cannot-reach-vm', d.checks, [...d.findings], scope).path.hops.map((h) => h.hop)).not.toContain('gateway');
  });
});
