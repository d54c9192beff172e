/**
 * Fix parameters that once passed and did harm: a port opened to 0.0.0.0/0 and reported as
 * "from 0.0.0.0/0 only", a host address silently widened to 128.0.0.0/1, "x/24/extra" accepted,
 * ping allowed on every profile without asking, impossible gateways, names read as options, and an
 * undo through a bundle-mode harness that changed this machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dispatch, senderMatches } from '../services/dispatch.ts';
import { isNetworkOrBroadcast, vmSubnet, within } from './params.ts';
import * as runFix from './run-fix.ts';
import { planFix } from './run-fix.ts';

const message = async (id: string, params: Record<string, string>, platform?: 'linux' | 'windows') => {
  const r = await planFix(id, params, platform);
  return r.ok ? 'accepted' : r.error.message;
};

describe('firewall openings stay scoped to the VM network', () => {
  it.each([
    ['0.0.0.0/0'],
    ['192.168.77.5/1'],
    ['192.168.77.5/24'],
    ['x/24/extra'],
    ['10.0.0.0/4'],
    ['192.168.37.0/24 '],
    ['-s 0.0.0.0/0'],
  ])('linux.allow-port and linux.allow-icmp refuse subnet=%s', async (subnet) => {
    expect(await message('linux.allow-port', { port: '22', subnet }, 'linux')).toMatch(/invalid parameter subnet/);
    expect(await message('linux.allow-icmp', { subnet }, 'linux')).toMatch(/invalid parameter subnet/);
    expect(await message('host.allow-icmp', { subnet, profile: 'Public' }, 'windows')).toMatch(/invalid parameter subnet/);
  });

  it('a canonical network wider than every network of this machine needs --allow-wide', async () => {
    // 100.64.0.0/10 (shared address space) holds none of this test machine's addresses.
    expect(await message('linux.allow-icmp', { subnet: '100.64.0.0/10' }, 'linux')).toMatch(/--allow-wide/);
    expect(await message('linux.allow-icmp', { subnet: '100.64.0.0/10', allowWide: 'yes' }, 'linux')).not.toMatch(/--allow-wide/);
  });

  it('host.allow-icmp on every profile ("Any") needs --allow-wide; one named profile does not', async () => {
    expect(await message('host.allow-icmp', { subnet: '192.168.37.0/24', profile: 'Any' }, 'windows')).toMatch(/profile Any/);
    expect(await message('host.allow-icmp', { subnet: '192.168.37.0/24', profile: 'Any', allowWide: 'yes' }, 'windows')).toBe(
      'accepted',
    );
    expect(await message('host.allow-icmp', { subnet: '192.168.37.0/24', profile: 'Public' }, 'windows')).toBe('accepted');
    expect(await message('host.allow-icmp', { subnet: '192.168.37.0/24' }, 'windows')).toMatch(/profile/);
  });

  it('the schema helpers mean what they say', () => {
    expect(vmSubnet.safeParse('192.168.37.0/24').success).toBe(true);
    expect(vmSubnet.safeParse('10.0.0.0/8').success).toBe(true);
    expect(within({ network: '192.168.37.0', prefixLength: 25 }, { network: '192.168.37.0', prefixLength: 24 })).toBe(true);
    expect(within({ network: '192.168.0.0', prefixLength: 16 }, { network: '192.168.37.0', prefixLength: 24 })).toBe(false);
    expect(isNetworkOrBroadcast('192.168.37.0', { network: '192.168.37.0', prefixLength: 24 })).toBe(true);
    expect(isNetworkOrBroadcast('192.168.37.127', { network: '192.168.37.0', prefixLength: 25 })).toBe(true);
    expect(isNetworkOrBroadcast('192.168.37.2', { network: '192.168.37.0', prefixLength: 24 })).toBe(false);
  });
});

describe('impossible gateways and option-like names are refused', () => {
  it.each([['0.0.0.0'], ['255.255.255.255'], ['224.0.0.1'], ['127.0.0.1']])('linux.set-gateway gateway=%s', async (gateway) => {
    expect(await message('linux.set-gateway', { interface: 'eth0', gateway }, 'linux')).toMatch(/invalid parameter gateway/);
  });

  it('a gateway outside the interface’s own network, or its network address, is refused when planned', async () => {
    // lo carries 127.0.0.1/8 on every Linux machine.
    expect(await message('linux.set-gateway', { interface: 'lo', gateway: '192.168.37.2' }, 'linux')).toMatch(/not a host of lo/);
  });

  it.each([
    ['linux.set-dns', { dns: '192.168.37.2', name: '--help' }],
    ['linux.set-dns', { dns: '192.168.37.2', interface: '-rf' }],
    ['host.start-nat', { network: '--all' }],
    ['linux.link-up', { interface: '--help' }],
  ])('%s refuses %j', async (id, params) => {
    expect(await message(id, params, 'linux')).toMatch(/invalid parameter/);
  });

  it('a VirtualBox VM named like an option never reaches VBoxManage', async () => {
    for (const vm of ['--help', '-v', '--macaddress1']) {
      expect(await message('guest.new-mac', { vm, nic: '1', mac: '080027AABBCC' }, 'windows')).toMatch(/invalid parameter vm/);
      expect(await message('vbox.add-port-forward', { vm, nic: '1', hostPort: '2222', guestPort: '22' }, 'windows')).toMatch(
        /invalid parameter vm/,
      );
    }
  });
});

describe('a bundle-mode app never changes this machine', () => {
  it('fix.undo with a bundle open is refused before any undo runs', async () => {
    const state = mkdtempSync(join(tmpdir(), 'vd-bundle-undo-'));
    const spy = vi.spyOn(runFix, 'undoFix');
    try {
      const url = 'file:///app/index.html';
      const r = await dispatch(
        { senderUrl: url, operation: 'fix.undo', params: { journalId: '20261204T000000-aaaaaa' } },
        senderMatches(url),
        { shell: 'harness', emit: () => {}, bundleDir: state },
      );
      expect(r.ok ? 'undone' : r.error.code).toBe('unavailable');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      rmSync(state, { recursive: true, force: true });
    }
  });
});

describe('a service whose start type is Disabled', () => {
  it('is set to Automatic before it is started, and Disabled again by undo', async () => {
    const r = await planFix('host.start-nat', { previous: 'Stopped', startType: 'Disabled' }, 'windows');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.plan.steps.map((s) => (s.kind === 'powershell' ? s.display : ''))).toEqual([
      "Set-Service -Name 'VMware NAT Service' -StartupType Automatic",
      "Start-Service -Name 'VMware NAT Service'",
    ]);
    expect(r.value.undo.map((s) => (s.kind === 'powershell' ? s.display : ''))).toEqual([
      "Stop-Service -Name 'VMware NAT Service' -Force",
      "Set-Service -Name 'VMware NAT Service' -StartupType Disabled",
    ]);
    const plain = await planFix('host.start-dhcp', { previous: 'Stopped', startType: 'Automatic' }, 'windows');
    expect(plain.ok && plain.value.plan.steps.length).toBe(1);
  });
});
