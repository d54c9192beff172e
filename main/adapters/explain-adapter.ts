/**
 * The adapter knowledge base in words: what created an adapter, whether it matters for a VM,
 * and what its own data says (no address, APIPA, disconnected, NAT conventions, default route).
 * Every sentence exists in the three UI languages, so the renderer can switch without asking again.
 */
import type { AdapterExplanation, AdapterRelevance, Localized } from '../../common/domain.ts';
import { isApipa, isIpv4, maskToPrefix, networkOf, nthHost } from '../net/ipv4.ts';
import { type AdapterFacts, classifyAdapter } from './classify.ts';

export interface ExplainInput {
  name: string;
  description: string | null;
  kind?: string | null;
  mac?: string | null;
  headerType?: string | null;
  ipv4: Array<{ address: string; mask: string | null }>;
  gateways: string[];
  disconnected: boolean;
  disabled?: boolean;
}

const L = (en: string, zhCN: string, zhTW: string): Localized => ({ en, 'zh-CN': zhCN, 'zh-TW': zhTW });

/** What created the adapter, by knowledge-base rule id. */
const WHAT: Record<string, (x: { d: string; kind: string }) => Localized> = {
  loopback: () =>
    L(
      'A loopback adapter: traffic to it never leaves this computer.',
      '环回适配器：发往它的流量不会离开本机。',
      '回送介面卡：送往它的流量不會離開本機。',
    ),
  npcap: () =>
    L(
      'Npcap’s loopback adapter, installed with Wireshark or Nmap to capture local traffic. It does not matter for your VM.',
      'Npcap 的环回适配器，随 Wireshark 或 Nmap 安装，用来抓取本机流量，与虚拟机无关。',
      'Npcap 的回送介面卡，隨 Wireshark 或 Nmap 安裝，用來擷取本機流量，與虛擬機器無關。',
    ),
  'vmware-other': () => L('A VMware virtual adapter.', 'VMware 的虚拟网卡。', 'VMware 的虛擬網路卡。'),
  'virtualbox-hostonly': () =>
    L(
      'VirtualBox’s Host-Only adapter: this computer’s side of a host-only network, where VMs and this computer reach each other. VMs on it have no internet unless they also have a NAT adapter.',
      'VirtualBox 的“仅主机”（Host-Only）网卡：主机在仅主机网络中的一端，虚拟机和本机通过它互相访问。除非虚拟机另有 NAT 网卡，否则经它无法上网。',
      'VirtualBox 的「僅限主機」（Host-Only）介面卡：主機在僅限主機網路中的一端，虛擬機器和本機透過它互相存取。除非虛擬機器另有 NAT 介面卡，否則經由它無法上網。',
    ),
  'virtualbox-likely': () =>
    L(
      'Probably VirtualBox’s Host-Only adapter under another name: 192.168.56.1 is VirtualBox’s default host-only address.',
      '很可能是改过名字的 VirtualBox 仅主机网卡：192.168.56.1 是 VirtualBox 仅主机网络的默认地址。',
      '很可能是改過名稱的 VirtualBox 僅限主機介面卡：192.168.56.1 是 VirtualBox 僅限主機網路的預設位址。',
    ),
  wsl: () =>
    L(
      'The virtual switch of WSL 2 (Linux on Windows, NAT mode). Linux in WSL reaches Windows at this address; VMware and VirtualBox VMs do not use it.',
      'WSL 2（Windows 上的 Linux，NAT 模式）的虚拟交换机。WSL 里的 Linux 通过这个地址访问 Windows；VMware 和 VirtualBox 虚拟机不使用它。',
      'WSL 2（Windows 上的 Linux，NAT 模式）的虛擬交換器。WSL 裡的 Linux 透過這個位址存取 Windows；VMware 和 VirtualBox 虛擬機器不使用它。',
    ),
  docker: () =>
    L(
      'Created by Docker for its VM and containers.',
      'Docker 为其虚拟机和容器创建的网卡。',
      'Docker 為其虛擬機器和容器建立的介面卡。',
    ),
  'hyper-v-default-switch': () =>
    L(
      'Hyper-V’s Default Switch: gives Hyper-V VMs addresses and NAT internet access. Its subnet can change after a reboot, so do not give VMs static addresses on it.',
      'Hyper-V 的“默认交换机”（Default Switch）：为 Hyper-V 虚拟机分配地址并通过 NAT 上网。它的网段重启后可能改变，不要在它上面给虚拟机设静态地址。',
      'Hyper-V 的「預設交換器」（Default Switch）：為 Hyper-V 虛擬機器指派位址並透過 NAT 上網。它的網段重新開機後可能改變，不要在它上面給虛擬機器設定靜態位址。',
    ),
  'hyper-v': () =>
    L(
      'A Hyper-V virtual switch adapter (vEthernet): this computer’s port on a Hyper-V switch used by Hyper-V VMs, WSL or containers.',
      'Hyper-V 虚拟交换机网卡（vEthernet）：本机在 Hyper-V 交换机上的端口，供 Hyper-V 虚拟机、WSL 或容器使用。',
      'Hyper-V 虛擬交換器介面卡（vEthernet）：本機在 Hyper-V 交換器上的連接埠，供 Hyper-V 虛擬機器、WSL 或容器使用。',
    ),
  'wifi-direct': () =>
    L(
      'Microsoft Wi-Fi Direct Virtual Adapter, used by Windows for Mobile Hotspot, screen projection and nearby sharing. It has nothing to do with your VM; ignore it.',
      'Microsoft Wi-Fi Direct 虚拟网卡，Windows 用于移动热点、投屏和就近共享。与虚拟机无关，可以忽略。',
      'Microsoft Wi-Fi Direct 虛擬介面卡，Windows 用於行動熱點、投影和鄰近分享。與虛擬機器無關，可以忽略。',
    ),
  bluetooth: () =>
    L(
      'Bluetooth networking (Personal Area Network). It does not matter for your VM.',
      '蓝牙网络（个人区域网）。与虚拟机无关。',
      '藍牙網路（個人區域網路）。與虛擬機器無關。',
    ),
  'tap-windows': ({ d }) => {
    const owner = tapOwner(d);
    return owner
      ? L(
          `A VPN adapter: the TAP-Windows virtual card ${owner} uses (${d}). It is not a network card of this computer; it carries traffic only while ${owner} is connected.`,
          `VPN 网卡：${owner} 使用的 TAP-Windows 虚拟网卡（${d}）。它不是本机的物理网卡，只有 ${owner} 连接时才传输流量。`,
          `VPN 介面卡：${owner} 使用的 TAP-Windows 虛擬網路卡（${d}）。它不是本機的實體網路卡，只有 ${owner} 連線時才傳輸流量。`,
        )
      : L(
          `A VPN adapter: the TAP-Windows virtual card of OpenVPN and VPNs built on it (${d}). It is not a network card of this computer; it carries traffic only while its VPN is connected.`,
          `VPN 网卡：OpenVPN 及基于它的 VPN 所用的 TAP-Windows 虚拟网卡（${d}）。它不是本机的物理网卡，只有对应的 VPN 连接时才传输流量。`,
          `VPN 介面卡：OpenVPN 及以它為基礎的 VPN 所用的 TAP-Windows 虛擬網路卡（${d}）。它不是本機的實體網路卡，只有對應的 VPN 連線時才傳輸流量。`,
        );
  },
  vpn: ({ d }) => L(`A VPN adapter (${d}).`, `VPN 网卡（${d}）。`, `VPN 介面卡（${d}）。`),
  tunnel: () =>
    L(
      'An IPv6 transition tunnel (Teredo, ISATAP or 6to4) that Windows creates by itself. It does not matter for your VM.',
      'Windows 自动创建的 IPv6 过渡隧道（Teredo、ISATAP 或 6to4），与虚拟机无关。',
      'Windows 自動建立的 IPv6 轉換通道（Teredo、ISATAP 或 6to4），與虛擬機器無關。',
    ),
  cellular: () => L('Mobile broadband or phone tethering.', '移动宽带或手机共享网络。', '行動寬頻或手機網路共用。'),
  wifi: ({ d }) => L(`Your Wi-Fi card (${d}).`, `你的无线网卡（${d}）。`, `你的無線網路卡（${d}）。`),
  ethernet: ({ d }) => L(`A wired network card (${d}).`, `有线网卡（${d}）。`, `有線網路卡（${d}）。`),
  'linux-virtual': ({ kind }) =>
    L(`A Linux virtual interface (${kind}).`, `Linux 虚拟网络接口（${kind}）。`, `Linux 虛擬網路介面（${kind}）。`),
  unknown: () =>
    L(
      'Not an adapter type VMnet Doctor knows; its name, addresses and gateway still tell what it is for.',
      'VMnet Doctor 不认识这种网卡；它的名称、地址和网关仍能说明它的用途。',
      'VMnet Doctor 不認識這種介面卡；它的名稱、位址和閘道仍能說明它的用途。',
    ),
};

/** The VPN that installed a TAP-Windows adapter, when its description names it. */
function tapOwner(description: string): string | null {
  if (/openconnect/i.test(description)) return 'OpenConnect';
  if (/softether/i.test(description)) return 'SoftEther VPN';
  if (/openvpn/i.test(description)) return 'OpenVPN';
  return null;
}

function vmnetSentence(vmnet: string, ip: { address: string; mask: string | null } | undefined): Localized {
  const at = ip?.address ?? '?';
  if (vmnet === 'VMnet8') {
    // VMware's layout of VMnet8 on the adapter's real network: NAT device at its second address;
    // the DHCP pool .128–.254 is the installer's default for a /24.
    const prefix = ip?.mask ? maskToPrefix(ip.mask) : null;
    const network = ip && prefix !== null ? networkOf(ip.address, prefix) : null;
    const gw = network ? nthHost(network, 2) : null;
    const pool = network && prefix === 24 ? `${nthHost(network, 128)}–${nthHost(network, 254)}` : null;
    return L(
      `VMware’s NAT network (VMnet8). VMs set to NAT reach this computer at ${at}. Inside the VM, the gateway and DNS must be ${gw ?? 'the NAT device (.2)'} — VMware’s NAT device, not ${at} — and DHCP hands out ${pool ?? '.128–.254'}.`,
      `VMware 的 NAT 网络（VMnet8）。NAT 模式的虚拟机通过 ${at} 访问本机。虚拟机里的网关和 DNS 应当是 ${gw ?? 'NAT 设备（.2）'}（VMware 的 NAT 设备，而不是 ${at}），DHCP 分配 ${pool ?? '.128–.254'}。`,
      `VMware 的 NAT 網路（VMnet8）。NAT 模式的虛擬機器透過 ${at} 存取本機。虛擬機器裡的閘道和 DNS 應當是 ${gw ?? 'NAT 裝置（.2）'}（VMware 的 NAT 裝置，而不是 ${at}），DHCP 指派 ${pool ?? '.128–.254'}。`,
    );
  }
  if (vmnet === 'VMnet1') {
    return L(
      `VMware’s host-only network (VMnet1). VMs set to host-only reach this computer at ${at}, but there is no gateway: no internet through it.`,
      `VMware 的仅主机网络（VMnet1）。仅主机模式的虚拟机通过 ${at} 访问本机，但没有网关，经它无法上网。`,
      `VMware 的僅限主機網路（VMnet1）。僅限主機模式的虛擬機器透過 ${at} 存取本機，但沒有閘道，經由它無法上網。`,
    );
  }
  return L(
    `A custom VMware network (${vmnet}) from the Virtual Network Editor; VMs attached to it reach this computer at ${at}.`,
    `在“虚拟网络编辑器”中自定义的 VMware 网络（${vmnet}）；接入它的虚拟机通过 ${at} 访问本机。`,
    `在「虛擬網路編輯器」中自訂的 VMware 網路（${vmnet}）；接入它的虛擬機器透過 ${at} 存取本機。`,
  );
}

const UPLINK_CATEGORIES = new Set(['physical-ethernet', 'physical-wifi', 'hyper-v', 'cellular', 'vpn', 'other']);
const VM_CATEGORIES = new Set(['vmware', 'virtualbox', 'hyper-v', 'wsl', 'docker']);

export function explainAdapter(input: ExplainInput): AdapterExplanation {
  const facts: AdapterFacts = {
    name: input.name,
    description: input.description,
    kind: input.kind ?? null,
    mac: input.mac ?? null,
    headerType: input.headerType ?? null,
    ipv4: input.ipv4.map((a) => a.address),
  };
  const { category, vmnet, ruleId } = classifyAdapter(facts);
  const gateway4 = input.disconnected ? undefined : input.gateways.find(isIpv4);
  const usable = input.ipv4.filter((a) => !isApipa(a.address));
  const apipaOnly = input.ipv4.length > 0 && usable.length === 0;

  const relevance: AdapterRelevance =
    gateway4 && UPLINK_CATEGORIES.has(category) && !['wsl', 'docker'].includes(category)
      ? 'host-uplink'
      : VM_CATEGORIES.has(category)
        ? 'vm'
        : 'other';

  const parts: Localized[] = [];
  if (vmnet) parts.push(vmnetSentence(vmnet, usable[0]));
  else {
    const what = WHAT[ruleId === 'vmware-vmnet' ? 'vmware-other' : ruleId] ?? WHAT.unknown;
    parts.push((what as NonNullable<typeof what>)({ d: input.description ?? input.name, kind: input.kind ?? '?' }));
  }
  if (relevance === 'host-uplink' && category === 'hyper-v') {
    parts.push(
      L(
        'It carries a physical network card (a Hyper-V external switch), so it is now this computer’s connection to the network.',
        '它承载着一块物理网卡（Hyper-V 外部交换机），所以它现在就是本机的对外连接。',
        '它承載著一張實體網路卡（Hyper-V 外部交換器），所以它現在就是本機的對外連線。',
      ),
    );
  }
  if (input.disabled) {
    parts.push(L('It is disabled.', '它已被禁用。', '它已停用。'));
  } else if (input.disconnected) {
    parts.push(L('It is disconnected right now.', '它目前处于断开状态。', '它目前處於中斷連線狀態。'));
  } else if (apipaOnly) {
    const a = input.ipv4[0]?.address ?? '169.254.x.x';
    parts.push(
      L(
        `It has only ${a} (169.254.x.x): it asked for an address and got none, so nothing can reach it.`,
        `它只有 ${a}（169.254.x.x）：它请求了地址但没有得到，所以别的设备无法通过它访问。`,
        `它只有 ${a}（169.254.x.x）：它要求了位址但沒有取得，所以其他裝置無法透過它存取。`,
      ),
    );
  } else if (input.ipv4.length === 0 && (vmnet || category === 'virtualbox')) {
    parts.push(
      L(
        'It has no IPv4 address, so VMs cannot reach this computer through it.',
        '它没有 IPv4 地址，所以虚拟机无法通过它访问本机。',
        '它沒有 IPv4 位址，所以虛擬機器無法透過它存取本機。',
      ),
    );
  }
  if (gateway4 && relevance === 'host-uplink') {
    if (category === 'vpn') {
      parts.push(
        L(
          `It owns a default route (gateway ${gateway4}), so it may capture your VM’s traffic or block local networks: if the VM stops working when the VPN connects, turn on “allow local LAN access” or split tunnelling.`,
          `它占有默认路由（网关 ${gateway4}），可能截走虚拟机的流量或阻断本地网络：如果一连 VPN 虚拟机就不通，请开启“允许访问本地局域网”或分离隧道。`,
          `它佔有預設路由（閘道 ${gateway4}），可能攔截虛擬機器的流量或阻斷本地網路：如果一連 VPN 虛擬機器就不通，請開啟「允許存取本地區域網路」或分割通道。`,
        ),
      );
    } else {
      parts.push(
        L(
          `This is this computer’s way to the internet (gateway ${gateway4}).`,
          `这是本机上网所用的连接（网关 ${gateway4}）。`,
          `這是本機上網所用的連線（閘道 ${gateway4}）。`,
        ),
      );
    }
  }
  const join = (lang: keyof Localized) => parts.map((p) => p[lang]).join(lang === 'en' ? ' ' : '');
  return { category, vmnet, relevance, ruleId, explanation: { en: join('en'), 'zh-CN': join('zh-CN'), 'zh-TW': join('zh-TW') } };
}
