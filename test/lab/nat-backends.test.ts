/**
 * libvirt's NAT rule in every firewall backend a Linux host runs (nftables, iptables over
 * nf_tables, iptables-legacy) and firewalld's zone masquerade: wiped in each of the ways public
 * reports name, the host's `diagnose` finds NAT_SERVICE_STOPPED, its fix writes the rule back with
 * that backend, the guest regains the internet, and undo takes it away again. Healthy hosts of each
 * kind stay silent.
 */
import { describe, expect, it } from 'vitest';
import { HOST_FAULTS } from '../../lab/host-faults.ts';
import { INTERNET_TARGET, LibvirtNatLab, type NatBackend } from '../../lab/lab.ts';
import { cliIn, labAvailable } from './helpers.ts';

const runLab = labAvailable();

function hostDiagnose(l: LibvirtNatLab, vmIp: string | null) {
  const r = cliIn(l.ns.host, l.dir, 'diagnose', '--json', ...(vmIp ? ['--vm-ip', vmIp] : []));
  const report = r.json();
  return { report, ids: report.findings.map((f: { id: string }) => f.id) as string[] };
}

async function guestReachesInternet(l: LibvirtNatLab): Promise<boolean> {
  const out = await l.exec(l.ns.guest, ['ping', '-c', '1', '-W', '1', '-n', INTERNET_TARGET], true);
  return / 0% packet loss/.test(out);
}

async function withLab(natBackend: NatBackend, body: (l: LibvirtNatLab) => Promise<void>): Promise<void> {
  const l = new LibvirtNatLab({ natBackend });
  await l.up();
  try {
    await body(l);
  } finally {
    await l.down();
  }
}

const CASES: Array<{ backend: NatBackend; fault: string; orphaned: RegExp | null; tool: string }> = [
  { backend: 'iptables', fault: 'nat-postrouting-flushed', orphaned: /^iptables ip nat LIBVIRT_PRT$/, tool: 'iptables' },
  {
    backend: 'iptables-legacy',
    fault: 'nat-postrouting-flushed',
    orphaned: /^iptables-legacy ip nat LIBVIRT_PRT$/,
    tool: 'iptables-legacy',
  },
  { backend: 'iptables', fault: 'nat-table-flushed', orphaned: null, tool: 'iptables' },
  { backend: 'iptables-legacy', fault: 'nat-table-flushed', orphaned: null, tool: 'iptables-legacy' },
  { backend: 'nft', fault: 'nft-flush-ruleset', orphaned: null, tool: 'nft' },
];

describe.runIf(runLab)('lab: libvirt NAT in every firewall backend', () => {
  // The nft, iptables and iptables-legacy labs are each checked healthy first in the cases below.
  it.each(['firewalld'] as const)(
    'healthy control (%s): no finding, the NAT check passes, the guest reaches the internet',
    async (backend) =>
      withLab(backend, async (l) => {
        const { report, ids } = hostDiagnose(l, await l.guestAddress());
        expect(ids).toEqual([]);
        expect(report.checks.find((c: { id: string }) => c.id === `nat-rules:${l.bridge}`)?.status).toBe('pass');
        expect(await guestReachesInternet(l)).toBe(true);
      }),
    90_000,
  );

  it.each(CASES)(
    '$backend: healthy, then $fault: NAT_SERVICE_STOPPED, restored with $tool, undone',
    async (c) =>
      withLab(c.backend, async (l) => {
        const vmIp = await l.guestAddress();
        // Healthy control first: this backend's own NAT rule reads as present.
        const healthy = hostDiagnose(l, vmIp);
        expect(healthy.ids).toEqual([]);
        expect(healthy.report.checks.find((k: { id: string }) => k.id === `nat-rules:${l.bridge}`)?.status).toBe('pass');
        expect(await guestReachesInternet(l)).toBe(true);
        await HOST_FAULTS[c.fault]?.(l);
        expect(await guestReachesInternet(l)).toBe(false);
        const broken = hostDiagnose(l, vmIp);
        expect(broken.ids[0]).toBe('NAT_SERVICE_STOPPED');
        const finding = broken.report.findings[0];
        expect(finding.params).toMatchObject({
          natRulesMissing: `${l.subnet}.0/24`,
          natBackend: c.tool === 'nft' ? null : c.tool,
        });
        if (c.orphaned) expect(finding.params.orphanedIn).toMatch(c.orphaned);
        else expect(finding.params.orphanedIn).toBeNull();
        const offer = finding.offers.find((o: { fix: string }) => o.fix === 'linux.restore-masquerade');
        const params = Object.entries(offer.params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
        const dry = cliIn(l.ns.host, l.dir, 'fix', 'linux.restore-masquerade', ...params, '--dry-run', '--json').json();
        expect(dry.steps.at(-1)).toMatch(new RegExp(`^${c.tool} `));
        const applied = cliIn(l.ns.host, l.dir, 'fix', 'linux.restore-masquerade', ...params, '--yes', '--json');
        expect(applied.json().status, applied.stdout + applied.stderr).toBe('verified');
        expect(hostDiagnose(l, vmIp).ids).toEqual([]);
        expect(await guestReachesInternet(l)).toBe(true);
        const undone = cliIn(l.ns.host, l.dir, 'undo', '--last', '--json');
        expect(undone.status, undone.stderr).toBe(0);
        expect(hostDiagnose(l, vmIp).ids[0]).toBe('NAT_SERVICE_STOPPED');
      }),
    120_000,
  );
});
