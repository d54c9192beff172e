/**
 * A fix's plan reads the state it starts from through the diagnosis's source (issue 25): from a
 * bundle's recording, the preview is the bundle's machine, never this one. The recordings here
 * hold exactly what the probes record (the same argv), with values this machine cannot have.
 */
import { describe, expect, it } from 'vitest';
import { ReplaySource, type SourceRecord } from '../probes/source.ts';
import { describeStep, planFix } from './run-fix.ts';

const ran = (argv: string[], stdout: string, exitCode = 0): SourceRecord => ({
  kind: 'process',
  argv,
  result: { status: exitCode === 0 ? 'ok' : 'exit', argv, exitCode, signal: null, stdout, stderr: '', durationMs: 1 },
});
const file = (path: string, text: string): SourceRecord => ({ kind: 'file', path, read: { status: 'ok', text } });

/** A guest named in no way this machine is: ens33 with MTU 1400 and a DHCP lease. */
const GUEST_LINKS = JSON.stringify([
  {
    ifindex: 2,
    ifname: 'ens33',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1400,
    operstate: 'UP',
    link_type: 'ether',
    address: '00:0c:29:3a:5b:7c',
    addr_info: [{ family: 'inet', local: '192.168.37.130', prefixlen: 24, dynamic: true }],
  },
]);

describe('a plan reads through the source it is given', () => {
  const guest = new ReplaySource([
    ran(['ip', '-d', '-j', 'addr', 'show'], GUEST_LINKS),
    ran(['ip', '-j', 'route', 'show', 'default'], JSON.stringify([{ dst: 'default', gateway: '192.168.37.2', dev: 'ens33' }])),
    ran(['readlink', '/etc/resolv.conf'], '../run/systemd/resolve/stub-resolv.conf\n'),
    file(
      '/etc/resolv.conf',
      '# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\nnameserver 127.0.0.53\n',
    ),
    ran(['systemctl', 'is-active', '--quiet', 'systemd-resolved'], ''),
  ]);

  it('linux.set-mtu: the MTU it puts back is the recorded one, not this machine’s', async () => {
    const planned = await planFix('linux.set-mtu', { interface: 'ens33', mtu: '1300' }, 'linux', guest);
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.plan.summary).toMatchObject({ previous: 1400 });
    expect(planned.value.undo.map(describeStep)).toEqual(['ip link set dev ens33 mtu 1400']);
  });

  it('linux.set-dns: systemd-resolved runs on the recorded guest, so the step is resolvectl (none runs here)', async () => {
    const planned = await planFix('linux.set-dns', { dns: '192.168.37.2', interface: 'ens33' }, 'linux', guest);
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.plan.steps.map(describeStep)).toEqual(['resolvectl dns ens33 192.168.37.2']);
  });

  it('guest.new-mac: the MAC it puts back and the lease it renews are the recording’s', async () => {
    const planned = await planFix('guest.new-mac', { interface: 'ens33' }, 'linux', guest);
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.plan.summary).toMatchObject({ was: '00:0c:29:3a:5b:7c' });
    const undo = planned.value.undo.map(describeStep);
    expect(undo).toContain('ip link set dev ens33 address 00:0c:29:3a:5b:7c');
    // A DHCP address on the recorded NIC: the undo renews its lease with that NIC's own files.
    expect(undo.at(-1)).toMatch(
      /^dhclient -4 -1 -pf \/run\/dhclient\.ens33\.pid -lf \/var\/lib\/dhcp\/dhclient\.ens33\.leases ens33$/,
    );
  });

  it('what the recording does not hold is not read from this machine: the plan says it cannot be made', async () => {
    const planned = await planFix('linux.set-mtu', { interface: 'lo', mtu: '1300' }, 'linux', new ReplaySource([]));
    expect(planned.ok).toBe(false);
    expect(!planned.ok && planned.error.message).toMatch(/cannot read lo's MTU/);
  });
});
