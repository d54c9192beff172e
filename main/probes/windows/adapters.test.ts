import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWindowsAdapters } from './adapters.ts';

// Shaped after the documented Get-NetAdapter / Get-NetIPAddress members (probe-reference §1.1–1.2)
// as our script projects them; NOT a recording from a Windows machine (see fixtures/README.md).
const doc = JSON.parse(readFileSync(new URL('./fixtures/adapters.documented-shape.json', import.meta.url), 'utf8'));

describe('parseWindowsAdapters', () => {
  it('joins addresses to adapters and classifies them', () => {
    const r = parseWindowsAdapters(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const vmnet8 = r.value.find((a) => a.name === 'VMware Network Adapter VMnet8');
    expect(vmnet8).toMatchObject({
      category: 'vmware',
      vmnet: 'VMnet8',
      state: 'up',
      mac: '00:50:56:c0:00:08',
      ipv4: [{ address: '192.168.37.1', prefixLength: 24, mask: '255.255.255.0' }],
      ipv6: ['fe80::1c4b:2a1e:8d3f:4e21'],
    });
    expect(r.value.find((a) => a.name === 'VMware Network Adapter VMnet1')?.state).toBe('disabled');
    expect(r.value.find((a) => a.name === 'vEthernet (Default Switch)')?.category).toBe('hyper-v');
    expect(r.value.find((a) => a.name === 'vEthernet (WSL (Hyper-V firewall))')?.category).toBe('wsl');
    expect(r.value.find((a) => a.name === 'Local Area Connection* 1')?.category).toBe('wifi-direct');
    expect(r.value.find((a) => a.name === 'WLAN')).toMatchObject({ category: 'physical-wifi', state: 'down' });
    expect(r.value.find((a) => a.name === 'Ethernet')).toMatchObject({ relevance: 'host-uplink', gateways: ['192.168.1.1'] });
    expect(vmnet8?.gateways).toEqual([]); // the on-link 0.0.0.0 route is not a gateway
    expect(r.value.find((a) => a.name === 'VMware Network Adapter VMnet1')?.explanation.en).toMatch(/disabled/);
  });

  it('accepts a single adapter serialised as an object (PowerShell 5.1 without @())', () => {
    const r = parseWindowsAdapters({ adapters: doc.adapters[0], addresses: null });
    expect(r.ok && r.value).toHaveLength(1);
  });

  it('a real recording: a Duplicate static address beside its 169.254 fallback is not an address (only Preferred ones are)', () => {
    // Format-List output of Get-NetIPAddress → the rows ADAPTERS_SCRIPT emits (same members, as strings).
    const text = readFileSync(new URL('./fixtures/get-netipaddress.duplicate-apipa.recorded.txt', import.meta.url), 'utf8');
    const rows = text
      .split(/\r?\n\s*\r?\n/)
      .map((block) => Object.fromEntries(block.split(/\r?\n/).map((l) => l.split(/\s+:\s+/, 2).map((v) => v.trim()))));
    const addresses = rows.map((r) => ({
      ifIndex: Number(r.InterfaceIndex),
      IPAddress: r.IPAddress,
      PrefixLength: Number(r.PrefixLength),
      AddressFamily: r.AddressFamily,
      AddressState: r.AddressState,
      PrefixOrigin: r.PrefixOrigin,
      SuffixOrigin: r.SuffixOrigin,
    }));
    const r = parseWindowsAdapters({
      adapters: [
        { Name: '以太网 2', InterfaceDescription: 'Intel(R) Ethernet Connection', ifIndex: 12, MacAddress: '', Status: 'Up' },
      ],
      addresses,
    });
    expect(r.ok && r.value[0]).toMatchObject({
      ipv4: [{ address: '169.254.241.18', prefixLength: 16 }],
      ipv4Unusable: [{ address: '10.3.7.253', prefixLength: 24, state: 'Duplicate', origin: 'Manual', suffixOrigin: 'Manual' }],
    });
  });

  it('reports unexpected data as an error', () => {
    expect(parseWindowsAdapters({ adapters: [{ Name: 5 }] }).ok).toBe(false);
    expect(parseWindowsAdapters(null).ok).toBe(false);
  });
});
