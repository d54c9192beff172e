/**
 * The engine against real broken networks: for each named fault, the guest's `diagnose` must
 * put the right finding first with evidence; the offered fix must clear it; undo must bring it
 * back. Packets stay inside the lab's namespaces.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERNET_TARGET, LAB_DNS_NAME, VmwareNatLab } from '../../lab/lab.ts';
import { cliIn, labAvailable } from './helpers.ts';

const runLab = labAvailable();
let lab: VmwareNatLab | null = null;
afterEach(async () => {
  await lab?.down();
  lab = null;
});

async function newLab(): Promise<VmwareNatLab> {
  lab = new VmwareNatLab();
  await lab.up();
  return lab;
}

function diagnose(l: VmwareNatLab, ...extra: string[]) {
  const r = cliIn(
    l.ns.guest,
    l.dir,
    'diagnose',
    '--json',
    '--internet-target',
    INTERNET_TARGET,
    '--dns-name',
    LAB_DNS_NAME,
    '--host-ip',
    l.hostIp,
    ...extra,
  );
  const report = r.json();
  return { status: r.status, report, ids: report.findings.map((f: { id: string }) => f.id) as string[] };
}

const resolvOf = (l: VmwareNatLab) => `/etc/netns/${l.ns.guest}/resolv.conf`;

interface FixableFault {
  name: string;
  inject: (l: VmwareNatLab) => Promise<void>;
  finding: string;
  fix: string;
  extraParams?: (l: VmwareNatLab) => Record<string, string>;
}

const FIXABLE: FixableFault[] = [
  {
    name: 'interface down',
    inject: (l) => l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down']).then(() => {}),
    finding: 'LINK_DOWN',
    fix: 'linux.link-up',
  },
  {
    name: 'address lost (DHCP lease gone)',
    inject: (l) => l.exec(l.ns.guest, ['ip', '-4', 'addr', 'flush', 'dev', l.guestIf]).then(() => {}),
    finding: 'NO_IPV4',
    fix: 'linux.dhcp-renew',
  },
  {
    name: 'gateway .1 (the host) instead of .2',
    inject: (l) => l.exec(l.ns.guest, ['ip', 'route', 'replace', 'default', 'via', l.hostIp]).then(() => {}),
    finding: 'GATEWAY_MISMATCH',
    fix: 'linux.set-gateway',
  },
  {
    name: 'no default route',
    inject: (l) => l.exec(l.ns.guest, ['ip', 'route', 'del', 'default']).then(() => {}),
    finding: 'NO_DEFAULT_ROUTE',
    fix: 'linux.set-gateway',
  },
  {
    name: 'nameserver missing',
    inject: async (l) => writeFileSync(resolvOf(l), ''),
    finding: 'DNS_BROKEN',
    fix: 'linux.set-dns',
    extraParams: () => ({ name: LAB_DNS_NAME }),
  },
  {
    name: 'nameserver dead',
    inject: async (l) => writeFileSync(resolvOf(l), `nameserver ${l.subnet}.77\n`),
    finding: 'DNS_BROKEN',
    fix: 'linux.set-dns',
    extraParams: () => ({ name: LAB_DNS_NAME }),
  },
  {
    name: 'guest firewall drops ICMP echo',
    inject: (l) =>
      l
        .exec(l.ns.guest, [
          'nft',
          'add table inet guestfw; add chain inet guestfw input { type filter hook input priority 0; policy accept; }; add rule inet guestfw input icmp type echo-request drop',
        ])
        .then(() => {}),
    finding: 'GUEST_FIREWALL_BLOCKS_ICMP',
    fix: 'linux.allow-icmp',
  },
];

describe.runIf(runLab)('lab: VMware NAT network, guest side', () => {
  it('a healthy network has no error finding and every check passes or is skipped', async () => {
    const l = await newLab();
    const { status, report } = diagnose(l);
    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
    expect(report.checks.filter((c: { status: string }) => c.status === 'fail')).toEqual([]);
    expect(report.probes.every((p: { status: string }) => p.status === 'ok')).toBe(true);
  }, 90_000);

  it.each(FIXABLE)(
    '$name: finds $finding first, $fix clears it, undo brings it back',
    async (fault) => {
      const l = await newLab();
      await fault.inject(l);
      const broken = diagnose(l);
      expect(broken.ids[0]).toBe(fault.finding);
      expect(broken.status).toBe(fault.finding === 'GUEST_FIREWALL_BLOCKS_ICMP' ? 0 : 1);
      const finding = broken.report.findings[0];
      expect(finding.fixes).toContain(fault.fix);
      expect(Object.keys(finding.evidence).length).toBeGreaterThan(0);

      const params = { ...finding.fixParams, ...fault.extraParams?.(l) };
      const dry = cliIn(
        l.ns.guest,
        l.dir,
        'fix',
        fault.fix,
        ...Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]),
        '--dry-run',
        '--json',
      );
      expect(dry.status).toBe(0);
      expect(dry.json().steps.length).toBeGreaterThan(0);

      const applied = cliIn(
        l.ns.guest,
        l.dir,
        'fix',
        fault.fix,
        ...Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]),
        '--yes',
        '--json',
      );
      expect(applied.json().status, applied.stdout + applied.stderr).toBe('verified');
      expect(applied.status).toBe(0);
      const healed = diagnose(l);
      expect(healed.ids).toEqual([]);

      const undone = cliIn(l.ns.guest, l.dir, 'undo', '--last', '--json');
      expect(undone.status, undone.stderr).toBe(0);
      expect(diagnose(l).ids[0]).toBe(fault.finding);
    },
    120_000,
  );
});

describe.runIf(runLab)('lab: faults whose fix belongs on the host or in the VM settings', () => {
  it('NAT service stopped: the gateway is silent → NO_INTERNET', async () => {
    const l = await newLab();
    await l.exec(l.ns.nat, ['ip', 'link', 'set', 'nat0', 'down']);
    const { ids, report } = diagnose(l);
    expect(ids[0]).toBe('NO_INTERNET');
    expect(report.findings[0].evidence).toMatchObject({ gateway: l.natIp, gatewayAnswers: false });
  }, 90_000);

  it('host firewall drops ping → HOST_UNREACHABLE with the VM subnet to allow', async () => {
    const l = await newLab();
    await l.exec(l.ns.host, [
      'nft',
      'add table inet hostfw; add chain inet hostfw input { type filter hook input priority 0; policy accept; }; add rule inet hostfw input icmp type echo-request drop',
    ]);
    const { ids, report } = diagnose(l);
    expect(ids[0]).toBe('HOST_UNREACHABLE');
    expect(report.findings[0].fixParams).toEqual({ subnet: `${l.subnet}.0/24` });
  }, 90_000);

  it('static address in the wrong subnet → WRONG_SUBNET', async () => {
    const l = await newLab();
    await l.exec(l.ns.guest, ['ip', '-4', 'addr', 'flush', 'dev', l.guestIf]);
    await l.exec(l.ns.guest, ['ip', 'addr', 'add', '10.99.0.5/24', 'dev', l.guestIf]);
    expect(diagnose(l).ids[0]).toBe('WRONG_SUBNET');
  }, 90_000);

  it('a cloned guest with the same address → DUPLICATE_IP', async () => {
    const l = await newLab();
    const address = await l.guestAddress();
    const clone = `${l.id}-clone`;
    try {
      await runIp(['netns', 'add', clone]);
      await runIp([
        'link',
        'add',
        'ens33',
        'netns',
        clone,
        'address',
        '00:0c:29:aa:bb:cc',
        'type',
        'veth',
        'peer',
        'name',
        'p-clone',
        'netns',
        l.ns.sw,
      ]);
      await l.exec(l.ns.sw, ['ip', 'link', 'set', 'p-clone', 'master', 'br0', 'up']);
      await l.exec(clone, ['ip', 'link', 'set', 'ens33', 'up']);
      await l.exec(clone, ['ip', 'addr', 'add', `${address}/24`, 'dev', 'ens33', 'nodad']);
      const { ids, report } = diagnose(l);
      expect(ids[0]).toBe('DUPLICATE_IP');
      expect(report.findings[0].evidence.answeredBy).toEqual(['00:0c:29:aa:bb:cc']);
    } finally {
      await runIp(['netns', 'del', clone]).catch(() => {});
    }
  }, 90_000);

  it('nothing listens on 22 → SERVICE_NOT_LISTENING for the host-cannot-reach-vm symptom', async () => {
    const l = await newLab();
    const { ids, report } = diagnose(l, '--symptom', 'host-cannot-reach-vm');
    expect(ids).toEqual(['SERVICE_NOT_LISTENING']);
    expect(report.findings[0].fixes).toContain('guest.install-sshd');
  }, 90_000);
});

async function runIp(argv: string[]): Promise<void> {
  const { runProcess } = await import('../../main/runner/process-runner.ts');
  const r = await runProcess('ip', argv, { timeoutMs: 10_000 });
  if (r.status !== 'ok') throw new Error(r.stderr);
}
