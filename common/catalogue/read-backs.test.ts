/**
 * Every read-back a fix can give, in each of its outcomes, in all three languages: Chinese without
 * English prose (names, addresses and commands aside), and no parameter left unrendered.
 */
import { describe, expect, it } from 'vitest';
import { englishProse, stringsIn } from '../../test/i18n/english-prose.ts';
import { UI_LANGUAGES } from '../domain.ts';
import { READ_BACKS, type ReadBackId, type ReadBackParams, readBack, readBackText } from './read-backs.ts';

/** Each read-back's outcomes (typed: a new read-back without examples does not compile). */
const EXAMPLES: { [K in ReadBackId]: Array<ReadBackParams<K>> } = {
  'link-state': [
    { device: 'ens33', state: 'up' },
    { device: 'ens33', state: 'missing' },
  ],
  'link-addresses': [
    { device: 'ens33', addresses: ['192.168.37.128'] },
    { device: 'ens33', addresses: [] },
  ],
  'default-route': [
    { via: '192.168.37.2', gateway: '192.168.37.2', answers: true },
    { via: null, gateway: '192.168.37.2', answers: false },
  ],
  'bridge-port': [
    { device: 'enp3s0', bridge: 'br0', state: 'up' },
    { device: 'enp3s0', bridge: null, state: 'down' },
  ],
  'mac-state': [
    { device: 'ens33', mac: '00:0c:29:aa:bb:cc', state: 'up', duplicated: [] },
    { device: 'ens33', mac: null, state: 'missing', duplicated: ['fe80::1'] },
  ],
  'mtu-state': [
    { device: 'ens33', mtu: 1500, size: 1500, target: '192.168.37.2', passes: true },
    { device: 'ens33', mtu: null, size: 1400, target: null, passes: false },
  ],
  'vpn-route': [
    { rule: 100, routes: [], gone: true, target: '192.168.37.1', via: 'ens33' },
    { rule: null, routes: ['192.168.37.0/24'], gone: false, target: null, via: null },
  ],
  'guest-configured': [
    { device: 'ens33', gateway: '192.168.37.2', ok: true },
    { device: 'ens33', gateway: null, ok: false },
  ],
  'ip-forward': [{ value: '1' }, { value: '0' }],
  'ssh-listens': [{ listens: true }, { listens: false }],
  'libvirt-network': [
    { network: 'default', active: true },
    { network: 'default', active: false },
  ],
  'dhcp-listens': [
    { bridge: 'virbr0', listens: true },
    { bridge: 'virbr0', listens: false },
  ],
  masquerade: [
    { subnet: '192.168.122.0/24', ok: true },
    { subnet: '192.168.122.0/24', ok: false },
  ],
  'dns-server': [
    { server: '192.168.37.2', answers: true },
    { server: '192.168.37.2', answers: false },
  ],
  'dns-name': [
    { name: 'www.microsoft.com', server: '192.168.37.2', direct: true, system: true },
    { name: 'www.microsoft.com', server: '192.168.37.2', direct: false, system: false },
  ],
  'firewall-passes': [
    { what: 'echo', port: null, rules: [], readable: true },
    { what: 'port', port: 22, rules: ['inet filter input: tcp dport 22 accept'], readable: true },
    { what: 'forward', port: null, rules: [], readable: true },
    { what: 'echo', port: null, rules: [], readable: false },
  ],
  'adapter-enabled': [
    { adapter: 'VMware Network Adapter VMnet8', enabled: true },
    { adapter: 'VMware Network Adapter VMnet8', enabled: false },
  ],
  'adapter-address': [
    { adapter: 'VMware Network Adapter VMnet8', addresses: ['192.168.37.1'] },
    { adapter: 'VMware Network Adapter VMnet8', addresses: [] },
  ],
  'service-running': [
    { service: 'VMware NAT Service', running: true },
    { service: 'VMnetDHCP', running: false },
  ],
  'firewall-rule': [
    { name: 'VMnetDoctor-ICMPv4-192.168.37.0-24', inPlace: true },
    { name: 'VMnetDoctor-ICMPv4-192.168.37.0-24', inPlace: false },
  ],
  'adapter-profile': [
    { adapter: 'VMware Network Adapter VMnet8', endpoint: 1, category: 'Private' },
    { adapter: 'VMware Network Adapter VMnet8', endpoint: null, category: null },
  ],
  'vmware-networks-back': [{ missing: [] }, { missing: ['vmnetnat.conf', 'VMnet8'] }],
  'vmnet-adapter': [
    { vmnet: 'VMnet8', exists: true },
    { vmnet: 'VMnet8', exists: false },
  ],
  'vmnet-address': [
    { vmnet: 'VMnet8', addresses: ['192.168.37.1'], subnet: '192.168.37.0/24', inSubnet: true },
    { vmnet: 'VMnet8', addresses: ['192.168.50.1'], subnet: '192.168.37.0/24', inSubnet: false },
  ],
  'vmnet-subnet': [
    { vmnet: 'VMnet8', subnet: '192.168.38.0/24', changed: ['adapter', 'registry', 'dhcp-conf'] },
    { vmnet: 'VMnet8', subnet: '192.168.38.0/24', changed: ['adapter'] },
    { vmnet: 'VMnet8', subnet: '192.168.38.0/24', changed: [] },
  ],
  'vbox-cable': [
    { vm: 'ubuntu-2204', nic: '1', connected: true },
    { vm: 'ubuntu-2204', nic: '1', connected: false },
  ],
  'port-forward': [
    { rule: 'vmnetdoctor-22,tcp,127.0.0.1,2222,,22', configured: true },
    { rule: 'vmnetdoctor-22', configured: false },
  ],
  'hostonly-address': [
    { adapter: 'VirtualBox Host-Only Ethernet Adapter', address: '192.168.56.1', has: true },
    { adapter: 'VirtualBox Host-Only Ethernet Adapter', address: '192.168.56.1', has: false },
  ],
  'vbox-mac': [
    { nic: '1', now: '080027AABBCC', was: '080027465C5B' },
    { nic: '1', now: null, was: '080027465C5B' },
  ],
  binding: [
    { item: 'VMware Bridge Protocol', adapter: 'Ethernet', enabled: true },
    { item: 'VirtualBox NDIS6 Bridged Networking Driver', adapter: 'Ethernet', enabled: false },
  ],
  'bridge-moved': [
    { exclude: 'vEthernet (Default Switch)', adapter: 'Ethernet', offThere: true, onHere: true },
    { exclude: 'vEthernet (Default Switch)', adapter: 'Ethernet', offThere: false, onHere: false },
  ],
  'driver-state': [
    { driver: 'VMnetBridge', state: 'Running' },
    { driver: 'VMnetBridge', state: null },
  ],
  'undo-restored': [{}],
  'undo-incomplete': [{}],
  'interrupted-rolled-back': [{ fix: 'guest.dhcp-renew', journalId: '20261205-231200-ab12' }],
};

const cases = (Object.keys(READ_BACKS) as ReadBackId[]).flatMap((id) =>
  (EXAMPLES[id] as Array<ReadBackParams<typeof id>>).map((params, i) => ({
    name: `${id} #${i + 1}`,
    rb: readBack(id, params as never),
  })),
);

describe('what a fix reads back, in words', () => {
  it.each(cases)('$name: in three languages, Chinese without English prose', ({ rb }) => {
    const en = readBackText(rb, 'en');
    for (const lang of UI_LANGUAGES) {
      const text = readBackText(rb, lang);
      expect(text).toMatch(/\S/);
      expect(text).not.toMatch(/undefined|\[object |NaN/);
      if (lang === 'en') continue;
      expect(text, lang).not.toBe(en);
      expect(text, lang).toMatch(/[\u4e00-\u9fff]/);
      expect(englishProse(text, stringsIn(rb.params)), `${rb.id} ${lang}: ${text}`).toBeNull();
    }
  });

  it('states and enumerations inside a read-back are in the reader’s words', () => {
    expect(readBackText(readBack('link-state', { device: 'ens33', state: 'missing' }), 'zh-CN')).toBe('ens33：不存在');
    expect(readBackText(readBack('driver-state', { driver: 'VMnetBridge', state: 'Running' }), 'zh-TW')).toBe(
      'VMnetBridge：執行中',
    );
  });
});
