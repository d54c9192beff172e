import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetList, parseNetXml } from './virsh-parsers.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('virsh outputs (recorded, libvirt test driver)', () => {
  it('net-list --all: active and inactive networks, with autostart', () => {
    expect(parseNetList(fixture('net-list-all.active.test-driver.txt'))).toEqual([
      { name: 'default', active: true, autostart: false },
    ]);
    expect(parseNetList(fixture('net-list-all.after-net-destroy.test-driver.txt'))).toEqual([
      { name: 'default', active: false, autostart: false },
    ]);
    expect(parseNetList(fixture('net-list-all.no-daemon.stderr.txt'))).toEqual([]);
  });

  it('net-dumpxml: bridge, NAT forward and the host address', () => {
    expect(parseNetXml(fixture('net-dumpxml-default.test-driver.xml'))).toEqual({
      bridge: 'virbr0',
      forward: 'nat',
      hostAddress: '192.168.122.1/24',
      dhcp: true,
    });
    expect(parseNetXml("<network><bridge name='virbr9'/><ip address='10.9.0.1' prefix='16'/></network>")).toEqual({
      bridge: 'virbr9',
      forward: null, // isolated
      hostAddress: '10.9.0.1/16',
      dhcp: false,
    });
    // DHCP on the IPv6 <ip> only: the IPv4 network has none.
    expect(
      parseNetXml(
        "<network><ip address='10.9.0.1' prefix='16'></ip><ip family='ipv6' address='fd00::1' prefix='64'><dhcp><range start='fd00::10' end='fd00::ff'/></dhcp></ip></network>",
      ).dhcp,
    ).toBe(false);
  });

  it('never throws on garbage', () => {
    for (const junk of ['', '<', ' Name State\n---\n x y z', '<ip address="1" netmask="255.0.255.0"/>']) {
      expect(() => [parseNetList(junk), parseNetXml(junk)]).not.toThrow();
    }
  });
});
