import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runningDhclientFiles } from './dhcp-client.ts';

/** A /proc with processes given as argv and the network namespace each one is in. */
function fakeProc(ours: string, processes: Record<string, { argv: string[]; net: string }>): string {
  const proc = mkdtempSync(join(tmpdir(), 'vd-proc-'));
  mkdirSync(join(proc, 'self/ns'), { recursive: true });
  symlinkSync(ours, join(proc, 'self/ns/net'));
  for (const [pid, p] of Object.entries(processes)) {
    mkdirSync(join(proc, pid, 'ns'), { recursive: true });
    writeFileSync(join(proc, pid, 'cmdline'), `${p.argv.join('\0')}\0`);
    symlinkSync(p.net, join(proc, pid, 'ns/net'));
  }
  return proc;
}

let proc = '';
afterEach(() => rmSync(proc, { recursive: true, force: true }));

describe('renewing one interface through the dhclient that serves it', () => {
  it('takes that dhclient’s own pid and lease files, only in this network namespace', () => {
    proc = fakeProc('net:[1]', {
      '10': { argv: ['dhclient', '-4', '-pf', '/run/other.pid', '-lf', '/var/lib/dhcp/other.leases', 'ens33'], net: 'net:[2]' },
      '11': {
        argv: ['/sbin/dhclient', '-pf', '/run/dhclient.ens34.pid', '-lf', '/var/lib/dhcp/ens34.leases', 'ens34'],
        net: 'net:[1]',
      },
      '12': {
        argv: ['/sbin/dhclient', '-pf', '/run/dhclient.ens33.pid', '-lf', '/var/lib/dhcp/dhclient.ens33.leases', 'ens33'],
        net: 'net:[1]',
      },
    });
    expect(runningDhclientFiles('ens33', proc)).toEqual({
      pf: '/run/dhclient.ens33.pid',
      lf: '/var/lib/dhcp/dhclient.ens33.leases',
    });
    expect(runningDhclientFiles('ens35', proc)).toBeNull();
  });

  it('ignores files it could not pass on safely', () => {
    proc = fakeProc('net:[1]', {
      '12': { argv: ['dhclient', '-pf', '/run/../etc/x.pid', '-lf', '/var/lib/dhcp/x.leases', 'ens33'], net: 'net:[1]' },
      '13': { argv: ['dhclient', '-pf', 'relative.pid', '-lf', '/var/lib/dhcp/x.leases', 'ens33'], net: 'net:[1]' },
    });
    expect(runningDhclientFiles('ens33', proc)).toBeNull();
  });
});
