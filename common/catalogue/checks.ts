/**
 * Every check of the wizard's checklist: its title in each UI language (a function of the check's
 * parameters: the adapter, the VMnet…), the link or node of the network picture it speaks for,
 * and the checks it depends on. A check whose dependency failed is skipped by the engine
 * (main/diagnosis/checklist.ts), with that dependency as the reason; rules never write it out.
 * Also the reasons a check can be skipped or left unknown, as ids with their words.
 */
import type { Localized } from '../vocabulary.ts';
import type { LinkId } from './findings.ts';
import type { HopId } from './hops.ts';
import type { Texts } from './text.ts';

type NodeId = 'guest' | 'host';
type P = { adapter?: string; vmnet?: string; network?: string; label?: string; mac?: string; vm?: string; nic?: number };

/** A VirtualBox VM's network card in the reader's words ("ubuntu 的网卡 1"); else the label as given. */
const card = {
  en: (p: P) => (p.vm && p.nic ? `${p.vm} NIC ${p.nic}` : (p.label ?? '')),
  'zh-CN': (p: P) => (p.vm && p.nic ? `${p.vm} 的网卡 ${p.nic}` : (p.label ?? '')),
  'zh-TW': (p: P) => (p.vm && p.nic ? `${p.vm} 的網卡 ${p.nic}` : (p.label ?? '')),
};

export interface CheckDecl {
  title: Texts<P>;
  /** The hop (or hops) of the symptom's path this check speaks for (hops.ts). */
  hop: HopId | readonly HopId[];
  /** An answer here (a ping that came back) proves the hops the packet crossed on its way. */
  proves?: readonly HopId[];
  /** The links the check speaks for in the picture, or the node it is about. */
  link?: LinkId | LinkId[];
  node?: NodeId;
  /** A failed check here says "needs attention", not "broken". */
  warningOnly?: boolean;
  /** End to end: an answer proves the path, silence does not say which link is broken. */
  endToEnd?: boolean;
  /** Checks that must pass first; when one fails, this one is skipped because of it. */
  after?: readonly string[];
}

const t = (en: string, cn: string, tw: string): Texts<P> => ({ en: () => en, 'zh-CN': () => cn, 'zh-TW': () => tw });
const check = (d: CheckDecl) => d;

export const CHECKS = {
  // A Linux guest, in the order a packet needs them.
  link: check({
    hop: 'vm-nic',
    link: 'guest-switch',
    title: t('The VM’s network interface exists and is up', '虚拟机的网络接口存在并已启用', '虛擬機的網路介面存在並已啟用'),
  }),
  ipv4: check({
    hop: 'vm-address',
    after: ['link'],
    title: t('The interface has an IPv4 address', '接口有 IPv4 地址', '介面有 IPv4 位址'),
  }),
  'dhcp-answer': check({
    hop: 'dhcp',
    after: ['link'],
    link: 'switch-dhcp',
    title: t('A DHCP server offers the interface an address', 'DHCP 服务器愿意给接口分配地址', 'DHCP 伺服器願意給介面分配位址'),
  }),
  subnet: check({
    hop: 'vm-address',
    after: ['ipv4'],
    link: 'guest-switch',
    title: t('The address is in the virtual network', '地址在虚拟网络中', '位址在虛擬網路中'),
  }),
  'duplicate-address': check({
    hop: 'vm-address',
    after: ['subnet'],
    link: 'guest-switch',
    title: t('No other machine uses this address', '没有其他机器使用这个地址', '沒有其他機器使用這個位址'),
  }),
  'duplicate-mac': check({
    hop: 'vm-network',
    after: ['subnet'],
    link: 'guest-switch',
    title: t('No other VM uses this MAC (a clone)', '没有其他虚拟机使用这个 MAC（克隆）', '沒有其他虛擬機使用這個 MAC（複製）'),
  }),
  'default-route': check({
    hop: 'gateway',
    after: ['subnet'],
    link: 'switch-gateway',
    title: t('A default gateway is set', '已设置默认网关', '已設定預設閘道'),
  }),
  gateway: check({
    hop: 'gateway',
    proves: ['vm-nic', 'vm-network', 'vm-address', 'vm-route', 'gateway'],
    after: ['default-route'],
    link: 'switch-gateway',
    title: t(
      'The gateway is the virtual network’s gateway and answers',
      '网关是虚拟网络的网关并有回应',
      '閘道是虛擬網路的閘道並有回應',
    ),
  }),
  mtu: check({
    hop: 'gateway',
    after: ['gateway'],
    link: 'switch-gateway',
    title: t('Full-size packets reach the gateway (MTU)', '满尺寸的数据包能到达网关（MTU）', '完整大小的封包能到達閘道（MTU）'),
  }),
  'path-mtu': check({
    hop: 'nat',
    after: ['mtu'],
    link: 'gateway-internet',
    title: t(
      'Full-size packets cross the whole way to the internet, or the path says how large they may be',
      '满尺寸的数据包能一路到达互联网，或者路径会告知允许的大小',
      '完整大小的封包能一路到達網際網路，或者路徑會告知允許的大小',
    ),
  }),
  routing: check({
    hop: 'vm-route',
    after: ['subnet'],
    node: 'guest',
    title: t(
      'Traffic for the host, the gateway and the internet leaves through the VM’s network, not into a VPN or a container network',
      '发往主机、网关和互联网的流量走虚拟机网络，而不是进入 VPN 或容器网络',
      '送往主機、閘道和網際網路的流量走虛擬機網路，而不是進入 VPN 或容器網路',
    ),
  }),
  host: check({
    hop: ['host-adapter', 'host-firewall'],
    proves: ['vm-nic', 'vm-network', 'vm-address', 'vm-route', 'host-adapter', 'host-firewall'],
    after: ['subnet'],
    link: 'switch-host',
    title: t('The host answers', '主机有回应', '主機有回應'),
  }),
  internet: check({
    hop: 'nat',
    proves: ['vm-nic', 'vm-network', 'vm-address', 'vm-route', 'gateway', 'nat'],
    after: ['gateway'],
    link: 'gateway-internet',
    title: t('Addresses on the internet answer', '互联网上的地址有回应', '網際網路上的位址有回應'),
  }),
  dns: check({
    hop: 'dns',
    proves: ['vm-nic', 'vm-network', 'vm-address', 'vm-route', 'gateway', 'nat', 'dns'],
    after: ['internet'],
    link: 'gateway-internet',
    title: t('Names resolve', '域名能解析', '網域名稱能解析'),
  }),
  'guest-firewall': check({
    hop: 'vm-firewall',
    after: ['subnet'],
    node: 'guest',
    title: t('This VM’s firewall lets ping in', '这台虚拟机的防火墙允许 ping 进入', '這台虛擬機的防火牆允許 ping 進入'),
  }),
  service: check({
    hop: 'vm-service',
    after: ['subnet'],
    node: 'guest',
    title: t('The service the host wants is listening', '主机要访问的服务正在监听', '主機要存取的服務正在監聽'),
  }),

  // A host (Windows or Linux).
  'vmware-installed': check({
    hop: 'hypervisor',
    title: t('VMware Workstation is installed', '已安装 VMware Workstation', '已安裝 VMware Workstation'),
  }),
  'nat-service': check({
    hop: 'nat',
    link: ['switch-gateway', 'gateway-internet'],
    title: t('The VMware NAT service runs', 'VMware NAT 服务在运行', 'VMware NAT 服務正在執行'),
  }),
  'dhcp-service': check({
    hop: 'dhcp',
    link: 'switch-dhcp',
    title: t('The VMware DHCP service runs', 'VMware DHCP 服务在运行', 'VMware DHCP 服務正在執行'),
  }),
  'adapter-present': check({
    hop: 'host-adapter',
    link: 'switch-host',
    title: {
      en: (p) => `The ${p.vmnet} adapter exists`,
      'zh-CN': (p) => `${p.vmnet} 网卡存在`,
      'zh-TW': (p) => `${p.vmnet} 網卡存在`,
    },
  }),
  'adapter-enabled': check({
    hop: 'host-adapter',
    link: 'switch-host',
    title: { en: (p) => `${p.adapter} is enabled`, 'zh-CN': (p) => `${p.adapter} 已启用`, 'zh-TW': (p) => `${p.adapter} 已啟用` },
  }),
  'adapter-up': check({
    hop: 'host-adapter',
    link: 'switch-host',
    title: { en: (p) => `${p.adapter} is up`, 'zh-CN': (p) => `${p.adapter} 已启用`, 'zh-TW': (p) => `${p.adapter} 已啟用` },
  }),
  'adapter-address': check({
    hop: 'host-adapter',
    link: 'switch-host',
    title: {
      en: (p) => `${p.adapter} has its IPv4 address`,
      'zh-CN': (p) => `${p.adapter} 有它的 IPv4 地址`,
      'zh-TW': (p) => `${p.adapter} 有它的 IPv4 位址`,
    },
  }),
  'adapter-subnet': check({
    hop: 'host-adapter',
    link: 'switch-host',
    title: {
      en: (p) => `${p.adapter} is in ${p.vmnet}'s subnet`,
      'zh-CN': (p) => `${p.adapter} 在 ${p.vmnet} 的子网中`,
      'zh-TW': (p) => `${p.adapter} 在 ${p.vmnet} 的子網路中`,
    },
  }),
  'subnet-conflict': check({
    hop: 'host-adapter',
    link: 'switch-host',
    title: {
      en: (p) => `${p.vmnet}'s subnet is not used elsewhere`,
      'zh-CN': (p) => `${p.vmnet} 的子网没有被别处占用`,
      'zh-TW': (p) => `${p.vmnet} 的子網路沒有被別處佔用`,
    },
  }),
  'host-firewall': check({
    hop: 'host-firewall',
    link: 'switch-host',
    title: {
      en: (p) => (p.adapter ? `The firewall lets ping in on ${p.adapter}` : 'The host lets ping in from the VMs'),
      'zh-CN': (p) => (p.adapter ? `防火墙允许 ping 从 ${p.adapter} 进入` : '主机允许来自虚拟机的 ping'),
      'zh-TW': (p) => (p.adapter ? `防火牆允許 ping 從 ${p.adapter} 進入` : '主機允許來自虛擬機的 ping'),
    },
  }),
  'network-profile': check({
    hop: 'host-firewall',
    link: 'switch-host',
    warningOnly: true,
    title: {
      en: (p) => `${p.adapter} is not on the Public profile`,
      'zh-CN': (p) => `${p.adapter} 不属于“公用”配置文件`,
      'zh-TW': (p) => `${p.adapter} 不屬於「公用」設定檔`,
    },
  }),
  'vbox-cable': check({
    hop: 'vm-nic',
    link: 'guest-switch',
    title: {
      en: (p) => `${card.en(p)}: cable connected`,
      'zh-CN': (p) => `${card['zh-CN'](p)}：网线已接上`,
      'zh-TW': (p) => `${card['zh-TW'](p)}：網路線已連接`,
    },
  }),
  // The VM's card is on VirtualBox's own NAT: one NAT engine per VM, no switch, no host adapter.
  'vbox-nat': check({
    hop: 'vm-network',
    title: {
      en: (p) => `${card.en(p)} is on VirtualBox NAT`,
      'zh-CN': (p) => `${card['zh-CN'](p)} 使用 VirtualBox NAT`,
      'zh-TW': (p) => `${card['zh-TW'](p)} 使用 VirtualBox NAT`,
    },
  }),
  'vbox-port-forward': check({
    hop: 'vm-network',
    link: 'switch-host',
    warningOnly: true,
    title: {
      en: (p) => `${card.en(p)}: the host can reach the VM's services`,
      'zh-CN': (p) => `${card['zh-CN'](p)}：主机能访问虚拟机的服务`,
      'zh-TW': (p) => `${card['zh-TW'](p)}：主機能存取虛擬機的服務`,
    },
  }),
  'unique-mac': check({
    hop: 'vm-network',
    title: {
      en: (p) => `Only one running VM uses ${p.mac}`,
      'zh-CN': (p) => `只有一台运行中的虚拟机使用 ${p.mac}`,
      'zh-TW': (p) => `只有一台執行中的虛擬機使用 ${p.mac}`,
    },
  }),
  'hypervisor-conflict': check({
    hop: 'hypervisor',
    title: t('Only one hypervisor drives the hardware', '只有一个虚拟化软件占用硬件', '只有一個虛擬化軟體佔用硬體'),
  }),
  'libvirt-network': check({
    hop: 'vm-network',
    link: ['switch-gateway', 'switch-dhcp'],
    title: {
      en: (p) => `libvirt network ${p.network} is running`,
      'zh-CN': (p) => `libvirt 网络 ${p.network} 正在运行`,
      'zh-TW': (p) => `libvirt 網路 ${p.network} 正在執行`,
    },
  }),
  'vm-networks': check({
    hop: 'host-adapter',
    link: 'switch-host',
    title: t('The host has an adapter for the VM network', '主机有虚拟机网络的网卡', '主機有虛擬機網路的網卡'),
  }),
  'bridge-protocol': check({
    hop: 'vm-network',
    link: 'guest-switch',
    title: {
      en: (p) => `“VMware Bridge Protocol” is on for ${p.adapter}`,
      'zh-CN': (p) => `${p.adapter} 已启用“VMware Bridge Protocol”`,
      'zh-TW': (p) => `${p.adapter} 已啟用「VMware Bridge Protocol」`,
    },
  }),
  'bridge-driver': check({
    hop: 'vm-network',
    link: 'guest-switch',
    title: {
      en: (p) => `The bridge driver ${p.label} is running`,
      'zh-CN': (p) => `桥接驱动 ${p.label} 正在运行`,
      'zh-TW': (p) => `橋接驅動程式 ${p.label} 正在執行`,
    },
  }),
  'vbox-bridge-filter': check({
    hop: 'vm-network',
    link: 'guest-switch',
    title: {
      en: (p) => `“VirtualBox NDIS6 Bridged Networking Driver” is on for ${p.adapter}`,
      'zh-CN': (p) => `${p.adapter} 已启用“VirtualBox NDIS6 Bridged Networking Driver”`,
      'zh-TW': (p) => `${p.adapter} 已啟用「VirtualBox NDIS6 Bridged Networking Driver」`,
    },
  }),
  'vmnet0-adapter': check({
    hop: 'vm-network',
    link: 'guest-switch',
    title: {
      en: (p) => `${p.label} is bridged onto the LAN of the card this computer uses`,
      'zh-CN': (p) => `${p.label} 桥接到这台电脑正在使用的网卡所在的局域网`,
      'zh-TW': (p) => `${p.label} 橋接到這台電腦正在使用的網卡所在的區域網路`,
    },
  }),
  'vbox-bridge': check({
    hop: 'vm-network',
    link: 'guest-switch',
    title: {
      en: (p) => `${card.en(p)} is bridged to an adapter this computer has`,
      'zh-CN': (p) => `${card['zh-CN'](p)} 桥接到这台电脑上存在的网卡`,
      'zh-TW': (p) => `${card['zh-TW'](p)} 橋接到這台電腦上存在的網卡`,
    },
  }),
  'bridge-uplink': check({
    hop: 'vm-network',
    link: 'guest-switch',
    title: {
      en: (p) => `${p.adapter} holds the LAN card, and the host's address`,
      'zh-CN': (p) => `${p.adapter} 包含局域网网卡，并持有本机地址`,
      'zh-TW': (p) => `${p.adapter} 包含區域網路網卡，並持有本機位址`,
    },
  }),
  'libvirt-dhcp': check({
    hop: 'dhcp',
    link: 'switch-dhcp',
    title: {
      en: (p) => `libvirt’s DHCP server (dnsmasq) answers on the network “${p.network}”`,
      'zh-CN': (p) => `libvirt 网络“${p.network}”上有 DHCP 服务器（dnsmasq）应答`,
      'zh-TW': (p) => `libvirt 網路「${p.network}」上有 DHCP 伺服器（dnsmasq）回應`,
    },
  }),
  'nat-rules': check({
    hop: 'nat',
    link: 'gateway-internet',
    title: t(
      'The firewall masquerades the VM network’s traffic (NAT)',
      '防火墙对虚拟机网络的流量做地址伪装（NAT）',
      '防火牆對虛擬機網路的流量做位址偽裝（NAT）',
    ),
  }),
  forwarding: check({
    hop: 'nat',
    link: 'gateway-internet',
    title: t('The host forwards the VMs’ traffic', '主机转发虚拟机的流量', '主機轉送虛擬機的流量'),
  }),
  'forward-chain': check({
    hop: 'nat',
    link: 'gateway-internet',
    title: t(
      'The firewall’s FORWARD chain lets the VMs through',
      '防火墙的 FORWARD 链放行虚拟机',
      '防火牆的 FORWARD 鏈放行虛擬機',
    ),
  }),
  'hardware-virt': check({
    hop: 'hypervisor',
    title: t('The CPU offers hardware virtualization', 'CPU 支持硬件虚拟化', 'CPU 支援硬體虛擬化'),
  }),
  'vm-address': check({
    hop: 'vm-address',
    title: t('The VM’s address is known', '已知道虚拟机的地址', '已知道虛擬機的位址'),
  }),
  'vm-answers': check({
    hop: 'vm-firewall',
    proves: ['host-adapter', 'vm-network', 'vm-nic', 'vm-address', 'vm-route', 'vm-firewall'],
    link: 'guest-switch',
    endToEnd: true,
    title: t('The VM answers', '虚拟机有回应', '虛擬機有回應'),
  }),
} satisfies Record<string, CheckDecl>;

export type CheckId = keyof typeof CHECKS;
export type CheckParams = P;

/** The ids the engine may put in a check's evidence.reason, with their words. */
export const REASONS = {
  'depends-on': {
    en: (p: { check?: string }) => `skipped: “${p.check}” did not pass`,
    'zh-CN': (p: { check?: string }) => `已跳过：“${p.check}”未通过`,
    'zh-TW': (p: { check?: string }) => `已略過：「${p.check}」未通過`,
  },
  'host-only': t(
    'host-only network: no gateway and no internet by design',
    '仅主机网络：本来就没有网关和互联网',
    '僅限主機網路：本來就沒有閘道和網際網路',
  ),
  'gateway-unusable': t('the gateway is wrong or missing (see above)', '网关错误或缺失（见上文）', '閘道錯誤或缺失（見上文）'),
  'host-unknown': t(
    'the host’s address is unknown: give the host’s address and check again',
    '不知道主机地址：请填写主机地址后再检查一次',
    '不知道主機位址：請填寫主機位址後再檢查一次',
  ),
  'no-mac-link-local': t(
    'this VM’s IPv6 link-local address is not made from its MAC (stable-privacy, or IPv6 off), so a clone with the same MAC cannot be told from here',
    '这台虚拟机的 IPv6 链路本地地址不是由 MAC 生成的（stable-privacy 或关闭了 IPv6），所以从这里无法判断是否有相同 MAC 的克隆',
    '這台虛擬機的 IPv6 鏈路本機位址不是由 MAC 產生的（stable-privacy 或關閉了 IPv6），所以從這裡無法判斷是否有相同 MAC 的複製品',
  ),
  'vpn-capture': t(
    'a VPN in the VM takes this traffic (see above)',
    '虚拟机里的 VPN 接管了这些流量（见上文）',
    '虛擬機裡的 VPN 接管了這些流量（見上文）',
  ),
  'icmp-filtered': t(
    'the internet target answers no ping, so the packet size its path carries cannot be measured',
    '互联网目标不回应 ping，所以无法测量这条路径能通过的数据包大小',
    '網際網路目標不回應 ping，所以無法測量這條路徑能通過的封包大小',
  ),
  'local-network-capture': t(
    'a network inside the VM (Docker’s, for one) takes this traffic (see above)',
    '虚拟机内的一个网络（例如 Docker 的）接管了这些流量（见上文）',
    '虛擬機內的一個網路（例如 Docker 的）接管了這些流量（見上文）',
  ),
  'behind-nat': t(
    'the VM is behind VirtualBox NAT: the host reaches it only through a port forward',
    '虚拟机在 VirtualBox NAT 之后：主机只能通过端口转发访问它',
    '虛擬機在 VirtualBox NAT 之後：主機只能透過連接埠轉送存取它',
  ),
  'no-internet-target': t('no internet address to test', '没有要测试的互联网地址', '沒有要測試的網際網路位址'),
  'nothing-beyond-gateway': t(
    'nothing beyond the gateway answers (see above)',
    '网关之外没有任何回应（见上文）',
    '閘道之外沒有任何回應（見上文）',
  ),
  'no-service-port': t('no port to check was given', '没有指定要检查的端口', '沒有指定要檢查的連接埠'),
  'vm-ip-unknown': t(
    'the VM’s address is not known: give the VM’s address and check again',
    '不知道虚拟机的地址：请填写虚拟机地址后再检查一次',
    '不知道虛擬機的位址：請填寫虛擬機位址後再檢查一次',
  ),
  'no-vmware': t('no VMware service or configuration was found', '没有找到 VMware 的服务或配置', '沒有找到 VMware 的服務或設定'),
  'not-probed': t('not probed', '未检测', '未檢測'),
  'needs-administrator': t(
    'could not be read without administrator rights',
    '没有管理员权限，无法读取',
    '沒有系統管理員權限，無法讀取',
  ),
  'probe-failed': t(
    'the probe could not answer (see probeError)',
    '检测无法得出结果（见 probeError）',
    '檢測無法得出結果（見 probeError）',
  ),
  'firewall-unknown': t('the firewall’s state is unknown', '防火墙状态未知', '防火牆狀態未知'),
  'profile-off': t('the firewall of this profile is off', '该配置文件的防火墙已关闭', '該設定檔的防火牆已關閉'),
  'default-allow': t('this profile allows inbound by default', '该配置文件默认允许入站', '該設定檔預設允許輸入'),
  'allow-rule': t('an allow rule matches', '有允许规则匹配', '有允許規則相符'),
  'block-rule': t('a block rule matches', '有阻止规则匹配', '有封鎖規則相符'),
  'allow-rules-ignored': t(
    'this profile ignores all inbound allow rules',
    '该配置文件忽略所有入站允许规则',
    '該設定檔忽略所有輸入允許規則',
  ),
  'no-allow-rule': t(
    'no enabled rule allows ICMPv4 echo',
    '没有已启用的规则允许 ICMPv4 回显',
    '沒有已啟用的規則允許 ICMPv4 回應',
  ),
} as const;
export type ReasonId = keyof typeof REASONS;

/**
 * How to learn what a check could not tell, one sentence per reason ("other" for an unknown with
 * none). These reasons mean "could not tell": a check skipped or left unknown for one of them leaves
 * its hop unknown. The other reasons say the check does not apply here (a host-only network has no
 * gateway) or that an earlier check already failed.
 */
export const LEARN = {
  'host-unknown': {
    en: 'Give the host’s address (the address of this computer on the VM’s network) and check again.',
    'zh-CN': '请填写主机地址（这台电脑在虚拟机网络上的地址），然后再检查一次。',
    'zh-TW': '請填寫主機位址（這台電腦在虛擬機網路上的位址），然後再檢查一次。',
  },
  'vm-ip-unknown': {
    en: 'Give the VM’s address (run “ip addr” in the VM), or start the VM with VMware Tools / Guest Additions so they report it, and check again.',
    'zh-CN':
      '请填写虚拟机的地址（在虚拟机里运行“ip addr”），或在装有 VMware Tools / 增强功能的情况下启动虚拟机，让它们报告地址，然后再检查一次。',
    'zh-TW':
      '請填寫虛擬機的位址（在虛擬機裡執行「ip addr」），或在裝有 VMware Tools / Guest Additions 的情況下啟動虛擬機，讓它們回報位址，然後再檢查一次。',
  },
  'needs-administrator': {
    en: 'Check again as administrator (Windows: “Run as administrator”; Linux: with sudo).',
    'zh-CN': '请以管理员身份再检查一次（Windows：“以管理员身份运行”；Linux：使用 sudo）。',
    'zh-TW': '請以系統管理員身分再檢查一次（Windows：「以系統管理員身分執行」；Linux：使用 sudo）。',
  },
  'probe-failed': {
    en: 'Check again; if it stays unknown, the probe’s own error is under technical details.',
    'zh-CN': '请再检查一次；如果仍然未知，检测本身的错误信息在“技术细节”里。',
    'zh-TW': '請再檢查一次；如果仍然未知，檢測本身的錯誤訊息在「技術細節」裡。',
  },
  'firewall-unknown': {
    en: 'The firewall’s rules or this adapter’s network profile were not read: check again on this computer as administrator, or collect a new bundle with this version.',
    'zh-CN': '没有读到防火墙规则或这张网卡的网络配置文件：请在这台电脑上以管理员身份再检查一次，或用这个版本重新收集诊断包。',
    'zh-TW': '沒有讀到防火牆規則或這張網路卡的網路設定檔：請在這台電腦上以系統管理員身分再檢查一次，或用這個版本重新收集診斷包。',
  },
  'not-probed': {
    en: 'Check again on the machine itself: this was not looked at (a bundle from an older version may not hold it).',
    'zh-CN': '请在那台机器上直接再检查一次：这一项没有被检测（旧版本收集的诊断包可能没有这项内容）。',
    'zh-TW': '請在那台機器上直接再檢查一次：這一項沒有被檢測（舊版本收集的診斷包可能沒有這項內容）。',
  },
  'icmp-filtered': {
    en: 'Check again with an internet address that answers ping, or open a large web page in the VM: one that stops loading while small ones work points to the packet size.',
    'zh-CN':
      '请换一个会回应 ping 的互联网地址再检查一次，或在虚拟机里打开一个大网页：小网页能打开、大网页卡住，说明是数据包大小的问题。',
    'zh-TW':
      '請換一個會回應 ping 的網際網路位址再檢查一次，或在虛擬機裡開啟一個大網頁：小網頁能開、大網頁卡住，表示是封包大小的問題。',
  },
  'no-mac-link-local': {
    en: 'Compare the MAC address with the other VM’s (“ip link” in each), or check on the host while both VMs run.',
    'zh-CN': '请对比两台虚拟机的 MAC 地址（分别运行“ip link”），或在两台虚拟机都运行时在主机上检查。',
    'zh-TW': '請比對兩台虛擬機的 MAC 位址（分別執行「ip link」），或在兩台虛擬機都執行時在主機上檢查。',
  },
  other: {
    en: 'Check again on the machine itself, and give the addresses the form asks for.',
    'zh-CN': '请在那台机器上直接再检查一次，并填写表单要求的地址。',
    'zh-TW': '請在那台機器上直接再檢查一次，並填寫表單要求的位址。',
  },
} satisfies Partial<Record<ReasonId | 'other', Localized>>;
export type LearnId = keyof typeof LEARN;

export const UNKNOWN_REASONS: ReadonlySet<string> = new Set(Object.keys(LEARN).filter((k) => k !== 'other'));
