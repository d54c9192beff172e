import { describe, expect, it } from 'vitest';
import { classifyAdapter, virtualNicVendor } from './classify.ts';
import { explainAdapter } from './explain-adapter.ts';

describe('classifyAdapter', () => {
  it.each([
    ['VMware Network Adapter VMnet8', 'VMware Virtual Ethernet Adapter for VMnet8', 'vmware', 'VMnet8'],
    ['VMware Network Adapter VMnet1', 'VMware Virtual Ethernet Adapter for VMnet1', 'vmware', 'VMnet1'],
    ['VirtualBox Host-Only Network #2', 'VirtualBox Host-Only Ethernet Adapter #2', 'virtualbox', null],
    ['vEthernet (Default Switch)', 'Hyper-V Virtual Ethernet Adapter', 'hyper-v', null],
    ['vEthernet (WSL)', 'Hyper-V Virtual Ethernet Adapter #3', 'wsl', null],
    ['vEthernet (DockerNAT)', 'Hyper-V Virtual Ethernet Adapter #2', 'docker', null],
    ['Local Area Connection* 2', 'Microsoft Wi-Fi Direct Virtual Adapter #2', 'wifi-direct', null],
    ['Bluetooth Network Connection', 'Bluetooth Device (Personal Area Network)', 'bluetooth', null],
    ['Ethernet 3', 'TAP-Windows Adapter V9', 'vpn', null],
    ['Tailscale', 'Tailscale Tunnel', 'vpn', null],
    // OpenVPN's TAP driver under its old and new names, and by its hardware id.
    ['Local Area Connection 2', 'TAP-Win32 Adapter V9', 'vpn', null],
    ['Ethernet 2', 'TAP-Windows Adapter V9 #2', 'vpn', null],
    ['Ethernet 4', 'tap0901', 'vpn', null],
    ['Teredo Tunneling Pseudo-Interface', 'Microsoft Teredo Tunneling Adapter', 'tunnel', null],
    ['Npcap Loopback Adapter', 'Npcap Loopback Adapter', 'loopback', null],
    ['WLAN', 'Intel(R) Wi-Fi 6 AX201 160MHz', 'physical-wifi', null],
    ['以太网', 'Realtek PCIe GbE Family Controller', 'physical-ethernet', null],
    ['Ethernet', 'Intel(R) Ethernet Connection (7) I219-V', 'physical-ethernet', null],
    ['Ethernet 2', 'Killer E2600 Gigabit Ethernet Controller', 'physical-ethernet', null],
    ['Ethernet 3', 'Marvell AQtion 10Gbit Network Adapter', 'physical-ethernet', null],
    ['Ethernet 4', 'Mellanox ConnectX-4 Lx Ethernet Adapter', 'physical-ethernet', null],
    ['Wi-Fi', 'Killer(R) Wi-Fi 6 AX1650i 160MHz Wireless Network Adapter (201NGW)', 'physical-wifi', null],
    ['Wi-Fi', 'Qualcomm Atheros QCA61x4A Wireless Network Adapter', 'physical-wifi', null],
    ['WLAN', 'MediaTek Wi-Fi 6 MT7921 Wireless LAN Card', 'physical-wifi', null],
    ['Wi-Fi', 'Broadcom 802.11ac Network Adapter', 'physical-wifi', null],
    ['Ethernet 5', 'Remote NDIS based Internet Sharing Device', 'cellular', null],
    ['Cellular', 'Generic Mobile Broadband Adapter', 'cellular', null],
    ['Ethernet 6', 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64', 'vpn', null],
    ['Ethernet 7', 'Fortinet Virtual Ethernet Adapter (NDIS 6.30)', 'vpn', null],
    ['Ethernet 8', 'PANGP Virtual Ethernet Adapter Secure', 'vpn', null],
    ['Ethernet 9', 'Sangfor SSL VPN CS Support System VNIC', 'vpn', null],
    ['WireGuard', 'WireGuard Tunnel', 'vpn', null],
    ['ZeroTier One [abc]', 'ZeroTier Virtual Port', 'vpn', null],
    ['isatap.{1234}', 'Microsoft ISATAP Adapter #2', 'tunnel', null],
    // Proxy TUN devices and VPNs are VPNs (they capture routes), never tunnels, hypervisors or Ethernet.
    // Descriptions as public code and notes print them: Tailscale's wintun constants ("Wintun
    // Userspace Tunnel"), mihomo's "Meta Tunnel" (Get-NetAdapter on a Clash Verge/Sparkle machine),
    // TUN-detection lists naming sing-box, Xray, Cloudflare WARP and OpenVPN's DCO adapter.
    ['mihomo', 'Meta Tunnel', 'vpn', null],
    ['vpn0', 'Wintun Userspace Tunnel', 'vpn', null],
    ['sing-box', 'sing-box Tunnel', 'vpn', null],
    ['Xray', 'Xray Tunnel', 'vpn', null],
    ['CloudflareWARP', 'Cloudflare WARP Interface Tunnel', 'vpn', null],
    ['OpenVPN Data Channel Offload', 'OpenVPN Data Channel Offload', 'vpn', null],
    // Constructed: a VPN adapter whose vendor also makes a hypervisor is still a VPN.
    ['Ethernet 10', 'VMware SSL VPN Client Virtual Adapter', 'vpn', null],
    ['Ethernet 11', 'Microsoft Hyper-V VPN Virtual Adapter', 'vpn', null],
    ['以太网 3', null, 'physical-ethernet', null],
  ])('%s (%s) → %s', (name, description, category, vmnet) => {
    expect(classifyAdapter({ name, description })).toMatchObject({ category, vmnet });
  });

  it.each([
    ['lo', 'loopback', 'loopback'],
    ['ens33', null, 'physical-ethernet'],
    ['wlp2s0', null, 'physical-wifi'],
    ['vmnet8', 'bridge', 'vmware'],
    ['vboxnet0', null, 'virtualbox'],
    ['docker0', 'bridge', 'docker'],
    ['virbr0', 'bridge', 'other'],
    ['wg0', 'wireguard', 'vpn'],
    ['tun0', 'tun', 'vpn'],
    ['sit0', 'sit', 'tunnel'],
    ['wwan0', null, 'cellular'],
    ['veth1a2b', 'veth', 'other'],
  ])('Linux %s (kind %s) → %s', (name, kind, category) => {
    expect(classifyAdapter({ name, kind }).category).toBe(category);
  });

  it('keeps the Npcap loopback apart from the plain loopback', () => {
    expect(classifyAdapter({ name: 'Npcap Loopback Adapter', description: 'Npcap Loopback Adapter' }).ruleId).toBe('npcap');
  });

  it('explains nothing it cannot match as other', () => {
    expect(classifyAdapter({ name: 'Zork', description: 'Frobnicator 3000' })).toEqual({
      category: 'other',
      vmnet: null,
      ruleId: 'unknown',
    });
  });
});

describe('virtualNicVendor', () => {
  it('knows the hypervisors by MAC prefix in either notation', () => {
    expect(virtualNicVendor('00:0C:29:3A:5B:7C')).toBe('VMware');
    expect(virtualNicVendor('00-50-56-C0-00-08')).toBe('VMware');
    expect(virtualNicVendor('08:00:27:aa:bb:cc')).toBe('VirtualBox');
    expect(virtualNicVendor('52:54:00:12:34:56')).toBe('QEMU/KVM');
    expect(virtualNicVendor('00:15:5d:01:02:03')).toBe('Hyper-V');
    expect(virtualNicVendor('3c:7c:3f:1a:2b:3c')).toBeNull();
    expect(virtualNicVendor(null)).toBeNull();
  });
});

describe('explainAdapter: TAP-Windows', () => {
  const explain = (description: string) =>
    explainAdapter({ name: 'Ethernet 2', description, ipv4: [], gateways: [], disconnected: true });

  it('says a TAP adapter is a VPN card, not a network card of this computer, in three languages', () => {
    const e = explain('TAP-Win32 Adapter V9');
    expect(e).toMatchObject({ category: 'vpn', ruleId: 'tap-windows', relevance: 'other' });
    expect(e.explanation.en).toMatch(/VPN adapter.*TAP-Windows.*OpenVPN.*not a network card/);
    expect(e.explanation['zh-CN']).toMatch(/VPN 网卡.*不是本机的物理网卡/);
    expect(e.explanation['zh-TW']).toMatch(/VPN 介面卡.*不是本機的實體網路卡/);
  });

  it.each([
    ['TAP-Windows Adapter V9 for OpenVPN Connect', 'OpenVPN'],
    ['TAP-Windows Adapter V9 for OpenConnect', 'OpenConnect'],
    ['SoftEther TAP-Windows Adapter V9', 'SoftEther VPN'],
  ])('names the VPN that installed it: %s → %s', (description, owner) => {
    const e = explain(description);
    for (const text of Object.values(e.explanation)) expect(text).toContain(owner);
  });
});
