/**
 * Faults whose fix is on the host or in the VM's settings: the guest's `diagnose` must still name
 * them first, with the evidence and parameters the host-side fix needs. Packets stay in the lab.
 */
import { describe, expect, it } from 'vitest';
import { VmwareNatLab } from '../../lab/lab.ts';
import { expectPathVerdict } from '../path-invariants.ts';
import { cliIn, guestDiagnose, inject, labAvailable, labPerTest } from './helpers.ts';

const runLab = labAvailable();
const newLab = labPerTest(() => new VmwareNatLab());
const hostOnlyLab = labPerTest(() => new VmwareNatLab({ hostOnly: true }));
const diagnose = guestDiagnose;

describe.runIf(runLab)('lab: faults whose fix belongs on the host or in the VM settings', () => {
  it('NAT service stopped: the gateway is silent → NO_INTERNET', async () => {
    const l = await newLab();
    await inject(l, 'nat-stopped');
    const { ids, report } = diagnose(l);
    expect(ids[0]).toBe('NO_INTERNET');
    expect(report.findings[0].evidence).toMatchObject({ gateway: l.natIp, gatewayAnswers: false, gatewayArp: 'none' });
    expect(report.findings[0].params).toMatchObject({ gatewayArpSilent: true });
  }, 90_000);

  it('host firewall drops ping → HOST_UNREACHABLE with the VM subnet to allow', async () => {
    const l = await newLab();
    await l.exec(l.ns.host, [
      'nft',
      'add table inet hostfw; add chain inet hostfw input { type filter hook input priority 0; policy accept; }; add rule inet hostfw input icmp type echo-request drop',
    ]);
    const { ids, report } = diagnose(l);
    expect(ids[0]).toBe('HOST_UNREACHABLE');
    expect(report.findings[0].offers).toEqual([
      { fix: 'host.allow-icmp', params: { subnet: `${l.subnet}.0/24`, profile: 'Public' } },
      { fix: 'linux.allow-icmp', params: { subnet: `${l.subnet}.0/24` } },
    ]);
    expect(report.findings[0].evidence.arp).toBe('00:50:56:c0:00:08');
  }, 90_000);

  it('static address in the wrong subnet → WRONG_SUBNET', async () => {
    const l = await newLab();
    await inject(l, 'wrong-subnet');
    expect(diagnose(l).ids[0]).toBe('WRONG_SUBNET');
  }, 90_000);

  it.each(['prefix-25', 'prefix-32'])(
    '%s: a static prefix narrower than the network → WRONG_SUBNET naming /24 (the router answered ARP beyond it), not NO_DEFAULT_ROUTE',
    async (fault) => {
      const l = await newLab();
      await inject(l, fault);
      // No --host-ip: the network itself must say how wide it is.
      const args = l.guestDiagnoseArgs();
      const at = args.indexOf('--host-ip');
      if (at >= 0) args.splice(at, 2);
      const r = cliIn(l.ns.guest, l.dir, 'diagnose', '--json', ...args);
      const report = r.json();
      expectPathVerdict(report, fault);
      // On failure, what the ARP questions beyond the prefix heard (and how long they took).
      const asked = JSON.stringify(report.probes.filter((p: { id: string }) => p.id === 'arp-beyond-prefix'));
      expect(report.findings[0], asked).toMatchObject({
        id: 'WRONG_SUBNET',
        params: { prefix: 24, hostNetwork: `${l.subnet}.0/24`, address: `${l.subnet}.200/${fault.slice(7)}` },
      });
      expect(report.findings[0].params.answeredBy).toContain(l.natIp);
      expect(report.findings.map((f: { id: string }) => f.id)).not.toContain('NO_DEFAULT_ROUTE');
      expect(report.findings[0].offers[0]).toEqual({
        fix: 'guest.config',
        params: { interface: l.guestIf, mode: 'static', address: `${l.subnet}.200/24` },
      });
    },
    90_000,
  );

  it('a cloned guest with the same address → DUPLICATE_IP', async () => {
    const l = await newLab();
    const address = await l.guestAddress();
    await l.addClone('00:0c:29:aa:bb:cc', address ?? undefined);
    const { ids, report } = diagnose(l);
    expect(ids[0]).toBe('DUPLICATE_IP');
    expect(report.findings[0].evidence.answeredBy).toEqual(['00:0c:29:aa:bb:cc']);
  }, 90_000);

  it('a host-only network (VMnet1) is healthy without a gateway; asking for the internet explains why not', async () => {
    const l = await hostOnlyLab();
    expect(diagnose(l).ids).toEqual([]);
    const { report } = diagnose(l, '--symptom', 'vm-no-internet');
    expect(report.findings).toMatchObject([{ id: 'NO_DEFAULT_ROUTE', severity: 'warning' }]);
  }, 90_000);

  it('DHCP service stopped and the lease gone → asked, nobody answers: BRIDGE_NO_LEASE (no server), not a bare NO_IPV4', async () => {
    const l = await newLab();
    await inject(l, 'no-dhcp-server');
    const { ids, report } = diagnose(l);
    expect(ids).toEqual(['BRIDGE_NO_LEASE']);
    expect(report.findings[0].params).toMatchObject({ interface: l.guestIf, outcome: 'no-server' });
    expect(report.findings[0].fixes).toContain('linux.dhcp-renew');
  }, 90_000);

  it('a service bound to 127.0.0.1 only → SERVICE_BOUND_TO_LOOPBACK naming the program, and the host really cannot connect', async () => {
    const l = await newLab();
    await inject(l, 'service-on-loopback');
    const { ids, report } = diagnose(l, '--service-port', '8080');
    expect(ids).toEqual(['SERVICE_BOUND_TO_LOOPBACK']);
    expect(report.findings[0]).toMatchObject({
      params: { port: 8080, addresses: ['127.0.0.1'], process: 'node' },
      evidence: { listeners: [{ address: '127.0.0.1', port: 8080, process: 'node' }] },
      offers: [],
    });
    // What the finding says, seen from the host: the connection is refused.
    const vm = await l.guestAddress();
    const probe = `const s=require("net").connect(8080,"${vm}");s.on("connect",()=>{console.log("connected");process.exit(0)});s.on("error",e=>console.log(e.code));setTimeout(()=>console.log("timeout"),2000).unref()`;
    expect((await l.exec(l.ns.host, [process.execPath, '-e', probe], true)).trim()).toBe('ECONNREFUSED');
    // …while from inside the VM it answers.
    const inside = probe.replace(`"${vm}"`, '"127.0.0.1"');
    expect((await l.exec(l.ns.guest, [process.execPath, '-e', inside], true)).trim()).toBe('connected');
  }, 90_000);

  it('nothing listens on 22 → SERVICE_NOT_LISTENING for the host-cannot-reach-vm symptom', async () => {
    const l = await newLab();
    const { ids, report } = diagnose(l, '--symptom', 'host-cannot-reach-vm');
    expect(ids).toEqual(['SERVICE_NOT_LISTENING']);
    expect(report.findings[0].fixes).toEqual(['guest.install-sshd']);
    expect(report.findings[0].evidence.sshd).toMatchObject({ installed: expect.any(Boolean) });
  }, 90_000);
});
