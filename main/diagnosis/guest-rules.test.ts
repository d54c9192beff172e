import { describe, expect, it } from 'vitest';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { fakeAdapter } from '../../test/fake-adapter.ts';
import { diagnoseGuestInAnyOrder } from '../../test/rules/any-order.ts';
import { liveSource } from '../probes/source.ts';
import type { GuestFacts, PingResult } from './guest-facts.ts';
import { modelNic } from './guest-network.ts';
import { diagnoseGuest, GUEST_RULES, type GuestRule } from './guest-rules.ts';

// Unit inputs for the pure rules (the lab tests run the same rules on real networks).
const nic = (over: Partial<ExplainedLiveAdapter> = {}): ExplainedLiveAdapter =>
  fakeAdapter({
    name: 'ens33',
    mac: '00:0c:29:12:34:56',
    ipv4: [{ address: '192.168.37.130', prefixLength: 24, mask: '255.255.255.0' }],
    gateways: ['192.168.37.2'],
    macVendor: 'VMware',
    ...over,
  });
const ping = (target: string, purpose: PingResult['purpose'], reachable: boolean | null): PingResult => ({
  target,
  purpose,
  reachable,
  rttMs: reachable ? 0.3 : null,
  command: `ping ${target}`,
});

function facts(over: Partial<GuestFacts> = {}): GuestFacts {
  const primary = over.primary === undefined ? nic() : over.primary;
  const base = baseFacts(primary, over);
  // What each NIC's network is, modelled as the facts phase does (no lease unless a test gives networks).
  const networks =
    over.networks ??
    (base.ownIp && primary && primary.state === 'up'
      ? [
          modelNic(primary, base.ownIp, null, {
            hypervisor: base.virtualization.hypervisor,
            hostIp: base.options.hostIp ?? null,
            dhcpRouter: null,
          }),
        ]
      : []);
  return { ...base, networks };
}

function baseFacts(primary: ExplainedLiveAdapter | null, over: Partial<GuestFacts>): GuestFacts {
  return {
    adapters: primary ? [primary] : [],
    virtualization: { sysVendor: 'VMware, Inc.', productName: 'VMware Virtual Platform', hypervisor: 'VMware' },
    resolvedUpstream: null,
    primary,
    ownIp: primary?.ipv4[0] ? { address: primary.ipv4[0].address, prefixLength: 24 } : null,
    routes: [{ dst: 'default', gateway: '192.168.37.2', dev: 'ens33', protocol: 'dhcp', metric: 100, table: null }],
    networks: [],
    routing: { rules: [], routes: [] },
    lookups: [],
    dockerNetworks: {},
    defaultGateway: '192.168.37.2',
    resolv: { nameservers: ['192.168.37.2'], search: [], managedBy: null },
    resolvLink: null,
    firewall: { drops: false, rules: [], chains: [] },
    ruleset: null,
    ufw: null,
    listening: [any(22)],
    sshd: { installed: true, active: true },
    neighbours: new Map(),
    mtu: null,
    beyondGateway: null,
    dhcp: null,
    portal: null,
    pings: [ping('192.168.37.2', 'gateway', true), ping('192.168.37.1', 'host', true), ping('203.0.113.10', 'internet', true)],
    dns: { name: 'lab.test', addresses: ['203.0.113.10'], status: 'ok', command: 'getent ahostsv4 lab.test' },
    duplicate: { address: '192.168.37.130', macs: [] },
    beyondPrefix: null,
    options: {
      internetTargets: ['203.0.113.10'],
      servicePorts: [],
      dnsName: 'lab.test',
      timeoutMs: 4000,
      symptom: 'auto',
      hostIp: '192.168.37.1',
    },
    probes: [],
    ...over,
  };
}
const ids = (f: GuestFacts) => diagnoseGuestInAnyOrder(f).findings.map((x) => x.id);

/** A socket listening on every address. */
const any = (port: number) => ({ address: '0.0.0.0', port, process: null });

describe('guest rules', () => {
  it('a healthy VMware NAT guest has no finding and no failed check', () => {
    const d = diagnoseGuestInAnyOrder(facts());
    expect(d.findings).toEqual([]);
    expect(d.checks.filter((c) => c.status === 'fail')).toEqual([]);
  });

  it('shows the hypervisor from DMI in the interface evidence', () => {
    expect(diagnoseGuestInAnyOrder(facts()).checks[0]?.evidence).toMatchObject({
      hypervisor: 'VMware',
      dmi: 'VMware, Inc. / VMware Virtual Platform',
    });
  });

  it('LINK_DOWN first, and the later checks are skipped, not failed', () => {
    const d = diagnoseGuestInAnyOrder(facts({ primary: nic({ state: 'disabled' }) }));
    expect(d.findings.map((f) => f.id)).toEqual(['LINK_DOWN']);
    expect(d.findings[0]?.offers).toEqual([{ fix: 'linux.link-up', params: { interface: 'ens33' } }]);
    expect(d.checks.find((c) => c.id === 'ipv4')?.evidence).toEqual({ reason: 'depends-on', dependsOn: 'link' });
    expect(d.checks.find((c) => c.id === 'dns')?.evidence).toEqual({ reason: 'depends-on', dependsOn: 'link' });
    expect(d.checks.filter((c) => c.status === 'skip').length).toBeGreaterThan(5);
  });

  it('no NIC at all → CABLE_DISCONNECTED', () => {
    expect(ids(facts({ primary: null, adapters: [] }))).toEqual(['CABLE_DISCONNECTED']);
  });

  it('APIPA only → NO_IPV4 that says nobody answered DHCP', () => {
    const f = facts({ primary: nic({ ipv4: [{ address: '169.254.7.9', prefixLength: 16, mask: '255.255.0.0' }] }), ownIp: null });
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({ id: 'NO_IPV4', fixes: ['linux.dhcp-renew', 'guest.config'] });
    expect(d.findings[0]?.params).toEqual({ interface: 'ens33', apipa: '169.254.7.9' });
    // Not asked: no check that could only say "unknown".
    expect(d.checks.map((c) => c.id)).not.toContain('dhcp-answer');
  });

  it('no address, the network asked just now: nobody answers or a server refuses → BRIDGE_NO_LEASE; a server offers → NO_IPV4 saying so; not asked → plain NO_IPV4', () => {
    const noAddress = (answer: NonNullable<GuestFacts['dhcp']>['answer'], unavailable: string | null = null) =>
      diagnoseGuestInAnyOrder(
        facts({
          primary: nic({ ipv4: [] }),
          ownIp: null,
          dhcp: { interface: 'ens33', answer, unavailable },
        }),
      );
    const none = noAddress({ outcome: 'no-server' });
    expect(none.findings[0]).toMatchObject({
      id: 'BRIDGE_NO_LEASE',
      params: { outcome: 'no-server', server: null, hypervisor: 'VMware', seconds: 5 },
      fixes: ['linux.dhcp-renew'],
    });
    expect(none.findings[0]?.detail).toContain('VMnetDHCP');
    expect(none.checks.find((c) => c.id === 'dhcp-answer')?.status).toBe('fail');
    expect(noAddress({ outcome: 'refused', server: '10.20.0.1' }).findings[0]).toMatchObject({
      id: 'BRIDGE_NO_LEASE',
      params: { outcome: 'refused', server: '10.20.0.1' },
    });
    const offered = noAddress({ outcome: 'offered', server: '192.168.1.1', address: '192.168.1.120', acknowledged: true });
    expect(offered.findings[0]).toMatchObject({ id: 'NO_IPV4', params: { offered: '192.168.1.120', server: '192.168.1.1' } });
    expect(offered.checks.find((c) => c.id === 'dhcp-answer')?.status).toBe('pass');
    const unasked = noAddress(null, 'needs-root');
    expect(unasked.findings[0]?.id).toBe('NO_IPV4');
    expect(unasked.checks.find((c) => c.id === 'dhcp-answer')?.status).toBe('unknown');
  });

  it('address outside the host network → WRONG_SUBNET, inferred from --host-ip', () => {
    const f = facts({ ownIp: { address: '10.99.0.5', prefixLength: 24 } });
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({ id: 'WRONG_SUBNET', evidence: { inferredFrom: '--host-ip' } });
  });

  it('someone else answers for our address → DUPLICATE_IP; a leased address points at the copy’s machine-id', () => {
    const duplicate = { address: '192.168.37.130', macs: ['00:0c:29:aa:bb:cc'] };
    const byHand = diagnoseGuestInAnyOrder(facts({ duplicate })).findings[0];
    expect(byHand).toMatchObject({ id: 'DUPLICATE_IP', evidence: { leasedFromDhcp: false } });
    expect(byHand?.params).toMatchObject({ leased: false, address: '192.168.37.130' });
    const leased = nic({ ipv4: [{ address: '192.168.37.130', prefixLength: 24, mask: '255.255.255.0', dynamic: true }] });
    const fromDhcp = diagnoseGuestInAnyOrder(facts({ duplicate, primary: leased })).findings[0];
    expect(fromDhcp).toMatchObject({ id: 'DUPLICATE_IP', evidence: { leasedFromDhcp: true } });
    expect(fromDhcp?.params).toMatchObject({ leased: true });
  });

  it('our MAC-made IPv6 link-local address taken elsewhere → DUPLICATE_MAC with guest.new-mac', () => {
    const clash = facts({ primary: nic({ mac: '00:0c:29:27:34:5a', duplicateIpv6: ['fe80::20c:29ff:fe27:345a'] }) });
    expect(diagnoseGuestInAnyOrder(clash).findings[0]).toMatchObject({
      id: 'DUPLICATE_MAC',
      offers: [{ fix: 'guest.new-mac', params: { interface: 'ens33' } }],
      evidence: { mac: '00:0c:29:27:34:5a', linkLocal: 'fe80::20c:29ff:fe27:345a' },
    });
    // A duplicate that is not made from the MAC (a clone sharing a stable-privacy secret) is not a MAC clash.
    const other = facts({ primary: nic({ mac: '00:0c:29:27:34:5a', duplicateIpv6: ['fe80::1234:5678:9abc:def0'] }) });
    expect(ids(other)).not.toContain('DUPLICATE_MAC');
  });

  it('a clone by MAC can be ruled out only with a MAC-made link-local address; stable-privacy says "cannot tell"', () => {
    const check = (ipv6: string[]) =>
      diagnoseGuestInAnyOrder(facts({ primary: nic({ mac: '00:0c:29:27:34:5a', ipv6 }) })).checks.find(
        (c) => c.id === 'duplicate-mac',
      );
    expect(check(['fe80::20c:29ff:fe27:345a'])).toMatchObject({ status: 'pass' });
    expect(check(['fe80::1234:5678:9abc:def0'])).toMatchObject({ status: 'unknown', evidence: { reason: 'no-mac-link-local' } });
    expect(check([])).toMatchObject({ status: 'unknown' });
  });

  it('no default route → NO_DEFAULT_ROUTE suggesting the NAT device that answers', () => {
    const f = facts({
      defaultGateway: null,
      routes: [],
      pings: [ping('192.168.37.1', 'host', true), ping('192.168.37.2', 'nat-candidate', true)],
    });
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({
      id: 'NO_DEFAULT_ROUTE',
      params: { expected: '192.168.37.2', expectedFrom: 'answered' },
      offers: [
        { fix: 'linux.set-gateway', params: { interface: 'ens33', gateway: '192.168.37.2' } },
        { fix: 'guest.config', params: { interface: 'ens33' } },
      ],
    });
  });

  it('host-only whose host drops ping but answers ARP → HOST_UNREACHABLE, not a missing gateway', () => {
    const f = facts({
      defaultGateway: null,
      routes: [],
      resolv: { nameservers: [], search: [], managedBy: null },
      pings: [ping('192.168.37.1', 'host', false), ping('192.168.37.2', 'nat-candidate', false)],
      neighbours: new Map([
        ['192.168.37.1', { mac: '0a:00:27:00:00:00', state: ['REACHABLE'] }],
        ['192.168.37.2', { mac: null, state: ['FAILED'] }],
      ]),
    });
    expect(ids(f)).toEqual(['HOST_UNREACHABLE']);
    // Nobody there at all (no ARP answer either) is not host-only: no gateway is then the finding.
    const empty = facts({ ...f, neighbours: new Map([['192.168.37.1', { mac: null, state: ['FAILED'] }]]) });
    expect(ids(empty)[0]).toBe('NO_DEFAULT_ROUTE');
  });

  it('host-only (host answers, no NAT device, no gateway) is fine, and explained when the internet is missed', () => {
    const hostOnly = {
      defaultGateway: null,
      routes: [],
      pings: [ping('192.168.37.1', 'host', true), ping('192.168.37.2', 'nat-candidate', false)],
    };
    expect(ids(facts(hostOnly))).toEqual([]);
    const d = diagnoseGuestInAnyOrder(facts({ ...hostOnly, options: { ...facts().options, symptom: 'vm-no-internet' } }));
    expect(d.findings).toMatchObject([{ id: 'NO_DEFAULT_ROUTE', severity: 'warning', fixes: [] }]);
    expect(d.findings[0]?.params).toMatchObject({ hostOnly: true, host: '192.168.37.1' });
    // Without a probed NAT device (no hypervisor MAC) a missing gateway stays an error.
    expect(ids(facts({ ...hostOnly, pings: [ping('192.168.37.1', 'host', true)] }))).toEqual(['NO_DEFAULT_ROUTE']);
  });

  it('gateway .1 (the host) while .2 answers → GATEWAY_MISMATCH to .2, saying how it knows', () => {
    const f = facts({
      defaultGateway: '192.168.37.1',
      pings: [
        ping('192.168.37.1', 'gateway', true),
        ping('192.168.37.2', 'nat-candidate', true),
        ping('203.0.113.10', 'internet', false),
      ],
    });
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({
      id: 'GATEWAY_MISMATCH',
      offers: [{ fix: 'linux.set-gateway', params: { gateway: '192.168.37.2' } }, { fix: 'guest.config' }],
    });
    // No lease (a static address): VMware's convention was only tried, and the evidence says so.
    expect(d.findings[0]?.evidence).toMatchObject({
      expectedGateway: '192.168.37.2',
      expectedFrom: 'answered',
      network: { product: null, assumed: 'vmware-nat', decidedBy: ['mac-vendor:VMware', 'assumed:vmware-nat'] },
    });
  });

  it('a bridged guest whose .1 gateway works is not second-guessed', () => {
    const f = facts({
      defaultGateway: '192.168.1.1',
      ownIp: { address: '192.168.1.50', prefixLength: 24 },
      options: { ...facts().options, hostIp: '192.168.1.20' },
      pings: [ping('192.168.1.1', 'gateway', true), ping('192.168.1.20', 'host', true), ping('203.0.113.10', 'internet', true)],
    });
    expect(ids(f)).toEqual([]);
  });

  it('ARP tells a dropped ping (host there) from a missing device (NAT stopped)', () => {
    const firewalled = facts({
      pings: [ping('192.168.37.2', 'gateway', true), ping('192.168.37.1', 'host', false), ping('203.0.113.10', 'internet', true)],
      neighbours: new Map([['192.168.37.1', { mac: '00:50:56:c0:00:08', state: ['REACHABLE'] }]]),
    });
    expect(diagnoseGuestInAnyOrder(firewalled).findings[0]?.params).toMatchObject({ arpMac: '00:50:56:c0:00:08' });
    const gone = facts({
      pings: [
        ping('192.168.37.2', 'gateway', false),
        ping('192.168.37.1', 'host', true),
        ping('203.0.113.10', 'internet', false),
      ],
      neighbours: new Map([['192.168.37.2', { mac: null, state: ['FAILED'] }]]),
    });
    expect(diagnoseGuestInAnyOrder(gone).findings[0]).toMatchObject({ id: 'NO_INTERNET', evidence: { gatewayArp: 'none' } });
    expect(diagnoseGuestInAnyOrder(gone).findings[0]?.params).toMatchObject({ gatewayArpSilent: true });
  });

  it('host silent while the gateway answers → HOST_UNREACHABLE with the subnet to allow', () => {
    const f = facts({
      pings: [ping('192.168.37.2', 'gateway', true), ping('192.168.37.1', 'host', false), ping('203.0.113.10', 'internet', true)],
    });
    expect(diagnoseGuestInAnyOrder(f).findings[0]).toMatchObject({
      id: 'HOST_UNREACHABLE',
      offers: [
        { fix: 'host.allow-icmp', params: { subnet: '192.168.37.0/24', profile: 'Public' } },
        { fix: 'linux.allow-icmp', params: { subnet: '192.168.37.0/24' } },
      ],
    });
  });

  it('gateway silent → NO_INTERNET (NAT stopped); gateway answers but nothing beyond → NO_INTERNET (host offline)', () => {
    const silent = facts({
      pings: [
        ping('192.168.37.2', 'gateway', false),
        ping('192.168.37.1', 'host', true),
        ping('203.0.113.10', 'internet', false),
      ],
    });
    // The host's NAT is named in words; from inside the VM nothing says which network or service to
    // start, so no fix is offered (it would fail its own parameter check).
    expect(diagnoseGuestInAnyOrder(silent).findings[0]).toMatchObject({ id: 'NO_INTERNET', fixes: [], offers: [] });
    expect(diagnoseGuestInAnyOrder(silent).findings[0]?.params).toMatchObject({ gatewayAnswers: false });
    const beyond = facts({
      pings: [ping('192.168.37.2', 'gateway', true), ping('192.168.37.1', 'host', true), ping('203.0.113.10', 'internet', false)],
    });
    expect(diagnoseGuestInAnyOrder(beyond).findings[0]?.params).toMatchObject({ gatewayAnswers: true });
  });

  it('DNS: none configured, or configured but silent → DNS_BROKEN; skipped when nothing beyond the gateway answers', () => {
    const none = facts({
      resolv: { nameservers: [], search: [], managedBy: null },
      dns: { name: 'lab.test', addresses: [], status: 'failed', command: '' },
    });
    expect(diagnoseGuestInAnyOrder(none).findings[0]).toMatchObject({
      id: 'DNS_BROKEN',
      offers: [{ fix: 'linux.set-dns', params: { dns: '192.168.37.2' } }, { fix: 'guest.config' }],
    });
    const dead = facts({
      resolv: { nameservers: ['192.168.37.77'], search: [], managedBy: null },
      dns: { name: 'lab.test', addresses: [], status: 'timeout', command: '' },
    });
    expect(ids(dead)).toEqual(['DNS_BROKEN']);
    const offline = facts({
      pings: [ping('192.168.37.2', 'gateway', true), ping('203.0.113.10', 'internet', false)],
      dns: { name: 'lab.test', addresses: [], status: 'timeout', command: '' },
    });
    expect(ids(offline)).toEqual(['NO_INTERNET']);
  });

  it('probes that could not run (tool missing, no rights) leave their checks unknown with the reason, never a finding', () => {
    const missing = (id: string, tool: string) => ({
      id,
      status: 'unavailable' as const,
      durationMs: 1,
      command: tool,
      error: `${tool} is not installed on this machine`,
    });
    const d = diagnoseGuestInAnyOrder(
      facts({
        pings: [
          ping('192.168.37.2', 'gateway', null),
          ping('192.168.37.1', 'host', null),
          ping('203.0.113.10', 'internet', null),
        ],
        dns: { name: 'lab.test', addresses: [], status: 'unavailable', command: 'getent ahostsv4 lab.test' },
        duplicate: null,
        firewall: null,
        probes: [
          ...['ping-gateway', 'ping-host', 'ping-internet'].map((id) => missing(id, 'ping')),
          missing('dns-lookup', 'getent'),
          missing('duplicate-address', 'arping'),
          {
            id: 'firewall',
            status: 'unavailable',
            durationMs: 1,
            command: 'nft',
            error: 'nft needs administrator rights to read this',
          },
        ],
      }),
    );
    expect(d.findings).toEqual([]);
    const check = (id: string) => d.checks.find((c) => c.id === id);
    for (const [id, reason] of [
      ['gateway', /ping is not installed/],
      ['host', /ping is not installed/],
      ['internet', /ping is not installed/],
      ['dns', /getent is not installed/],
      ['duplicate-address', /arping is not installed/],
      ['guest-firewall', /administrator rights/],
    ] as const) {
      expect(check(id), id).toMatchObject({
        status: 'unknown',
        evidence: { reason: 'probe-failed', probeError: expect.stringMatching(reason) },
      });
    }
  });

  it('guest firewall dropping echo is a warning with the VM subnet', () => {
    const d = diagnoseGuestInAnyOrder(facts({ firewall: { drops: true, rules: ['inet f input handle 3: drop'], chains: [] } }));
    expect(d.findings).toMatchObject([
      {
        id: 'GUEST_FIREWALL_BLOCKS_ICMP',
        severity: 'warning',
        offers: [{ fix: 'linux.allow-icmp', params: { subnet: '192.168.37.0/24' } }],
      },
    ]);
  });

  it('nothing on the wanted port → SERVICE_NOT_LISTENING; port 22 is implied by host-cannot-reach-vm', () => {
    const f = facts({
      listening: [any(53)],
      sshd: { installed: false, active: false },
      options: { ...facts().options, symptom: 'host-cannot-reach-vm' },
    });
    expect(diagnoseGuestInAnyOrder(f).findings).toMatchObject([{ id: 'SERVICE_NOT_LISTENING', fixes: ['guest.install-sshd'] }]);
    expect(diagnoseGuestInAnyOrder(f).findings[0]?.params).toEqual({ port: 22, sshd: 'not-installed' });
    const stopped = facts({
      listening: [any(53)],
      sshd: { installed: true, active: false },
      options: { ...facts().options, servicePorts: [22] },
    });
    expect(diagnoseGuestInAnyOrder(stopped).findings[0]?.params).toEqual({ port: 22, sshd: 'stopped' });
    expect(ids(facts({ listening: [any(22), any(80)], options: { ...facts().options, servicePorts: [8080] } }))).toEqual([
      'SERVICE_NOT_LISTENING',
    ]);
  });

  it('a service bound only to 127.0.0.1 / ::1 → SERVICE_BOUND_TO_LOOPBACK naming the program, not "listening"', () => {
    const loopback = [
      { address: '127.0.0.1', port: 8080, process: 'python3' },
      { address: '::1', port: 8080, process: 'python3' },
    ];
    const d = diagnoseGuestInAnyOrder(
      facts({ listening: [any(22), ...loopback], options: { ...facts().options, servicePorts: [8080] } }),
    );
    expect(d.findings).toMatchObject([
      {
        id: 'SERVICE_BOUND_TO_LOOPBACK',
        params: { port: 8080, addresses: ['127.0.0.1', '::1'], process: 'python3', vmAddress: '192.168.37.130' },
        offers: [],
      },
    ]);
    expect(d.checks.find((c) => c.id === 'service')?.status).toBe('fail');
    // One socket on every address is enough: then the port is reachable.
    const both = [...loopback, { address: '0.0.0.0', port: 8080, process: 'python3' }];
    expect(ids(facts({ listening: both, options: { ...facts().options, servicePorts: [8080] } }))).toEqual([]);
  });
});

describe('virtualization context from DMI', () => {
  it('names the hypervisor, and nothing on real or unreadable hardware', async () => {
    const { readVirtualization } = await import('./guest-facts.ts');
    expect((await readVirtualization(liveSource, new URL('./fixtures/dmi-vmware', import.meta.url).pathname)).hypervisor).toBe(
      'VMware',
    );
    expect((await readVirtualization(liveSource, new URL('./fixtures/dmi-vbox', import.meta.url).pathname)).hypervisor).toBe(
      'VirtualBox',
    );
    expect(await readVirtualization(liveSource, '/nonexistent')).toEqual({
      sysVendor: null,
      productName: null,
      hypervisor: null,
    });
  });
});

describe('a static prefix the network contradicts (issue 22)', () => {
  const narrow = (prefixLength: number, answered: Array<{ address: string; mac: string }>, hostIp?: string) => {
    const primary = nic({ ipv4: [{ address: '192.168.37.200', prefixLength, mask: '' }] });
    return facts({
      primary,
      ownIp: { address: '192.168.37.200', prefixLength },
      routes: [],
      defaultGateway: null,
      pings: [],
      beyondPrefix: { network: '192.168.37.0/24', asked: ['192.168.37.1', '192.168.37.2', '192.168.37.254'], answered },
      options: { ...facts().options, hostIp },
    });
  };

  it.each([25, 32])(
    '/%i typed on a /24 network whose router answers ARP beyond it → WRONG_SUBNET naming /24, not NO_DEFAULT_ROUTE',
    (prefix) => {
      const d = diagnoseGuestInAnyOrder(narrow(prefix, [{ address: '192.168.37.2', mac: '00:50:56:e0:00:02' }]));
      expect(d.findings[0]).toMatchObject({
        id: 'WRONG_SUBNET',
        params: { address: `192.168.37.200/${prefix}`, prefix: 24, hostNetwork: '192.168.37.0/24', answeredBy: ['192.168.37.2'] },
        offers: [{ fix: 'guest.config', params: { interface: 'ens33', mode: 'static', address: '192.168.37.200/24' } }],
      });
      expect(d.findings.map((f) => f.id)).not.toContain('NO_DEFAULT_ROUTE');
      expect(d.findings[0]?.title).toBe(
        `192.168.37.200/${prefix}: the prefix /${prefix} is wrong, the network is 192.168.37.0/24`,
      );
    },
  );

  it('the host the user named shares the /24 but not the /25: the prefix, not "another network"', () => {
    const d = diagnoseGuestInAnyOrder(narrow(25, [], '192.168.37.1'));
    expect(d.findings[0]).toMatchObject({ id: 'WRONG_SUBNET', params: { prefix: 24, hostIp: '192.168.37.1' } });
  });

  it('nobody answers beyond the prefix: no WRONG_SUBNET (the /25 may be the network)', () => {
    const d = diagnoseGuestInAnyOrder(narrow(25, []));
    expect(d.findings.map((f) => f.id)).not.toContain('WRONG_SUBNET');
  });
});

describe('isolation by design, seen from the guest (issue 22)', () => {
  it('KVM on a LAN: the router answers, the host not even ARP → MACVTAP_HOST_ISOLATION (by design), not the host’s firewall', () => {
    const kvm = nic({
      name: 'enp1s0',
      mac: '52:54:00:12:34:56',
      macVendor: 'QEMU/KVM',
      ipv4: [{ address: '192.168.1.150', prefixLength: 24, mask: '' }],
    });
    const f = facts({
      primary: kvm,
      ownIp: { address: '192.168.1.150', prefixLength: 24 },
      virtualization: { sysVendor: 'QEMU', productName: 'Standard PC (Q35 + ICH9, 2009)', hypervisor: 'QEMU/KVM' },
      defaultGateway: '192.168.1.1',
      routes: [{ dst: 'default', gateway: '192.168.1.1', dev: 'enp1s0', protocol: 'dhcp', metric: 100, table: null }],
      pings: [ping('192.168.1.1', 'gateway', true), ping('192.168.1.10', 'host', false), ping('203.0.113.10', 'internet', true)],
      neighbours: new Map([['192.168.1.10', { mac: null, state: ['FAILED'] }]]),
      options: { ...facts().options, hostIp: '192.168.1.10', symptom: 'vm-cannot-ping-host' },
    });
    const d = diagnoseGuestInAnyOrder(f);
    expect(d.findings[0]).toMatchObject({
      id: 'MACVTAP_HOST_ISOLATION',
      severity: 'info',
      params: { interface: 'enp1s0', host: '192.168.1.10' },
    });
    expect(d.findings.map((x) => x.id)).not.toContain('HOST_UNREACHABLE');
  });

  it('the same with the host answering ARP is the host’s firewall (HOST_UNREACHABLE)', () => {
    const kvm = nic({ name: 'enp1s0', macVendor: 'QEMU/KVM', ipv4: [{ address: '192.168.1.150', prefixLength: 24, mask: '' }] });
    const f = facts({
      primary: kvm,
      ownIp: { address: '192.168.1.150', prefixLength: 24 },
      defaultGateway: '192.168.1.1',
      pings: [ping('192.168.1.1', 'gateway', true), ping('192.168.1.10', 'host', false)],
      neighbours: new Map([['192.168.1.10', { mac: 'aa:bb:cc:dd:ee:ff', state: ['REACHABLE'] }]]),
      options: { ...facts().options, hostIp: '192.168.1.10' },
    });
    expect(diagnoseGuestInAnyOrder(f).findings[0]?.id).toBe('HOST_UNREACHABLE');
  });

  it('VirtualBox, peers answer on the segment, no router, the host elsewhere → INTERNAL_NETWORK_ISOLATED, not WRONG_SUBNET', () => {
    const vb = nic({
      name: 'enp0s3',
      mac: '08:00:27:11:22:33',
      macVendor: 'VirtualBox',
      ipv4: [{ address: '10.10.10.5', prefixLength: 24, mask: '' }],
      gateways: [],
    });
    const base = {
      primary: vb,
      ownIp: { address: '10.10.10.5', prefixLength: 24 },
      virtualization: { sysVendor: 'innotek GmbH', productName: 'VirtualBox', hypervisor: 'VirtualBox' },
      defaultGateway: null,
      routes: [],
      pings: [],
      options: { ...facts().options, hostIp: '192.168.56.1', symptom: 'host-cannot-reach-vm' as const },
    };
    const isolated = diagnoseGuestInAnyOrder(
      facts({ ...base, neighbours: new Map([['10.10.10.6', { mac: '08:00:27:aa:bb:cc', state: ['STALE'] }]]) }),
    );
    expect(isolated.findings[0]).toMatchObject({
      id: 'INTERNAL_NETWORK_ISOLATED',
      params: { vm: null, network: '10.10.10.0/24', host: '192.168.56.1', peers: ['10.10.10.6'] },
    });
    // Nobody on the segment: an address typed into the wrong network is the VM's own fault.
    expect(diagnoseGuestInAnyOrder(facts({ ...base, neighbours: new Map() })).findings[0]?.id).toBe('WRONG_SUBNET');
  });
});

describe('the guest’s rules run in any order', () => {
  it('every test above diagnoses through the rules written, reversed and shuffled; that check can fail', () => {
    // A rule that reads what the others wrote before it: its check depends on where it runs.
    const peeks: GuestRule = {
      name: 'peeks',
      needs: 'nothing',
      run: (_facts, _view, list) => list.check('service', list.findings.length > 0 ? 'fail' : 'pass'),
    };
    const broken = facts({ primary: nic({ state: 'down' }) });
    expect(diagnoseGuestInAnyOrder(broken).findings.length).toBeGreaterThan(0);
    expect(() => diagnoseGuestInAnyOrder(broken, [peeks, ...GUEST_RULES])).toThrow(/rules in the order/);
  });

  it('a rule runs only once the NIC gets as far as it needs (no gateway check without an address)', () => {
    const ran: string[] = [];
    const spy = GUEST_RULES.map((r) => ({
      ...r,
      run: (...a: [never, never, never]) => {
        ran.push(r.name);
        r.run(...a);
      },
    }));
    diagnoseGuest(facts({ primary: nic({ ipv4: [] }), ownIp: null }), spy as GuestRule[]);
    expect(ran.sort()).toEqual(['address', 'link', 'other-nics']);
  });
});
