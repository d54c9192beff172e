/**
 * Guesses what created an adapter from what every platform can tell: its connection name, its
 * driver description (Windows), its kernel kind (Linux) and its MAC address. First matching rule
 * wins, so the specific rules (VMware, Hyper-V's WSL switch, VPNs) stand before the general ones.
 */
import type { AdapterCategory } from '../../common/domain.ts';

export interface AdapterFacts {
  name: string;
  description?: string | null;
  /** Linux: link_type / linkinfo kind ("loopback", "veth", "bridge", "tun", "wireguard" …). */
  kind?: string | null;
  mac?: string | null;
  /** ipconfig's header kind ("wireless" for "Wireless LAN adapter …"), when known. */
  headerType?: string | null;
  /** IPv4 addresses, for the few rules that need them. */
  ipv4?: string[];
}

export interface Classification {
  category: AdapterCategory;
  /** "VMnet8" etc. for VMware host adapters. */
  vmnet: string | null;
  /** Stable id of the rule that matched: the explainer keys its texts on it. */
  ruleId: string;
}

interface Rule {
  id: string;
  category: AdapterCategory;
  test: (f: Required<AdapterFacts>, text: string) => boolean;
}

const re = (pattern: RegExp) => (_: Required<AdapterFacts>, text: string) => pattern.test(text);
const linuxName = (pattern: RegExp) => (f: Required<AdapterFacts>) => f.description === null && pattern.test(f.name);
const kindIs =
  (...kinds: string[]) =>
  (f: Required<AdapterFacts>) =>
    f.kind !== null && kinds.includes(f.kind);

/** Ordered: the first match wins. */
const RULES: Rule[] = [
  { id: 'npcap', category: 'loopback', test: re(/npcap loopback/i) },
  { id: 'loopback', category: 'loopback', test: (f, t) => kindIs('loopback')(f) || /loopback/i.test(t) || f.name === 'lo' },
  { id: 'vmware-vmnet', category: 'vmware', test: re(/\bvmnet\d+\b|vmware virtual ethernet adapter/i) },
  {
    // OpenVPN's classic TAP driver, which other VPNs install too (tap0901 is its hardware id;
    // "TAP-Win32 Adapter V9" is the name it had until OpenVPN 2.3): a VPN, never an Ethernet card.
    id: 'tap-windows',
    category: 'vpn',
    test: re(/tap-win(32|dows)|\btap0[89]01\b/i),
  },
  {
    // VPN clients and proxy TUN devices capture routes, whoever makes them: before the hypervisors'
    // own rules, so a VPN adapter from a vendor that also makes a hypervisor ("VMware SSL VPN-Plus
    // Adapter") is a VPN. Names as their drivers publish them: TAP-Windows Adapter V9 (OpenVPN),
    // Wintun Userspace Tunnel, WireGuard Tunnel, Tailscale Tunnel, Meta Tunnel (Clash Meta/mihomo,
    // its routes via 198.18.0.x), sing-box, Xray and the vendors' SSL VPN miniports.
    id: 'vpn',
    category: 'vpn',
    test: (f, t) =>
      /tap-windows|openvpn|wireguard|wintun|tailscale|zerotier|anyconnect|cisco|fortinet|forticlient|globalprotect|pangp|sangfor|easyconnect|atrust|pulse secure|juniper|nordlynx|expressvpn|protonvpn|cloudflare ?warp|meta tunnel|mihomo|clash|sing-?box|xray|v2ray|\bvpn\b/i.test(
        t,
      ) ||
      kindIs('wireguard', 'tun', 'tap')(f) ||
      linuxName(/^(tun|tap|wg|tailscale|zt)\w*$/)(f),
  },
  { id: 'vmware-other', category: 'vmware', test: re(/\bvmware\b/i) },
  { id: 'virtualbox-hostonly', category: 'virtualbox', test: re(/virtualbox|\bvboxnet\d+\b/i) },
  {
    // A renamed adapter without a description that holds VirtualBox's default host-only address.
    id: 'virtualbox-likely',
    category: 'virtualbox',
    test: (f) => f.description === null && f.kind === null && f.ipv4.includes('192.168.56.1'),
  },
  { id: 'wsl', category: 'wsl', test: re(/vethernet \(wsl\b/i) },
  {
    id: 'docker',
    category: 'docker',
    test: (f, t) => /vethernet \(.*docker|docker(nat)?\b|^docker\d+$|^br-[0-9a-f]{12}$/i.test(t) || /^docker\d+$/.test(f.name),
  },
  { id: 'hyper-v-default-switch', category: 'hyper-v', test: re(/vethernet \(default switch\)/i) },
  { id: 'hyper-v', category: 'hyper-v', test: re(/hyper-v virtual ethernet|^vethernet \(|\bvethernet\b/i) },
  {
    id: 'wifi-direct',
    category: 'wifi-direct',
    // Without /all there is no description: Windows names these "Local Area Connection* N" under a wireless header.
    test: (f, t) =>
      /wi-?fi direct|microsoft hosted network virtual adapter/i.test(t) ||
      (f.headerType === 'wireless' && /\*\s*\d+$/.test(f.name)),
  },
  {
    id: 'bluetooth',
    category: 'bluetooth',
    test: (f, t) => /bluetooth|personal area network|蓝牙|藍牙/i.test(t) || linuxName(/^bnep\d+$/)(f),
  },
  {
    // Windows' IPv6 transition tunnels (and Linux's tunnel kinds); never a VPN.
    id: 'tunnel',
    category: 'tunnel',
    test: (f, t) =>
      /teredo|isatap|6to4|ip-https|tunneling pseudo-interface/i.test(t) ||
      kindIs('sit', 'ipip', 'gre', 'ip6tnl', 'vxlan', 'ip6gre', 'gretap')(f),
  },
  {
    // Any other "… Tunnel" a wintun-style driver names after its program (a proxy's or a VPN's TUN).
    id: 'vpn',
    category: 'vpn',
    test: re(/\btun(nel)?\b/i),
  },
  {
    id: 'cellular',
    category: 'cellular',
    test: (f, t) => /mobile broadband|cellular|\bwwan\b|rndis|remote ndis|\blte\b|\b5g\b/i.test(t) || linuxName(/^ww\w+$/)(f),
  },
  {
    id: 'wifi',
    category: 'physical-wifi',
    test: (f, t) =>
      /wi-?fi|wireless|802\.11|wlan|\bwifi\b|centrino|dual band|\bax\d{3}|\bac \d{4}|无线|無線|беспроводн|drahtlos|sans fil|inalámbrica/i.test(
        t,
      ) ||
      linuxName(/^wl\w+$/)(f) ||
      (f.headerType === 'wireless' && f.description === null),
  },
  {
    id: 'linux-virtual',
    category: 'other',
    test: kindIs('veth', 'bridge', 'macvlan', 'ipvlan', 'dummy', 'vlan', 'bond', 'team', 'macvtap'),
  },
  {
    id: 'ethernet',
    category: 'physical-ethernet',
    test: (f, t) =>
      /ethernet|realtek|intel\(r\)|killer|broadcom|marvell|aquantia|mellanox|gbe|family controller|nic\b|以太网|乙太網路|イーサネット|이더넷|local area connection|本地连接|區域連線/i.test(
        t,
      ) ||
      linuxName(/^(en|eth)\w*$/)(f) ||
      // A short ipconfig gives no description: an "Ethernet adapter" header is the best evidence left.
      (f.headerType === 'ethernet' && f.description === null),
  },
];

export function classifyAdapter(facts: AdapterFacts): Classification {
  const f: Required<AdapterFacts> = {
    name: facts.name,
    description: facts.description ?? null,
    kind: facts.kind ?? null,
    mac: facts.mac ?? null,
    headerType: facts.headerType ?? null,
    ipv4: facts.ipv4 ?? [],
  };
  const text = `${f.name}\n${f.description ?? ''}`;
  const rule = RULES.find((r) => r.test(f, text));
  return {
    category: rule?.category ?? 'other',
    vmnet: vmnetName(text),
    ruleId: rule?.id ?? 'unknown',
  };
}

function vmnetName(text: string): string | null {
  const m = /\bvmnet(\d+)\b/i.exec(text);
  return m ? `VMnet${m[1]}` : null;
}

/** Vendors of virtual NICs by MAC prefix, as a guest sees its own NIC. */
const MAC_VENDORS: Array<[prefix: string, vendor: string]> = [
  ['00:0c:29', 'VMware'],
  ['00:50:56', 'VMware'],
  ['00:05:69', 'VMware'],
  ['08:00:27', 'VirtualBox'],
  ['0a:00:27', 'VirtualBox'],
  ['52:54:00', 'QEMU/KVM'],
  ['00:15:5d', 'Hyper-V'],
];

export function virtualNicVendor(mac: string | null | undefined): string | null {
  if (!mac) return null;
  const normal = mac.toLowerCase().replace(/-/g, ':');
  return MAC_VENDORS.find(([prefix]) => normal.startsWith(prefix))?.[1] ?? null;
}
