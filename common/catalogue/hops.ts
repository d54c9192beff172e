/**
 * The hops a user's packets travel between a VM, its virtual network and this computer, and on to
 * the internet: their names in each UI language, and which hops each symptom's path crosses, in
 * the order a packet meets them. Checks and findings name their hop (checks.ts, findings.ts); the
 * verdict is the first broken hop of the symptom's path (common/path.ts).
 */
import type { Localized, Symptom } from '../vocabulary.ts';

export const HOP_IDS = [
  'hypervisor',
  'vm-nic',
  'vm-network',
  'dhcp',
  'vm-address',
  'vm-route',
  'host-adapter',
  'host-firewall',
  'gateway',
  'nat',
  'dns',
  'vm-firewall',
  'vm-service',
] as const;
export type HopId = (typeof HOP_IDS)[number];

/**
 * Each symptom's path. A hop the machine cannot see from where it runs (the VM's own NIC, seen from
 * a Windows host) simply has no check there: it is "not checked from here", never "fine".
 * `dhcp` is on a path only while the VM's address is not known (common/path.ts drops it when it is).
 */
export const SYMPTOM_HOPS: Record<Symptom, readonly HopId[]> = {
  'vm-cannot-ping-host': ['vm-nic', 'vm-network', 'dhcp', 'vm-address', 'vm-route', 'host-adapter', 'host-firewall'],
  'host-cannot-reach-vm': ['host-adapter', 'vm-network', 'vm-nic', 'dhcp', 'vm-address', 'vm-route', 'vm-firewall', 'vm-service'],
  'vm-no-internet': ['vm-nic', 'vm-network', 'dhcp', 'vm-address', 'vm-route', 'gateway', 'nat', 'dns'],
  'vm-no-ip': ['vm-nic', 'vm-network', 'dhcp', 'vm-address'],
  // Everything, in the order of the hop list: "check my VM network".
  auto: HOP_IDS,
};

export const HOPS: Record<HopId, Localized> = {
  hypervisor: { en: 'The hypervisor', 'zh-CN': '虚拟化软件', 'zh-TW': '虛擬化軟體' },
  'vm-nic': { en: 'The VM’s network card', 'zh-CN': '虚拟机的网卡', 'zh-TW': '虛擬機的網路卡' },
  'vm-network': {
    en: 'The virtual network the VM is attached to',
    'zh-CN': '虚拟机连接的虚拟网络',
    'zh-TW': '虛擬機連接的虛擬網路',
  },
  dhcp: { en: 'The network’s DHCP server', 'zh-CN': '网络的 DHCP 服务器', 'zh-TW': '網路的 DHCP 伺服器' },
  'vm-address': { en: 'The VM’s address', 'zh-CN': '虚拟机的地址', 'zh-TW': '虛擬機的位址' },
  'vm-route': { en: 'The VM’s routing', 'zh-CN': '虚拟机的路由', 'zh-TW': '虛擬機的路由' },
  'host-adapter': {
    en: 'This computer’s adapter on that network',
    'zh-CN': '这台电脑在该网络上的网卡',
    'zh-TW': '這台電腦在該網路上的網路卡',
  },
  'host-firewall': {
    en: 'That adapter’s network profile and firewall',
    'zh-CN': '该网卡的网络配置文件和防火墙',
    'zh-TW': '該網路卡的網路設定檔和防火牆',
  },
  gateway: { en: 'The gateway', 'zh-CN': '网关', 'zh-TW': '閘道' },
  nat: { en: 'NAT and the way out', 'zh-CN': 'NAT 与出口', 'zh-TW': 'NAT 與出口' },
  dns: { en: 'Name resolution (DNS)', 'zh-CN': '域名解析（DNS）', 'zh-TW': '網域名稱解析（DNS）' },
  'vm-firewall': { en: 'The VM itself and its firewall', 'zh-CN': '虚拟机本身及其防火墙', 'zh-TW': '虛擬機本身及其防火牆' },
  'vm-service': { en: 'The service in the VM', 'zh-CN': '虚拟机里的服务', 'zh-TW': '虛擬機裡的服務' },
};
