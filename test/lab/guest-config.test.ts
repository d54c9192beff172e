/**
 * guest.config applied for real (ifupdown, as on Debian and Ubuntu 16.04): written into the guest
 * namespace's own /etc/network, brought up with ifup, verified, undone — and a configuration that
 * does not work is rolled back by itself, in the spirit of `netplan try`.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { VmwareNatLab } from '../../lab/lab.ts';
import { cliIn, guestDiagnose, inject, labAvailable, labPerTest } from './helpers.ts';

const runLab = labAvailable();
const newLab = labPerTest(() => new VmwareNatLab());
// ifupdown keeps its state in /run/network, which namespaces share: leave none behind.
afterEach(() => {
  rmSync('/run/network/ifstate.ens33', { force: true });
});

async function ifupdownGuest(): Promise<VmwareNatLab> {
  const l = await newLab();
  l.privateEtc(l.ns.guest, 'network');
  return l;
}
const ours = (l: VmwareNatLab) => `/etc/netns/${l.ns.guest}/network/interfaces.d/vmnet-doctor-${l.guestIf}`;

describe.runIf(runLab)('guest.config with ifupdown, applied for real', () => {
  it('a DHCP configuration replaces a wrong gateway; undo puts the old state back', async () => {
    const l = await ifupdownGuest();
    await inject(l, 'gateway-dot1');
    expect(guestDiagnose(l).ids[0]).toBe('GATEWAY_MISMATCH');

    const fix = [
      'fix',
      'guest.config',
      '--param',
      `interface=${l.guestIf}`,
      '--param',
      'mode=dhcp',
      '--param',
      'flavour=ifupdown',
    ];
    const applied = cliIn(l.ns.guest, l.dir, ...fix, '--yes', '--json');
    expect(applied.json(), applied.stderr).toMatchObject({ status: 'verified' });
    // ens33 was set up by dhclient, not by an ifupdown file: its address is cleared by hand, not by ifdown.
    const log = applied.json().log.join('\n');
    expect(log).toMatch(
      /^done: ip -4 addr flush dev ens33\n^done: cat > \/etc\/network\/interfaces.d\/vmnet-doctor-ens33 <<'EOF'[\s\S]*^done: ifup ens33/m,
    );
    expect(log).not.toMatch(/ifdown/);
    expect(existsSync(ours(l))).toBe(true); // in the guest's /etc/network…
    expect(existsSync('/etc/network/interfaces.d/vmnet-doctor-ens33')).toBe(false); // …not the machine's
    expect(guestDiagnose(l).ids).toEqual([]);

    const undone = cliIn(l.ns.guest, l.dir, 'undo', '--last', '--json');
    expect(undone.json(), undone.stderr).toMatchObject({ status: 'verified' });
    expect(existsSync(ours(l))).toBe(false);
    expect(guestDiagnose(l).ids[0]).toBe('GATEWAY_MISMATCH');
  }, 120_000);

  it('a static configuration whose gateway never answers is rolled back by itself, and the network is as before', async () => {
    const l = await ifupdownGuest();
    const address = await l.guestAddress();
    const applied = cliIn(
      l.ns.guest,
      l.dir,
      'fix',
      'guest.config',
      '--param',
      `interface=${l.guestIf}`,
      '--param',
      'mode=static',
      '--param',
      `address=${address}/24`,
      '--param',
      `gateway=${l.subnet}.77`,
      '--param',
      'flavour=ifupdown',
      '--yes',
      '--json',
    );
    expect(applied.status).toBe(1);
    expect(applied.json()).toMatchObject({ status: 'rolled-back' });
    expect(applied.json().log.join('\n')).toMatch(/verify failed: .*rolling back/);
    expect(existsSync(ours(l))).toBe(false);
    expect(guestDiagnose(l).ids).toEqual([]); // the address and the .2 gateway are back
  }, 120_000);
});
