/**
 * The fixes' words: each fix id with where it runs, its short name and its summary as functions
 * of what its plan found (the plan returns data, this turns it into a sentence). The commands a
 * fix runs are built by main/fixes, which also produces the text shown for each of them.
 */
import type { Texts } from './text.ts';

export type FixPlatform = 'linux' | 'windows';

interface FixText<S> {
  /** Where the fix runs; some ids exist on both (host.start-nat: VMware's service or libvirt's network). */
  platforms: readonly FixPlatform[];
  name: Texts<Record<string, never>>;
  summary: Texts<S>;
}

const fix = <S>(f: FixText<S>) => f;
const words = (en: string, cn: string, tw: string) => ({ en: () => en, 'zh-CN': () => cn, 'zh-TW': () => tw });

export const FIXES = {
  'host.enable-adapter': fix<{ adapter: string }>({
    platforms: ['windows'],
    name: words('enable the adapter', '启用网卡', '啟用網卡'),
    summary: {
      en: (p) => `Enable the network adapter "${p.adapter}"`,
      'zh-CN': (p) => `启用网卡“${p.adapter}”`,
      'zh-TW': (p) => `啟用網卡「${p.adapter}」`,
    },
  }),
  'host.restart-adapter': fix<{ adapter: string }>({
    platforms: ['windows'],
    name: words('restart the adapter', '重启网卡', '重新啟動網卡'),
    summary: {
      en: (p) => `Restart "${p.adapter}" (disable, then enable) so it takes its configured address again`,
      'zh-CN': (p) => `重启“${p.adapter}”（先禁用再启用），让它重新取得配置的地址`,
      'zh-TW': (p) => `重新啟動「${p.adapter}」（先停用再啟用），讓它重新取得設定的位址`,
    },
  }),
  'host.start-nat': fix<{ network?: string; service?: string; restart?: boolean }>({
    platforms: ['windows', 'linux'],
    name: words(
      'start the NAT service (VMware NAT, or the libvirt network)',
      '启动 NAT 服务（VMware NAT 或 libvirt 网络）',
      '啟動 NAT 服務（VMware NAT 或 libvirt 網路）',
    ),
    summary: {
      en: (p) =>
        p.network
          ? `Start libvirt's network ${p.network} (its bridge, DHCP and NAT come back)`
          : `Start the VMware NAT service ("${p.service}")${p.restart ? ' again (restart)' : ''}`,
      'zh-CN': (p) =>
        p.network
          ? `启动 libvirt 网络 ${p.network}（网桥、DHCP 和 NAT 随之恢复）`
          : `${p.restart ? '重新启动' : '启动'} VMware NAT 服务（“${p.service}”）`,
      'zh-TW': (p) =>
        p.network
          ? `啟動 libvirt 網路 ${p.network}（橋接器、DHCP 與 NAT 隨之恢復）`
          : `${p.restart ? '重新啟動' : '啟動'} VMware NAT 服務（「${p.service}」）`,
    },
  }),
  'host.start-dhcp': fix<{ service: string; restart: boolean }>({
    platforms: ['windows'],
    name: words('start VMware DHCP', '启动 VMware DHCP 服务', '啟動 VMware DHCP 服務'),
    summary: {
      en: (p) => `Start the VMware DHCP service ("${p.service}")${p.restart ? ' again (restart)' : ''}`,
      'zh-CN': (p) => `${p.restart ? '重新启动' : '启动'} VMware DHCP 服务（“${p.service}”）`,
      'zh-TW': (p) => `${p.restart ? '重新啟動' : '啟動'} VMware DHCP 服務（「${p.service}」）`,
    },
  }),
  'host.allow-icmp': fix<{ subnet: string; profile: string }>({
    platforms: ['windows'],
    name: words('allow ping from the VM network', '允许虚拟机网络 ping 本机', '允許虛擬機網路 ping 本機'),
    summary: {
      en: (p) => `Allow ping (ICMPv4 echo request) in from ${p.subnet} only, on the ${p.profile} profile — the firewall stays on`,
      'zh-CN': (p) => `只允许来自 ${p.subnet} 的 ping（ICMPv4 回显请求）进入，作用于 ${p.profile} 配置文件；防火墙保持开启`,
      'zh-TW': (p) => `只允許來自 ${p.subnet} 的 ping（ICMPv4 回應要求）進入，套用於 ${p.profile} 設定檔；防火牆保持開啟`,
    },
  }),
  'host.set-private-profile': fix<{ adapter: string }>({
    platforms: ['windows'],
    name: words('make the network private', '把网络设为专用', '把網路設為私人'),
    summary: {
      en: (p) =>
        `File "${p.adapter}" under the Private network profile, and make it last: mark the adapter an endpoint device (*NdisDeviceType = 1) so Windows stops classifying it as an "Unidentified network" (Public) after each restart; the adapter restarts once (undo removes the mark)`,
      'zh-CN': (p) =>
        `把“${p.adapter}”归入“专用”网络配置文件，并让它长期有效：把这块网卡标记为端点设备（*NdisDeviceType = 1），Windows 重启后就不会再把它归为“未识别的网络”（公用）；网卡会重启一次（撤销时去掉标记）`,
      'zh-TW': (p) =>
        `把「${p.adapter}」歸入「私人」網路設定檔，並讓它長期有效：把這張網卡標記為端點裝置（*NdisDeviceType = 1），Windows 重新開機後就不會再把它歸為「無法識別的網路」（公用）；網卡會重新啟動一次（復原時移除標記）`,
    },
  }),
  'vmware.restore-vmnet': fix<{ vmnet: string; nat: boolean; defaults: boolean }>({
    platforms: ['windows'],
    name: words('restore the VMware adapter', '恢复 VMware 虚拟网卡', '還原 VMware 虛擬網卡'),
    summary: {
      en: (p) =>
        p.defaults
          ? `Recreate VMware's default networks — VMnet1 (host-only) and VMnet8 (NAT) with their adapters, DHCP and NAT — with VMware's vnetlib64.exe, then read back vmnetdhcp.conf, vmnetnat.conf and the adapters (undocumented tool; if nothing changed, use the Virtual Network Editor's Restore Defaults)`
          : `Recreate the host adapter for ${p.vmnet} and reapply its DHCP${p.nat ? '/NAT' : ''} settings with VMware's vnetlib64.exe (undocumented; if this does not work, open VMware Workstation → Edit → Virtual Network Editor → Change Settings → Restore Defaults)`,
      'zh-CN': (p) =>
        p.defaults
          ? `用 VMware 的 vnetlib64.exe 重建 VMware 的默认网络——VMnet1（仅主机）和 VMnet8（NAT）及其网卡、DHCP 和 NAT——然后读回 vmnetdhcp.conf、vmnetnat.conf 和网卡确认（未公开的工具；若没有变化，请用虚拟网络编辑器的“还原默认设置”）`
          : `用 VMware 的 vnetlib64.exe 重建 ${p.vmnet} 的主机网卡，并重新应用它的 DHCP${p.nat ? '/NAT' : ''} 设置（未公开的工具；若无效，请打开 VMware Workstation → 编辑 → 虚拟网络编辑器 → 更改设置 → 还原默认设置）`,
      'zh-TW': (p) =>
        p.defaults
          ? `用 VMware 的 vnetlib64.exe 重建 VMware 的預設網路——VMnet1（僅限主機）和 VMnet8（NAT）及其網卡、DHCP 與 NAT——然後讀回 vmnetdhcp.conf、vmnetnat.conf 和網卡確認（未公開的工具；若沒有變化，請用虛擬網路編輯器的「還原預設值」）`
          : `用 VMware 的 vnetlib64.exe 重建 ${p.vmnet} 的主機網卡，並重新套用它的 DHCP${p.nat ? '/NAT' : ''} 設定（未公開的工具；若無效，請開啟 VMware Workstation → 編輯 → 虛擬網路編輯器 → 變更設定 → 還原預設值）`,
    },
  }),
  'vmware.change-subnet': fix<{ vmnet: string; from: string; to: string }>({
    platforms: ['windows'],
    name: words('move the VM network to a free subnet', '把虚拟机网络移到空闲网段', '把虛擬機網路移到空閒網段'),
    summary: {
      en: (p) =>
        `Move ${p.vmnet} from ${p.from} to ${p.to} with vnetlib64.exe (undocumented; if this does not work, use VMware Workstation → Edit → Virtual Network Editor → Subnet IP). VMs on ${p.vmnet} need to renew their address afterwards (or get a new static one).`,
      'zh-CN': (p) =>
        `用 vnetlib64.exe 把 ${p.vmnet} 从 ${p.from} 移到 ${p.to}（未公开的工具；若无效，请用 VMware Workstation → 编辑 → 虚拟网络编辑器 → 子网 IP）。之后 ${p.vmnet} 上的虚拟机需要重新获取地址（或改用新的静态地址）。`,
      'zh-TW': (p) =>
        `用 vnetlib64.exe 把 ${p.vmnet} 從 ${p.from} 移到 ${p.to}（未公開的工具；若無效，請用 VMware Workstation → 編輯 → 虛擬網路編輯器 → 子網路 IP）。之後 ${p.vmnet} 上的虛擬機需要重新取得位址（或改用新的靜態位址）。`,
    },
  }),
  'vbox.add-port-forward': fix<{ vm: string; nic: string; hostPort: string; guestPort: string }>({
    platforms: ['windows'],
    name: words('add a port forward', '添加端口转发', '新增連接埠轉送'),
    summary: {
      en: (p) => `Forward 127.0.0.1:${p.hostPort} on this PC to port ${p.guestPort} of "${p.vm}" (VirtualBox NAT, NIC ${p.nic})`,
      'zh-CN': (p) => `把本机的 127.0.0.1:${p.hostPort} 转发到“${p.vm}”的 ${p.guestPort} 端口（VirtualBox NAT，网卡 ${p.nic}）`,
      'zh-TW': (p) =>
        `把本機的 127.0.0.1:${p.hostPort} 轉送到「${p.vm}」的 ${p.guestPort} 連接埠（VirtualBox NAT，網卡 ${p.nic}）`,
    },
  }),
  'vbox.connect-cable': fix<{ vm: string; nic: string }>({
    platforms: ['windows'],
    name: words('plug in the virtual cable', '接上虚拟网线', '接上虛擬網路線'),
    summary: {
      en: (p) => `Turn on "Cable connected" for NIC ${p.nic} of "${p.vm}" (VirtualBox)`,
      'zh-CN': (p) => `为“${p.vm}”的网卡 ${p.nic} 勾选“接入网线”（VirtualBox）`,
      'zh-TW': (p) => `為「${p.vm}」的網卡 ${p.nic} 勾選「已連接網路線」（VirtualBox）`,
    },
  }),
  'vbox.set-hostonly-address': fix<{ name: string; ip: string; netmask: string }>({
    platforms: ['windows'],
    name: words('give the host-only adapter its address', '恢复仅主机网卡的地址', '還原僅限主機網卡的位址'),
    summary: {
      en: (p) => `Let VirtualBox give "${p.name}" its address ${p.ip} (mask ${p.netmask}) again`,
      'zh-CN': (p) => `让 VirtualBox 重新给“${p.name}”设置地址 ${p.ip}（掩码 ${p.netmask}）`,
      'zh-TW': (p) => `讓 VirtualBox 重新給「${p.name}」設定位址 ${p.ip}（遮罩 ${p.netmask}）`,
    },
  }),
  'linux.link-up': fix<{ interface: string; renew: boolean }>({
    platforms: ['linux'],
    name: words('bring the interface up', '启用网络接口', '啟用網路介面'),
    summary: {
      en: (p) => `Bring ${p.interface} up${p.renew ? ' and renew its DHCP lease' : ''}`,
      'zh-CN': (p) => `启用 ${p.interface}${p.renew ? '，并续租 DHCP 地址' : ''}`,
      'zh-TW': (p) => `啟用 ${p.interface}${p.renew ? '，並續租 DHCP 位址' : ''}`,
    },
  }),
  'linux.dhcp-renew': fix<{ interface: string }>({
    platforms: ['linux'],
    name: words('ask DHCP for an address', '向 DHCP 重新申请地址', '向 DHCP 重新要求位址'),
    summary: {
      en: (p) => `Ask DHCP again for an address on ${p.interface}`,
      'zh-CN': (p) => `在 ${p.interface} 上重新向 DHCP 申请地址`,
      'zh-TW': (p) => `在 ${p.interface} 上重新向 DHCP 要求位址`,
    },
  }),
  'linux.start-libvirt-dhcp': fix<{ network: string; bridge: string; conf: string }>({
    platforms: ['linux'],
    name: words('start the network’s DHCP server again', '重新启动网络的 DHCP 服务器', '重新啟動網路的 DHCP 伺服器'),
    summary: {
      en: (p) =>
        `Start dnsmasq for libvirt’s network “${p.network}” (${p.bridge}) with the configuration libvirt wrote for it (${p.conf}); undo stops it`,
      'zh-CN': (p) => `用 libvirt 为网络“${p.network}”（${p.bridge}）写好的配置（${p.conf}）启动 dnsmasq；撤销时停止它`,
      'zh-TW': (p) => `用 libvirt 為網路「${p.network}」（${p.bridge}）寫好的設定（${p.conf}）啟動 dnsmasq；復原時停止它`,
    },
  }),
  'linux.restore-masquerade': fix<{ subnet: string; interface: string; tool: 'nft' | 'iptables' | 'iptables-legacy' }>({
    platforms: ['linux'],
    name: words('put the NAT rule back', '加回 NAT 规则', '加回 NAT 規則'),
    summary: {
      en: (p) => `Masquerade traffic from ${p.subnet} (${p.interface}) leaving for other networks again, with ${p.tool}`,
      'zh-CN': (p) => `用 ${p.tool} 重新对来自 ${p.subnet}（${p.interface}）、去往其他网络的流量做地址伪装`,
      'zh-TW': (p) => `用 ${p.tool} 重新對來自 ${p.subnet}（${p.interface}）、前往其他網路的流量做位址偽裝`,
    },
  }),
  'host.bind-bridge-protocol': fix<{ adapter: string; item: string }>({
    platforms: ['windows'],
    name: words('turn the bridge driver back on for the card', '在网卡上重新启用桥接驱动', '在網卡上重新啟用橋接驅動程式'),
    summary: {
      en: (p) => `Enable “${p.item}” on "${p.adapter}" (undo disables it again)`,
      'zh-CN': (p) => `在“${p.adapter}”上启用“${p.item}”（撤销时再次停用）`,
      'zh-TW': (p) => `在「${p.adapter}」上啟用「${p.item}」（復原時再次停用）`,
    },
  }),
  'host.start-bridge-driver': fix<{ driver: string; enableFirst: boolean }>({
    platforms: ['windows'],
    name: words('start the bridge driver', '启动桥接驱动', '啟動橋接驅動程式'),
    summary: {
      en: (p) =>
        `Start the driver ${p.driver}${p.enableFirst ? ' (its start mode set from Disabled to Manual first)' : ''}; undo stops it${p.enableFirst ? ' and disables it again' : ''}`,
      'zh-CN': (p) =>
        `启动驱动 ${p.driver}${p.enableFirst ? '（先把启动模式从“禁用”改为“手动”）' : ''}；撤销时停止它${p.enableFirst ? '并重新禁用' : ''}`,
      'zh-TW': (p) =>
        `啟動驅動程式 ${p.driver}${p.enableFirst ? '（先把啟動模式從「停用」改為「手動」）' : ''}；復原時停止它${p.enableFirst ? '並重新停用' : ''}`,
    },
  }),
  'vmware.set-bridge': fix<{ adapter: string; exclude: string }>({
    platforms: ['windows'],
    name: words('keep VMnet0 off the wrong adapter', '让 VMnet0 不再使用错误的网卡', '讓 VMnet0 不再使用錯誤的網卡'),
    summary: {
      en: (p) =>
        `Uncheck “VMware Bridge Protocol” on "${p.exclude}" so VMnet0 bridges through "${p.adapter}" (undo checks it again); then reconnect the VM's network`,
      'zh-CN': (p) =>
        `在“${p.exclude}”上取消勾选“VMware Bridge Protocol”，让 VMnet0 通过“${p.adapter}”桥接（撤销时重新勾选）；然后重新连接虚拟机的网络`,
      'zh-TW': (p) =>
        `在「${p.exclude}」上取消勾選「VMware Bridge Protocol」，讓 VMnet0 透過「${p.adapter}」橋接（復原時重新勾選）；然後重新連接虛擬機的網路`,
    },
  }),
  'linux.bridge-uplink': fix<{ bridge: string; interface: string }>({
    platforms: ['linux'],
    name: words('connect the bridge to the LAN', '把网桥接到局域网', '把橋接器接到區域網路'),
    summary: {
      en: (p) => `Make ${p.interface} a port of ${p.bridge}, until the next reboot (undo takes it out again)`,
      'zh-CN': (p) => `把 ${p.interface} 设为 ${p.bridge} 的端口，到下次重启为止（撤销时移出）`,
      'zh-TW': (p) => `把 ${p.interface} 設為 ${p.bridge} 的連接埠，到下次重新開機為止（復原時移出）`,
    },
  }),
  'linux.set-mtu': fix<{ interface: string; mtu: string; previous: number | null }>({
    platforms: ['linux'],
    name: words('set the MTU the path carries', '设置路径能承载的 MTU', '設定路徑能承載的 MTU'),
    summary: {
      en: (p) => `Set ${p.interface}’s MTU to ${p.mtu}${p.previous ? ` (now ${p.previous})` : ''}, until the next reboot`,
      'zh-CN': (p) => `把 ${p.interface} 的 MTU 设为 ${p.mtu}${p.previous ? `（当前 ${p.previous}）` : ''}，到下次重启为止`,
      'zh-TW': (p) => `把 ${p.interface} 的 MTU 設為 ${p.mtu}${p.previous ? `（目前 ${p.previous}）` : ''}，到下次重新開機為止`,
    },
  }),
  'linux.release-vpn-route': fix<{ device: string; how: 'rule' | 'routes'; rule: string; routes: string[] }>({
    platforms: ['linux'],
    name: words('take the VPN’s capturing route away', '去掉 VPN 接管流量的路由', '拿掉 VPN 接管流量的路由'),
    summary: {
      en: (p) =>
        p.how === 'rule'
          ? `Remove the policy rule "${p.rule}" that sends traffic into ${p.device} (undo puts it back)`
          : `Remove the routes ${p.routes.join(', ')} through ${p.device} (undo puts them back)`,
      'zh-CN': (p) =>
        p.how === 'rule'
          ? `删除把流量送进 ${p.device} 的策略路由规则“${p.rule}”（撤销时恢复）`
          : `删除经由 ${p.device} 的路由 ${p.routes.join('、')}（撤销时恢复）`,
      'zh-TW': (p) =>
        p.how === 'rule'
          ? `刪除把流量送進 ${p.device} 的原則路由規則「${p.rule}」（復原時放回）`
          : `刪除經由 ${p.device} 的路由 ${p.routes.join('、')}（復原時放回）`,
    },
  }),
  'linux.set-gateway': fix<{ interface: string; gateway: string }>({
    platforms: ['linux'],
    name: words('set the right gateway', '设置正确的网关', '設定正確的閘道'),
    summary: {
      en: (p) => `Use ${p.gateway} as the default gateway on ${p.interface}`,
      'zh-CN': (p) => `在 ${p.interface} 上把默认网关设为 ${p.gateway}`,
      'zh-TW': (p) => `在 ${p.interface} 上把預設閘道設為 ${p.gateway}`,
    },
  }),
  'linux.set-dns': fix<{
    dns: string;
    interface: string;
    via: 'resolved' | 'networkmanager' | 'file';
    file: string;
    /** The link the file replaces (to a resolver that does not run), when it was one. */
    link?: string | null;
  }>({
    platforms: ['linux'],
    name: words('set a working DNS server', '设置可用的 DNS 服务器', '設定可用的 DNS 伺服器'),
    summary: {
      en: (p) =>
        p.via === 'resolved'
          ? `Use ${p.dns} as DNS server on ${p.interface} (systemd-resolved)`
          : p.via === 'networkmanager'
            ? `Use ${p.dns} as DNS server on ${p.interface} (NetworkManager, until the connection is re-activated)`
            : p.link
              ? `Use ${p.dns} as the DNS server in ${p.file}, a plain file in place of its link to ${p.link} (no resolver serves that link; undo puts the link back)`
              : `Use ${p.dns} as the DNS server in ${p.file}`,
      'zh-CN': (p) =>
        p.via === 'resolved'
          ? `在 ${p.interface} 上使用 DNS 服务器 ${p.dns}（systemd-resolved）`
          : p.via === 'networkmanager'
            ? `在 ${p.interface} 上使用 DNS 服务器 ${p.dns}（NetworkManager，直到连接重新激活）`
            : p.link
              ? `在 ${p.file} 中使用 DNS 服务器 ${p.dns}：用一个普通文件代替它指向 ${p.link} 的链接（没有解析服务在提供那个链接；撤销时恢复链接）`
              : `在 ${p.file} 中使用 DNS 服务器 ${p.dns}`,
      'zh-TW': (p) =>
        p.via === 'resolved'
          ? `在 ${p.interface} 上使用 DNS 伺服器 ${p.dns}（systemd-resolved）`
          : p.via === 'networkmanager'
            ? `在 ${p.interface} 上使用 DNS 伺服器 ${p.dns}（NetworkManager，直到連線重新啟用）`
            : p.link
              ? `在 ${p.file} 中使用 DNS 伺服器 ${p.dns}：用一個一般檔案取代它指向 ${p.link} 的連結（沒有解析服務在提供那個連結；復原時恢復連結）`
              : `在 ${p.file} 中使用 DNS 伺服器 ${p.dns}`,
    },
  }),
  'linux.allow-icmp': fix<{ subnet: string }>({
    platforms: ['linux'],
    name: words('let ping in through the firewall', '让 ping 通过防火墙', '讓 ping 通過防火牆'),
    summary: {
      en: (p) =>
        `Let ping (ICMP echo) in from ${p.subnet} only; the firewall stays on (a runtime rule: a reboot or a firewall reload removes it)`,
      'zh-CN': (p) => `只允许来自 ${p.subnet} 的 ping（ICMP 回显）进入，防火墙保持开启（运行时规则：重启或重新加载防火墙后失效）`,
      'zh-TW': (p) =>
        `只允許來自 ${p.subnet} 的 ping（ICMP 回應）進入，防火牆保持開啟（執行期規則：重新開機或重新載入防火牆後失效）`,
    },
  }),
  'linux.allow-port': fix<{ port: string; subnet: string; ufw: boolean; incoming: string | null }>({
    platforms: ['linux'],
    name: words('open the port in the VM’s firewall', '在虚拟机防火墙中开放端口', '在虛擬機防火牆中開放連接埠'),
    summary: {
      en: (p) =>
        p.ufw
          ? `Let TCP port ${p.port} in from ${p.subnet} only, as a ufw rule (ufw stays on, default ${p.incoming ?? '?'} incoming)`
          : `Let TCP port ${p.port} in from ${p.subnet} only; the firewall stays on (a runtime rule: a reboot or a firewall reload removes it)`,
      'zh-CN': (p) =>
        p.ufw
          ? `以一条 ufw 规则只允许来自 ${p.subnet} 的 TCP ${p.port} 端口进入（ufw 保持开启，入站默认 ${p.incoming ?? '?'}）`
          : `只允许来自 ${p.subnet} 的 TCP ${p.port} 端口进入，防火墙保持开启（运行时规则：重启或重新加载防火墙后失效）`,
      'zh-TW': (p) =>
        p.ufw
          ? `以一條 ufw 規則只允許來自 ${p.subnet} 的 TCP ${p.port} 連接埠進入（ufw 保持開啟，傳入預設 ${p.incoming ?? '?'}）`
          : `只允許來自 ${p.subnet} 的 TCP ${p.port} 連接埠進入，防火牆保持開啟（執行期規則：重新開機或重新載入防火牆後失效）`,
    },
  }),
  'linux.enable-forwarding': fix<{ persistent: boolean; file: string }>({
    platforms: ['linux'],
    name: words('turn IPv4 forwarding on', '开启 IPv4 转发', '開啟 IPv4 轉送'),
    summary: {
      en: (p) =>
        `Turn IPv4 forwarding on${p.persistent ? ` and keep it on after reboots (${p.file})` : ' (until the next reboot)'}`,
      'zh-CN': (p) => `开启 IPv4 转发${p.persistent ? `，并在重启后保持（${p.file}）` : '（直到下次重启）'}`,
      'zh-TW': (p) => `開啟 IPv4 轉送${p.persistent ? `，並在重新開機後保持（${p.file}）` : '（直到下次重新開機）'}`,
    },
  }),
  'linux.allow-forward': fix<{ interface: string }>({
    platforms: ['linux'],
    name: words('let the VMs’ traffic through FORWARD', '让虚拟机流量通过 FORWARD 链', '讓虛擬機流量通過 FORWARD 鏈'),
    summary: {
      en: (p) => `Let traffic of ${p.interface} through the forward chains that drop it`,
      'zh-CN': (p) => `让 ${p.interface} 的流量通过丢弃它的转发链`,
      'zh-TW': (p) => `讓 ${p.interface} 的流量通過丟棄它的轉送鏈`,
    },
  }),
  'guest.config': fix<{ flavour: string; interface: string; dhcp: boolean; address: string | null; gateway: string | null }>({
    platforms: ['linux'],
    name: words('write the VM’s network configuration', '写入虚拟机的网络配置', '寫入虛擬機的網路設定'),
    summary: {
      en: (p) =>
        `Write ${p.flavour} configuration for ${p.interface} (${p.dhcp ? 'DHCP' : `${p.address} via ${p.gateway ?? 'no gateway'}`}) and apply it; roll back unless it works`,
      'zh-CN': (p) =>
        `为 ${p.interface} 写入 ${p.flavour} 配置（${p.dhcp ? 'DHCP' : `${p.address}，网关 ${p.gateway ?? '无'}`}）并应用；若不生效则回滚`,
      'zh-TW': (p) =>
        `為 ${p.interface} 寫入 ${p.flavour} 設定（${p.dhcp ? 'DHCP' : `${p.address}，閘道 ${p.gateway ?? '無'}`}）並套用；若不生效則還原`,
    },
  }),
  'guest.new-mac': fix<{ interface?: string; mac?: string; was?: string; vm?: string; nic?: string }>({
    platforms: ['linux', 'windows'],
    name: words('give the VM a new MAC address', '给虚拟机换一个新的 MAC 地址', '給虛擬機換一個新的 MAC 位址'),
    summary: {
      en: (p) =>
        p.vm
          ? `Give NIC ${p.nic} of "${p.vm}" a new MAC address generated by VirtualBox (power the VM off first: VirtualBox changes a MAC only then)`
          : `Give ${p.interface} the new MAC address ${p.mac} (was ${p.was}) until the VM restarts; to keep it, generate a new MAC in the VM’s network adapter settings`,
      'zh-CN': (p) =>
        p.vm
          ? `让 VirtualBox 为“${p.vm}”的网卡 ${p.nic} 生成新的 MAC 地址（请先关闭虚拟机：VirtualBox 只在关机时更改 MAC）`
          : `把 ${p.interface} 的 MAC 地址改为 ${p.mac}（原为 ${p.was}），直到虚拟机重启；要长期保留，请在虚拟机的网络适配器设置中生成新的 MAC`,
      'zh-TW': (p) =>
        p.vm
          ? `讓 VirtualBox 為「${p.vm}」的網卡 ${p.nic} 產生新的 MAC 位址（請先關閉虛擬機：VirtualBox 只在關機時變更 MAC）`
          : `把 ${p.interface} 的 MAC 位址改為 ${p.mac}（原為 ${p.was}），直到虛擬機重新啟動；要長期保留，請在虛擬機的網路介面卡設定中產生新的 MAC`,
    },
  }),
  'guest.install-sshd': fix<{ installed: boolean; unit: string }>({
    platforms: ['linux'],
    name: words('install and start the SSH server', '安装并启动 SSH 服务器', '安裝並啟動 SSH 伺服器'),
    summary: {
      en: (p) =>
        `${p.installed ? 'Start' : 'Install and start'} the SSH server (openssh-server, unit ${p.unit}) so the host can connect on port 22`,
      'zh-CN': (p) =>
        `${p.installed ? '启动' : '安装并启动'} SSH 服务器（openssh-server，服务单元 ${p.unit}），让主机能连接 22 端口`,
      'zh-TW': (p) =>
        `${p.installed ? '啟動' : '安裝並啟動'} SSH 伺服器（openssh-server，服務單元 ${p.unit}），讓主機能連線 22 連接埠`,
    },
  }),
};

export type FixId = keyof typeof FIXES;
export const FIX_IDS = Object.keys(FIXES) as [FixId, ...FixId[]];
/** What a fix's plan reports for its summary, typed per fix. */
export type FixSummaryParams<K extends FixId> = Parameters<(typeof FIXES)[K]['summary']['en']>[0];
