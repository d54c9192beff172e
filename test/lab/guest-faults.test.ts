/**
 * The engine against real broken networks: for each named fault, the guest's `diagnose` must
 * put the right finding first with evidence; the offered fix must clear it; undo must bring it
 * back. Packets stay inside the lab's namespaces.
 */
import { describe, expect, it } from 'vitest';
import { LAB_DNS_NAME, VmwareNatLab } from '../../lab/lab.ts';
import { guestDiagnose, healAndUndo, inject, labAvailable, labPerTest } from './helpers.ts';

const runLab = labAvailable();
const newLab = labPerTest(() => new VmwareNatLab());
const diagnose = guestDiagnose;

interface FixableFault {
  fault: string;
  finding: string;
  fix: string;
  extraParams?: Record<string, string>;
  diagnoseArgs?: string[];
  /** How the fix's first step must begin: the tool that owns the chain. */
  firstStep?: RegExp;
  /** Pause between looks when the fault takes a moment to show again after undo (IPv6 duplicate detection). */
  settleMs?: number;
}

const FIXABLE: FixableFault[] = [
  { fault: 'interface-down', finding: 'LINK_DOWN', fix: 'linux.link-up' },
  { fault: 'address-lost', finding: 'NO_IPV4', fix: 'linux.dhcp-renew' },
  { fault: 'gateway-dot1', finding: 'GATEWAY_MISMATCH', fix: 'linux.set-gateway' },
  { fault: 'no-default-route', finding: 'NO_DEFAULT_ROUTE', fix: 'linux.set-gateway' },
  { fault: 'nameserver-missing', finding: 'DNS_BROKEN', fix: 'linux.set-dns', extraParams: { name: LAB_DNS_NAME } },
  { fault: 'nameserver-dead', finding: 'DNS_BROKEN', fix: 'linux.set-dns', extraParams: { name: LAB_DNS_NAME } },
  {
    fault: 'guest-firewall-icmp',
    finding: 'GUEST_FIREWALL_BLOCKS_ICMP',
    fix: 'linux.allow-icmp',
    firstStep: /^nft insert rule inet guestfw input /,
  },
  {
    fault: 'guest-firewall-ssh',
    finding: 'GUEST_FIREWALL_BLOCKS_PORT',
    fix: 'linux.allow-port',
    diagnoseArgs: ['--service-port', '22'],
  },
  // ufw builds its rules from jumps into chains of its own (read through iptables-save); it lets
  // ping in by default, so only the port is found — and opened with ufw itself.
  {
    fault: 'guest-ufw-ssh',
    finding: 'GUEST_FIREWALL_BLOCKS_PORT',
    fix: 'linux.allow-port',
    diagnoseArgs: ['--service-port', '22'],
    firstStep: /^ufw allow from \S+ to any port 22 proto tcp$/, // a rule of ufw's own, which survives its reloads
  },
  { fault: 'clone-same-mac', finding: 'DUPLICATE_MAC', fix: 'guest.new-mac', settleMs: 1500 },
  {
    fault: 'guest-firewall-legacy-icmp',
    finding: 'GUEST_FIREWALL_BLOCKS_ICMP',
    fix: 'linux.allow-icmp',
    firstStep: /^iptables-legacy -t filter -I INPUT 1 -s \S+ -p icmp --icmp-type echo-request /,
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
    '$fault: finds $finding first, $fix clears it, undo brings it back',
    async (fault) => {
      const l = await newLab();
      await inject(l, fault.fault);
      const { broken, dry } = await healAndUndo(l, fault);
      expect(broken.status).toBe(fault.finding === 'GUEST_FIREWALL_BLOCKS_ICMP' ? 0 : 1);
      expect(Object.keys(broken.report.findings[0].evidence).length).toBeGreaterThan(0);
      if (fault.firstStep) expect(dry.steps[0]).toMatch(fault.firstStep);
    },
    120_000,
  );
});
