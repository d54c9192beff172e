/**
 * VirtualBox's host-only network (vboxnet0, 192.168.56.0/24, Oracle MACs, enp0s3, no gateway):
 * the engine must know it from what the guest sees — no --host-ip given — and find the classic
 * fault there, a host firewall that drops ping, from both sides; the host-side fix heals the guest's view.
 */
import { describe, expect, it } from 'vitest';
import { INTERNET_TARGET, LAB_DNS_NAME, VirtualBoxHostOnlyLab } from '../../lab/lab.ts';
import { cliIn, inject, labAvailable, labPerTest } from './helpers.ts';

const runLab = labAvailable();
const newLab = labPerTest(() => new VirtualBoxHostOnlyLab());

/** The guest's diagnosis with nothing told about the network (no --host-ip). */
function guest(l: VirtualBoxHostOnlyLab) {
  const r = cliIn(l.ns.guest, l.dir, 'diagnose', '--json', '--internet-target', INTERNET_TARGET, '--dns-name', LAB_DNS_NAME);
  const report = r.json();
  return {
    status: r.status,
    report,
    ids: report.findings.map((f: { id: string }) => f.id) as string[],
    check: (id: string) => report.checks.find((c: { id: string }) => c.id === id),
  };
}

describe.runIf(runLab)('lab: VirtualBox host-only network', () => {
  it('healthy: no gateway by design (the lease offers no router), the host at VirtualBox’s .1, no finding on either side', async () => {
    const l = await newLab();
    const g = guest(l);
    expect(g.report.findings).toEqual([]);
    expect(g.status).toBe(0);
    expect(g.check('link').evidence).toMatchObject({ interface: 'enp0s3', macVendor: 'VirtualBox' });
    expect(g.check('default-route')).toMatchObject({ status: 'skip', evidence: { reason: 'host-only' } });
    expect(g.check('host')).toMatchObject({
      status: 'pass',
      // The lease (server .100, no router) says host-only VirtualBox; the host's .1 is its convention, and confirmed by ping.
      evidence: {
        host: '192.168.56.1',
        inferredFrom: {
          from: 'convention',
          network: { product: 'virtualbox-hostonly', lease: { server: '192.168.56.100', routers: [] } },
        },
      },
    });

    const host = cliIn(l.ns.host, l.dir, 'diagnose', '--json');
    expect(host.json()).toMatchObject({ role: 'host', findings: [] });
    expect(host.json().checks.find((c: { id: string }) => c.id === 'vm-networks').evidence.networks).toEqual(['vboxnet0']);
  }, 90_000);

  it('the host firewall drops ping: HOST_UNREACHABLE in the guest (the host answers ARP), HOST_FIREWALL_BLOCKS_ICMP on the host, fixed there', async () => {
    const l = await newLab();
    await inject(l, 'host-firewall-icmp');
    const g = guest(l);
    expect(g.ids).toEqual(['HOST_UNREACHABLE']); // not "no gateway" or "no DNS": host-only has neither by design
    expect(g.report.findings[0]).toMatchObject({
      offers: [
        { fix: 'host.allow-icmp', params: { subnet: '192.168.56.0/24' } },
        { fix: 'linux.allow-icmp', params: { subnet: '192.168.56.0/24' } },
      ],
      evidence: { arp: '0a:00:27:00:00:00' },
    });

    const host = cliIn(l.ns.host, l.dir, 'diagnose', '--json');
    const finding = host.json().findings[0];
    expect(finding).toMatchObject({ id: 'HOST_FIREWALL_BLOCKS_ICMP', fixes: ['linux.allow-icmp'] });
    const fixed = cliIn(
      l.ns.host,
      l.dir,
      'fix',
      'linux.allow-icmp',
      '--param',
      `subnet=${finding.offers[0].params.subnet}`,
      '--yes',
      '--json',
    );
    expect(fixed.json().status, fixed.stderr).toBe('verified');
    expect(guest(l).ids).toEqual([]);

    expect(cliIn(l.ns.host, l.dir, 'undo', '--last').status).toBe(0);
    expect(guest(l).ids).toEqual(['HOST_UNREACHABLE']);
  }, 120_000);

  it('the guest NIC down on enp0s3: LINK_DOWN, linux.link-up renews the lease from VirtualBox’s DHCP', async () => {
    const l = await newLab();
    await inject(l, 'interface-down');
    expect(guest(l).ids[0]).toBe('LINK_DOWN');
    const fixed = cliIn(l.ns.guest, l.dir, 'fix', 'linux.link-up', '--param', 'interface=enp0s3', '--yes', '--json');
    expect(fixed.json().status, fixed.stderr).toBe('verified');
    const healed = guest(l);
    expect(healed.ids).toEqual([]);
    expect(healed.check('ipv4').evidence.address).toMatch(/^192\.168\.56\.(10[1-9]|1[1-9]\d|2[0-4]\d|25[0-4])\//);
  }, 120_000);
});
