import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBE_BY_ID } from '../windows/registry/index.ts';
import { parseVmxEthernet, vmxNetworkOf } from './vmx.ts';

// Constructed from the documented keys (probe reference §2.4), not a recorded file.
const VMX = [
  '.encoding = "UTF-8"',
  'displayName = "Ubuntu 22.04"',
  'ethernet0.present = "TRUE"',
  'ethernet0.connectionType = "nat"',
  'ethernet0.addressType = "generated"',
  'ethernet0.generatedAddress = "00:0C:29:3A:5B:7C"',
  'ethernet0.generatedAddressOffset = "0"',
  'ethernet1.present = "TRUE"',
  'ethernet1.connectionType = "custom"',
  'ethernet1.vnet = "VMnet3"',
  'ethernet1.addressType = "static"',
  'ethernet1.address = "00:50:56:01:02:03"',
  'ethernet2.present = "TRUE"',
].join('\r\n');

describe('.vmx network cards', () => {
  it('reads a real .vmx (VMware Server 2, posted by a user): one NAT card with its generated MAC', () => {
    const text = readFileSync(new URL('./fixtures/vmx.winxppro-server2.txt', import.meta.url), 'utf8');
    expect(parseVmxEthernet(text)).toEqual([
      { slot: 0, present: true, connectionType: 'nat', vnet: null, mac: '00:0c:29:d8:f4:63' },
    ]);
  });

  it('reads MAC, connection and network per card, with VMware’s defaults', () => {
    const nics = parseVmxEthernet(VMX);
    expect(nics).toEqual([
      { slot: 0, present: true, connectionType: 'nat', vnet: null, mac: '00:0c:29:3a:5b:7c' },
      { slot: 1, present: true, connectionType: 'custom', vnet: 'VMnet3', mac: '00:50:56:01:02:03' },
      { slot: 2, present: true, connectionType: 'bridged', vnet: null, mac: null }, // not generated yet
    ]);
    expect(nics.map(vmxNetworkOf)).toEqual(['VMnet8', 'VMnet3', 'VMnet0']);
    expect(vmxNetworkOf({ slot: 0, present: true, connectionType: 'custom', vnet: '/dev/vmnet8', mac: null })).toBe('VMnet8');
  });

  it('skips what it does not know, and never throws', () => {
    for (const junk of [
      '',
      '\u0000',
      'ethernet0.present',
      'ethernet99999.present = "TRUE"',
      'ethernet0.generatedAddress = "zz"',
    ]) {
      expect(() => parseVmxEthernet(junk)).not.toThrow();
    }
    expect(parseVmxEthernet('ethernet0.generatedAddress = "zz"')[0]?.mac).toBeNull();
  });
});

describe('the Windows probe that sends the .vmx lines', () => {
  it('keeps exactly the lines this parser reads', () => {
    const filter = /-match '([^']+)'/.exec(PROBE_BY_ID['vmware-guests'].script)?.[1] ?? '';
    expect(filter).toBe('^\\s*ethernet\\d+\\.');
    const kept = VMX.split('\r\n').filter((l) => new RegExp(filter).test(l));
    expect(parseVmxEthernet(kept.join('\n'))).toEqual(parseVmxEthernet(VMX));
    expect(kept.some((l) => l.startsWith('displayName'))).toBe(false);
  });
});
