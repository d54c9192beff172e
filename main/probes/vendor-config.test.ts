import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHostOnlyIfs, parseMachineReadable } from './virtualbox/vboxmanage.ts';
import { parseVmnetDhcpConf, parseVmnetNatConf } from './vmware/vmnet-config.ts';

const fixture = (dir: string, name: string) => readFileSync(new URL(`./${dir}/fixtures/${name}`, import.meta.url), 'utf8');

describe('VMware configuration (real files, fixtures/README.md)', () => {
  it('reads the subnet, range, gateway and DNS of a vmnet8 dhcpd.conf and ties it to VMnet8', () => {
    expect(parseVmnetDhcpConf(fixture('vmware', 'dhcpd.conf.vmnet8-fusion.txt'))).toEqual([
      {
        vmnet: 'VMnet8',
        subnet: { network: '192.168.111.0', prefixLength: 24 },
        range: ['192.168.111.128', '192.168.111.254'],
        routers: '192.168.111.2',
        dnsServers: ['192.168.111.2'],
        hostAddress: '192.168.111.1',
      },
    ]);
  });

  it('ignores inline comments, including ones with Chinese text', () => {
    const [net] = parseVmnetDhcpConf(fixture('vmware', 'dhcpd.conf.vmnet8-commented.txt'));
    expect(net).toMatchObject({ vmnet: 'VMnet8', routers: '172.16.17.2', hostAddress: '172.16.17.1' });
    expect(net?.range).toEqual(['172.16.17.128', '172.16.17.254']);
  });

  it('splits a Windows-style file with two networks (composed: the real VMnet8 file plus a copy renamed to VMnet1)', () => {
    const vmnet8 = fixture('vmware', 'dhcpd.conf.vmnet8-fusion.txt');
    const vmnet1 = vmnet8.replaceAll('192.168.111.', '192.168.80.').replace('host vmnet8', 'host VMnet1');
    const nets = parseVmnetDhcpConf(`${vmnet1}\r\n${vmnet8}`.replace(/\n/g, '\r\n'));
    expect(nets.map((n) => [n.vmnet, n.subnet.network])).toEqual([
      ['VMnet1', '192.168.80.0'],
      ['VMnet8', '192.168.111.0'],
    ]);
  });

  it('reads the NAT device address, its subnet and port forwards of nat.conf', () => {
    const nat = parseVmnetNatConf(fixture('vmware', 'nat.conf.fusion.txt'));
    expect(nat).toEqual({
      natAddress: '192.168.56.2',
      subnet: { network: '192.168.56.0', prefixLength: 24 },
      device: 'vmnet8',
      forwards: [],
    });
    const withForward = parseVmnetNatConf(
      '[host]\nip = 192.168.192.2/24\n[incomingtcp]\n# 22 = x\n8887 = 192.168.192.128:21\nbad = 1.2.3\n',
    );
    expect(withForward.subnet).toEqual({ network: '192.168.192.0', prefixLength: 24 });
    expect(withForward.forwards).toEqual([{ protocol: 'tcp', hostPort: 8887, guestIp: '192.168.192.128', guestPort: 21 }]);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '{{{', 'subnet x netmask y {', '}}}}', '\u0000'.repeat(100), '[host]\nip=999.1.1.1']) {
      expect(() => parseVmnetDhcpConf(text)).not.toThrow();
      expect(() => parseVmnetNatConf(text)).not.toThrow();
    }
  });
});

describe('VBoxManage output (real captures, fixtures/README.md)', () => {
  it('reads a NAT NIC with its port forwards', () => {
    const vm = parseMachineReadable(fixture('virtualbox', 'showvminfo.nat-forwards.txt'));
    expect(vm.state).toBe('running');
    expect(vm.nics).toHaveLength(1);
    expect(vm.nics[0]).toMatchObject({ slot: 1, attachment: 'nat', cableConnected: true, mac: '08:00:27:08:9d:5f' });
    expect(vm.nics[0]?.forwards.map((f) => [f.name, f.hostIp, f.hostPort, f.guestPort])).toEqual([
      ['ssh', '127.0.0.1', 2200, 22],
      ['tcp56790', '', 2201, 56789],
      ['tcp56791', '', 2202, 56787],
    ]);
  });

  it('reads a NAT NIC without forwards', () => {
    const vm = parseMachineReadable(fixture('virtualbox', 'showvminfo.nat-no-forward.txt'));
    expect(vm.nics).toEqual([
      { slot: 1, attachment: 'nat', cableConnected: true, mac: '08:00:27:22:06:65', network: null, forwards: [] },
    ]);
  });

  it('keeps each forward with its own NIC when there are two (indented capture)', () => {
    const vm = parseMachineReadable(fixture('virtualbox', 'showvminfo.nat-and-hostonly.txt'));
    expect(vm.nics.map((n) => [n.slot, n.attachment, n.forwards.length, n.network])).toEqual([
      [1, 'nat', 1, null],
      [2, 'hostonly', 0, 'VirtualBox Host-Only Ethernet Adapter'],
    ]);
  });

  it('reads list hostonlyifs records', () => {
    expect(parseHostOnlyIfs(fixture('virtualbox', 'list-hostonlyifs.reference.txt'))).toEqual([
      { name: 'VirtualBox Host-Only Ethernet Adapter', dhcp: false, address: '192.168.56.1', prefixLength: 24, status: 'Up' },
    ]);
    expect(parseHostOnlyIfs('')).toEqual([]);
  });
});
