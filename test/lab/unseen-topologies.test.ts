/**
 * Networks unlike the first lab (VMware NAT, a /24, one NIC): VirtualBox NAT and NAT Network, the
 * NAT + host-only two-NIC guest, a /25, and a VPN inside the guest. Each is diagnosed from what it
 * says (leases, routes, rules) — the right first finding, the right NIC, the right product — and
 * each fixable fault is fixed and undone for real. Packets stay in the lab's namespaces.
 */
import { describe, expect, it } from 'vitest';
import { listenOn22 } from '../../lab/faults.ts';
import { INTERNET_TARGET, VirtualBoxNatLab, VirtualBoxNatNetworkLab, VirtualBoxTwoNicLab, VmwareNatLab } from '../../lab/lab.ts';
import { guestDiagnose, healAndUndo, inject, labAvailable, labPerTest } from './helpers.ts';

const runLab = labAvailable();

describe.runIf(runLab)('lab: VirtualBox NAT (10.0.2.15, the host not on the network)', () => {
  const newLab = labPerTest(() => new VirtualBoxNatLab());

  it('healthy: no finding; the product is known from the lease, not from a convention', async () => {
    const l = await newLab();
    const g = guestDiagnose(l);
    expect(g.report.findings).toEqual([]);
    const gateway = g.report.checks.find((c: { id: string }) => c.id === 'default-route');
    expect(gateway.status).toBe('pass');
    // The host wants in (to SSH, which listens): a port forward is the way, with the exact lines; nothing is guessed to fix.
    await listenOn22(l);
    const inbound = guestDiagnose(l, '--symptom', 'host-cannot-reach-vm');
    expect(inbound.ids).toEqual(['PORT_FORWARD_NEEDED']);
    expect(inbound.report.findings[0]).toMatchObject({
      id: 'PORT_FORWARD_NEEDED',
      params: { nic: 1, port: 22, hostPort: 2222, guestIp: '10.0.2.15', natNetwork: false },
      offers: [],
    });
    expect(inbound.report.findings[0].detail).toContain('natpf1 "vmnetdoctor-22,tcp,127.0.0.1,2222,,22"');
    expect(inbound.report.findings[0].evidence).toMatchObject({
      product: 'virtualbox-nat',
      lease: { server: '10.0.2.2', routers: ['10.0.2.2'], dns: ['10.0.2.3'] },
    });
  }, 90_000);

  it('a gateway typed wrong → GATEWAY_MISMATCH to the lease’s router 10.0.2.2, fixed and undone', async () => {
    const l = await newLab();
    await inject(l, 'gateway-dead');
    const { broken } = await healAndUndo(l, { finding: 'GATEWAY_MISMATCH', fix: 'linux.set-gateway' });
    expect(broken.report.findings[0].params).toMatchObject({ expected: '10.0.2.2', expectedFrom: 'dhcp-lease' });
  }, 120_000);
});

describe.runIf(runLab)('lab: VirtualBox NAT Network (gateway .1, DHCP .3)', () => {
  const newLab = labPerTest(() => new VirtualBoxNatNetworkLab());

  it('healthy: .1 is the right gateway; with the NAT gone, VirtualBox is named, never VMware', async () => {
    const l = await newLab();
    expect(guestDiagnose(l).report.findings).toEqual([]);
    await inject(l, 'nat-stopped');
    const g = guestDiagnose(l);
    expect(g.report.findings[0]).toMatchObject({ id: 'NO_INTERNET', params: { gateway: l.natIp, owner: 'virtualbox' } });
    expect(g.report.findings[0].detail).not.toMatch(/VMware/);
    expect(g.ids).not.toContain('GATEWAY_MISMATCH');
  }, 90_000);
});

describe.runIf(runLab)('lab: VirtualBox NAT + host-only, two NICs', () => {
  const newLab = labPerTest(() => new VirtualBoxTwoNicLab());
  const toHost = (l: VirtualBoxTwoNicLab) => ['--host-ip', l.hostOnlyIp, '--symptom', 'host-cannot-reach-vm'];

  it('healthy: the host-only NIC is the one diagnosed for the host; nothing touches the NAT NIC', async () => {
    const l = await newLab();
    await listenOn22(l);
    const g = guestDiagnose(l, ...toHost(l));
    expect(g.report.findings).toEqual([]);
    expect(g.report.checks.find((c: { id: string }) => c.id === 'link').evidence.interface).toBe('enp0s8');
    expect(g.report.checks.find((c: { id: string }) => c.id === 'host').status).toBe('pass');
  }, 90_000);

  it('the host-only NIC is down → LINK_DOWN on enp0s8 (not a gateway fix on enp0s3), fixed and undone', async () => {
    const l = await newLab();
    await listenOn22(l);
    await l.exec(l.ns.guest, ['ip', 'link', 'set', l.hostOnlyIf, 'down']);
    const { broken } = await healAndUndo(l, { finding: 'LINK_DOWN', fix: 'linux.link-up', diagnoseArgs: toHost(l) });
    expect(broken.report.findings[0].params.interface).toBe('enp0s8');
    for (const f of broken.report.findings)
      for (const o of f.offers) expect(o.params.interface ?? 'enp0s8', `${f.id} ${o.fix}`).toBe('enp0s8');
  }, 120_000);
});

describe.runIf(runLab)('lab: a /25 VM network', () => {
  const third = 20 + Math.floor(Math.random() * 200);
  const newLab = labPerTest(
    () =>
      new VmwareNatLab({
        subnet: `192.168.${third}`,
        prefixLength: 25,
        hostAt: 129,
        natAt: 130,
        dhcp: { server: 254, first: 200, last: 253 },
      }),
  );

  it('healthy on its real prefix; a gateway at the host → GATEWAY_MISMATCH to the lease’s router, fixed and undone', async () => {
    const l = await newLab();
    expect(guestDiagnose(l).report.findings).toEqual([]);
    await inject(l, 'gateway-dot1');
    const { broken } = await healAndUndo(l, { finding: 'GATEWAY_MISMATCH', fix: 'linux.set-gateway' });
    expect(broken.report.findings[0].params).toMatchObject({
      gateway: l.hostIp,
      expected: l.natIp,
      address: expect.stringMatching(/\/25$/),
    });
  }, 120_000);
});

describe.runIf(runLab)('lab: a VPN inside the guest', () => {
  const newLab = labPerTest(() => new VmwareNatLab());

  it.each([
    ['guest-vpn-rule', { device: 'wg0', how: 'rule', table: '51820' }],
    ['guest-vpn-split-default', { device: 'tun0', how: 'routes', routes: ['0.0.0.0/1', '128.0.0.0/1'] }],
  ])(
    '%s → VPN_ROUTE_CAPTURE (not the NAT service), released and put back',
    async (fault, params) => {
      const l = await newLab();
      await inject(l, fault);
      const { broken } = await healAndUndo(l, { finding: 'VPN_ROUTE_CAPTURE', fix: 'linux.release-vpn-route' });
      expect(broken.report.findings[0].params).toMatchObject({ ...params, captures: 'internet', target: INTERNET_TARGET });
      expect(broken.ids).not.toContain('NO_INTERNET');
    },
    120_000,
  );
});

describe.runIf(runLab)('lab: a path that drops full-size packets', () => {
  const newLab = labPerTest(() => new VmwareNatLab());

  it('mtu-mismatch → MTU_MISMATCH with the size that passes (1400), linux.set-mtu heals it, undo restores 1500', async () => {
    const l = await newLab();
    await inject(l, 'mtu-mismatch');
    const { broken } = await healAndUndo(l, { finding: 'MTU_MISMATCH', fix: 'linux.set-mtu' });
    expect(broken.report.findings[0].params).toMatchObject({ interface: l.guestIf, mtu: 1500, pathMtu: 1400, target: l.natIp });
  }, 120_000);

  it('mtu-beyond-gateway (silent, microsoft/WSL#4994) → MTU_MISMATCH on the way out, measured to the byte; linux.set-mtu heals it, undo brings it back', async () => {
    const l = await newLab();
    await inject(l, 'mtu-beyond-gateway');
    const args = ['--symptom', 'vm-no-internet'];
    const { broken } = await healAndUndo(l, { finding: 'MTU_MISMATCH', fix: 'linux.set-mtu', diagnoseArgs: args });
    expect(broken.report.verdict).toMatchObject({ hop: 'nat' });
    expect(broken.report.findings[0].params).toEqual({
      interface: l.guestIf,
      mtu: 1500,
      pathMtu: 1420,
      target: INTERNET_TARGET,
      beyond: l.natIp,
    });
    expect(broken.report.checks.find((c: { id: string }) => c.id === 'mtu').status).toBe('pass');
    const probe = broken.report.probes.find((p: { id: string }) => p.id === 'path-mtu');
    expect(probe.status).toBe('ok');
  }, 120_000);

  it('healthy controls: a narrower path that says so (ICMP "fragmentation needed"), and a symptom that is not the internet, give no finding', async () => {
    const l = await newLab();
    await inject(l, 'mtu-beyond-gateway-told');
    const told = guestDiagnose(l, '--symptom', 'vm-no-internet');
    expect(told.ids).toEqual([]);
    expect(told.report.checks.find((c: { id: string }) => c.id === 'path-mtu')).toMatchObject({
      status: 'pass',
      evidence: { told: 1420 },
    });
    await inject(l, 'mtu-beyond-gateway');
    // The host question never measures the way out.
    const host = guestDiagnose(l, '--symptom', 'vm-cannot-ping-host');
    expect(host.ids).toEqual([]);
    expect(host.report.probes.some((p: { id: string }) => p.id === 'path-mtu')).toBe(false);
  }, 120_000);
});
