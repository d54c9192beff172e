/**
 * Bridged VMs on a Linux host: a healthy br0 (the LAN card and the VMs' taps as its ports, the
 * host's address on the bridge) is recognised as the VM network, never "no VM adapter"; a bridge
 * whose LAN card was taken out is BRIDGE_MISBOUND, fixed and undone for real (the guest's DHCP
 * lease comes back); the host's address left on the card is named; VMs attached "direct"
 * (macvtap) are explained as cut off from the host by design.
 */
import { describe, expect, it } from 'vitest';
import { INTERNET_TARGET, LAB_DNS_NAME, LinuxBridgeLab } from '../../lab/lab.ts';
import { expectPathVerdict } from '../path-invariants.ts';
import { cliIn, labAvailable, labPerTest } from './helpers.ts';

const runLab = labAvailable();

function hostDiagnose(l: LinuxBridgeLab) {
  const r = cliIn(l.ns.host, l.dir, 'diagnose', '--json');
  const report = r.json();
  return { status: r.status, report, ids: report.findings.map((f: { id: string }) => f.id) as string[] };
}

async function guestReachesRouter(l: LinuxBridgeLab): Promise<boolean> {
  const out = await l.exec(l.ns.guest, ['ping', '-c', '1', '-W', '1', '-n', l.routerIp], true);
  return / 0% packet loss/.test(out);
}

describe.runIf(runLab)('lab: VMs bridged onto the LAN by a Linux host', () => {
  const newLab = labPerTest(() => new LinuxBridgeLab());

  it('healthy br0 is the VM network: role host, no finding; the VM got its lease from the LAN router', async () => {
    const l = await newLab();
    expect(await guestReachesRouter(l)).toBe(true);
    const h = hostDiagnose(l);
    expect(h.report.role).toBe('host');
    expect(h.ids).toEqual([]);
    expect(h.report.checks.find((c: { id: string }) => c.id === 'bridge-uplink:br0').status).toBe('pass');
  }, 90_000);

  it('the LAN card taken out of br0 → BRIDGE_MISBOUND; linux.bridge-uplink puts it back (the VM reaches the LAN again); undo takes it out', async () => {
    const l = await newLab();
    await l.exec(l.ns.host, ['ip', 'link', 'set', l.uplink, 'nomaster']);
    expect(await guestReachesRouter(l)).toBe(false);
    const broken = hostDiagnose(l);
    expect(broken.ids[0]).toBe('BRIDGE_MISBOUND');
    expect(broken.report.findings[0].params).toMatchObject({ bridge: 'br0', cause: 'no-uplink', uplink: 'eth0' });
    const offer = broken.report.findings[0].offers[0];
    expect(offer).toEqual({ fix: 'linux.bridge-uplink', params: { bridge: 'br0', interface: 'eth0' } });
    const applied = cliIn(
      l.ns.host,
      l.dir,
      'fix',
      offer.fix,
      '--param',
      'bridge=br0',
      '--param',
      'interface=eth0',
      '--yes',
      '--json',
    );
    expect(applied.json().status, applied.stdout + applied.stderr).toBe('verified');
    expect(hostDiagnose(l).ids).toEqual([]);
    expect(await guestReachesRouter(l)).toBe(true);
    // The outcome in the user's words; what was read back follows as the system printed it.
    const undone = cliIn(l.ns.host, l.dir, 'undo', '--last', '--lang', 'zh-CN');
    expect(undone.status).toBe(0);
    expect(undone.stderr).toMatch(/^已撤销：恢复了之前的状态 \(/m);
    expect(hostDiagnose(l).ids[0]).toBe('BRIDGE_MISBOUND');
  }, 120_000);

  it('Docker-like FORWARD drop with br_netfilter → FORWARD_POLICY_DROP on br0 (bridged); linux.allow-forward lets the VM onto the LAN; undo drops it again', async () => {
    const l = await newLab();
    // What Docker does to a host: a filter FORWARD chain whose policy is drop. br_netfilter (on in
    // every new namespace where the module is loaded) hands the bridge's frames to it.
    expect((await l.exec(l.ns.host, ['cat', '/proc/sys/net/bridge/bridge-nf-call-iptables'])).trim()).toBe('1');
    await l.exec(l.ns.host, [
      'nft',
      'add table ip dockerlike; add chain ip dockerlike forward { type filter hook forward priority 0; policy drop; }',
    ]);
    expect(await guestReachesRouter(l)).toBe(false);
    const broken = hostDiagnose(l);
    expect(broken.ids[0]).toBe('FORWARD_POLICY_DROP');
    expect(broken.report.findings[0].params).toMatchObject({ interface: 'br0', subnet: `${l.subnet}.0/24`, bridged: true });
    expect(broken.report.findings[0].offers[0]).toEqual({ fix: 'linux.allow-forward', params: { interface: 'br0' } });
    const applied = cliIn(l.ns.host, l.dir, 'fix', 'linux.allow-forward', '--param', 'interface=br0', '--yes', '--json');
    expect(applied.json().status, applied.stdout + applied.stderr).toBe('verified');
    expect(await guestReachesRouter(l)).toBe(true);
    expect(hostDiagnose(l).ids).toEqual([]);
    expect(cliIn(l.ns.host, l.dir, 'undo', '--last').status).toBe(0);
    expect(await guestReachesRouter(l)).toBe(false);
    expect(hostDiagnose(l).ids[0]).toBe('FORWARD_POLICY_DROP');
  }, 120_000);

  it('the host address left on the LAN card, a port of br0 → BRIDGE_MISBOUND naming the address, no blind fix', async () => {
    const l = await newLab();
    await l.exec(l.ns.host, ['ip', 'addr', 'del', `${l.hostIp}/24`, 'dev', l.bridge]);
    await l.exec(l.ns.host, ['ip', 'addr', 'add', `${l.hostIp}/24`, 'dev', l.uplink]);
    const h = hostDiagnose(l);
    expect(h.report.findings[0]).toMatchObject({
      id: 'BRIDGE_MISBOUND',
      params: { cause: 'address-on-uplink', uplink: 'eth0', address: `${l.hostIp}/24` },
      offers: [],
    });
  }, 90_000);
});

describe.runIf(runLab)('lab: VMs attached "direct" (macvtap)', () => {
  const newLab = labPerTest(() => new LinuxBridgeLab({ macvtap: true }));

  it('is explained as by design (information), with the way out', async () => {
    const l = await newLab();
    const h = hostDiagnose(l);
    expect(h.report.role).toBe('host');
    expect(h.report.findings).toMatchObject([
      { id: 'MACVTAP_HOST_ISOLATION', severity: 'info', params: { devices: ['macvtap0'], lower: 'eth0' } },
    ]);
    expect(h.status).toBe(0);
  }, 90_000);

  it('seen from the VM: the router answers, the host not even ARP → MACVTAP_HOST_ISOLATION as the verdict (by design), not the host’s firewall', async () => {
    const l = await newLab();
    const r = cliIn(
      l.ns.guest,
      l.dir,
      'diagnose',
      '--json',
      '--symptom',
      'vm-cannot-ping-host',
      '--host-ip',
      l.hostIp,
      '--internet-target',
      INTERNET_TARGET,
      '--dns-name',
      LAB_DNS_NAME,
    );
    const report = r.json();
    expectPathVerdict(report, 'macvtap guest');
    expect(report.verdict).toMatchObject({ kind: 'by-design', finding: 'MACVTAP_HOST_ISOLATION', hop: 'vm-network' });
    expect(report.findings[0]).toMatchObject({ params: { interface: 'ens3', host: l.hostIp } });
    expect(report.findings.map((f: { id: string }) => f.id)).not.toContain('HOST_UNREACHABLE');
    expect(report.findings.map((f: { id: string }) => f.id)).not.toContain('CABLE_DISCONNECTED');
  }, 90_000);
});

describe.runIf(runLab)('lab: a bridged VM on a campus network with web login', () => {
  const newLab = labPerTest(() => new LinuxBridgeLab({ campus: true }));
  const guest = (l: LinuxBridgeLab) => {
    const r = cliIn(l.ns.guest, l.dir, 'diagnose', '--json', '--internet-target', INTERNET_TARGET, '--dns-name', LAB_DNS_NAME);
    return r.json() as { findings: Array<{ id: string; params: Record<string, unknown> }> };
  };

  it('the gateway answers, the internet does not, web gets the login page → CAPTIVE_PORTAL naming it; after login it is gone', async () => {
    const l = await newLab();
    const before = guest(l);
    expect(before.findings[0]).toMatchObject({ id: 'CAPTIVE_PORTAL', params: { status: 302, location: l.loginPage } });
    expect(before.findings.map((f) => f.id)).not.toContain('NO_INTERNET');
    await l.logIn();
    expect(guest(l).findings).toEqual([]);
  }, 90_000);
});

describe.runIf(runLab)('lab: a bridged VM on a network that leases only to registered MACs', () => {
  const newLab = labPerTest(() => new LinuxBridgeLab({ registration: true }));
  const guest = (l: LinuxBridgeLab) => {
    const r = cliIn(l.ns.guest, l.dir, 'diagnose', '--json', '--internet-target', INTERNET_TARGET, '--dns-name', LAB_DNS_NAME);
    return r.json() as {
      findings: Array<{ id: string; params: Record<string, unknown>; offers: Array<{ fix: string }> }>;
      probes: Array<{ id: string; status: string; durationMs: number }>;
    };
  };

  it('nobody answers the unregistered MAC → BRIDGE_NO_LEASE (no server); once registered a server offers → NO_IPV4 saying so, linux.dhcp-renew takes the lease', async () => {
    const l = await newLab();
    const mac = JSON.parse(await l.exec(l.ns.guest, ['ip', '-j', 'link', 'show', l.guestIf]))[0].address as string;
    const before = guest(l);
    expect(before.findings[0]).toMatchObject({ id: 'BRIDGE_NO_LEASE', params: { interface: 'ens3', outcome: 'no-server', mac } });
    expect(before.findings[0]?.offers[0]?.fix).toBe('linux.dhcp-renew');
    // Asking took the probe's own window, not a guess: it is reported with its duration.
    expect(before.probes.find((p) => p.id === 'dhcp-ask')).toMatchObject({ status: 'ok' });
    await l.register(mac);
    const registered = guest(l);
    expect(registered.findings[0]).toMatchObject({ id: 'NO_IPV4', params: { interface: 'ens3', server: l.routerIp } });
    const applied = cliIn(l.ns.guest, l.dir, 'fix', 'linux.dhcp-renew', '--param', 'interface=ens3', '--yes', '--json');
    expect(applied.json().status, applied.stdout + applied.stderr).toBe('verified');
    expect(await l.addressOf(l.ns.guest, l.guestIf)).toMatch(new RegExp(`^${l.subnet.replaceAll('.', '\\.')}\\.`));
    expect(guest(l).findings.map((f) => f.id)).not.toContain('NO_IPV4');
  }, 120_000);
});
