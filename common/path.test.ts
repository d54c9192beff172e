import { describe, expect, it } from 'vitest';
import { handFinding } from '../test/judged-report.ts';
import type { Check, Finding, Symptom } from './domain.ts';
import { judge, type PathScope, pathHops, UNSCOPED } from './path.ts';

const check = (id: string, status: Check['status'], evidence?: Record<string, unknown>): Check => ({
  id,
  title: id,
  status,
  ...(evidence ? { evidence } : {}),
});
const found = (
  id: Finding['id'],
  params: Record<string, unknown> = {},
  severity: Finding['severity'] = 'error',
  subject?: string,
) =>
  handFinding({
    id,
    severity,
    title: id,
    detail: '',
    params: params as Finding['params'],
    evidence: {},
    fixes: [],
    offers: [],
    ...(subject ? { subject } : {}),
  });
const ON_VMNET8: PathScope = { networks: ['VMnet1', 'VMnet8'], used: ['VMnet8'], vmAddressKnown: true };
const run = (symptom: Symptom, checks: Check[], findings: Finding[], scope: PathScope = ON_VMNET8) =>
  judge(symptom, checks, findings, scope);

describe('the symptom’s path', () => {
  it('lists the hops a packet meets, and drops DHCP once the VM’s address is known', () => {
    expect(pathHops('vm-cannot-ping-host', UNSCOPED)).toEqual([
      'vm-nic',
      'vm-network',
      'dhcp',
      'vm-address',
      'vm-route',
      'host-adapter',
      'host-firewall',
    ]);
    expect(pathHops('vm-cannot-ping-host', ON_VMNET8)).not.toContain('dhcp');
    // The question is the address itself: DHCP stays.
    expect(pathHops('vm-no-ip', ON_VMNET8)).toContain('dhcp');
  });
});

describe('the verdict is the first broken hop of the path', () => {
  it('an idle VMnet1 without an address is "also found"; the VM’s own VMnet8 firewall is the verdict', () => {
    const r = run(
      'vm-cannot-ping-host',
      [check('adapter-address:VMnet1', 'fail'), check('adapter-address:VMnet8', 'pass'), check('host-firewall:VMnet8', 'fail')],
      [
        found('ADAPTER_NO_ADDRESS', {}, 'error', 'VMnet1'),
        found('HOST_FIREWALL_BLOCKS_ICMP', { why: 'no-allow-rule', asked: true }, 'error', 'VMnet8'),
      ],
    );
    expect(r.verdict).toMatchObject({ kind: 'cause', finding: 'HOST_FIREWALL_BLOCKS_ICMP', hop: 'host-firewall', index: 0 });
    expect(r.findings.map((f) => [f.id, f.onPath])).toEqual([
      ['HOST_FIREWALL_BLOCKS_ICMP', true],
      ['ADAPTER_NO_ADDRESS', false],
    ]);
    expect(r.path.hops.find((h) => h.hop === 'host-adapter')?.status).toBe('pass');
  });

  it('which VMnet the VM uses unknown: every VM network is on the path, and the earlier hop wins', () => {
    const r = run(
      'vm-cannot-ping-host',
      [],
      [
        found('HOST_FIREWALL_BLOCKS_ICMP', { why: 'no-allow-rule', asked: true }, 'error', 'VMnet8'),
        found('ADAPTER_NO_ADDRESS', {}, 'error', 'VMnet1'),
      ],
      UNSCOPED,
    );
    expect(r.verdict).toMatchObject({ kind: 'cause', finding: 'ADAPTER_NO_ADDRESS', hop: 'host-adapter' });
  });

  it('information is never "the cause": a healthy machine with Hyper-V beside VMware is healthy', () => {
    const r = run(
      'auto',
      [check('adapter-address:VMnet8', 'pass'), check('host-firewall:VMnet8', 'pass'), check('hypervisor-conflict', 'pass')],
      [found('HYPERVISOR_CONFLICT', { conflict: null }, 'info')],
    );
    expect(r.verdict).toEqual({ kind: 'healthy' });
    expect(r.findings[0]?.onPath).toBe(true);
  });

  it('information that answers the symptom as designed is the verdict, said "by design"', () => {
    const r = run('host-cannot-reach-vm', [], [found('PORT_FORWARD_NEEDED', {}, 'info')], UNSCOPED);
    expect(r.verdict).toMatchObject({ kind: 'by-design', finding: 'PORT_FORWARD_NEEDED', hop: 'vm-network' });
  });

  it('a host-only network without a gateway is off the path of "the host can’t reach the VM’s web server"', () => {
    const r = run(
      'host-cannot-reach-vm',
      [check('guest-firewall', 'fail'), check('service', 'fail')],
      [found('NO_DEFAULT_ROUTE', { hostOnly: false }, 'error'), found('GUEST_FIREWALL_BLOCKS_PORT', {}, 'error')],
      UNSCOPED,
    );
    expect(r.verdict).toMatchObject({ kind: 'cause', finding: 'GUEST_FIREWALL_BLOCKS_PORT' });
    expect(r.findings.find((f) => f.id === 'NO_DEFAULT_ROUTE')?.onPath).toBe(false);
  });
});

describe('unknown on the path is never green', () => {
  it('the firewall of the VM’s adapter unread: the verdict says so, and how to learn it', () => {
    const r = run(
      'vm-cannot-ping-host',
      [
        check('adapter-address:VMnet8', 'pass'),
        check('host-firewall:VMnet8', 'unknown', { reason: 'firewall-unknown' }),
        check('network-profile:VMnet8', 'unknown'),
      ],
      [],
    );
    expect(r.verdict).toEqual({
      kind: 'unknown',
      hop: 'host-firewall',
      check: 'host-firewall:VMnet8',
      learn: 'firewall-unknown',
      failed: false,
    });
  });

  it('an unknown off the path (VMnet1’s firewall) leaves the verdict healthy', () => {
    const r = run(
      'vm-cannot-ping-host',
      [check('host-firewall:VMnet1', 'unknown', { reason: 'firewall-unknown' }), check('host-firewall:VMnet8', 'pass')],
      [],
    );
    expect(r.verdict).toEqual({ kind: 'healthy' });
  });

  it('a skip that means "could not tell" (no host address) is unknown; one that means "does not apply" is not', () => {
    const unknown = run('vm-cannot-ping-host', [check('host', 'skip', { reason: 'host-unknown' })], [], UNSCOPED);
    expect(unknown.verdict).toMatchObject({ kind: 'unknown', hop: 'host-adapter', learn: 'host-unknown' });
    const hostOnly = run(
      'vm-no-internet',
      [check('gateway', 'skip', { reason: 'host-only' }), check('link', 'pass')],
      [],
      UNSCOPED,
    );
    expect(hostOnly.verdict).toEqual({ kind: 'healthy' });
  });

  it('an answer proves the hops it crossed: a host that answers makes an undecided clone check moot', () => {
    const r = run(
      'vm-cannot-ping-host',
      [check('duplicate-mac', 'unknown', { reason: 'no-mac-link-local' }), check('host', 'pass')],
      [],
      UNSCOPED,
    );
    expect(r.path.hops.find((h) => h.hop === 'vm-network')?.status).toBe('pass');
    expect(r.verdict).toEqual({ kind: 'healthy' });
  });

  it('a failed check with no finding to explain it is said as undetermined, not healthy', () => {
    const r = run('host-cannot-reach-vm', [check('vm-answers', 'fail')], [], UNSCOPED);
    expect(r.verdict).toMatchObject({ kind: 'unknown', check: 'vm-answers', failed: true });
  });
});
