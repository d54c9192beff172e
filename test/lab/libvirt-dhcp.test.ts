/**
 * libvirt's DHCP server gone while its bridge stays up (Red Hat bugzilla 805942): the host's
 * `diagnose` names it for "the VM has no IP address", its fix starts dnsmasq again exactly as libvirt
 * does (libvirt's configuration, libvirt's pid file), a new VM gets its lease, and undo stops it.
 * libvirt's folders are the lab's own (a private mount namespace: lab.hostArgv).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_FAULTS } from '../../lab/host-faults.ts';
import { LibvirtNatLab } from '../../lab/lab.ts';
import { expectPathVerdict } from '../path-invariants.ts';
import { labAvailable, labPerTest, recordFindings } from './helpers.ts';

const runLab = labAvailable();
const newLab = labPerTest(() => new LibvirtNatLab());
const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;

function hostCli(l: LibvirtNatLab, ...args: string[]) {
  const [file = 'ip', ...rest] = l.hostArgv([process.execPath, ...recordFindings, cli, ...args]);
  const r = spawnSync(file, rest, {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, VMNET_DOCTOR_STATE_DIR: join(l.dir, 'state') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

function hostDiagnose(l: LibvirtNatLab) {
  const report = hostCli(l, 'diagnose', '--json', '--symptom', 'vm-no-ip').json();
  expectPathVerdict(report, 'libvirt host, vm-no-ip');
  return { report, ids: report.findings.map((f: { id: string }) => f.id) as string[] };
}

/** A VM that boots now: asks for an address (dhclient gives up after a few seconds without an answer). */
async function newVmGetsLease(l: LibvirtNatLab): Promise<boolean> {
  await l.exec(l.ns.guest, ['ip', '-4', 'addr', 'flush', 'dev', l.guestIf]);
  await l.exec(
    l.ns.guest,
    ['timeout', '8', 'dhclient', '-4', '-1', '-lf', join(l.dir, 'new.leases'), '-pf', join(l.dir, 'new.pid'), l.guestIf],
    true,
  );
  return (await l.guestAddress()) !== null;
}

describe.runIf(runLab)('lab: libvirt network whose DHCP server is gone', () => {
  it('healthy control: the DHCP check passes, naming libvirt’s dnsmasq by its pid file', async () => {
    const l = await newLab();
    const { report, ids } = hostDiagnose(l);
    expect(ids).toEqual([]);
    const check = report.checks.find((c: { id: string }) => c.id === 'libvirt-dhcp:default');
    expect(check.status).toBe('pass');
    expect(check.evidence.dnsmasq).toMatchObject({ pidFile: '/run/libvirt/network/default.pid', process: 'dnsmasq' });
  }, 90_000);

  it('dhcp-killed: DHCP_SERVICE_STOPPED on the DHCP hop; linux.start-libvirt-dhcp brings it back, a VM gets its lease; undo stops it', async () => {
    const l = await newLab();
    await HOST_FAULTS['dhcp-killed']?.(l);
    expect(await newVmGetsLease(l)).toBe(false);
    const broken = hostDiagnose(l);
    expect(broken.ids[0]).toBe('DHCP_SERVICE_STOPPED');
    expect(broken.report.verdict).toMatchObject({ kind: 'cause', hop: 'dhcp', finding: 'DHCP_SERVICE_STOPPED' });
    const finding = broken.report.findings[0];
    expect(finding.params).toMatchObject({ service: 'dnsmasq', network: 'default', bridge: l.bridge });
    expect(finding.offers).toEqual([{ fix: 'linux.start-libvirt-dhcp', params: { network: 'default', bridge: l.bridge } }]);

    const params = ['--param', 'network=default', '--param', `bridge=${l.bridge}`];
    const dry = hostCli(l, 'fix', 'linux.start-libvirt-dhcp', ...params, '--dry-run', '--json').json();
    expect(dry.steps).toEqual(['dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/default.conf --leasefile-ro']);
    expect(dry.undo).toEqual(['pkill --pidfile /run/libvirt/network/default.pid dnsmasq']);
    const applied = hostCli(l, 'fix', 'linux.start-libvirt-dhcp', ...params, '--yes', '--json');
    expect(applied.json().status, applied.stdout + applied.stderr).toBe('verified');
    expect(hostDiagnose(l).ids).toEqual([]);
    expect(await newVmGetsLease(l)).toBe(true);

    const undone = hostCli(l, 'undo', '--last', '--json');
    expect(undone.status, undone.stderr).toBe(0);
    expect(hostDiagnose(l).ids[0]).toBe('DHCP_SERVICE_STOPPED');
  }, 120_000);
});
