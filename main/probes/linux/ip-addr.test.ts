import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainLiveAdapters, parseDefaultRoutes, parseIpAddrJson } from './ip-addr.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseIpAddrJson on recorded output', () => {
  it('reads the lab namespace recording', () => {
    const r = parseIpAddrJson(fixture('ip-d-j-addr.lab.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const gateways = parseDefaultRoutes(fixture('ip-j-route-default.lab.json'));
    const byName = Object.fromEntries(explainLiveAdapters(r.value, gateways).map((a) => [a.name, a]));
    expect(Object.keys(byName)).toEqual(['lo', 'vmnet8', 'vm-port0', 'ens33', 'tun0']);
    expect(byName.lo).toMatchObject({
      category: 'loopback',
      state: 'up',
      mac: null,
      ipv4: [{ address: '127.0.0.1', prefixLength: 8, mask: '255.0.0.0' }],
    });
    expect(byName.vmnet8).toMatchObject({ kind: 'bridge', category: 'vmware', vmnet: 'VMnet8', state: 'up' });
    expect(byName.vmnet8?.ipv4).toEqual([{ address: '192.168.37.1', prefixLength: 24, mask: '255.255.255.0' }]);
    expect(byName.ens33).toMatchObject({
      kind: 'veth',
      mac: '00:0c:29:3a:5b:7c',
      macVendor: 'VMware',
      index: expect.any(Number),
      gateways: ['192.168.37.2'],
    });
    expect(byName.vmnet8?.explanation.en).toContain('gateway and DNS must be 192.168.37.2');
    expect(byName.ens33?.ipv6).toEqual(['fe80::20c:29ff:fe3a:5b7c']);
    expect(byName.tun0).toMatchObject({ kind: 'tun', category: 'vpn', state: 'disabled', ipv4: [] });
  });

  it('reads the IPv6 addresses duplicate address detection failed on (a clone with our MAC)', () => {
    const parsed = parseIpAddrJson(fixture('ip-d-j-addr.clone-same-mac.lab.json'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const ens33 = parsed.value.find((a) => a.name === 'ens33');
    expect(ens33?.duplicateIpv6).toEqual(['fe80::20c:29ff:fe98:ce1c']);
    expect(ens33?.mac).toBe('00:0c:29:98:ce:1c');
    expect(ens33?.ipv4[0]?.dynamic).toBe(true); // leased by dhclient
    // Healthy links carry no such list.
    const lab = parseIpAddrJson(fixture('ip-d-j-addr.lab.json'));
    expect(lab.ok && lab.value.every((a) => a.duplicateIpv6 === undefined)).toBe(true);
  });

  it('reads this development machine recording', () => {
    const r = parseIpAddrJson(fixture('ip-d-j-addr.ci-host.json'));
    expect(r.ok && r.value.map((a) => a.name)).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
  });

  it('reads default routes and ignores garbage', () => {
    expect(parseDefaultRoutes(fixture('ip-j-route-default.lab.json'))).toEqual(new Map([['ens33', ['192.168.37.2']]]));
    expect(parseDefaultRoutes('not json').size).toBe(0);
    expect(parseDefaultRoutes('[{"dev": 1}, null, {"dev": "x"}]').size).toBe(0);
  });

  it('returns an error, not an exception, for bad input', () => {
    expect(parseIpAddrJson('')).toEqual({ ok: false, error: { code: 'unreadable', message: expect.stringMatching(/JSON/) } });
    expect(parseIpAddrJson('{"a":1}')).toEqual({
      ok: false,
      error: { code: 'unreadable', message: expect.stringMatching(/list/) },
    });
    const r = parseIpAddrJson('[null, 3, {"ifname": "x", "flags": "UP", "addr_info": {}}]');
    expect(r.ok && r.value.map((a) => [a.name, a.state])).toEqual([['x', 'disabled']]);
    expect(r.ok && r.warnings.length).toBe(2);
  });
});
