import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  flavourFor,
  type GuestNetworkConfig,
  parseOsRelease,
  renderGuestConfig,
  renderIfcfg,
  renderNetplan,
  renderNmKeyfile,
  validateConfig,
} from './guest-config.ts';

const staticCfg: GuestNetworkConfig = {
  interface: 'ens33',
  mac: '00:0c:29:3a:5b:7c',
  mode: 'static',
  address: '192.168.37.130/24',
  gateway: '192.168.37.2',
  dns: ['192.168.37.2'],
};
const os = (id: string, versionId: string, idLike = '') =>
  parseOsRelease(`ID=${id}\nVERSION_ID="${versionId}"\nID_LIKE="${idLike}"\n`);

describe('guest.config renderers', () => {
  it('netplan: default route via the NAT gateway, no deprecated gateway4, matched by MAC', () => {
    const doc = parse(renderNetplan(staticCfg, os('ubuntu', '24.04')).content);
    const eth = doc.network.ethernets.ens33;
    expect(doc.network.version).toBe(2);
    expect(eth).toMatchObject({
      dhcp4: false,
      addresses: ['192.168.37.130/24'],
      routes: [{ to: 'default', via: '192.168.37.2' }],
      nameservers: { addresses: ['192.168.37.2'] },
    });
    expect(eth.match).toEqual({ macaddress: '00:0c:29:3a:5b:7c' });
    expect(renderNetplan(staticCfg, os('ubuntu', '24.04')).content).not.toMatch(/gateway4/);
  });

  it('netplan before 0.103 (Ubuntu 18.04/20.04) gets 0.0.0.0/0 instead of the "default" keyword', () => {
    const doc = parse(renderNetplan(staticCfg, os('ubuntu', '18.04')).content);
    expect(doc.network.ethernets.ens33.routes).toEqual([{ to: '0.0.0.0/0', via: '192.168.37.2' }]);
  });

  it('netplan DHCP uses the MAC as client id, so clones stop sharing a lease', () => {
    const doc = parse(renderNetplan({ ...staticCfg, mode: 'dhcp', dns: [] }, os('ubuntu', '22.04')).content);
    expect(doc.network.ethernets.ens33).toMatchObject({ dhcp4: true, 'dhcp-identifier': 'mac' });
  });

  it('NetworkManager keyfile and ifcfg carry address, gateway and DNS', () => {
    expect(renderNmKeyfile(staticCfg).content).toContain('address1=192.168.37.130/24,192.168.37.2');
    expect(renderNmKeyfile(staticCfg).content).toContain('dns=192.168.37.2;');
    expect(renderNmKeyfile(staticCfg).mode).toBe(0o600);
    const ifcfg = renderIfcfg(staticCfg).content;
    for (const line of [
      'DEVICE=ens33',
      'ONBOOT=yes',
      'BOOTPROTO=none',
      'IPADDR=192.168.37.130',
      'PREFIX=24',
      'GATEWAY=192.168.37.2',
      'DNS1=192.168.37.2',
      'HWADDR=00:0c:29:3a:5b:7c',
    ]) {
      expect(ifcfg).toContain(line);
    }
  });

  it('picks the format each distribution reads', () => {
    const none = { netplan: false, networkManager: false };
    expect(flavourFor(os('ubuntu', '16.04', 'debian'), none)).toBe('ifupdown');
    expect(flavourFor(os('ubuntu', '18.04', 'debian'), none)).toBe('netplan');
    expect(flavourFor(os('debian', '12'), none)).toBe('ifupdown');
    expect(flavourFor(os('centos', '7', 'rhel fedora'), { netplan: false, networkManager: true })).toBe('ifcfg');
    expect(flavourFor(os('rocky', '9.3', 'rhel centos fedora'), { netplan: false, networkManager: true })).toBe('nm-keyfile');
    expect(flavourFor(os('fedora', '40'), { netplan: false, networkManager: true })).toBe('nm-keyfile');
    expect(renderGuestConfig('ifupdown', staticCfg, os('debian', '12')).content).toContain('gateway 192.168.37.2');
  });

  it('refuses values that could smuggle anything into a config file', () => {
    expect(validateConfig({ ...staticCfg, interface: 'ens33\n  dhcp4: true' })).toMatch(/interface/);
    expect(validateConfig({ ...staticCfg, address: '192.168.37.130/24]\nx' })).toMatch(/address/);
    expect(validateConfig({ ...staticCfg, gateway: '1.2.3.4; reboot' })).toMatch(/gateway/);
    expect(validateConfig({ ...staticCfg, dns: ['8.8.8.8', 'evil'] })).toMatch(/dns/);
    expect(validateConfig({ ...staticCfg, mac: '00:0c:29:3a:5b:7c"' })).toMatch(/mac/);
    expect(validateConfig(staticCfg)).toBeNull();
  });
});
