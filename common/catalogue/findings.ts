/**
 * Every finding the diagnosis can report: its severity, the link of the network picture it
 * breaks, its words in each UI language as functions of typed parameters, and the fixes it
 * offers with the parameters each needs. Rules emit `{ id, params, evidence }` and nothing else;
 * a fix is offered only when its parameters pass that fix's schema (main/diagnosis/emit.ts).
 *
 * Adding a finding: one entry here (with an `example`), the rule that emits it, and one test.
 */
import type { Localized, Severity } from '../vocabulary.ts';
import type { FixId, FixPlatform } from './fixes.ts';
import type { HopId } from './hops.ts';
import { list, type Params, type Texts } from './text.ts';

export type LinkId = 'guest-switch' | 'switch-host' | 'switch-gateway' | 'gateway-internet' | 'switch-dhcp';

export interface FixOffer<P> {
  fix: FixId;
  /** The machine the fix runs on; a guest's finding may offer a fix for the host. */
  platform: FixPlatform;
  /** The fix's parameters from the finding's, or null when the evidence cannot give them. */
  params: (p: P) => Record<string, string> | null;
  /**
   * The observed value the fix replaces (from the finding's parameters) and the fix parameter that
   * carries the new one. The new value comes from what should be, never the broken one: the
   * catalogue test fails an offer whose new value is among the observed ones.
   */
  replaces?: { observed: (p: P) => string | readonly string[] | null; with: string };
}

export interface FindingDecl<P> {
  severity: Severity | ((p: P) => Severity);
  /** The link of the picture this finding marks broken, when no failed check already does. */
  link?: LinkId;
  /**
   * The hop of the symptom's path it breaks (hops.ts). A finding on the path ranks by its hop; one
   * off the path is "also found", never the verdict.
   */
  hop: HopId | ((p: P) => HopId);
  /**
   * Information that answers the symptom as the network is built (VirtualBox NAT needs a port
   * forward, an internal network has no host): the verdict says "by design", with the way out.
   * Any other information is a note, never the verdict.
   */
  byDesign?: true | ((p: P) => boolean);
  /** Parameters a real diagnosis could produce: the catalogue test renders and offers with them. */
  examples: [P, ...P[]];
  /** What this kind of problem is, in one sentence, whatever the parameters. */
  meaning: Localized;
  title: Texts<P>;
  detail: Texts<P>;
  offers?: FixOffer<P>[];
}

const finding = <P extends Params>(d: FindingDecl<P>) => d;

/** The adapter item bridged networking needs, as the card's Properties list it (its name is not translated). */
const bindingName = (product?: 'vmware' | 'virtualbox') =>
  product === 'virtualbox' ? 'VirtualBox NDIS6 Bridged Networking Driver' : 'VMware Bridge Protocol';
const productName = (product: 'vmware' | 'virtualbox') => (product === 'vmware' ? 'VMware' : 'VirtualBox');

/**
 * The host-side VBoxManage lines that forward a port to a VM on VirtualBox NAT (or a NAT Network),
 * in the form the fix writes them (its rule name, bound to 127.0.0.1): when the fix is offered the
 * text says the fix does it and carries no second command; when it cannot be (the VM's name is not
 * known from inside the VM), these are the lines to run, with placeholders, as `code` (the screen
 * and the reports render code spans; the backticks are never shown).
 */
function portForwardCommands(
  p: {
    vm: string | null;
    nic: number | null;
    port: number;
    hostPort: number;
    guestIp: string | null;
    natNetwork: boolean;
    running: boolean | null;
  },
  [vmPlaceholder, networkPlaceholder, running, stopped, byTheFix]: [string, string, string, string, string],
): string {
  const rule = `vmnetdoctor-${p.port}`;
  if (portForwardOffered(p)) return byTheFix;
  if (p.natNetwork)
    return `\`VBoxManage natnetwork modify --netname "<${networkPlaceholder}>" --port-forward-4 "${rule}:tcp:[127.0.0.1]:${p.hostPort}:[${p.guestIp ?? ''}]:${p.port}"\``;
  const vm = p.vm ? `"${p.vm}"` : `"<${vmPlaceholder}>"`;
  const nic = p.nic ?? 1;
  return `\`VBoxManage controlvm ${vm} natpf${nic} "${rule},tcp,127.0.0.1,${p.hostPort},,${p.port}"\` (${running}) / \`VBoxManage modifyvm ${vm} --natpf${nic} "${rule},tcp,127.0.0.1,${p.hostPort},,${p.port}"\` (${stopped})`;
}
/** The host knows the VM, its NIC and whether it runs: the fix vbox.add-port-forward can do it. */
const portForwardOffered = (p: { vm: string | null; nic: number | null; running: boolean | null; natNetwork: boolean }) =>
  p.vm !== null && p.nic !== null && p.running !== null && !p.natNetwork;

/** Who runs a VM network's NAT, named only when the evidence identified the product. */
export type NatOwner = 'vmware' | 'virtualbox' | 'libvirt' | 'hyperv';
const NAT_OWNER: Record<'en' | 'zh-CN' | 'zh-TW', Record<NatOwner, string>> = {
  en: {
    vmware: 'the VMware NAT Service',
    virtualbox: 'VirtualBox’s NAT (it runs inside the VM’s own process: restart the VM)',
    libvirt: 'libvirt’s network',
    hyperv: 'the Hyper-V Default Switch’s NAT (Host Network Service)',
  },
  'zh-CN': {
    vmware: ' VMware NAT Service ',
    virtualbox: ' VirtualBox NAT（它运行在虚拟机自己的进程里：请重启虚拟机）',
    libvirt: ' libvirt 网络',
    hyperv: ' Hyper-V 默认交换机的 NAT（主机网络服务）',
  },
  'zh-TW': {
    vmware: ' VMware NAT Service ',
    virtualbox: ' VirtualBox NAT（它在虛擬機自己的處理程序中執行：請重新啟動虛擬機）',
    libvirt: ' libvirt 網路',
    hyperv: ' Hyper-V 預設交換器的 NAT（主機網路服務）',
  },
};
const subnetFix = (subnet: string | null) => (subnet ? { subnet } : null);

/** Who made a network that lives inside the VM, by its device's name (main/diagnosis/guest-overlap.ts). */
export type LocalNetworkOwner = 'docker' | 'docker-network' | 'podman' | 'libvirt' | 'lxc' | 'bridge';
type Lang = 'en' | 'zh-CN' | 'zh-TW';
interface LocalOverlap {
  vmnet: string;
  subnet: string;
  free: string;
  otherDevice: string | null;
  otherRoute: string | null;
  owner?: LocalNetworkOwner;
  captures?: string[];
  hostIsOwn?: boolean;
  dockerNetwork?: string | null;
  composeProject?: string | null;
}

function localOwnerName(p: LocalOverlap, lang: Lang): string {
  const network = p.dockerNetwork ? ` ${p.dockerNetwork}` : '';
  const project = p.composeProject;
  const names: Record<LocalNetworkOwner, Record<Lang, string>> = {
    docker: { en: 'Docker’s default bridge', 'zh-CN': 'Docker 的默认网桥', 'zh-TW': 'Docker 的預設橋接器' },
    'docker-network': {
      en: project ? `The Docker network${network} of compose project ${project}` : `A Docker network${network}`,
      'zh-CN': project ? `compose 项目 ${project} 的 Docker 网络${network}` : `Docker 网络${network}`,
      'zh-TW': project ? `compose 專案 ${project} 的 Docker 網路${network}` : `Docker 網路${network}`,
    },
    podman: { en: 'A Podman network', 'zh-CN': 'Podman 网络', 'zh-TW': 'Podman 網路' },
    libvirt: { en: 'A libvirt network', 'zh-CN': 'libvirt 网络', 'zh-TW': 'libvirt 網路' },
    lxc: { en: 'The LXC/LXD bridge', 'zh-CN': 'LXC/LXD 网桥', 'zh-TW': 'LXC/LXD 橋接器' },
    bridge: { en: 'A bridge', 'zh-CN': '网桥', 'zh-TW': '橋接器' },
  };
  return names[p.owner ?? 'bridge'][lang];
}

/** The first address of a free /24, for Docker's "bip" (the bridge's own address with its prefix). */
const bipOf = (free: string) => free.replace(/\.0\/(\d+)$/, '.1/$1');

/** How the owner moves its network to a free subnet: the exact lines, in each language's sentence. */
function localOverlapWayOut(p: LocalOverlap, lang: Lang): string {
  const dev = p.otherDevice ?? '';
  const lines: Record<LocalNetworkOwner, Record<Lang, string>> = {
    docker: {
      en: `Give Docker's bridge a free subnet: put {"bip": "${bipOf(p.free)}"} in /etc/docker/daemon.json, then run: sudo systemctl restart docker`,
      'zh-CN': `给 Docker 网桥换一个空闲网段：在 /etc/docker/daemon.json 中写入 {"bip": "${bipOf(p.free)}"}，然后运行：sudo systemctl restart docker`,
      'zh-TW': `給 Docker 橋接器換一個空閒網段：在 /etc/docker/daemon.json 中寫入 {"bip": "${bipOf(p.free)}"}，然後執行：sudo systemctl restart docker`,
    },
    'docker-network': {
      en: `Give the network a free subnet: in the compose file, under networks → ${p.dockerNetwork?.replace(/^.*?_/, '') || 'default'} → ipam → config, set "- subnet: ${p.free}", then run: docker compose down && docker compose up -d. If the file pins no subnet, keep Docker's own choices off this network with {"default-address-pools": [{"base": "${p.free}", "size": 24}]} in /etc/docker/daemon.json (then: sudo systemctl restart docker).`,
      'zh-CN': `给这个网络换一个空闲网段：在 compose 文件的 networks → ${p.dockerNetwork?.replace(/^.*?_/, '') || 'default'} → ipam → config 下写 "- subnet: ${p.free}"，然后运行：docker compose down && docker compose up -d。如果文件没有指定网段，就在 /etc/docker/daemon.json 中写入 {"default-address-pools": [{"base": "${p.free}", "size": 24}]}，让 Docker 自选网段时避开这个网络（然后运行：sudo systemctl restart docker）。`,
      'zh-TW': `給這個網路換一個空閒網段：在 compose 檔案的 networks → ${p.dockerNetwork?.replace(/^.*?_/, '') || 'default'} → ipam → config 下寫 "- subnet: ${p.free}"，然後執行：docker compose down && docker compose up -d。如果檔案沒有指定網段，就在 /etc/docker/daemon.json 中寫入 {"default-address-pools": [{"base": "${p.free}", "size": 24}]}，讓 Docker 自選網段時避開這個網路（然後執行：sudo systemctl restart docker）。`,
    },
    podman: {
      en: `Recreate the network on a free subnet: podman network rm <network>, then podman network create --subnet ${p.free} <network>.`,
      'zh-CN': `在空闲网段上重建这个网络：podman network rm <网络名>，然后 podman network create --subnet ${p.free} <网络名>。`,
      'zh-TW': `在空閒網段上重建這個網路：podman network rm <網路名稱>，然後 podman network create --subnet ${p.free} <網路名稱>。`,
    },
    libvirt: {
      en: `Move the libvirt network to a free subnet: virsh net-edit <network> (its <ip address=…>), then virsh net-destroy <network> and virsh net-start <network>.`,
      'zh-CN': `把 libvirt 网络移到空闲网段：virsh net-edit <网络名>（修改 <ip address=…>），然后 virsh net-destroy <网络名>、virsh net-start <网络名>。`,
      'zh-TW': `把 libvirt 網路移到空閒網段：virsh net-edit <網路名稱>（修改 <ip address=…>），然後 virsh net-destroy <網路名稱>、virsh net-start <網路名稱>。`,
    },
    lxc: {
      en: `Give ${dev} a free subnet (${p.free}) in LXC's or LXD's network settings.`,
      'zh-CN': `在 LXC 或 LXD 的网络设置中给 ${dev} 换一个空闲网段（${p.free}）。`,
      'zh-TW': `在 LXC 或 LXD 的網路設定中給 ${dev} 換一個空閒網段（${p.free}）。`,
    },
    bridge: {
      en: `Give ${dev} a free subnet (${p.free}) where it is configured.`,
      'zh-CN': `在 ${dev} 的配置中给它换一个空闲网段（${p.free}）。`,
      'zh-TW': `在 ${dev} 的設定中給它換一個空閒網段（${p.free}）。`,
    },
  };
  return lines[p.owner ?? 'bridge'][lang];
}

const CAPTURE_NAMES: Record<Lang, Record<string, string>> = {
  en: { host: 'the host', gateway: 'the gateway', dns: 'the DNS server' },
  'zh-CN': { host: '主机', gateway: '网关', dns: 'DNS 服务器' },
  'zh-TW': { host: '主機', gateway: '閘道', dns: 'DNS 伺服器' },
};

function localOverlapDetail(p: LocalOverlap, lang: Lang): string {
  const who = localOwnerName(p, lang);
  const names = (p.captures ?? []).map((c) => CAPTURE_NAMES[lang][c] ?? c);
  const what = lang === 'en' && names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : list(names, lang);
  const own = p.hostIsOwn;
  const wayOut = localOverlapWayOut(p, lang);
  if (lang === 'en')
    return `${who} gave ${p.otherDevice} the addresses ${p.otherRoute}, which cover the VM network (${p.subnet} on ${p.vmnet}). Packets for ${what} go into ${p.otherDevice} instead of ${p.vmnet}${own ? ', and the host’s address is now the VM’s own: the VM’s ping to the host is answered by the VM itself, and the host’s packets get no reply' : ''}. ${wayOut}`;
  if (lang === 'zh-CN')
    return `${who}给 ${p.otherDevice} 分配了 ${p.otherRoute}，覆盖了虚拟机网络（${p.vmnet} 上的 ${p.subnet}）。发往${what}的数据包进了 ${p.otherDevice}，而不是 ${p.vmnet}${own ? '；而且主机的地址现在成了虚拟机自己的地址：虚拟机 ping 主机时是它自己在回应，主机发来的数据包得不到回复' : ''}。${wayOut}`;
  return `${who}給 ${p.otherDevice} 分配了 ${p.otherRoute}，涵蓋了虛擬機網路（${p.vmnet} 上的 ${p.subnet}）。送往${what}的封包進了 ${p.otherDevice}，而不是 ${p.vmnet}${own ? '；而且主機的位址現在成了虛擬機自己的位址：虛擬機 ping 主機時是它自己在回應，主機送來的封包得不到回覆' : ''}。${wayOut}`;
}

export const FINDINGS = {
  CABLE_DISCONNECTED: finding<{ vm: string | null; nic: number | null; adapters: string[]; running?: boolean }>({
    severity: 'error',
    hop: 'vm-nic',
    link: 'guest-switch',
    examples: [
      { vm: null, nic: null, adapters: ['lo'] },
      { vm: 'Ubuntu 22.04', nic: 1, adapters: [], running: true },
    ],
    meaning: {
      en: 'The VM’s virtual cable is unplugged in the VM settings.',
      'zh-CN': '虚拟机设置里的虚拟网线没有连接。',
      'zh-TW': '虛擬機設定裡的虛擬網路線沒有連接。',
    },
    title: {
      en: (p) => (p.vm ? `${p.vm} NIC ${p.nic}: the virtual cable is unplugged` : 'This VM has no network card'),
      'zh-CN': (p) => (p.vm ? `${p.vm} 的网卡 ${p.nic}：虚拟网线未接上` : '这台虚拟机没有网卡'),
      'zh-TW': (p) => (p.vm ? `${p.vm} 的網卡 ${p.nic}：虛擬網路線未接上` : '這台虛擬機沒有網卡'),
    },
    detail: {
      en: (p) =>
        p.vm
          ? `VirtualBox has "Cable connected" off for NIC ${p.nic} of ${p.vm}: the VM sees no network at all on it. The fix below plugs it in with VBoxManage; by hand, it is the VM's Settings → Network → Advanced.`
          : 'No Ethernet interface was found: the VM’s virtual NIC is missing or not connected in the VM settings.',
      'zh-CN': (p) =>
        p.vm
          ? `VirtualBox 中 ${p.vm} 的网卡 ${p.nic} 没有勾选“接入网线”，虚拟机在这张网卡上完全没有网络。下面的修复用 VBoxManage 接上它；手动操作在虚拟机的 设置 → 网络 → 高级 中。`
          : '没有找到以太网接口：虚拟机的虚拟网卡不存在，或在虚拟机设置中没有连接。',
      'zh-TW': (p) =>
        p.vm
          ? `VirtualBox 中 ${p.vm} 的網卡 ${p.nic} 沒有勾選「已連接網路線」，虛擬機在這張網卡上完全沒有網路。下面的修復用 VBoxManage 接上它；手動操作在虛擬機的 設定 → 網路 → 進階 中。`
          : '沒有找到乙太網路介面：虛擬機的虛擬網卡不存在，或在虛擬機設定中沒有連接。',
    },
    offers: [
      {
        fix: 'vbox.connect-cable',
        platform: 'windows',
        params: (p) =>
          p.vm !== null && p.nic !== null
            ? { vm: p.vm, nic: String(p.nic), running: p.running === false ? 'false' : 'true' }
            : null,
      },
    ],
  }),

  LINK_DOWN: finding<{
    interface: string;
    disabled: boolean;
    /** Another NIC than the one the symptom is about: information, the VM's network works without it. */
    other?: boolean;
  }>({
    severity: (p) => (p.other ? 'info' : 'error'),
    hop: 'vm-nic',
    link: 'guest-switch',
    examples: [
      { interface: 'ens33', disabled: true },
      { interface: 'enp0s3', disabled: false },
      { interface: 'enp0s8', disabled: true, other: true },
    ],
    meaning: {
      en: 'The VM’s network card is switched off or unplugged.',
      'zh-CN': '虚拟机的网卡被关闭或断开了。',
      'zh-TW': '虛擬機的網路卡被關閉或中斷了。',
    },
    title: {
      en: (p) => `${p.interface} is down`,
      'zh-CN': (p) => `${p.interface} 未启用`,
      'zh-TW': (p) => `${p.interface} 未啟用`,
    },
    detail: {
      en: (p) =>
        p.disabled
          ? `The interface ${p.interface} is switched off (administratively down), so ${p.other ? 'whatever is on its network (a host-only network, typically) is out of reach; the VM’s other network works' : 'the VM has no network at all'}.`
          : `The interface ${p.interface} is up but has no carrier: the virtual cable is unplugged (VM setting “Connected”).`,
      'zh-CN': (p) =>
        p.disabled
          ? `接口 ${p.interface} 被关闭了（管理性停用），${p.other ? '它所在网络（通常是仅主机网络）上的一切都无法访问；虚拟机的另一个网络正常' : '虚拟机完全没有网络'}。`
          : `接口 ${p.interface} 已启用但没有载波：虚拟网线没有接上（虚拟机设置中的“已连接”）。`,
      'zh-TW': (p) =>
        p.disabled
          ? `介面 ${p.interface} 被關閉了（管理性停用），${p.other ? '它所在網路（通常是僅限主機網路）上的一切都無法存取；虛擬機的另一個網路正常' : '虛擬機完全沒有網路'}。`
          : `介面 ${p.interface} 已啟用但沒有載波：虛擬網路線沒有接上（虛擬機設定中的「已連線」）。`,
    },
    offers: [{ fix: 'linux.link-up', platform: 'linux', params: (p) => ({ interface: p.interface }) }],
  }),

  NO_IPV4: finding<{
    interface: string;
    apipa: string | null;
    other?: boolean;
    /** Asked just now: a DHCP server offers this address (the NIC's own DHCP client did not take it). */
    offered?: string;
    server?: string;
  }>({
    severity: (p) => (p.other ? 'info' : 'error'),
    hop: 'vm-address',
    link: 'switch-dhcp',
    examples: [
      { interface: 'ens33', apipa: null },
      { interface: 'ens33', apipa: '169.254.10.20' },
      { interface: 'enp0s8', apipa: null, other: true },
      { interface: 'ens3', apipa: null, offered: '192.168.1.120', server: '192.168.1.1' },
    ],
    meaning: {
      en: 'The VM has no IPv4 address: DHCP gave none, or nothing is configured.',
      'zh-CN': '虚拟机没有 IPv4 地址：DHCP 没有分配，或者没有配置。',
      'zh-TW': '虛擬機沒有 IPv4 位址：DHCP 沒有分配，或者沒有設定。',
    },
    title: {
      en: (p) => `${p.interface} has no IPv4 address`,
      'zh-CN': (p) => `${p.interface} 没有 IPv4 地址`,
      'zh-TW': (p) => `${p.interface} 沒有 IPv4 位址`,
    },
    detail: {
      en: (p) =>
        p.offered
          ? `${p.interface} has no address, yet a DHCP server (${p.server}) offers it ${p.offered} right now: the VM's DHCP client gave up earlier (the network was not ready) or is not running. Ask again.`
          : p.apipa
            ? `${p.interface} only has ${p.apipa} (169.254.x.x): it asked DHCP for an address and nobody answered.`
            : `${p.interface} is up but has no IPv4 address: DHCP did not give one and none is configured.`,
      'zh-CN': (p) =>
        p.offered
          ? `${p.interface} 没有地址，但 DHCP 服务器（${p.server}）此刻愿意给它 ${p.offered}：虚拟机的 DHCP 客户端早先放弃了（当时网络还没准备好）或者没有运行。请重新申请。`
          : p.apipa
            ? `${p.interface} 只有 ${p.apipa}（169.254.x.x）：它向 DHCP 申请地址，但没有任何服务器回应。`
            : `${p.interface} 已启用但没有 IPv4 地址：DHCP 没有分配，也没有手动配置。`,
      'zh-TW': (p) =>
        p.offered
          ? `${p.interface} 沒有位址，但 DHCP 伺服器（${p.server}）此刻願意給它 ${p.offered}：虛擬機的 DHCP 用戶端早先放棄了（當時網路還沒準備好）或者沒有執行。請重新要求。`
          : p.apipa
            ? `${p.interface} 只有 ${p.apipa}（169.254.x.x）：它向 DHCP 要求位址，但沒有任何伺服器回應。`
            : `${p.interface} 已啟用但沒有 IPv4 位址：DHCP 沒有分配，也沒有手動設定。`,
    },
    offers: [
      { fix: 'linux.dhcp-renew', platform: 'linux', params: (p) => ({ interface: p.interface }) },
      { fix: 'guest.config', platform: 'linux', params: (p) => ({ interface: p.interface }) },
    ],
  }),

  BRIDGE_NO_LEASE: finding<{
    interface: string;
    /** Asked for an address just now: nobody answered, or a server answered and refused (DHCPNAK). */
    outcome: 'no-server' | 'refused';
    server: string | null;
    mac: string | null;
    /** The hypervisor the VM's firmware names, when it does. */
    hypervisor: string | null;
    seconds: number;
  }>({
    severity: 'error',
    hop: 'dhcp',
    link: 'switch-dhcp',
    examples: [
      { interface: 'ens33', outcome: 'no-server', server: null, mac: '00:0c:29:3a:5b:7c', hypervisor: 'VMware', seconds: 5 },
      {
        interface: 'enp0s3',
        outcome: 'refused',
        server: '10.20.0.1',
        mac: '08:00:27:46:5c:5b',
        hypervisor: 'VirtualBox',
        seconds: 5,
      },
      { interface: 'ens3', outcome: 'no-server', server: null, mac: null, hypervisor: null, seconds: 5 },
    ],
    meaning: {
      en: 'The network gives this VM no address: no DHCP server answers it, or one refuses it.',
      'zh-CN': '网络不给这台虚拟机分配地址：没有 DHCP 服务器回应它，或者服务器拒绝了它。',
      'zh-TW': '網路不給這台虛擬機分配位址：沒有 DHCP 伺服器回應它，或者伺服器拒絕了它。',
    },
    title: {
      en: (p) =>
        p.outcome === 'refused'
          ? `The DHCP server ${p.server} refuses ${p.interface}`
          : `No DHCP server answers on ${p.interface}`,
      'zh-CN': (p) =>
        p.outcome === 'refused' ? `DHCP 服务器 ${p.server} 拒绝了 ${p.interface}` : `${p.interface} 上没有任何 DHCP 服务器回应`,
      'zh-TW': (p) =>
        p.outcome === 'refused' ? `DHCP 伺服器 ${p.server} 拒絕了 ${p.interface}` : `${p.interface} 上沒有任何 DHCP 伺服器回應`,
    },
    detail: {
      en: (p) =>
        p.outcome === 'refused'
          ? `A DHCP server (${p.server}) answered ${p.interface} and refused it (DHCPNAK): the network will not lease to this VM${p.mac ? `'s MAC ${p.mac}` : ''} — a network that leases only to registered devices, or a lease left from another network. Register the MAC with the network's administrators (a bridged VM is a device of its own there), or switch the VM to NAT so it goes out with the host's address.`
          : `${p.interface} asked for an address for ${p.seconds} s and no DHCP server answered. If the VM is bridged onto your LAN, that LAN ignores it: campus, company and hotel networks often lease only to registered devices (register this VM${p.mac ? `'s MAC ${p.mac}` : ''} — it is a device of its own there), and Wi-Fi access points usually accept one MAC per station, so a VM bridged over Wi-Fi gets nothing. Switching the VM to NAT is the way out: it then goes out with the host's address. If the VM is on NAT or host-only, the DHCP service on the host is not running${p.hypervisor === 'VMware' ? ' (VMware’s VMnetDHCP: run VMnet Doctor on the host)' : ''}.`,
      'zh-CN': (p) =>
        p.outcome === 'refused'
          ? `DHCP 服务器（${p.server}）回应了 ${p.interface}，但拒绝了它（DHCPNAK）：这个网络不给这台虚拟机${p.mac ? `（MAC ${p.mac}）` : ''}分配地址——只给已登记设备分配地址的网络，或者是另一个网络留下的旧租约。请找网络管理员登记这个 MAC（桥接的虚拟机在那里是一台独立的设备），或者把虚拟机改成 NAT 模式，用主机的地址上网。`
          : `${p.interface} 申请地址 ${p.seconds} 秒，没有任何 DHCP 服务器回应。如果虚拟机是桥接到您的局域网上，就是这个局域网不理它：校园、公司和酒店网络常常只给已登记的设备分配地址（请登记这台虚拟机${p.mac ? `的 MAC ${p.mac}` : ''}——它在那里是一台独立的设备），而 Wi-Fi 接入点通常每个终端只接受一个 MAC，所以通过 Wi-Fi 桥接的虚拟机什么也拿不到。把虚拟机改成 NAT 模式就能解决：它会用主机的地址上网。如果虚拟机用的是 NAT 或仅主机模式，就是主机上的 DHCP 服务没有运行${p.hypervisor === 'VMware' ? '（VMware 的 VMnetDHCP：请在主机上运行 VMnet Doctor）' : ''}。`,
      'zh-TW': (p) =>
        p.outcome === 'refused'
          ? `DHCP 伺服器（${p.server}）回應了 ${p.interface}，但拒絕了它（DHCPNAK）：這個網路不給這台虛擬機${p.mac ? `（MAC ${p.mac}）` : ''}分配位址——只給已登記裝置分配位址的網路，或者是另一個網路留下的舊租約。請找網路管理員登記這個 MAC（橋接的虛擬機在那裡是一台獨立的裝置），或者把虛擬機改成 NAT 模式，用主機的位址上網。`
          : `${p.interface} 要求位址 ${p.seconds} 秒，沒有任何 DHCP 伺服器回應。如果虛擬機是橋接到您的區域網路上，就是這個區域網路不理它：校園、公司和飯店網路常常只給已登記的裝置分配位址（請登記這台虛擬機${p.mac ? `的 MAC ${p.mac}` : ''}——它在那裡是一台獨立的裝置），而 Wi-Fi 存取點通常每個終端只接受一個 MAC，所以透過 Wi-Fi 橋接的虛擬機什麼也拿不到。把虛擬機改成 NAT 模式就能解決：它會用主機的位址上網。如果虛擬機用的是 NAT 或僅限主機模式，就是主機上的 DHCP 服務沒有執行${p.hypervisor === 'VMware' ? '（VMware 的 VMnetDHCP：請在主機上執行 VMnet Doctor）' : ''}。`,
    },
    // Once the network accepts the VM (its MAC registered), asking again is all that is left.
    offers: [{ fix: 'linux.dhcp-renew', platform: 'linux', params: (p) => ({ interface: p.interface }) }],
  }),

  WRONG_SUBNET: finding<{
    interface: string;
    address: string;
    hostIp: string | null;
    hostNetwork: string;
    /**
     * Only the prefix is wrong: the network is /`prefix` (neighbours answered ARP beyond the typed
     * prefix, or the host the user named shares the /24), and `answeredBy` are who answered.
     */
    prefix?: number;
    answeredBy?: string[];
  }>({
    severity: 'error',
    hop: 'vm-address',
    examples: [
      { interface: 'ens33', address: '192.168.1.50/24', hostIp: '192.168.37.1', hostNetwork: '192.168.37.0/24' },
      {
        interface: 'ens33',
        address: '192.168.37.200/25',
        hostIp: '192.168.37.1',
        hostNetwork: '192.168.37.0/24',
        prefix: 24,
        answeredBy: ['192.168.37.1', '192.168.37.2'],
      },
      {
        interface: 'ens33',
        address: '192.168.37.200/32',
        hostIp: null,
        hostNetwork: '192.168.37.0/24',
        prefix: 24,
        answeredBy: ['192.168.37.2'],
      },
    ],
    meaning: {
      en: 'The VM’s address is in the wrong network, so neither host nor gateway is reachable.',
      'zh-CN': '虚拟机的地址不在虚拟网络的网段内，主机和网关都到不了。',
      'zh-TW': '虛擬機的位址不在虛擬網路的網段內，主機和閘道都連不到。',
    },
    title: {
      en: (p) =>
        p.prefix
          ? `${p.address}: the prefix /${p.address.split('/')[1]} is wrong, the network is ${p.hostNetwork}`
          : `${p.address} is not in the host’s network`,
      'zh-CN': (p) =>
        p.prefix
          ? `${p.address}：前缀 /${p.address.split('/')[1]} 不对，这个网络是 ${p.hostNetwork}`
          : `${p.address} 不在主机所在的网络中`,
      'zh-TW': (p) =>
        p.prefix
          ? `${p.address}：前綴 /${p.address.split('/')[1]} 不對，這個網路是 ${p.hostNetwork}`
          : `${p.address} 不在主機所在的網路中`,
    },
    detail: {
      en: (p) =>
        p.prefix
          ? `The VM's address is set with the prefix /${p.address.split('/')[1]}, but its network is ${p.hostNetwork}${p.answeredBy?.length ? `: ${list(p.answeredBy, 'en')} answered from outside that prefix` : `: the host ${p.hostIp} is in it`}. With the narrower prefix the VM believes them unreachable and cannot even set its gateway. Set the prefix to /${p.prefix} (netmask ${p.prefix === 24 ? '255.255.255.0' : `/${p.prefix}`}), or use DHCP.`
          : `The VM has ${p.address}, but the host is ${p.hostIp}: they are on different networks, so neither the host nor the gateway is reachable directly. Use an address in ${p.hostNetwork}, or DHCP.`,
      'zh-CN': (p) =>
        p.prefix
          ? `虚拟机的地址配置的前缀是 /${p.address.split('/')[1]}，但它所在的网络是 ${p.hostNetwork}${p.answeredBy?.length ? `：${list(p.answeredBy, 'zh-CN')} 在这个前缀之外有回应` : `：主机 ${p.hostIp} 就在其中`}。前缀过窄时，虚拟机会认为它们不可达，连网关都设置不上。请把前缀改成 /${p.prefix}（子网掩码 ${p.prefix === 24 ? '255.255.255.0' : `/${p.prefix}`}），或改用 DHCP。`
          : `虚拟机的地址是 ${p.address}，而主机是 ${p.hostIp}：两者不在同一网络，主机和网关都无法直接到达。请使用 ${p.hostNetwork} 中的地址，或改用 DHCP。`,
      'zh-TW': (p) =>
        p.prefix
          ? `虛擬機的位址設定的前綴是 /${p.address.split('/')[1]}，但它所在的網路是 ${p.hostNetwork}${p.answeredBy?.length ? `：${list(p.answeredBy, 'zh-TW')} 在這個前綴之外有回應` : `：主機 ${p.hostIp} 就在其中`}。前綴過窄時，虛擬機會認為它們無法連線，連閘道都設定不上。請把前綴改成 /${p.prefix}（子網路遮罩 ${p.prefix === 24 ? '255.255.255.0' : `/${p.prefix}`}），或改用 DHCP。`
          : `虛擬機的位址是 ${p.address}，而主機是 ${p.hostIp}：兩者不在同一網路，主機和閘道都無法直接到達。請使用 ${p.hostNetwork} 中的位址，或改用 DHCP。`,
    },
    offers: [
      {
        fix: 'guest.config',
        platform: 'linux',
        params: (p) =>
          p.prefix ? { interface: p.interface, mode: 'static', address: `${p.address.split('/')[0]}/${p.prefix}` } : null,
        replaces: { observed: (p) => p.address, with: 'address' },
      },
      { fix: 'guest.config', platform: 'linux', params: (p) => (p.prefix ? null : { interface: p.interface }) },
    ],
  }),

  DUPLICATE_MAC: finding<{
    mac: string;
    interface: string | null;
    linkLocal: string | null;
    vms: string[];
    network: string | null;
    hypervisor: string | null;
    vm: string | null;
    nic: number | null;
  }>({
    severity: 'error',
    hop: 'vm-network',
    examples: [
      {
        mac: '00:0c:29:12:34:56',
        interface: 'ens33',
        linkLocal: 'fe80::20c:29ff:fe12:3456',
        vms: [],
        network: null,
        hypervisor: null,
        vm: null,
        nic: null,
      },
      {
        mac: '08:00:27:46:5c:5b',
        interface: null,
        linkLocal: null,
        vms: ['ubuntu', 'ubuntu-clone'],
        network: 'VirtualBox hostonly vboxnet0',
        hypervisor: 'VirtualBox',
        vm: 'ubuntu-clone',
        nic: 2,
      },
      {
        mac: '00:0c:29:aa:bb:cc',
        interface: null,
        linkLocal: null,
        vms: ['web', 'web copy'],
        network: 'VMnet8',
        hypervisor: 'VMware',
        vm: 'web copy',
        nic: 0,
      },
    ],
    meaning: {
      en: 'Another machine uses the same MAC address (a cloned VM).',
      'zh-CN': '另一台机器使用了相同的 MAC 地址（克隆的虚拟机）。',
      'zh-TW': '另一台機器使用了相同的 MAC 位址（複製的虛擬機）。',
    },
    title: {
      en: (p) =>
        p.vms.length
          ? `${p.vms.join(' and ')} have the same MAC address ${p.mac}`
          : `Another machine on this network has this VM’s MAC address ${p.mac}`,
      'zh-CN': (p) =>
        p.vms.length
          ? `${list(p.vms, 'zh-CN')} 的 MAC 地址相同（${p.mac}）`
          : `网络上另一台机器与本虚拟机的 MAC 地址 ${p.mac} 相同`,
      'zh-TW': (p) =>
        p.vms.length
          ? `${list(p.vms, 'zh-TW')} 的 MAC 位址相同（${p.mac}）`
          : `網路上另一台機器與本虛擬機的 MAC 位址 ${p.mac} 相同`,
    },
    detail: {
      en: (p) =>
        p.vms.length
          ? `These running VMs share the MAC ${p.mac} on ${p.network}: the virtual switch delivers their traffic to one or the other, so both lose connections. This happens when a VM is copied keeping its network card’s address. Give one of them a new MAC with the VM powered off${p.hypervisor === 'VMware' ? ': VMware › VM Settings › Network Adapter › Advanced › Generate' : ''}.`
          : `The address ${p.linkLocal}, which Linux makes from the MAC ${p.mac}, is already in use on the network: another machine has the same MAC — a copy of this VM that kept its network card’s address. The virtual switch then sends this VM’s traffic to one or the other, so connections come and go. Give one of them a new MAC (VMware: Network Adapter › Advanced › Generate; VirtualBox: Network › Advanced › refresh the MAC address).`,
      'zh-CN': (p) =>
        p.vms.length
          ? `这些正在运行的虚拟机在 ${p.network} 上共用 MAC ${p.mac}：虚拟交换机会把它们的流量时而交给这台、时而交给那台，两台都会断线。这是复制虚拟机时保留了网卡地址造成的。请在关机状态下给其中一台换一个新的 MAC${p.hypervisor === 'VMware' ? '：VMware › 虚拟机设置 › 网络适配器 › 高级 › 生成' : ''}。`
          : `Linux 根据 MAC ${p.mac} 生成的地址 ${p.linkLocal} 已被网络上的其他机器占用：另一台机器有相同的 MAC，通常是保留了网卡地址的虚拟机副本。虚拟交换机会把流量时而交给这台、时而交给那台，连接时断时续。请给其中一台换一个新的 MAC（VMware：网络适配器 › 高级 › 生成；VirtualBox：网络 › 高级 › 刷新 MAC 地址）。`,
      'zh-TW': (p) =>
        p.vms.length
          ? `這些正在執行的虛擬機在 ${p.network} 上共用 MAC ${p.mac}：虛擬交換器會把它們的流量時而交給這台、時而交給那台，兩台都會斷線。這是複製虛擬機時保留了網卡位址造成的。請在關機狀態下給其中一台換一個新的 MAC${p.hypervisor === 'VMware' ? '：VMware › 虛擬機設定 › 網路介面卡 › 進階 › 產生' : ''}。`
          : `Linux 根據 MAC ${p.mac} 產生的位址 ${p.linkLocal} 已被網路上的其他機器佔用：另一台機器有相同的 MAC，通常是保留了網卡位址的虛擬機副本。虛擬交換器會把流量時而交給這台、時而交給那台，連線時斷時續。請給其中一台換一個新的 MAC（VMware：網路介面卡 › 進階 › 產生；VirtualBox：網路 › 進階 › 重新產生 MAC 位址）。`,
    },
    offers: [
      { fix: 'guest.new-mac', platform: 'linux', params: (p) => (p.interface ? { interface: p.interface } : null) },
      {
        fix: 'guest.new-mac',
        platform: 'windows',
        params: (p) =>
          p.hypervisor === 'VirtualBox' && p.vm && p.nic !== null
            ? { vm: p.vm, nic: String(p.nic), mac: p.mac.replace(/:/g, '') }
            : null,
      },
    ],
  }),

  DUPLICATE_IP: finding<{ interface: string; address: string; macs: string[]; leased: boolean }>({
    severity: 'error',
    hop: 'vm-address',
    examples: [
      { interface: 'ens33', address: '192.168.37.128', macs: ['00:0c:29:aa:bb:cc'], leased: true },
      { interface: 'ens33', address: '192.168.37.10', macs: ['00:0c:29:aa:bb:cc'], leased: false },
    ],
    meaning: {
      en: 'Another machine uses the same IP address (typical after cloning).',
      'zh-CN': '另一台机器使用了相同的 IP 地址（克隆后常见）。',
      'zh-TW': '另一台機器使用了相同的 IP 位址（複製後常見）。',
    },
    title: {
      en: (p) => `Another machine also uses ${p.address}`,
      'zh-CN': (p) => `另一台机器也在使用 ${p.address}`,
      'zh-TW': (p) => `另一台機器也在使用 ${p.address}`,
    },
    detail: {
      en: (p) =>
        `${p.macs.join(', ')} answered for ${p.address}, this VM’s own address. Two machines with one address break each other’s traffic; typical after cloning a VM. ${
          p.leased
            ? 'This VM leased its address from DHCP: if the other machine is a copy of it, the DHCP server gave both the same address because they present the same identity (/etc/machine-id). Give the copy its own (sudo rm /etc/machine-id && sudo systemd-machine-id-setup, then reboot), or let netplan identify by MAC (dhcp-identifier: mac).'
            : 'The address is set by hand here: give one of the machines another one.'
        }`,
      'zh-CN': (p) =>
        `${list(p.macs, 'zh-CN')} 回应了 ${p.address}，而这是本虚拟机自己的地址。两台机器用同一个地址会互相打断流量，常见于克隆虚拟机之后。${
          p.leased
            ? '本虚拟机的地址来自 DHCP：如果另一台是它的副本，DHCP 服务器因为两者的身份（/etc/machine-id）相同而给了同一个地址。请给副本生成自己的身份（sudo rm /etc/machine-id && sudo systemd-machine-id-setup，然后重启），或让 netplan 按 MAC 标识（dhcp-identifier: mac）。'
            : '这里的地址是手动设置的：请给其中一台换一个地址。'
        }`,
      'zh-TW': (p) =>
        `${list(p.macs, 'zh-TW')} 回應了 ${p.address}，而這是本虛擬機自己的位址。兩台機器用同一個位址會互相打斷流量，常見於複製虛擬機之後。${
          p.leased
            ? '本虛擬機的位址來自 DHCP：如果另一台是它的副本，DHCP 伺服器因為兩者的身分（/etc/machine-id）相同而給了同一個位址。請給副本產生自己的身分（sudo rm /etc/machine-id && sudo systemd-machine-id-setup，然後重新開機），或讓 netplan 依 MAC 識別（dhcp-identifier: mac）。'
            : '這裡的位址是手動設定的：請給其中一台換一個位址。'
        }`,
    },
    offers: [{ fix: 'guest.config', platform: 'linux', params: (p) => ({ interface: p.interface }) }],
  }),

  NO_DEFAULT_ROUTE: finding<{
    interface: string;
    network: string;
    hostOnly: boolean;
    host: string | null;
    expected: string | null;
    /** How the expected gateway was decided: the NIC's DHCP lease, the device answered, or only the product's convention. */
    expectedFrom: 'dhcp-lease' | 'answered' | 'convention' | null;
    /** The product the evidence identified (never guessed from a MAC alone). */
    vendor: string | null;
  }>({
    severity: (p) => (p.hostOnly ? 'warning' : 'error'),
    hop: 'gateway',
    byDesign: (p) => p.hostOnly,
    examples: [
      {
        interface: 'ens33',
        network: '192.168.37.0/24',
        hostOnly: false,
        host: null,
        expected: '192.168.37.2',
        expectedFrom: 'answered',
        vendor: 'VMware',
      },
      {
        interface: 'enp0s3',
        network: '10.0.2.0/24',
        hostOnly: false,
        host: null,
        expected: '10.0.2.2',
        expectedFrom: 'dhcp-lease',
        vendor: 'VirtualBox',
      },
      {
        interface: 'ens33',
        network: '192.168.37.0/24',
        hostOnly: false,
        host: null,
        expected: null,
        expectedFrom: null,
        vendor: null,
      },
      {
        interface: 'enp0s8',
        network: '192.168.56.0/24',
        hostOnly: true,
        host: '192.168.56.1',
        expected: null,
        expectedFrom: null,
        vendor: 'VirtualBox',
      },
    ],
    meaning: {
      en: 'The VM has no default gateway, so it cannot reach anything outside its network.',
      'zh-CN': '虚拟机没有默认网关，无法访问网段以外的地址。',
      'zh-TW': '虛擬機沒有預設閘道，無法連到網段以外的位址。',
    },
    title: {
      en: (p) => (p.hostOnly ? 'This VM is on a host-only network, which has no internet' : 'No default gateway is set'),
      'zh-CN': (p) => (p.hostOnly ? '这台虚拟机在仅主机网络上，这种网络没有互联网' : '没有设置默认网关'),
      'zh-TW': (p) => (p.hostOnly ? '這台虛擬機在僅限主機網路上，這種網路沒有網際網路' : '沒有設定預設閘道'),
    },
    detail: {
      en: (p) =>
        p.hostOnly
          ? `The host ${p.host} answers but no NAT device does: this is a host-only network (VMware VMnet1, VirtualBox host-only), which has no gateway and no internet by design. Give the VM a second network adapter in NAT mode, or switch this one to NAT.`
          : `Without a default route the VM can only reach ${p.network}.${p.expected ? ` Set the gateway to ${p.expected}${p.expectedFrom === 'dhcp-lease' ? ' (the router this network’s DHCP server offered)' : p.expectedFrom === 'answered' ? ` (it answers: the ${p.vendor ?? 'network’s'} NAT device)` : ` (the ${p.vendor ?? 'hypervisor'} convention; nothing confirmed it)`}.` : ''}`,
      'zh-CN': (p) =>
        p.hostOnly
          ? `主机 ${p.host} 有回应，但没有 NAT 设备回应：这是仅主机网络（VMware VMnet1、VirtualBox 仅主机），本来就没有网关和互联网。请给虚拟机再加一张 NAT 模式的网卡，或把这张改成 NAT。`
          : `没有默认路由，虚拟机只能访问 ${p.network}。${p.expected ? `请把网关设为 ${p.expected}${p.expectedFrom === 'dhcp-lease' ? '（这个网络的 DHCP 服务器给出的路由器）' : p.expectedFrom === 'answered' ? `（它有回应：${p.vendor ?? '这个网络'}的 NAT 设备）` : `（${p.vendor ?? '虚拟化软件'}的惯例，未经确认）`}。` : ''}`,
      'zh-TW': (p) =>
        p.hostOnly
          ? `主機 ${p.host} 有回應，但沒有 NAT 裝置回應：這是僅限主機網路（VMware VMnet1、VirtualBox 僅限主機），本來就沒有閘道和網際網路。請給虛擬機再加一張 NAT 模式的網卡，或把這張改成 NAT。`
          : `沒有預設路由，虛擬機只能存取 ${p.network}。${p.expected ? `請把閘道設為 ${p.expected}${p.expectedFrom === 'dhcp-lease' ? '（這個網路的 DHCP 伺服器提供的路由器）' : p.expectedFrom === 'answered' ? `（它有回應：${p.vendor ?? '這個網路'}的 NAT 裝置）` : `（${p.vendor ?? '虛擬化軟體'}的慣例，未經確認）`}。` : ''}`,
    },
    offers: [
      {
        fix: 'linux.set-gateway',
        platform: 'linux',
        params: (p) => (p.expected && !p.hostOnly ? { interface: p.interface, gateway: p.expected } : null),
      },
      { fix: 'guest.config', platform: 'linux', params: (p) => (p.hostOnly ? null : { interface: p.interface }) },
    ],
  }),

  GATEWAY_MISMATCH: finding<{
    interface: string;
    gateway: string;
    expected: string | null;
    address: string;
    offLink: boolean;
    vendor: string | null;
    expectedFrom: 'dhcp-lease' | 'answered' | null;
    /**
     * The default route leaves through this other NIC, whose network has no router (host-only),
     * while `interface`'s own lease names one: the route belongs on `interface`.
     */
    via?: string;
  }>({
    severity: 'error',
    hop: 'gateway',
    examples: [
      {
        interface: 'ens33',
        gateway: '192.168.37.1',
        expected: '192.168.37.2',
        address: '192.168.37.128/24',
        offLink: false,
        vendor: 'VMware',
        expectedFrom: 'dhcp-lease',
      },
      {
        interface: 'ens33',
        gateway: '10.9.9.9',
        expected: null,
        address: '192.168.37.128/24',
        offLink: true,
        vendor: null,
        expectedFrom: null,
      },
      {
        interface: 'enp0s3',
        gateway: '192.168.56.1',
        expected: '10.0.2.2',
        address: '10.0.2.15/24',
        offLink: false,
        vendor: 'VirtualBox',
        expectedFrom: 'dhcp-lease',
        via: 'enp0s8',
      },
    ],
    meaning: {
      en: 'The VM’s gateway is not the device that routes its network to the outside.',
      'zh-CN': '虚拟机的网关不是为这个网络转发对外流量的设备。',
      'zh-TW': '虛擬機的閘道不是為這個網路轉送對外流量的裝置。',
    },
    title: {
      en: (p) => `The gateway ${p.gateway} is wrong${p.expected ? `; it should be ${p.expected}` : ''}`,
      'zh-CN': (p) => `网关 ${p.gateway} 不对${p.expected ? `，应该是 ${p.expected}` : ''}`,
      'zh-TW': (p) => `閘道 ${p.gateway} 不對${p.expected ? `，應該是 ${p.expected}` : ''}`,
    },
    detail: {
      en: (p) =>
        p.via
          ? `The default route leaves through ${p.via} to ${p.gateway}, but ${p.via}'s network has no router (a host-only network): nothing forwards traffic for the internet there. ${p.interface}'s own DHCP lease names the router ${p.expected}: the default route belongs on ${p.interface}.`
          : p.offLink
            ? `${p.gateway} is not in the VM’s network ${p.address}, so it cannot be used.`
            : `${p.gateway} does not route this network: traffic for the internet goes to a machine that does not forward it. ${p.expectedFrom === 'dhcp-lease' ? `This network’s DHCP server names ${p.expected} as its router.` : `The router of this network answers at ${p.expected}.`}`,
      'zh-CN': (p) =>
        p.via
          ? `默认路由经 ${p.via} 走向 ${p.gateway}，但 ${p.via} 所在的网络没有路由器（仅主机网络）：那里没有设备为互联网流量转发。${p.interface} 自己的 DHCP 租约指定的路由器是 ${p.expected}：默认路由应该走 ${p.interface}。`
          : p.offLink
            ? `${p.gateway} 不在虚拟机的网络 ${p.address} 中，所以无法使用。`
            : `${p.gateway} 不为这个网络转发流量：发往互联网的流量被送到一台不会转发它的机器。${p.expectedFrom === 'dhcp-lease' ? `这个网络的 DHCP 服务器指定的路由器是 ${p.expected}。` : `这个网络的路由器在 ${p.expected} 回应。`}`,
      'zh-TW': (p) =>
        p.via
          ? `預設路由經 ${p.via} 走向 ${p.gateway}，但 ${p.via} 所在的網路沒有路由器（僅限主機網路）：那裡沒有裝置為網際網路流量轉送。${p.interface} 自己的 DHCP 租約指定的路由器是 ${p.expected}：預設路由應該走 ${p.interface}。`
          : p.offLink
            ? `${p.gateway} 不在虛擬機的網路 ${p.address} 中，所以無法使用。`
            : `${p.gateway} 不為這個網路轉送流量：送往網際網路的流量被送到一台不會轉送它的機器。${p.expectedFrom === 'dhcp-lease' ? `這個網路的 DHCP 伺服器指定的路由器是 ${p.expected}。` : `這個網路的路由器在 ${p.expected} 回應。`}`,
    },
    offers: [
      {
        fix: 'linux.set-gateway',
        platform: 'linux',
        params: (p) => (p.expected ? { interface: p.interface, gateway: p.expected } : null),
        replaces: { observed: (p) => p.gateway, with: 'gateway' },
      },
      { fix: 'guest.config', platform: 'linux', params: (p) => ({ interface: p.interface }) },
    ],
  }),

  HOST_UNREACHABLE: finding<{ host: string; arpMac: string | null; subnet: string | null }>({
    severity: 'error',
    hop: 'host-firewall',
    examples: [
      { host: '192.168.37.1', arpMac: '00:50:56:c0:00:08', subnet: '192.168.37.0/24' },
      { host: '192.168.37.1', arpMac: null, subnet: '192.168.37.0/24' },
    ],
    meaning: {
      en: 'The VM is set up right, but the host does not answer: usually the host’s firewall.',
      'zh-CN': '虚拟机配置正确，但主机没有响应：通常是主机防火墙拦截。',
      'zh-TW': '虛擬機設定正確，但主機沒有回應：通常是主機防火牆阻擋。',
    },
    title: {
      en: (p) => `The host ${p.host} does not answer`,
      'zh-CN': (p) => `主机 ${p.host} 没有回应`,
      'zh-TW': (p) => `主機 ${p.host} 沒有回應`,
    },
    detail: {
      en: (p) =>
        `This VM is set up correctly and other machines on its network answer, but the host at ${p.host} does not reply to ping${p.arpMac ? ` although it answers ARP (${p.arpMac}): it is there and drops the ping` : ''}. The host’s firewall is the usual cause (Windows files the VM adapter under “Public” and blocks ping); allow ICMP echo from ${p.subnet ?? 'the VM network'} on the host.`,
      'zh-CN': (p) =>
        `这台虚拟机配置正确，网络上的其他机器也有回应，但主机 ${p.host} 不回应 ping${p.arpMac ? `，尽管它回应了 ARP（${p.arpMac}）：它在网络上，只是丢弃了 ping` : ''}。通常是主机的防火墙所致（Windows 把虚拟网卡归为“公用”网络并阻止 ping）；请在主机上允许来自 ${p.subnet ?? '虚拟机网络'} 的 ICMP 回显。`,
      'zh-TW': (p) =>
        `這台虛擬機設定正確，網路上的其他機器也有回應，但主機 ${p.host} 不回應 ping${p.arpMac ? `，儘管它回應了 ARP（${p.arpMac}）：它在網路上，只是丟棄了 ping` : ''}。通常是主機的防火牆所致（Windows 把虛擬網卡歸為「公用」網路並封鎖 ping）；請在主機上允許來自 ${p.subnet ?? '虛擬機網路'} 的 ICMP 回應。`,
    },
    offers: [
      // From inside the VM the host's profile is unknown; Windows files a VM adapter on an
      // "unidentified network" under Public, the case this finding is about. The preview names it.
      {
        fix: 'host.allow-icmp',
        platform: 'windows',
        params: (p) => (p.subnet ? { subnet: p.subnet, profile: 'Public' } : null),
      },
      { fix: 'linux.allow-icmp', platform: 'linux', params: (p) => subnetFix(p.subnet) },
    ],
  }),

  NO_INTERNET: finding<{
    gateway: string;
    gatewayAnswers: boolean | null;
    gatewayArpSilent: boolean;
    /** Whose NAT routes this network, when the evidence (lease, vendor) says so. */
    owner: NatOwner | null;
  }>({
    severity: 'error',
    hop: 'nat',
    link: 'gateway-internet',
    examples: [
      { gateway: '192.168.37.2', gatewayAnswers: true, gatewayArpSilent: false, owner: 'vmware' },
      { gateway: '192.168.37.2', gatewayAnswers: false, gatewayArpSilent: true, owner: 'vmware' },
      { gateway: '192.168.122.1', gatewayAnswers: false, gatewayArpSilent: false, owner: 'libvirt' },
      { gateway: '10.0.2.2', gatewayAnswers: false, gatewayArpSilent: false, owner: 'virtualbox' },
      { gateway: '172.20.160.1', gatewayAnswers: false, gatewayArpSilent: false, owner: 'hyperv' },
      { gateway: '192.168.1.1', gatewayAnswers: false, gatewayArpSilent: true, owner: null },
    ],
    meaning: {
      en: 'Nothing beyond the VM’s network answers: the device that should route it to the internet is stopped, or the host is offline.',
      'zh-CN': '虚拟机网络之外没有任何回应：负责把它转发到互联网的设备停止了，或主机本身断网。',
      'zh-TW': '虛擬機網路之外沒有任何回應：負責把它轉送到網際網路的裝置停止了，或主機本身斷網。',
    },
    title: {
      en: (p) =>
        p.gatewayAnswers ? 'The gateway answers, but nothing beyond it does' : `The gateway ${p.gateway} does not answer`,
      'zh-CN': (p) => (p.gatewayAnswers ? '网关有回应，但网关之外没有任何回应' : `网关 ${p.gateway} 没有回应`),
      'zh-TW': (p) => (p.gatewayAnswers ? '閘道有回應，但閘道之外沒有任何回應' : `閘道 ${p.gateway} 沒有回應`),
    },
    detail: {
      en: (p) =>
        p.gatewayAnswers
          ? 'The VM reaches its gateway, but no internet address answers: the host is offline or its NAT does not forward.'
          : `The VM’s settings are right, but the gateway at ${p.gateway} is silent${p.gatewayArpSilent ? ' — it does not even answer ARP, so nothing holds that address' : ''}: ${p.owner ? `${NAT_OWNER.en[p.owner]} is stopped on the host` : 'whatever routes this network (the hypervisor’s NAT on the host, or a router on the LAN) is down'}.`,
      'zh-CN': (p) =>
        p.gatewayAnswers
          ? '虚拟机能到达网关，但没有任何互联网地址回应：主机离线，或它的 NAT 没有转发。'
          : `虚拟机的设置没有问题，但网关 ${p.gateway} 没有回应${p.gatewayArpSilent ? '，连 ARP 都不回应，说明没有任何设备占用这个地址' : ''}：${p.owner ? `主机上的${NAT_OWNER['zh-CN'][p.owner]}已停止` : '负责这个网络路由的设备（主机上虚拟化软件的 NAT，或局域网上的路由器）已停止'}。`,
      'zh-TW': (p) =>
        p.gatewayAnswers
          ? '虛擬機能到達閘道，但沒有任何網際網路位址回應：主機離線，或它的 NAT 沒有轉送。'
          : `虛擬機的設定沒有問題，但閘道 ${p.gateway} 沒有回應${p.gatewayArpSilent ? '，連 ARP 都不回應，表示沒有任何裝置佔用這個位址' : ''}：${p.owner ? `主機上的${NAT_OWNER['zh-TW'][p.owner]}已停止` : '負責這個網路路由的裝置（主機上虛擬化軟體的 NAT，或區域網路上的路由器）已停止'}。`,
    },
  }),

  DNS_BROKEN: finding<{
    interface: string;
    name: string;
    nameservers: string[];
    suggested: string | null;
    managedBy: string | null;
    /** /etc/resolv.conf links to this file, which is gone: the resolver that wrote it does not run. */
    danglingLink?: string | null;
  }>({
    severity: 'error',
    hop: 'dns',
    examples: [
      {
        interface: 'ens33',
        name: 'www.microsoft.com',
        nameservers: [],
        suggested: '192.168.37.2',
        managedBy: null,
        danglingLink: '../run/systemd/resolve/stub-resolv.conf',
      },
      { interface: 'ens33', name: 'www.microsoft.com', nameservers: [], suggested: '192.168.37.2', managedBy: null },
      {
        interface: 'ens33',
        name: 'www.microsoft.com',
        nameservers: ['10.255.255.1'],
        suggested: '192.168.37.2',
        managedBy: 'systemd-resolved',
      },
      { interface: 'ens33', name: 'www.microsoft.com', nameservers: ['10.255.255.1'], suggested: null, managedBy: null },
    ],
    meaning: {
      en: 'Addresses work but names do not resolve: the DNS server is missing or silent.',
      'zh-CN': 'IP 地址能通但域名无法解析：DNS 服务器缺失或没有响应。',
      'zh-TW': 'IP 位址能通但網域名稱無法解析：DNS 伺服器缺少或沒有回應。',
    },
    title: {
      en: (p) =>
        p.nameservers.length === 0 ? 'No DNS server is configured' : `Names do not resolve (DNS ${p.nameservers.join(', ')})`,
      'zh-CN': (p) =>
        p.nameservers.length === 0 ? '没有配置 DNS 服务器' : `域名无法解析（DNS ${list(p.nameservers, 'zh-CN')}）`,
      'zh-TW': (p) =>
        p.nameservers.length === 0 ? '沒有設定 DNS 伺服器' : `網域名稱無法解析（DNS ${list(p.nameservers, 'zh-TW')}）`,
    },
    detail: {
      en: (p) =>
        `${p.danglingLink ? `/etc/resolv.conf is a link to ${p.danglingLink}, which does not exist: the resolver that writes it (systemd-resolved or NetworkManager) is not running, so the VM has no nameserver.` : p.nameservers.length === 0 ? '/etc/resolv.conf names no nameserver, so the VM cannot turn names into addresses.' : `Addresses answer but ${p.name} does not resolve: the configured nameserver does not answer.`}${p.suggested ? ` Use ${p.suggested}${p.managedBy ? ` (${p.managedBy} writes /etc/resolv.conf, so the change is made through it)` : ''}.` : ''}`,
      'zh-CN': (p) =>
        `${p.danglingLink ? `/etc/resolv.conf 是指向 ${p.danglingLink} 的链接，而这个文件不存在：生成它的解析服务（systemd-resolved 或 NetworkManager）没有运行，所以虚拟机没有 DNS 服务器。` : p.nameservers.length === 0 ? '/etc/resolv.conf 中没有 nameserver，虚拟机无法把域名解析成地址。' : `地址能访问，但 ${p.name} 无法解析：配置的 DNS 服务器没有回应。`}${p.suggested ? `请使用 ${p.suggested}${p.managedBy ? `（/etc/resolv.conf 由 ${p.managedBy} 生成，所以通过它修改）` : ''}。` : ''}`,
      'zh-TW': (p) =>
        `${p.danglingLink ? `/etc/resolv.conf 是指向 ${p.danglingLink} 的連結，而這個檔案不存在：產生它的解析服務（systemd-resolved 或 NetworkManager）沒有執行，所以虛擬機沒有 DNS 伺服器。` : p.nameservers.length === 0 ? '/etc/resolv.conf 中沒有 nameserver，虛擬機無法把網域名稱解析成位址。' : `位址能存取，但 ${p.name} 無法解析：設定的 DNS 伺服器沒有回應。`}${p.suggested ? `請使用 ${p.suggested}${p.managedBy ? `（/etc/resolv.conf 由 ${p.managedBy} 產生，所以透過它修改）` : ''}。` : ''}`,
    },
    offers: [
      {
        fix: 'linux.set-dns',
        platform: 'linux',
        // The name that failed travels along: the fix is verified by resolving it through the new server.
        params: (p) => (p.suggested ? { dns: p.suggested, interface: p.interface, name: p.name } : null),
        replaces: { observed: (p) => p.nameservers, with: 'dns' },
      },
      { fix: 'guest.config', platform: 'linux', params: (p) => ({ interface: p.interface }) },
    ],
  }),

  GUEST_FIREWALL_BLOCKS_ICMP: finding<{ rules: string[]; subnet: string }>({
    severity: 'warning',
    hop: 'vm-firewall',
    examples: [{ rules: ['inet filter input: icmp type echo-request drop'], subnet: '192.168.37.0/24' }],
    meaning: {
      en: 'The VM’s own firewall drops ping.',
      'zh-CN': '虚拟机自己的防火墙丢弃了 ping。',
      'zh-TW': '虛擬機自己的防火牆丟棄了 ping。',
    },
    title: {
      en: () => 'This VM’s firewall drops ping',
      'zh-CN': () => '这台虚拟机的防火墙丢弃 ping',
      'zh-TW': () => '這台虛擬機的防火牆丟棄 ping',
    },
    detail: {
      en: (p) =>
        `The VM’s own firewall drops incoming ICMP echo (${p.rules.join('; ')}), so the host’s ping fails even though the network works.`,
      'zh-CN': (p) => `虚拟机自己的防火墙丢弃了传入的 ICMP 回显（${p.rules.join('; ')}），所以即使网络正常，主机也 ping 不通它。`,
      'zh-TW': (p) => `虛擬機自己的防火牆丟棄了傳入的 ICMP 回應（${p.rules.join('; ')}），所以即使網路正常，主機也 ping 不通它。`,
    },
    offers: [{ fix: 'linux.allow-icmp', platform: 'linux', params: (p) => ({ subnet: p.subnet }) }],
  }),

  GUEST_FIREWALL_BLOCKS_PORT: finding<{ port: number; rules: string[]; ufw: boolean; subnet: string }>({
    severity: 'error',
    hop: 'vm-firewall',
    examples: [
      { port: 22, rules: ['inet filter input: policy drop'], ufw: false, subnet: '192.168.37.0/24' },
      { port: 8080, rules: ['filter ufw-user-input: policy deny'], ufw: true, subnet: '192.168.37.0/24' },
    ],
    meaning: {
      en: 'The service listens, but the VM’s firewall drops its port.',
      'zh-CN': '服务在监听，但虚拟机防火墙拦截了该端口。',
      'zh-TW': '服務在監聽，但虛擬機防火牆阻擋了該連接埠。',
    },
    title: {
      en: (p) => `This VM’s firewall drops port ${p.port}`,
      'zh-CN': (p) => `这台虚拟机的防火墙丢弃 ${p.port} 端口`,
      'zh-TW': (p) => `這台虛擬機的防火牆丟棄 ${p.port} 連接埠`,
    },
    detail: {
      en: (p) =>
        `Something listens on TCP port ${p.port}, but the VM’s own firewall${p.ufw ? ' (ufw)' : ''} drops connections to it (${p.rules.join('; ')}), so the host cannot connect.`,
      'zh-CN': (p) =>
        `TCP ${p.port} 端口上有程序在监听，但虚拟机自己的防火墙${p.ufw ? '（ufw）' : ''}丢弃了到它的连接（${p.rules.join('; ')}），所以主机连不上。`,
      'zh-TW': (p) =>
        `TCP ${p.port} 連接埠上有程式在監聽，但虛擬機自己的防火牆${p.ufw ? '（ufw）' : ''}丟棄了到它的連線（${p.rules.join('; ')}），所以主機連不上。`,
    },
    offers: [{ fix: 'linux.allow-port', platform: 'linux', params: (p) => ({ port: String(p.port), subnet: p.subnet }) }],
  }),

  SERVICE_BOUND_TO_LOOPBACK: finding<{ port: number; addresses: string[]; process: string | null; vmAddress: string }>({
    severity: 'error',
    hop: 'vm-service',
    examples: [
      { port: 8080, addresses: ['127.0.0.1'], process: 'python3', vmAddress: '192.168.37.128' },
      { port: 3306, addresses: ['127.0.0.1', '::1'], process: null, vmAddress: '10.0.2.15' },
    ],
    meaning: {
      en: 'The service listens only on the VM’s loopback address, so nothing outside the VM can reach it.',
      'zh-CN': '服务只监听虚拟机的回环地址，虚拟机之外的任何机器都连不上它。',
      'zh-TW': '服務只監聽虛擬機的回送位址，虛擬機之外的任何機器都連不上它。',
    },
    title: {
      en: (p) => `Port ${p.port} only listens inside the VM (${p.addresses.join(', ')})`,
      'zh-CN': (p) => `${p.port} 端口只在虚拟机内部监听（${list(p.addresses, 'zh-CN')}）`,
      'zh-TW': (p) => `${p.port} 連接埠只在虛擬機內部監聽（${list(p.addresses, 'zh-TW')}）`,
    },
    detail: {
      en: (p) =>
        `${p.process ? `${p.process} listens` : 'The service listens'} on TCP port ${p.port} at ${p.addresses.join(' and ')} only: connections from inside the VM work, but the host's never arrive. Make it listen on 0.0.0.0 or on ${p.vmAddress} (its bind or listen address setting, e.g. bind-address, ListenAddress, --host 0.0.0.0), then restart it.`,
      'zh-CN': (p) =>
        `${p.process ? `${p.process} ` : '这个服务'}只在 ${list(p.addresses, 'zh-CN')} 上监听 TCP ${p.port} 端口：虚拟机内部能连上，来自主机的连接却永远到不了。请让它监听 0.0.0.0 或 ${p.vmAddress}（修改它的绑定或监听地址设置，例如 bind-address、ListenAddress、--host 0.0.0.0），然后重启它。`,
      'zh-TW': (p) =>
        `${p.process ? `${p.process} ` : '這個服務'}只在 ${list(p.addresses, 'zh-TW')} 上監聽 TCP ${p.port} 連接埠：虛擬機內部能連上，來自主機的連線卻永遠到不了。請讓它監聽 0.0.0.0 或 ${p.vmAddress}（修改它的繫結或監聽位址設定，例如 bind-address、ListenAddress、--host 0.0.0.0），然後重新啟動它。`,
    },
  }),

  SERVICE_NOT_LISTENING: finding<{ port: number; sshd: 'not-installed' | 'stopped' | null }>({
    severity: 'error',
    hop: 'vm-service',
    examples: [
      { port: 22, sshd: 'not-installed' },
      { port: 22, sshd: 'stopped' },
      { port: 8080, sshd: null },
    ],
    meaning: {
      en: 'Nothing listens on the port you want (is the SSH server installed and running?).',
      'zh-CN': '你要访问的端口上没有服务在监听（SSH 服务是否已安装并运行？）。',
      'zh-TW': '你要連線的連接埠上沒有服務在監聽（SSH 服務是否已安裝並執行？）。',
    },
    title: {
      en: (p) => `Nothing listens on port ${p.port}`,
      'zh-CN': (p) => `${p.port} 端口上没有程序在监听`,
      'zh-TW': (p) => `${p.port} 連接埠上沒有程式在監聽`,
    },
    detail: {
      en: (p) =>
        p.sshd === 'not-installed'
          ? 'The network works, but no SSH server is installed in this VM (openssh-server), so nothing answers on port 22.'
          : p.sshd === 'stopped'
            ? 'The network works and openssh-server is installed, but its service is not running, so nothing answers on port 22.'
            : `The network works, but nothing listens on TCP port ${p.port}.`,
      'zh-CN': (p) =>
        p.sshd === 'not-installed'
          ? '网络正常，但这台虚拟机没有安装 SSH 服务器（openssh-server），所以 22 端口没有回应。'
          : p.sshd === 'stopped'
            ? '网络正常，openssh-server 也已安装，但它的服务没有运行，所以 22 端口没有回应。'
            : `网络正常，但 TCP ${p.port} 端口上没有程序在监听。`,
      'zh-TW': (p) =>
        p.sshd === 'not-installed'
          ? '網路正常，但這台虛擬機沒有安裝 SSH 伺服器（openssh-server），所以 22 連接埠沒有回應。'
          : p.sshd === 'stopped'
            ? '網路正常，openssh-server 也已安裝，但它的服務沒有執行，所以 22 連接埠沒有回應。'
            : `網路正常，但 TCP ${p.port} 連接埠上沒有程式在監聽。`,
    },
    // A missing listener is fixed by starting one; opening the firewall would not help.
    offers: [{ fix: 'guest.install-sshd', platform: 'linux', params: (p) => (p.sshd ? {} : null) }],
  }),

  NAT_SERVICE_STOPPED: finding<{
    product: 'vmware' | 'libvirt';
    service: string | null;
    status: string | null;
    startType: string | null;
    network: string | null;
    bridge: string | null;
    hostAddress: string | null;
    autostart: boolean | null;
    /** libvirt: the network runs but its masquerade rule for this subnet is gone (firewalld reload, Docker, a flush). */
    natRulesMissing: string | null;
    /** Where the network's NAT rules live (the backend the fix must write with), when the ruleset says. */
    natBackend?: 'nft' | 'iptables' | 'iptables-legacy' | null;
    /** The chain that still holds a masquerade rule for it, when nothing jumps there any more. */
    orphanedIn?: string | null;
  }>({
    severity: 'error',
    hop: (p) => (p.product === 'libvirt' && !p.natRulesMissing ? 'vm-network' : 'nat'),
    link: 'switch-gateway',
    examples: [
      {
        product: 'vmware',
        service: 'VMware NAT Service',
        status: 'Stopped',
        startType: 'Disabled',
        network: null,
        bridge: null,
        hostAddress: null,
        autostart: null,
        natRulesMissing: null,
      },
      {
        product: 'vmware',
        service: 'VMware NAT Service',
        status: null,
        startType: null,
        network: null,
        bridge: null,
        hostAddress: null,
        autostart: null,
        natRulesMissing: null,
      },
      {
        product: 'libvirt',
        service: null,
        status: null,
        startType: null,
        network: 'default',
        bridge: 'virbr0',
        hostAddress: '192.168.122.1/24',
        autostart: false,
        natRulesMissing: null,
      },
      {
        product: 'libvirt',
        service: null,
        status: null,
        startType: null,
        network: 'default',
        bridge: 'virbr0',
        hostAddress: '192.168.122.1/24',
        autostart: true,
        natRulesMissing: '192.168.122.0/24',
      },
      {
        product: 'libvirt',
        service: null,
        status: null,
        startType: null,
        network: 'default',
        bridge: 'virbr0',
        hostAddress: '192.168.122.1/24',
        autostart: true,
        natRulesMissing: '192.168.122.0/24',
        natBackend: 'iptables-legacy',
        orphanedIn: 'iptables-legacy ip nat LIBVIRT_PRT',
      },
    ],
    meaning: {
      en: 'The hypervisor’s NAT service is not running.',
      'zh-CN': '虚拟化软件的 NAT 服务没有运行。',
      'zh-TW': '虛擬化軟體的 NAT 服務沒有執行。',
    },
    title: {
      en: (p) =>
        p.natRulesMissing
          ? `The NAT rule of libvirt’s network “${p.network}” is gone`
          : p.product === 'libvirt'
            ? `The libvirt network “${p.network}” is not running`
            : p.status
              ? 'The VMware NAT service is stopped'
              : 'The VMware NAT service is missing',
      'zh-CN': (p) =>
        p.natRulesMissing
          ? `libvirt 网络“${p.network}”的 NAT 规则不见了`
          : p.product === 'libvirt'
            ? `libvirt 网络“${p.network}”没有运行`
            : p.status
              ? 'VMware NAT 服务已停止'
              : 'VMware NAT 服务不存在',
      'zh-TW': (p) =>
        p.natRulesMissing
          ? `libvirt 網路「${p.network}」的 NAT 規則不見了`
          : p.product === 'libvirt'
            ? `libvirt 網路「${p.network}」沒有執行`
            : p.status
              ? 'VMware NAT 服務已停止'
              : 'VMware NAT 服務不存在',
    },
    detail: {
      en: (p) =>
        p.natRulesMissing
          ? `libvirt’s network ${p.network} runs (bridge ${p.bridge}), but ${p.orphanedIn ? `its masquerade rule for ${p.natRulesMissing} is no longer reached: it is still in ${p.orphanedIn}, and nothing jumps there any more (the POSTROUTING chain was flushed)` : `no masquerade rule for ${p.natRulesMissing} is left in the firewall — a firewalld reload, Docker or a flush of the rules removed it`}. Its VMs reach the host but not the internet. Restarting libvirtd puts libvirt’s rules back; the fix adds the same masquerade rule now${p.natBackend ? `, with ${p.natBackend} (where this host’s NAT rules live)` : ''}.`
          : p.product === 'libvirt'
            ? `libvirt’s network ${p.network}${p.bridge ? ` (bridge ${p.bridge}${p.hostAddress ? `, ${p.hostAddress}` : ''})` : ''} is defined but inactive, so its VMs get no address, no gateway and no NAT.${p.autostart === false ? ` It is also not set to start at boot (virsh net-autostart ${p.network}).` : ''}`
            : p.status
              ? `"${p.service}" is ${p.status} (start type ${p.startType || 'unknown'}): VMs on the NAT network (VMnet8) reach neither the internet nor their gateway.`
              : `"${p.service}" is not installed: VMware's NAT network cannot work. VMware's network setup must be restored.`,
      'zh-CN': (p) =>
        p.natRulesMissing
          ? `libvirt 网络 ${p.network} 在运行（网桥 ${p.bridge}），但${p.orphanedIn ? `它对 ${p.natRulesMissing} 的地址伪装（masquerade）规则已经不起作用：规则还在 ${p.orphanedIn} 里，但已经没有规则跳转到那里（POSTROUTING 链被清空了）` : `防火墙里已经没有 ${p.natRulesMissing} 的地址伪装（masquerade）规则——firewalld 重新加载、Docker 或清空规则把它删掉了`}。它的虚拟机能到主机，但到不了互联网。重启 libvirtd 会恢复 libvirt 的规则；这个修复现在就加回同样的伪装规则${p.natBackend ? `，使用 ${p.natBackend}（这台主机的 NAT 规则所在之处）` : ''}。`
          : p.product === 'libvirt'
            ? `libvirt 网络 ${p.network}${p.bridge ? `（网桥 ${p.bridge}${p.hostAddress ? `，${p.hostAddress}` : ''}）` : ''} 已定义但未启动，它的虚拟机得不到地址、网关和 NAT。${p.autostart === false ? `它也没有设为开机自动启动（virsh net-autostart ${p.network}）。` : ''}`
            : p.status
              ? `“${p.service}”的状态是 ${p.status}（启动类型 ${p.startType || '未知'}）：NAT 网络（VMnet8）上的虚拟机既到不了互联网，也到不了网关。`
              : `“${p.service}”没有安装：VMware 的 NAT 网络无法工作，需要恢复 VMware 的网络设置。`,
      'zh-TW': (p) =>
        p.natRulesMissing
          ? `libvirt 網路 ${p.network} 正在執行（橋接器 ${p.bridge}），但${p.orphanedIn ? `它對 ${p.natRulesMissing} 的位址偽裝（masquerade）規則已經不起作用：規則還在 ${p.orphanedIn} 裡，但已經沒有規則跳到那裡（POSTROUTING 鏈被清空了）` : `防火牆裡已經沒有 ${p.natRulesMissing} 的位址偽裝（masquerade）規則——firewalld 重新載入、Docker 或清空規則把它刪掉了`}。它的虛擬機能到主機，但到不了網際網路。重新啟動 libvirtd 會恢復 libvirt 的規則；這個修復現在就加回同樣的偽裝規則${p.natBackend ? `，使用 ${p.natBackend}（這台主機的 NAT 規則所在之處）` : ''}。`
          : p.product === 'libvirt'
            ? `libvirt 網路 ${p.network}${p.bridge ? `（橋接器 ${p.bridge}${p.hostAddress ? `，${p.hostAddress}` : ''}）` : ''} 已定義但未啟動，它的虛擬機得不到位址、閘道和 NAT。${p.autostart === false ? `它也沒有設為開機自動啟動（virsh net-autostart ${p.network}）。` : ''}`
            : p.status
              ? `「${p.service}」的狀態是 ${p.status}（啟動類型 ${p.startType || '未知'}）：NAT 網路（VMnet8）上的虛擬機既到不了網際網路，也到不了閘道。`
              : `「${p.service}」沒有安裝：VMware 的 NAT 網路無法運作，需要還原 VMware 的網路設定。`,
    },
    offers: [
      {
        fix: 'host.start-nat',
        platform: 'linux',
        params: (p) => (p.product === 'libvirt' && p.network && !p.natRulesMissing ? { network: p.network } : null),
      },
      {
        fix: 'linux.restore-masquerade',
        platform: 'linux',
        params: (p) =>
          p.natRulesMissing && p.bridge
            ? { subnet: p.natRulesMissing, interface: p.bridge, ...(p.natBackend ? { backend: p.natBackend } : {}) }
            : null,
      },
      {
        fix: 'host.start-nat',
        platform: 'windows',
        params: (p) =>
          p.product === 'vmware' && p.status
            ? { previous: p.status, ...(p.startType === 'Disabled' ? { startType: 'Disabled' } : {}) }
            : null,
      },
      {
        fix: 'vmware.restore-vmnet',
        platform: 'windows',
        params: (p) => (p.product === 'vmware' && !p.status ? { vmnet: 'VMnet8' } : null),
      },
    ],
  }),

  DHCP_SERVICE_STOPPED: finding<{
    service: string;
    status: string | null;
    startType: string | null;
    /** A libvirt network whose dnsmasq does not run (service is then "dnsmasq"). */
    network?: string | null;
    bridge?: string | null;
  }>({
    severity: 'error',
    hop: 'dhcp',
    link: 'switch-dhcp',
    examples: [
      { service: 'dnsmasq', status: null, startType: null, network: 'default', bridge: 'virbr0' },
      { service: 'VMnetDHCP', status: 'Stopped', startType: 'Automatic' },
      { service: 'VMnetDHCP', status: 'Stopped', startType: 'Disabled' },
      { service: 'VMnetDHCP', status: null, startType: null },
    ],
    meaning: {
      en: 'The hypervisor’s DHCP service is not running, so VMs get no address.',
      'zh-CN': '虚拟化软件的 DHCP 服务没有运行，虚拟机拿不到地址。',
      'zh-TW': '虛擬化軟體的 DHCP 服務沒有執行，虛擬機拿不到位址。',
    },
    title: {
      en: (p) =>
        p.network
          ? `libvirt’s DHCP server (dnsmasq) for the network “${p.network}” is not running`
          : p.status
            ? 'The VMware DHCP service is stopped'
            : 'The VMware DHCP service is missing',
      'zh-CN': (p) =>
        p.network
          ? `libvirt 网络“${p.network}”的 DHCP 服务器（dnsmasq）没有运行`
          : p.status
            ? 'VMware DHCP 服务已停止'
            : 'VMware DHCP 服务不存在',
      'zh-TW': (p) =>
        p.network
          ? `libvirt 網路「${p.network}」的 DHCP 伺服器（dnsmasq）沒有執行`
          : p.status
            ? 'VMware DHCP 服務已停止'
            : 'VMware DHCP 服務不存在',
    },
    detail: {
      en: (p) =>
        p.network
          ? `The network ${p.network} is up (bridge ${p.bridge}) but nothing answers DHCP on it: its dnsmasq was killed, or failed to start when the network was reloaded. VMs that ask for an address get none (or a 169.254.x.x one). The fix starts dnsmasq again with the configuration libvirt wrote for this network; restarting the network (virsh net-destroy ${p.network}, then virsh net-start ${p.network}) does the same but cuts the running VMs off for a moment.`
          : `"${p.service}" is ${p.status ?? 'not installed'}: VMs set to get their address automatically get none (or a 169.254.x.x one).`,
      'zh-CN': (p) =>
        p.network
          ? `网络 ${p.network} 已启动（网桥 ${p.bridge}），但上面没有任何程序应答 DHCP：它的 dnsmasq 被结束了，或在网络重新加载时没能启动。申请地址的虚拟机拿不到地址（或只拿到 169.254.x.x）。这个修复用 libvirt 为该网络写好的配置重新启动 dnsmasq；重启网络（virsh net-destroy ${p.network}，再 virsh net-start ${p.network}）效果相同，但会让正在运行的虚拟机短暂断网。`
          : `“${p.service}”${p.status ? `的状态是 ${p.status}` : '没有安装'}：设为自动获取地址的虚拟机拿不到地址（或只拿到 169.254.x.x）。`,
      'zh-TW': (p) =>
        p.network
          ? `網路 ${p.network} 已啟動（橋接器 ${p.bridge}），但上面沒有任何程式回應 DHCP：它的 dnsmasq 被結束了，或在網路重新載入時沒能啟動。要求位址的虛擬機拿不到位址（或只拿到 169.254.x.x）。這個修復用 libvirt 為該網路寫好的設定重新啟動 dnsmasq；重新啟動網路（virsh net-destroy ${p.network}，再 virsh net-start ${p.network}）效果相同，但會讓正在執行的虛擬機短暫斷線。`
          : `「${p.service}」${p.status ? `的狀態是 ${p.status}` : '沒有安裝'}：設為自動取得位址的虛擬機拿不到位址（或只拿到 169.254.x.x）。`,
    },
    offers: [
      {
        fix: 'linux.start-libvirt-dhcp',
        platform: 'linux',
        params: (p) => (p.network && p.bridge ? { network: p.network, bridge: p.bridge } : null),
      },
      {
        fix: 'host.start-dhcp',
        platform: 'windows',
        params: (p) =>
          p.status && !p.network
            ? { previous: p.status, ...(p.startType === 'Disabled' ? { startType: 'Disabled' } : {}) }
            : null,
      },
      {
        fix: 'vmware.restore-vmnet',
        platform: 'windows',
        params: (p) => (p.status || p.network ? null : { vmnet: 'VMnet8' }),
      },
    ],
  }),

  ADAPTER_MISSING: finding<{
    vmnet: string | null;
    subnet: string | null;
    adapters: string[];
    /** VMware's whole network configuration is gone (no vmnetdhcp.conf, no vmnetnat.conf, no VMnet adapter). */
    configuration?: 'missing';
  }>({
    severity: 'error',
    hop: (p) => (p.configuration || !p.vmnet ? 'vm-network' : 'host-adapter'),
    examples: [
      { vmnet: 'VMnet8', subnet: '192.168.37.0/24', adapters: [] },
      { vmnet: null, subnet: null, adapters: ['lo', 'eth0'] },
      { vmnet: 'VMnet8', subnet: null, adapters: [], configuration: 'missing' },
    ],
    meaning: {
      en: 'The host has no adapter for this VM network.',
      'zh-CN': '主机上缺少这个虚拟网络的网卡。',
      'zh-TW': '主機上缺少這個虛擬網路的網路卡。',
    },
    title: {
      en: (p) =>
        p.configuration
          ? 'VMware’s virtual networks are gone from this computer'
          : p.vmnet
            ? `The host has no ${p.vmnet} adapter`
            : 'No virtual network adapter on this host',
      'zh-CN': (p) =>
        p.configuration
          ? '这台电脑上 VMware 的虚拟网络都不见了'
          : p.vmnet
            ? `主机没有 ${p.vmnet} 网卡`
            : '这台主机上没有虚拟网卡',
      'zh-TW': (p) =>
        p.configuration
          ? '這台電腦上 VMware 的虛擬網路都不見了'
          : p.vmnet
            ? `主機沒有 ${p.vmnet} 網卡`
            : '這台主機上沒有虛擬網卡',
    },
    detail: {
      en: (p) =>
        p.configuration
          ? 'There is no vmnetdhcp.conf or vmnetnat.conf in C:\\ProgramData\\VMware and no VMware Network Adapter at all: VMware’s network configuration was removed (a failed upgrade, a cleanup tool). Its NAT and DHCP services cannot start without it (they stop with error 1067), so starting them is not the fix. Restore VMware’s default networks: Edit → Virtual Network Editor → Change Settings → Restore Defaults, or let the fix do it.'
          : p.vmnet
            ? `VMware's configuration has ${p.vmnet}${p.subnet ? ` (${p.subnet})` : ''}, but Windows has no "VMware Network Adapter ${p.vmnet}": the host cannot reach VMs on that network.`
            : 'There is no virbr0, vmnet1/vmnet8 or vboxnet0: the hypervisor’s virtual network is not set up (libvirt network inactive, VMware or VirtualBox network modules not loaded).',
      'zh-CN': (p) =>
        p.configuration
          ? 'C:\\ProgramData\\VMware 里没有 vmnetdhcp.conf 和 vmnetnat.conf，也没有任何 VMware Network Adapter：VMware 的网络配置被删除了（升级失败或清理工具）。没有它，NAT 和 DHCP 服务无法启动（会以错误 1067 停止），所以启动服务不是解决办法。请还原 VMware 的默认网络：编辑 → 虚拟网络编辑器 → 更改设置 → 还原默认设置，或让修复来做。'
          : p.vmnet
            ? `VMware 的配置中有 ${p.vmnet}${p.subnet ? `（${p.subnet}）` : ''}，但 Windows 里没有“VMware Network Adapter ${p.vmnet}”：主机无法访问这个网络上的虚拟机。`
            : '没有 virbr0、vmnet1/vmnet8 或 vboxnet0：虚拟化软件的虚拟网络没有建立（libvirt 网络未启动，或 VMware / VirtualBox 的网络模块没有加载）。',
      'zh-TW': (p) =>
        p.configuration
          ? 'C:\\ProgramData\\VMware 裡沒有 vmnetdhcp.conf 和 vmnetnat.conf，也沒有任何 VMware Network Adapter：VMware 的網路設定被刪除了（升級失敗或清理工具）。沒有它，NAT 和 DHCP 服務無法啟動（會以錯誤 1067 停止），所以啟動服務不是解決辦法。請還原 VMware 的預設網路：編輯 → 虛擬網路編輯器 → 變更設定 → 還原預設值，或讓修復來做。'
          : p.vmnet
            ? `VMware 的設定中有 ${p.vmnet}${p.subnet ? `（${p.subnet}）` : ''}，但 Windows 裡沒有「VMware Network Adapter ${p.vmnet}」：主機無法存取這個網路上的虛擬機。`
            : '沒有 virbr0、vmnet1/vmnet8 或 vboxnet0：虛擬化軟體的虛擬網路沒有建立（libvirt 網路未啟動，或 VMware / VirtualBox 的網路模組沒有載入）。',
    },
    offers: [
      {
        fix: 'vmware.restore-vmnet',
        platform: 'windows',
        params: (p): Record<string, string> | null =>
          p.configuration ? { vmnet: 'VMnet8', defaults: 'true' } : p.vmnet ? { vmnet: p.vmnet } : null,
      },
    ],
  }),

  ADAPTER_DISABLED: finding<{
    adapter: string;
    product: 'vmware' | 'virtualbox' | 'linux';
    vmnet: string | null;
    nat: boolean;
    network: string | null;
  }>({
    severity: 'error',
    hop: (p) => (p.product === 'linux' ? 'vm-network' : 'host-adapter'),
    examples: [
      { adapter: 'VMware Network Adapter VMnet8', product: 'vmware', vmnet: 'VMnet8', nat: true, network: null },
      {
        adapter: 'VirtualBox Host-Only Network',
        product: 'virtualbox',
        vmnet: null,
        nat: false,
        network: '192.168.56.1',
      },
      { adapter: 'virbr0', product: 'linux', vmnet: null, nat: false, network: null },
    ],
    meaning: {
      en: 'The host’s adapter for the VM network is disabled.',
      'zh-CN': '主机上这个虚拟网络的网卡被禁用了。',
      'zh-TW': '主機上這個虛擬網路的網路卡被停用了。',
    },
    title: {
      en: (p) => (p.product === 'linux' ? `${p.adapter} is down` : `${p.adapter} is disabled`),
      'zh-CN': (p) => (p.product === 'linux' ? `${p.adapter} 未启用` : `${p.adapter} 已被禁用`),
      'zh-TW': (p) => (p.product === 'linux' ? `${p.adapter} 未啟用` : `${p.adapter} 已被停用`),
    },
    detail: {
      en: (p) =>
        p.product === 'vmware'
          ? `The host's adapter for ${p.vmnet} is disabled in Windows, so the host and VMs on ${p.vmnet} cannot reach each other${p.nat ? '; the VMs still reach the internet through VMware NAT' : ''}.`
          : p.product === 'virtualbox'
            ? `VirtualBox's host-only adapter is disabled in Windows, so the host cannot reach VMs on ${p.network ?? 'the host-only network'}.`
            : `The host’s adapter for the VM network, ${p.adapter}, is switched off, so no VM on it can reach the host or the internet.`,
      'zh-CN': (p) =>
        p.product === 'vmware'
          ? `主机上 ${p.vmnet} 的网卡在 Windows 中被禁用，主机和 ${p.vmnet} 上的虚拟机无法互相访问${p.nat ? '；虚拟机仍可通过 VMware NAT 上网' : ''}。`
          : p.product === 'virtualbox'
            ? `VirtualBox 的仅主机网卡在 Windows 中被禁用，主机无法访问 ${p.network ?? '仅主机网络'} 上的虚拟机。`
            : `主机上虚拟机网络的网卡 ${p.adapter} 被关闭了，网络上的虚拟机既到不了主机，也上不了网。`,
      'zh-TW': (p) =>
        p.product === 'vmware'
          ? `主機上 ${p.vmnet} 的網卡在 Windows 中被停用，主機和 ${p.vmnet} 上的虛擬機無法互相存取${p.nat ? '；虛擬機仍可透過 VMware NAT 上網' : ''}。`
          : p.product === 'virtualbox'
            ? `VirtualBox 的僅限主機網卡在 Windows 中被停用，主機無法存取 ${p.network ?? '僅限主機網路'} 上的虛擬機。`
            : `主機上虛擬機網路的網卡 ${p.adapter} 被關閉了，網路上的虛擬機既到不了主機，也上不了網。`,
    },
    offers: [
      { fix: 'host.enable-adapter', platform: 'windows', params: (p) => (p.product === 'linux' ? null : { adapter: p.adapter }) },
      { fix: 'linux.link-up', platform: 'linux', params: (p) => (p.product === 'linux' ? { interface: p.adapter } : null) },
    ],
  }),

  ADAPTER_NO_ADDRESS: finding<{
    adapter: string;
    addresses: string[];
    expected: string | null;
    windows: boolean;
    /** A VirtualBox host-only adapter: its VirtualBox name and the address and mask VirtualBox has for it. */
    vbox: string | null;
    vboxIp: string | null;
    vboxMask: string | null;
    /** Its configured address, which Windows marked Duplicate (another device answers for it) or Tentative. */
    conflict?: string;
    /**
     * Where `vboxIp` comes from: VirtualBox's own setting, the network of a VM on the adapter, or
     * VirtualBox's default (a convention, said so).
     */
    vboxIpFrom?: 'virtualbox' | 'vm-address' | 'convention';
    /** What VirtualBox had for it when it was read (undo puts it back). */
    vboxHadIp?: string | null;
    vboxHadMask?: string | null;
  }>({
    severity: 'error',
    hop: 'host-adapter',
    examples: [
      {
        adapter: 'VMware Network Adapter VMnet8',
        addresses: ['169.254.241.18/16'],
        expected: '192.168.37.0/24',
        windows: true,
        vbox: null,
        vboxIp: null,
        vboxMask: null,
        conflict: '192.168.37.1',
      },
      {
        adapter: 'VMware Network Adapter VMnet8',
        addresses: ['169.254.12.7/16'],
        expected: '192.168.37.0/24',
        windows: true,
        vbox: null,
        vboxIp: null,
        vboxMask: null,
      },
      {
        adapter: 'VMware Network Adapter VMnet1',
        addresses: [],
        expected: null,
        windows: true,
        vbox: null,
        vboxIp: null,
        vboxMask: null,
      },
      { adapter: 'virbr0', addresses: [], expected: null, windows: false, vbox: null, vboxIp: null, vboxMask: null },
      {
        adapter: 'Ethernet 3',
        addresses: ['169.254.99.1/16'],
        expected: '192.168.56.0/24',
        windows: true,
        vbox: 'VirtualBox Host-Only Ethernet Adapter',
        vboxIp: '192.168.56.1',
        vboxMask: '255.255.255.0',
        vboxIpFrom: 'virtualbox',
      },
      {
        adapter: 'VirtualBox Host-Only Network',
        addresses: ['169.254.33.7/16'],
        expected: '192.168.57.0/24',
        windows: true,
        vbox: 'VirtualBox Host-Only Ethernet Adapter',
        vboxIp: '192.168.57.1',
        vboxMask: '255.255.255.0',
        vboxIpFrom: 'vm-address',
      },
      {
        adapter: 'VirtualBox Host-Only Network',
        addresses: ['169.254.33.7/16'],
        expected: '192.168.56.0/24',
        windows: true,
        vbox: 'VirtualBox Host-Only Ethernet Adapter',
        vboxIp: '192.168.56.1',
        vboxMask: '255.255.255.0',
        vboxIpFrom: 'convention',
        vboxHadIp: '169.254.33.7',
        vboxHadMask: '255.255.0.0',
      },
    ],
    meaning: {
      en: 'The host’s VM adapter has no usable address (none, or 169.254.x.x).',
      'zh-CN': '主机的虚拟网卡没有可用地址（没有或是 169.254.x.x）。',
      'zh-TW': '主機的虛擬網路卡沒有可用位址（沒有或是 169.254.x.x）。',
    },
    title: {
      en: (p) => `${p.adapter} has no usable IPv4 address`,
      'zh-CN': (p) => `${p.adapter} 没有可用的 IPv4 地址`,
      'zh-TW': (p) => `${p.adapter} 沒有可用的 IPv4 位址`,
    },
    detail: {
      en: (p) =>
        (p.conflict
          ? `${p.adapter} is set to ${p.conflict}, but another device on its network already answers for that address: Windows marked it Duplicate and fell back to ${p.addresses.join(', ') || 'no address'}, so VMs cannot reach the host. Most often a VM was given the host's address by hand; give that VM another address, then restart ${p.adapter}.`
          : `${p.addresses.length ? `${p.adapter} only has ${p.addresses.join(', ')} — a 169.254.x.x address the system picks when it found no configuration —` : `${p.adapter} has no IPv4 address at all,`} so VMs cannot reach the host${p.expected ? ` (expected an address in ${p.expected})` : ''}.`) +
        (p.vbox && p.vboxIp
          ? ` It should be ${p.vboxIp}${p.vboxIpFrom === 'vm-address' ? ', the .1 of the network its VMs are on' : p.vboxIpFrom === 'convention' ? ', VirtualBox’s default (nothing on this computer says otherwise)' : ', the address VirtualBox keeps for it'}.`
          : ''),
      'zh-CN': (p) =>
        (p.conflict
          ? `${p.adapter} 设置的地址是 ${p.conflict}，但它所在网络上已有另一台设备在用这个地址：Windows 把它标为“重复”，改用了 ${list(p.addresses, 'zh-CN') || '无地址'}，所以虚拟机无法访问主机。最常见的原因是某台虚拟机被手动配成了主机的地址；请给那台虚拟机换一个地址，然后重启 ${p.adapter}。`
          : `${p.addresses.length ? `${p.adapter} 只有 ${list(p.addresses, 'zh-CN')}（系统找不到配置时自选的 169.254.x.x 地址）` : `${p.adapter} 完全没有 IPv4 地址`}，所以虚拟机无法访问主机${p.expected ? `（应有 ${p.expected} 中的地址）` : ''}。`) +
        (p.vbox && p.vboxIp
          ? `它应该是 ${p.vboxIp}${p.vboxIpFrom === 'vm-address' ? '（它上面的虚拟机所在网段的 .1）' : p.vboxIpFrom === 'convention' ? '（VirtualBox 的默认值：这台电脑上没有别的信息）' : '（VirtualBox 为它保存的地址）'}。`
          : ''),
      'zh-TW': (p) =>
        (p.conflict
          ? `${p.adapter} 設定的位址是 ${p.conflict}，但它所在網路上已有另一台裝置在用這個位址：Windows 把它標為「重複」，改用了 ${list(p.addresses, 'zh-TW') || '無位址'}，所以虛擬機無法存取主機。最常見的原因是某台虛擬機被手動設成了主機的位址；請給那台虛擬機換一個位址，然後重新啟動 ${p.adapter}。`
          : `${p.addresses.length ? `${p.adapter} 只有 ${list(p.addresses, 'zh-TW')}（系統找不到設定時自選的 169.254.x.x 位址）` : `${p.adapter} 完全沒有 IPv4 位址`}，所以虛擬機無法存取主機${p.expected ? `（應有 ${p.expected} 中的位址）` : ''}。`) +
        (p.vbox && p.vboxIp
          ? `它應該是 ${p.vboxIp}${p.vboxIpFrom === 'vm-address' ? '（它上面的虛擬機所在網段的 .1）' : p.vboxIpFrom === 'convention' ? '（VirtualBox 的預設值：這台電腦上沒有別的資訊）' : '（VirtualBox 為它保存的位址）'}。`
          : ''),
    },
    offers: [
      // VirtualBox's own adapter gets its address from VirtualBox; VMware's from a restart.
      {
        fix: 'vbox.set-hostonly-address',
        platform: 'windows',
        params: (p) =>
          p.vbox && p.vboxIp && p.vboxMask
            ? {
                name: p.vbox,
                ip: p.vboxIp,
                netmask: p.vboxMask,
                ...(p.vboxHadIp ? { fromIp: p.vboxHadIp, ...(p.vboxHadMask ? { fromNetmask: p.vboxHadMask } : {}) } : {}),
              }
            : null,
        replaces: { observed: (p) => p.addresses.map((a) => a.split('/')[0] ?? a), with: 'ip' },
      },
      { fix: 'host.restart-adapter', platform: 'windows', params: (p) => (p.windows && !p.vbox ? { adapter: p.adapter } : null) },
    ],
  }),

  ADAPTER_SUBNET_MISMATCH: finding<{ adapter: string; vmnet: string; address: string; expected: string; source: string }>({
    severity: 'error',
    hop: 'host-adapter',
    examples: [
      {
        adapter: 'VMware Network Adapter VMnet8',
        vmnet: 'VMnet8',
        address: '192.168.10.1/24',
        expected: '192.168.37.0/24',
        source: 'vmnetdhcp.conf',
      },
    ],
    meaning: {
      en: 'The host’s VM adapter is in a different network than VMware gives the VMs.',
      'zh-CN': '主机虚拟网卡的网段与 VMware 分配给虚拟机的网段不一致。',
      'zh-TW': '主機虛擬網路卡的網段與 VMware 分配給虛擬機的網段不一致。',
    },
    title: {
      en: (p) => `${p.adapter} is not in ${p.vmnet}'s subnet`,
      'zh-CN': (p) => `${p.adapter} 不在 ${p.vmnet} 的子网中`,
      'zh-TW': (p) => `${p.adapter} 不在 ${p.vmnet} 的子網路中`,
    },
    detail: {
      en: (p) =>
        `${p.adapter} has ${p.address}, but VMware gives ${p.vmnet} the subnet ${p.expected} (${p.source}): VMs get addresses in ${p.expected} and cannot reach the host.`,
      'zh-CN': (p) =>
        `${p.adapter} 的地址是 ${p.address}，但 VMware 给 ${p.vmnet} 的子网是 ${p.expected}（${p.source}）：虚拟机拿到的是 ${p.expected} 中的地址，无法访问主机。`,
      'zh-TW': (p) =>
        `${p.adapter} 的位址是 ${p.address}，但 VMware 給 ${p.vmnet} 的子網路是 ${p.expected}（${p.source}）：虛擬機拿到的是 ${p.expected} 中的位址，無法存取主機。`,
    },
    // VMware's host adapters have static addresses: a restart keeps the wrong one. vnetlib's
    // "update adapter" gives the adapter the address VMware's configuration holds, and the fix
    // verifies it is in that subnet.
    offers: [{ fix: 'vmware.restore-vmnet', platform: 'windows', params: (p) => ({ vmnet: p.vmnet, subnet: p.expected }) }],
  }),

  HOST_FIREWALL_BLOCKS_ICMP: finding<{
    subnet: string;
    rules: string[];
    adapter: string | null;
    vmnet: string | null;
    profile: string | null;
    /** Why Windows Firewall drops echo (echoVerdict), or null on Linux. */
    why: 'block-rule' | 'allow-rules-ignored' | 'no-allow-rule' | null;
    /** The block rule comes from Group Policy (a school's or company's): no local rule can lift it. */
    policy?: boolean;
    /** The user said the VM cannot ping the host; otherwise a disabled stock echo rule is information. */
    asked?: boolean;
  }>({
    severity: (p) => (p.why === 'no-allow-rule' && p.asked === false ? 'info' : 'error'),
    hop: 'host-firewall',
    examples: [
      {
        subnet: '192.168.122.0/24',
        rules: ['inet filter input: policy drop'],
        adapter: null,
        vmnet: null,
        profile: null,
        why: null,
      },
      {
        subnet: '192.168.37.0/24',
        rules: [],
        adapter: 'VMware Network Adapter VMnet8',
        vmnet: 'VMnet8',
        profile: 'Public',
        why: 'no-allow-rule',
      },
      {
        subnet: '192.168.37.0/24',
        rules: ['Block-Echo (Block echo)'],
        adapter: 'VMware Network Adapter VMnet8',
        vmnet: 'VMnet8',
        profile: 'Private',
        why: 'block-rule',
      },
      {
        subnet: '192.168.37.0/24',
        rules: ['ExampleGpoRule (Block all inbound) [Group Policy]'],
        adapter: 'VMware Network Adapter VMnet8',
        vmnet: 'VMnet8',
        profile: 'Private',
        why: 'block-rule',
        policy: true,
        asked: true,
      },
      {
        subnet: '192.168.37.0/24',
        rules: [],
        adapter: 'VMware Network Adapter VMnet8',
        vmnet: 'VMnet8',
        profile: 'Private',
        why: 'no-allow-rule',
        asked: false,
      },
    ],
    meaning: {
      en: 'The host’s firewall drops ping from the VMs.',
      'zh-CN': '主机防火墙丢弃了来自虚拟机的 ping。',
      'zh-TW': '主機防火牆丟棄了來自虛擬機的 ping。',
    },
    title: {
      en: (p) => (p.vmnet ? `Windows Firewall drops ping from ${p.vmnet}` : 'The host’s firewall drops ping from the VMs'),
      'zh-CN': (p) => (p.vmnet ? `Windows 防火墙丢弃来自 ${p.vmnet} 的 ping` : '主机的防火墙丢弃来自虚拟机的 ping'),
      'zh-TW': (p) => (p.vmnet ? `Windows 防火牆丟棄來自 ${p.vmnet} 的 ping` : '主機的防火牆丟棄來自虛擬機的 ping'),
    },
    detail: {
      en: (p) =>
        p.profile
          ? `${p.adapter} is on the ${p.profile} profile, whose firewall is on, and ${
              p.why === 'block-rule'
                ? `a block rule matches (${p.rules.join('; ')})`
                : p.why === 'allow-rules-ignored'
                  ? 'that profile ignores all inbound allow rules'
                  : 'no enabled rule allows ICMPv4 echo there'
            }: VMs cannot ping this host. ${
              p.why === 'block-rule'
                ? p.policy
                  ? 'That rule comes from Group Policy (your school’s or company’s): no rule of yours can override it — ask its administrator, or use another way to reach the host.'
                  : 'A block rule beats every allow rule: disable that rule (Windows Defender Firewall with Advanced Security → Inbound Rules).'
                : p.why === 'allow-rules-ignored'
                  ? `Uncheck “Block all incoming connections, including those in the list of allowed apps” for the ${p.profile} profile.`
                  : `Allow ICMPv4 echo from ${p.subnet} only — there is no need to switch the firewall off.${p.asked === false ? ' (Windows ships its own echo rules switched off; this matters only if you want VMs to ping the host.)' : ''}`
            }`
          : `Inbound ICMP echo from ${p.subnet} is dropped (${p.rules.join('; ')}), so VMs cannot ping this host.`,
      'zh-CN': (p) =>
        p.profile
          ? `${p.adapter} 属于 ${p.profile} 配置文件，该配置文件的防火墙已开启，并且${
              p.why === 'block-rule'
                ? `有一条阻止规则匹配（${p.rules.join('; ')}）`
                : p.why === 'allow-rules-ignored'
                  ? '它忽略所有入站允许规则'
                  : '没有任何已启用的规则允许 ICMPv4 回显'
            }：虚拟机 ping 不通这台主机。${
              p.why === 'block-rule'
                ? p.policy
                  ? '这条规则来自组策略（学校或公司的）：您自己的任何规则都无法覆盖它——请联系它的管理员，或改用其他方式访问主机。'
                  : '阻止规则优先于所有允许规则：请停用那条规则（高级安全 Windows Defender 防火墙 → 入站规则）。'
                : p.why === 'allow-rules-ignored'
                  ? `请在 ${p.profile} 配置文件中取消勾选“阻止所有传入连接，包括位于允许应用列表中的应用”。`
                  : `只需允许来自 ${p.subnet} 的 ICMPv4 回显，无需关闭防火墙。${p.asked === false ? '（Windows 自带的回显规则默认是关闭的；只有希望虚拟机能 ping 主机时才需要处理。）' : ''}`
            }`
          : `来自 ${p.subnet} 的入站 ICMP 回显被丢弃（${p.rules.join('; ')}），虚拟机 ping 不通这台主机。`,
      'zh-TW': (p) =>
        p.profile
          ? `${p.adapter} 屬於 ${p.profile} 設定檔，該設定檔的防火牆已開啟，而且${
              p.why === 'block-rule'
                ? `有一條封鎖規則相符（${p.rules.join('; ')}）`
                : p.why === 'allow-rules-ignored'
                  ? '它忽略所有輸入允許規則'
                  : '沒有任何已啟用的規則允許 ICMPv4 回應'
            }：虛擬機 ping 不通這台主機。${
              p.why === 'block-rule'
                ? p.policy
                  ? '這條規則來自群組原則（學校或公司的）：您自己的任何規則都無法覆寫它——請聯絡它的管理員，或改用其他方式存取主機。'
                  : '封鎖規則優先於所有允許規則：請停用那條規則（具有進階安全性的 Windows Defender 防火牆 → 輸入規則）。'
                : p.why === 'allow-rules-ignored'
                  ? `請在 ${p.profile} 設定檔中取消勾選「封鎖所有連入連線，包括允許的應用程式清單中的應用程式」。`
                  : `只需允許來自 ${p.subnet} 的 ICMPv4 回應，無需關閉防火牆。${p.asked === false ? '（Windows 內建的回應規則預設是關閉的；只有希望虛擬機能 ping 主機時才需要處理。）' : ''}`
            }`
          : `來自 ${p.subnet} 的輸入 ICMP 回應被丟棄（${p.rules.join('; ')}），虛擬機 ping 不通這台主機。`,
    },
    offers: [
      // An allow rule helps only where no rule blocks and allow rules count.
      {
        fix: 'host.allow-icmp',
        platform: 'windows',
        params: (p) => (p.profile && p.why === 'no-allow-rule' ? { subnet: p.subnet, profile: p.profile } : null),
      },
      { fix: 'linux.allow-icmp', platform: 'linux', params: (p) => (p.profile ? null : { subnet: p.subnet }) },
    ],
  }),

  IP_FORWARDING_DISABLED: finding<{ subnet: string }>({
    severity: 'error',
    hop: 'nat',
    link: 'gateway-internet',
    examples: [{ subnet: '192.168.122.0/24' }],
    meaning: {
      en: 'The Linux host does not forward the VMs’ traffic (IPv4 forwarding is off).',
      'zh-CN': 'Linux 主机没有转发虚拟机的流量（IPv4 转发已关闭）。',
      'zh-TW': 'Linux 主機沒有轉送虛擬機的流量（IPv4 轉送已關閉）。',
    },
    title: { en: () => 'IPv4 forwarding is off', 'zh-CN': () => 'IPv4 转发已关闭', 'zh-TW': () => 'IPv4 轉送已關閉' },
    detail: {
      en: (p) =>
        `The host NATs ${p.subnet} for its VMs but net.ipv4.ip_forward is 0, so it drops everything they send beyond it.`,
      'zh-CN': (p) => `主机为虚拟机的 ${p.subnet} 做 NAT，但 net.ipv4.ip_forward 为 0，所以虚拟机发往外部的流量全被丢弃。`,
      'zh-TW': (p) => `主機為虛擬機的 ${p.subnet} 做 NAT，但 net.ipv4.ip_forward 為 0，所以虛擬機送往外部的流量全被丟棄。`,
    },
    offers: [{ fix: 'linux.enable-forwarding', platform: 'linux', params: () => ({}) }],
  }),

  FORWARD_POLICY_DROP: finding<{
    interface: string;
    subnet: string;
    rules: string[];
    /** A bridge that puts VMs on the LAN, whose frames br_netfilter hands to the FORWARD chain. */
    bridged?: boolean;
  }>({
    severity: 'error',
    hop: (p) => (p.bridged ? 'vm-network' : 'nat'),
    link: 'gateway-internet',
    examples: [
      { interface: 'virbr0', subnet: '192.168.122.0/24', rules: ['ip filter FORWARD: policy drop'] },
      { interface: 'br0', subnet: '192.168.1.0/24', rules: ['ip filter FORWARD: policy drop'], bridged: true },
    ],
    meaning: {
      en: 'The host’s FORWARD chain drops the VMs’ traffic (often Docker).',
      'zh-CN': '主机的 FORWARD 链丢弃了虚拟机的流量（常见于 Docker）。',
      'zh-TW': '主機的 FORWARD 鏈丟棄了虛擬機的流量（常見於 Docker）。',
    },
    title: {
      en: (p) =>
        p.bridged
          ? `The host’s FORWARD chain drops what ${p.interface} bridges`
          : 'The host’s FORWARD chain drops the VMs’ traffic',
      'zh-CN': (p) => (p.bridged ? `主机的 FORWARD 链丢弃了 ${p.interface} 桥接的流量` : '主机的 FORWARD 链丢弃了虚拟机的流量'),
      'zh-TW': (p) => (p.bridged ? `主機的 FORWARD 鏈丟棄了 ${p.interface} 橋接的流量` : '主機的 FORWARD 鏈丟棄了虛擬機的流量'),
    },
    detail: {
      en: (p) =>
        p.bridged
          ? `br_netfilter is loaded (net.bridge.bridge-nf-call-iptables = 1), so even the frames ${p.interface} only passes between the VMs and the LAN go through the FORWARD chain — and it drops them (${p.rules.join('; ')}). Docker’s FORWARD DROP policy is the classic cause: the bridged VMs lose the LAN although nothing is routed. Let ${p.subnet} through on ${p.interface}, or set net.bridge.bridge-nf-call-iptables = 0 if no container needs it.`
          : `Forwarded traffic from ${p.interface} is dropped (${p.rules.join('; ')}) — Docker’s FORWARD DROP policy is the classic cause.`,
      'zh-CN': (p) =>
        p.bridged
          ? `br_netfilter 已加载（net.bridge.bridge-nf-call-iptables = 1），所以连 ${p.interface} 只在虚拟机和局域网之间转发的帧也要经过 FORWARD 链——而它丢弃了这些帧（${p.rules.join('; ')}）。最常见的原因是 Docker 把 FORWARD 策略设为 DROP：虽然没有任何路由，桥接的虚拟机还是失去了局域网。请在 ${p.interface} 上放行 ${p.subnet}，或者在没有容器需要时设置 net.bridge.bridge-nf-call-iptables = 0。`
          : `来自 ${p.interface} 的转发流量被丢弃（${p.rules.join('; ')}），最常见的原因是 Docker 把 FORWARD 策略设为 DROP。`,
      'zh-TW': (p) =>
        p.bridged
          ? `br_netfilter 已載入（net.bridge.bridge-nf-call-iptables = 1），所以連 ${p.interface} 只在虛擬機和區域網路之間轉送的訊框也要經過 FORWARD 鏈——而它丟棄了這些訊框（${p.rules.join('; ')}）。最常見的原因是 Docker 把 FORWARD 原則設為 DROP：雖然沒有任何路由，橋接的虛擬機還是失去了區域網路。請在 ${p.interface} 上放行 ${p.subnet}，或者在沒有容器需要時設定 net.bridge.bridge-nf-call-iptables = 0。`
          : `來自 ${p.interface} 的轉送流量被丟棄（${p.rules.join('; ')}），最常見的原因是 Docker 把 FORWARD 原則設為 DROP。`,
    },
    offers: [{ fix: 'linux.allow-forward', platform: 'linux', params: (p) => ({ interface: p.interface }) }],
  }),

  PUBLIC_NETWORK_PROFILE: finding<{
    adapter: string;
    /** The firewall lets the VMs' ping in anyway: then the profile is a note, not the cause of a failed ping. */
    echoAllowed?: boolean;
  }>({
    severity: (p) => (p.echoAllowed ? 'info' : 'warning'),
    hop: 'host-firewall',
    examples: [{ adapter: 'VMware Network Adapter VMnet8' }, { adapter: 'VMware Network Adapter VMnet8', echoAllowed: true }],
    meaning: {
      en: 'Windows treats the VM network as public and blocks most incoming traffic.',
      'zh-CN': 'Windows 把虚拟机网络当成公用网络，拦截大多数入站流量。',
      'zh-TW': 'Windows 把虛擬機網路當成公用網路，阻擋大多數連入流量。',
    },
    title: {
      en: (p) => `Windows treats ${p.adapter} as a public network`,
      'zh-CN': (p) => `Windows 把 ${p.adapter} 当作公用网络`,
      'zh-TW': (p) => `Windows 把 ${p.adapter} 當作公用網路`,
    },
    detail: {
      en: (p) =>
        `${p.adapter} is filed under the Public profile, where Windows blocks most inbound traffic (ping, file sharing, remote desktop) from the VMs. A VM network on this PC is private.`,
      'zh-CN': (p) =>
        `${p.adapter} 被归入“公用”配置文件，Windows 会阻止来自虚拟机的大部分入站流量（ping、文件共享、远程桌面）。本机上的虚拟机网络应是专用网络。`,
      'zh-TW': (p) =>
        `${p.adapter} 被歸入「公用」設定檔，Windows 會封鎖來自虛擬機的大部分輸入流量（ping、檔案共用、遠端桌面）。本機上的虛擬機網路應是私人網路。`,
    },
    offers: [{ fix: 'host.set-private-profile', platform: 'windows', params: (p) => ({ adapter: p.adapter }) }],
  }),

  SUBNET_CONFLICT: finding<{
    vmnet: string;
    subnet: string;
    other: string;
    otherIsWinNat: boolean;
    free: string;
    /** A Linux host: the device of the route that overlaps, and that route, when it is one. */
    otherDevice: string | null;
    otherRoute: string | null;
    /** Seen from inside the VM: who made the network that overlaps (vmnet is then the VM's NIC). */
    owner?: LocalNetworkOwner;
    /** What its route takes: the host, the gateway, the DNS server of the VM's network. */
    captures?: string[];
    /** The host's address is this VM's own (the network's bridge holds it). */
    hostIsOwn?: boolean;
    /** A Docker network's name and its compose project, when Docker answered. */
    dockerNetwork?: string | null;
    composeProject?: string | null;
  }>({
    severity: 'error',
    hop: (p) => (p.owner ? 'vm-route' : 'host-adapter'),
    examples: [
      {
        vmnet: 'VMnet8',
        subnet: '192.168.37.0/24',
        other: 'Corp VPN (192.168.37.14/24)',
        otherIsWinNat: false,
        free: '192.168.100.0/24',
        otherDevice: null,
        otherRoute: null,
      },
      {
        vmnet: 'virbr0',
        subnet: '192.168.122.0/24',
        other: 'tun0 (192.168.122.128/25)',
        otherIsWinNat: false,
        free: '192.168.100.0/24',
        otherDevice: 'tun0',
        otherRoute: '192.168.122.128/25',
      },
      {
        vmnet: 'ens33',
        subnet: '192.168.37.0/24',
        other: 'br-5c1a9d0e7f21 (192.168.37.0/24)',
        otherIsWinNat: false,
        free: '192.168.100.0/24',
        otherDevice: 'br-5c1a9d0e7f21',
        otherRoute: '192.168.37.0/24',
        owner: 'docker-network',
        captures: ['host', 'gateway'],
        hostIsOwn: true,
        dockerNetwork: 'shop_default',
        composeProject: 'shop',
      },
      {
        vmnet: 'eth0',
        subnet: '172.17.0.0/16',
        other: 'docker0 (172.17.0.0/16)',
        otherIsWinNat: false,
        free: '192.168.100.0/24',
        otherDevice: 'docker0',
        otherRoute: '172.17.0.0/16',
        owner: 'docker',
        captures: ['gateway', 'dns'],
        hostIsOwn: false,
        dockerNetwork: null,
        composeProject: null,
      },
    ],
    meaning: {
      en: 'The VM network uses the same addresses as another network (a VPN, your LAN, a Docker network).',
      'zh-CN': '虚拟机网络与另一个网络（VPN、局域网、Docker 网络）使用了相同的网段。',
      'zh-TW': '虛擬機網路與另一個網路（VPN、區域網路、Docker 網路）使用了相同的網段。',
    },
    title: {
      en: (p) =>
        p.owner
          ? `${localOwnerName(p, 'en')} inside the VM (${p.otherDevice}) uses the VM network's addresses`
          : `${p.vmnet}'s subnet overlaps ${p.otherIsWinNat ? 'the Windows NAT' : p.other}`,
      'zh-CN': (p) =>
        p.owner
          ? `虚拟机内的网络占用了虚拟机网络的地址：${localOwnerName(p, 'zh-CN')}（${p.otherDevice}）`
          : `${p.vmnet} 的子网与 ${p.otherIsWinNat ? 'Windows NAT' : p.other} 重叠`,
      'zh-TW': (p) =>
        p.owner
          ? `虛擬機內的網路占用了虛擬機網路的位址：${localOwnerName(p, 'zh-TW')}（${p.otherDevice}）`
          : `${p.vmnet} 的子網路與 ${p.otherIsWinNat ? 'Windows NAT' : p.other} 重疊`,
    },
    detail: {
      en: (p) =>
        p.owner
          ? localOverlapDetail(p, 'en')
          : `${p.vmnet} uses ${p.subnet}, and so does ${p.other}: the host sends part of the VMs' traffic the wrong way. ${p.otherRoute ? `Take the route ${p.otherRoute} off ${p.otherDevice} (exclude the VM network from the VPN), or move ${p.vmnet} to a free subnet (${p.free}).` : `Move ${p.vmnet} to a free subnet (${p.free}).`}`,
      'zh-CN': (p) =>
        p.owner
          ? localOverlapDetail(p, 'zh-CN')
          : `${p.vmnet} 使用 ${p.subnet}，而 ${p.other} 也在用：主机会把虚拟机的一部分流量发错方向。${p.otherRoute ? `请去掉 ${p.otherDevice} 上的路由 ${p.otherRoute}（让 VPN 不接管虚拟机网络），或把 ${p.vmnet} 移到空闲网段（${p.free}）。` : `请把 ${p.vmnet} 移到空闲网段（${p.free}）。`}`,
      'zh-TW': (p) =>
        p.owner
          ? localOverlapDetail(p, 'zh-TW')
          : `${p.vmnet} 使用 ${p.subnet}，而 ${p.other} 也在用：主機會把虛擬機的一部分流量送錯方向。${p.otherRoute ? `請拿掉 ${p.otherDevice} 上的路由 ${p.otherRoute}（讓 VPN 不接管虛擬機網路），或把 ${p.vmnet} 移到空閒網段（${p.free}）。` : `請把 ${p.vmnet} 移到空閒網段（${p.free}）。`}`,
    },
    offers: [
      {
        fix: 'vmware.change-subnet',
        platform: 'windows',
        params: (p) => (/^VMnet\d+$/i.test(p.vmnet) ? { vmnet: p.vmnet, subnet: p.free, fromSubnet: p.subnet } : null),
        replaces: { observed: (p) => p.subnet, with: 'subnet' },
      },
      {
        // A VPN's route on a Linux host; a network inside the VM is moved by its owner (the detail says how).
        fix: 'linux.release-vpn-route',
        platform: 'linux',
        params: (p) =>
          p.otherDevice && p.otherRoute && !p.owner
            ? { device: p.otherDevice, routes: p.otherRoute, target: p.otherRoute.split('/')[0] ?? '' }
            : null,
      },
    ],
  }),

  HYPERVISOR_CONFLICT: finding<{
    /** The product whose version cannot run beside Hyper-V (VMware before 15.5.5, VirtualBox before 6.0), or null. */
    conflict: 'vmware' | 'virtualbox' | null;
    /** The installed version ("" when unread), or null when not installed. */
    vmware: string | null;
    virtualbox: string | null;
    services: string[];
    switches: string[];
  }>({
    severity: (p) => (p.conflict ? 'warning' : 'info'), // findings.md: a warning at most
    hop: 'hypervisor',
    examples: [
      { conflict: 'vmware', vmware: '15.1.0', virtualbox: null, services: ['vmms'], switches: ['Default Switch'] },
      { conflict: 'virtualbox', vmware: null, virtualbox: '5.2.44', services: ['hns'], switches: [] },
      { conflict: null, vmware: '17.5.2', virtualbox: null, services: ['vmms'], switches: ['Default Switch'] },
      { conflict: null, vmware: '', virtualbox: '7.0.12r159484', services: ['hns'], switches: [] },
    ],
    meaning: {
      en: 'Hyper-V (used by WSL 2, Docker Desktop, Windows Sandbox) holds the virtualization hardware.',
      'zh-CN': 'Hyper-V（WSL 2、Docker Desktop、Windows 沙盒都用它）占用了硬件虚拟化。',
      'zh-TW': 'Hyper-V（WSL 2、Docker Desktop、Windows 沙箱都用它）佔用了硬體虛擬化。',
    },
    title: {
      en: (p) =>
        p.conflict
          ? 'This VMware or VirtualBox version cannot run VMs while Hyper-V is on'
          : 'Hyper-V is on next to VMware or VirtualBox',
      'zh-CN': (p) =>
        p.conflict
          ? '这个版本的 VMware 或 VirtualBox 无法在 Hyper-V 开启时运行虚拟机'
          : 'Hyper-V 与 VMware 或 VirtualBox 同时开启',
      'zh-TW': (p) =>
        p.conflict
          ? '這個版本的 VMware 或 VirtualBox 無法在 Hyper-V 開啟時執行虛擬機'
          : 'Hyper-V 與 VMware 或 VirtualBox 同時開啟',
    },
    detail: {
      en: (p) =>
        p.conflict
          ? `Hyper-V is running (${p.services.join(', ')}), and ${p.conflict === 'vmware' ? `VMware Workstation ${p.vmware}` : `VirtualBox ${p.virtualbox}`} is older than the first version that runs on top of it (VMware 15.5.5, VirtualBox 6.0): its VMs refuse to start. Update it, or turn Hyper-V off (bcdedit /set hypervisorlaunchtype off, then restart).`
          : `Hyper-V is running (${p.services.join(', ')}); ${[p.vmware !== null ? `VMware Workstation${p.vmware ? ` ${p.vmware}` : ''}` : '', p.virtualbox !== null ? `VirtualBox${p.virtualbox ? ` ${p.virtualbox}` : ''}` : ''].filter(Boolean).join(' and ')} run on top of it, a little more slowly. Its virtual switches${p.switches.length ? ` (${p.switches.join(', ')})` : ''} add adapters and NAT subnets of their own.`,
      'zh-CN': (p) =>
        p.conflict
          ? `Hyper-V 正在运行（${list(p.services, 'zh-CN')}），而 ${p.conflict === 'vmware' ? `VMware Workstation ${p.vmware}` : `VirtualBox ${p.virtualbox}`} 早于第一个能在它之上运行的版本（VMware 15.5.5、VirtualBox 6.0）：虚拟机无法启动。请升级，或关闭 Hyper-V（bcdedit /set hypervisorlaunchtype off，然后重启）。`
          : `Hyper-V 正在运行（${list(p.services, 'zh-CN')}）；${[p.vmware !== null ? `VMware Workstation${p.vmware ? ` ${p.vmware}` : ''}` : '', p.virtualbox !== null ? `VirtualBox${p.virtualbox ? ` ${p.virtualbox}` : ''}` : ''].filter(Boolean).join('、')} 在它之上运行，速度会稍慢。它的虚拟交换机${p.switches.length ? `（${list(p.switches, 'zh-CN')}）` : ''}会添加自己的网卡和 NAT 子网。`,
      'zh-TW': (p) =>
        p.conflict
          ? `Hyper-V 正在執行（${list(p.services, 'zh-TW')}），而 ${p.conflict === 'vmware' ? `VMware Workstation ${p.vmware}` : `VirtualBox ${p.virtualbox}`} 早於第一個能在它之上執行的版本（VMware 15.5.5、VirtualBox 6.0）：虛擬機無法啟動。請升級，或關閉 Hyper-V（bcdedit /set hypervisorlaunchtype off，然後重新開機）。`
          : `Hyper-V 正在執行（${list(p.services, 'zh-TW')}）；${[p.vmware !== null ? `VMware Workstation${p.vmware ? ` ${p.vmware}` : ''}` : '', p.virtualbox !== null ? `VirtualBox${p.virtualbox ? ` ${p.virtualbox}` : ''}` : ''].filter(Boolean).join('、')} 在它之上執行，速度會稍慢。它的虛擬交換器${p.switches.length ? `（${list(p.switches, 'zh-TW')}）` : ''}會加入自己的網卡和 NAT 子網路。`,
    },
  }),

  PORT_FORWARD_NEEDED: finding<{
    /** The VM's name when the host reports it; null seen from inside the VM. */
    vm: string | null;
    nic: number | null;
    port: number;
    hostPort: number;
    running: boolean | null;
    guestIp: string | null;
    /** A VirtualBox NAT Network (shared by VMs) rather than the per-VM NAT. */
    natNetwork: boolean;
  }>({
    severity: 'info',
    hop: 'vm-network',
    byDesign: true,
    examples: [
      { vm: 'Ubuntu 22.04', nic: 1, port: 22, hostPort: 2222, running: true, guestIp: null, natNetwork: false },
      { vm: null, nic: 1, port: 22, hostPort: 2222, running: null, guestIp: '10.0.2.15', natNetwork: false },
      { vm: null, nic: null, port: 8080, hostPort: 8080, running: null, guestIp: '10.0.2.4', natNetwork: true },
    ],
    meaning: {
      en: 'The VM sits behind NAT: the host needs a port forward to reach it.',
      'zh-CN': '虚拟机在 NAT 后面：主机需要端口转发才能访问它。',
      'zh-TW': '虛擬機在 NAT 後面：主機需要連接埠轉送才能連到它。',
    },
    title: {
      en: (p) => `${p.vm ?? 'This VM'} is behind VirtualBox NAT: forward a port to reach ${p.port}`,
      'zh-CN': (p) => `${p.vm ?? '这台虚拟机'}位于 VirtualBox NAT 之后：需要端口转发才能访问 ${p.port} 端口`,
      'zh-TW': (p) => `${p.vm ?? '這台虛擬機'}位於 VirtualBox NAT 之後：需要連接埠轉送才能存取 ${p.port} 連接埠`,
    },
    detail: {
      en: (p) =>
        `${p.natNetwork ? 'This VM is on a VirtualBox NAT Network' : `NIC ${p.nic ?? 1} of ${p.vm ?? 'this VM'} uses VirtualBox NAT`}${p.guestIp ? ` (the VM is ${p.guestIp})` : ''}: the host cannot open connections to it. On the host: ${portForwardCommands(p, ['VM name', 'NAT network name', 'VM running', 'VM stopped', 'the fix below adds the forward'])}. Then connect to 127.0.0.1:${p.hostPort}. Or give the VM a second adapter in host-only mode and use its address.`,
      'zh-CN': (p) =>
        `${p.natNetwork ? '这台虚拟机在 VirtualBox NAT 网络上' : `${p.vm ?? '这台虚拟机'}的网卡 ${p.nic ?? 1} 使用 VirtualBox NAT`}${p.guestIp ? `（虚拟机地址 ${p.guestIp}）` : ''}：主机无法主动连接它。在主机上：${portForwardCommands(p, ['虚拟机名称', 'NAT 网络名称', '虚拟机运行时', '虚拟机关机时', '下面的修复会添加这条转发'])}。然后连接 127.0.0.1:${p.hostPort}。也可以给虚拟机再加一张仅主机模式的网卡，改用它的地址。`,
      'zh-TW': (p) =>
        `${p.natNetwork ? '這台虛擬機在 VirtualBox NAT 網路上' : `${p.vm ?? '這台虛擬機'}的網卡 ${p.nic ?? 1} 使用 VirtualBox NAT`}${p.guestIp ? `（虛擬機位址 ${p.guestIp}）` : ''}：主機無法主動連線到它。在主機上：${portForwardCommands(p, ['虛擬機名稱', 'NAT 網路名稱', '虛擬機執行時', '虛擬機關機時', '下面的修復會加入這條轉送'])}。然後連線到 127.0.0.1:${p.hostPort}。也可以給虛擬機再加一張僅限主機模式的網卡，改用它的位址。`,
    },
    offers: [
      {
        fix: 'vbox.add-port-forward',
        platform: 'windows',
        params: (p) =>
          p.vm !== null && portForwardOffered(p)
            ? {
                vm: p.vm,
                nic: String(p.nic),
                hostPort: String(p.hostPort),
                guestPort: String(p.port),
                running: String(p.running),
              }
            : null,
      },
    ],
  }),

  BRIDGE_MISBOUND: finding<{
    bridge: string;
    /**
     * no-uplink: no physical NIC is a port of the bridge; address-on-uplink: the host's address sits
     * on the port, not the bridge; missing-adapter: a VirtualBox VM is bridged to an adapter this
     * computer no longer has (bridge is then the VM's NIC, uplink the adapter it names);
     * wrong-adapter: VMware's VMnet0 took another adapter (uplink; address is the VM's address there).
     */
    cause: 'no-uplink' | 'address-on-uplink' | 'missing-adapter' | 'wrong-adapter';
    /** The NIC that should be (or is) the bridge's uplink. */
    uplink: string | null;
    address: string | null;
    /** missing-adapter: the adapter to bridge to instead (connected, physical), when there is one. */
    candidate?: string | null;
    vm?: string;
    nic?: number;
  }>({
    severity: 'error',
    hop: 'vm-network',
    link: 'guest-switch',
    examples: [
      { bridge: 'br0', cause: 'no-uplink', uplink: 'enp3s0', address: null },
      { bridge: 'br0', cause: 'no-uplink', uplink: null, address: null },
      { bridge: 'br0', cause: 'address-on-uplink', uplink: 'enp3s0', address: '192.168.1.20/24' },
      {
        bridge: 'Ubuntu NIC 1',
        cause: 'missing-adapter',
        uplink: 'Realtek PCIe GbE Family Controller',
        address: null,
        candidate: 'Intel(R) Wi-Fi 6 AX201 160MHz',
        vm: 'Ubuntu',
        nic: 1,
      },
      {
        bridge: 'VMnet0',
        cause: 'wrong-adapter',
        uplink: 'vEthernet (Default Switch)',
        address: '172.27.160.5',
        candidate: 'Wi-Fi',
        vm: 'Ubuntu 64-bit',
      },
    ],
    meaning: {
      en: 'The bridge that puts the VMs on your LAN is not joined to the LAN the right way.',
      'zh-CN': '把虚拟机接入局域网的网桥没有正确连到局域网。',
      'zh-TW': '把虛擬機接入區域網路的橋接器沒有正確連到區域網路。',
    },
    title: {
      en: (p) =>
        p.cause === 'wrong-adapter'
          ? `VMnet0 bridges ${p.vm} through “${p.uplink}”, not through the card you use`
          : p.cause === 'missing-adapter'
            ? `${p.bridge} is bridged to “${p.uplink}”, which this computer no longer has`
            : p.cause === 'no-uplink'
              ? `The bridge ${p.bridge} is not connected to the LAN`
              : `This host's address ${p.address} sits on ${p.uplink}, a port of ${p.bridge}`,
      'zh-CN': (p) =>
        p.cause === 'wrong-adapter'
          ? `VMnet0 把 ${p.vm} 桥接到了“${p.uplink}”，而不是您正在使用的网卡`
          : p.cause === 'missing-adapter'
            ? `${p.bridge} 桥接到了这台电脑已经没有的“${p.uplink}”`
            : p.cause === 'no-uplink'
              ? `网桥 ${p.bridge} 没有接到局域网`
              : `本机地址 ${p.address} 配在 ${p.bridge} 的端口 ${p.uplink} 上`,
      'zh-TW': (p) =>
        p.cause === 'wrong-adapter'
          ? `VMnet0 把 ${p.vm} 橋接到了「${p.uplink}」，而不是您正在使用的網卡`
          : p.cause === 'missing-adapter'
            ? `${p.bridge} 橋接到了這台電腦已經沒有的「${p.uplink}」`
            : p.cause === 'no-uplink'
              ? `橋接器 ${p.bridge} 沒有接到區域網路`
              : `本機位址 ${p.address} 設在 ${p.bridge} 的連接埠 ${p.uplink} 上`,
    },
    detail: {
      en: (p) =>
        p.cause === 'wrong-adapter'
          ? `${p.vm} runs bridged (VMnet0) and got ${p.address}, an address of the network of “${p.uplink}” — VMware's automatic bridging took that adapter (a Hyper-V vEthernet, a VPN or another virtual card)${p.candidate ? ` instead of ${p.candidate}, the card this computer uses` : ''}, so the VM is not on your LAN. Keep VMnet0 off “${p.uplink}”: the fix unchecks “VMware Bridge Protocol” on it (what excluding it in the Virtual Network Editor's Automatic Settings does)${p.candidate ? `, or choose ${p.candidate} under “Bridged to” for VMnet0` : ''}. Then disconnect and reconnect the VM's network card (or renew its DHCP lease) so it asks your LAN for an address.`
          : p.cause === 'missing-adapter'
            ? `VirtualBox bridges NIC ${p.nic} of ${p.vm} to “${p.uplink}”, an adapter this computer does not have any more (a new network card, a driver update, a USB adapter unplugged): the VM is on no network at all. Bridge it to the adapter you use now${p.candidate ? ` (“${p.candidate}”)` : ''}: \`VBoxManage controlvm "${p.vm}" nic${p.nic} bridged "${p.candidate ?? '<adapter>'}"\` while it runs, or \`VBoxManage modifyvm "${p.vm}" --bridgeadapter${p.nic} "${p.candidate ?? '<adapter>'}"\` when it is off — or pick it in the VM's Network settings.`
            : p.cause === 'no-uplink'
              ? `The VMs are ports of ${p.bridge}, but no physical network card is: their packets never reach the LAN, so they get no address from its DHCP and reach nothing beyond this host.${p.uplink ? ` Add ${p.uplink} to the bridge.` : ' Add the host’s LAN card to the bridge.'}`
              : `Once ${p.uplink} is a port of ${p.bridge}, the host's address belongs on ${p.bridge}: on ${p.uplink} it answers erratically and the host loses the LAN or its VMs. Move ${p.address} (and the default route) from ${p.uplink} to ${p.bridge} in the network configuration (netplan: put the address under bridges.${p.bridge}).`,
      'zh-CN': (p) =>
        p.cause === 'wrong-adapter'
          ? `${p.vm} 以桥接模式（VMnet0）运行，拿到的地址 ${p.address} 属于“${p.uplink}”的网络——VMware 的自动桥接选中了那块网卡（Hyper-V 的 vEthernet、VPN 或其他虚拟网卡）${p.candidate ? `，而不是这台电脑正在使用的 ${p.candidate}` : ''}，所以虚拟机不在您的局域网上。请让 VMnet0 不再使用“${p.uplink}”：修复会在它上面取消勾选“VMware Bridge Protocol”（等同于在虚拟网络编辑器的“自动设置”里排除它）${p.candidate ? `，或者在 VMnet0 的“已桥接至”中选择 ${p.candidate}` : ''}。然后断开再连接虚拟机的网卡（或重新申请 DHCP 租约），让它向您的局域网申请地址。`
          : p.cause === 'missing-adapter'
            ? `VirtualBox 把 ${p.vm} 的网卡 ${p.nic} 桥接到“${p.uplink}”，而这台电脑已经没有这块网卡（换了网卡、更新了驱动或拔掉了 USB 网卡）：这台虚拟机完全没有网络。请改为桥接到现在使用的网卡${p.candidate ? `（“${p.candidate}”）` : ''}：运行中用 \`VBoxManage controlvm "${p.vm}" nic${p.nic} bridged "${p.candidate ?? '<网卡>'}"\`，关机时用 \`VBoxManage modifyvm "${p.vm}" --bridgeadapter${p.nic} "${p.candidate ?? '<网卡>'}"\`，或在虚拟机的网络设置里选择。`
            : p.cause === 'no-uplink'
              ? `虚拟机都是 ${p.bridge} 的端口，但没有任何物理网卡是：它们的数据包到不了局域网，所以从局域网 DHCP 拿不到地址，也访问不到本机以外的任何地方。${p.uplink ? `请把 ${p.uplink} 加入网桥。` : '请把本机的局域网网卡加入网桥。'}`
              : `${p.uplink} 成为 ${p.bridge} 的端口后，本机地址应该配在 ${p.bridge} 上：配在 ${p.uplink} 上时时通时断，本机会失去局域网或它的虚拟机。请在网络配置里把 ${p.address}（以及默认路由）从 ${p.uplink} 移到 ${p.bridge}（netplan：把地址写在 bridges.${p.bridge} 下）。`,
      'zh-TW': (p) =>
        p.cause === 'wrong-adapter'
          ? `${p.vm} 以橋接模式（VMnet0）執行，取得的位址 ${p.address} 屬於「${p.uplink}」的網路——VMware 的自動橋接選中了那張網卡（Hyper-V 的 vEthernet、VPN 或其他虛擬網卡）${p.candidate ? `，而不是這台電腦正在使用的 ${p.candidate}` : ''}，所以虛擬機不在您的區域網路上。請讓 VMnet0 不再使用「${p.uplink}」：修復會在它上面取消勾選「VMware Bridge Protocol」（等同於在虛擬網路編輯器的「自動設定」裡排除它）${p.candidate ? `，或者在 VMnet0 的「橋接至」中選擇 ${p.candidate}` : ''}。然後中斷再連接虛擬機的網卡（或重新要求 DHCP 租約），讓它向您的區域網路要求位址。`
          : p.cause === 'missing-adapter'
            ? `VirtualBox 把 ${p.vm} 的網卡 ${p.nic} 橋接到「${p.uplink}」，而這台電腦已經沒有這張網卡（換了網卡、更新了驅動程式或拔掉了 USB 網卡）：這台虛擬機完全沒有網路。請改為橋接到現在使用的網卡${p.candidate ? `（「${p.candidate}」）` : ''}：執行中用 \`VBoxManage controlvm "${p.vm}" nic${p.nic} bridged "${p.candidate ?? '<網卡>'}"\`，關機時用 \`VBoxManage modifyvm "${p.vm}" --bridgeadapter${p.nic} "${p.candidate ?? '<網卡>'}"\`，或在虛擬機的網路設定裡選擇。`
            : p.cause === 'no-uplink'
              ? `虛擬機都是 ${p.bridge} 的連接埠，但沒有任何實體網卡是：它們的封包到不了區域網路，所以從區域網路 DHCP 拿不到位址，也存取不到本機以外的任何地方。${p.uplink ? `請把 ${p.uplink} 加入橋接器。` : '請把本機的區域網路網卡加入橋接器。'}`
              : `${p.uplink} 成為 ${p.bridge} 的連接埠後，本機位址應該設在 ${p.bridge} 上：設在 ${p.uplink} 上時通時斷，本機會失去區域網路或它的虛擬機。請在網路設定裡把 ${p.address}（以及預設路由）從 ${p.uplink} 移到 ${p.bridge}（netplan：把位址寫在 bridges.${p.bridge} 下）。`,
    },
    offers: [
      {
        fix: 'linux.bridge-uplink',
        platform: 'linux',
        params: (p) => (p.cause === 'no-uplink' && p.uplink ? { bridge: p.bridge, interface: p.uplink } : null),
      },
      {
        fix: 'vmware.set-bridge',
        platform: 'windows',
        params: (p) =>
          p.cause === 'wrong-adapter' && p.uplink && p.candidate ? { adapter: p.candidate, exclude: p.uplink } : null,
        replaces: { observed: (p) => p.uplink, with: 'adapter' },
      },
    ],
  }),

  BRIDGE_PROTOCOL_UNBOUND: finding<{ adapter: string; vms: string[]; product?: 'vmware' | 'virtualbox' }>({
    severity: 'error',
    hop: 'vm-network',
    link: 'guest-switch',
    examples: [
      { adapter: 'Wi-Fi', vms: ['Ubuntu 22.04'] },
      { adapter: 'Ethernet', vms: ['ubuntu-2204'], product: 'virtualbox' },
    ],
    meaning: {
      en: 'The bridge driver is switched off on the card bridged VMs use, so they get no network.',
      'zh-CN': '桥接虚拟机所用网卡上的桥接驱动被关闭了，它们因此没有网络。',
      'zh-TW': '橋接虛擬機所用網卡上的橋接驅動程式被關閉了，它們因此沒有網路。',
    },
    title: {
      en: (p) => `“${bindingName(p.product)}” is off on ${p.adapter}`,
      'zh-CN': (p) => `${p.adapter} 上的“${bindingName(p.product)}”已关闭`,
      'zh-TW': (p) => `${p.adapter} 上的「${bindingName(p.product)}」已關閉`,
    },
    detail: {
      en: (p) =>
        `${list(p.vms, 'en')} ${p.vms.length > 1 ? 'run' : 'runs'} bridged ${p.product === 'virtualbox' ? `through ${p.adapter}` : `(VMnet0), and VMnet0 bridges through ${p.adapter} — the card this computer uses —`} but the “${bindingName(p.product)}” item of that card is unchecked (driver updates, VPN clients and “optimizer” scripts turn it off): the bridged VMs get no address from your LAN and reach nothing. Check it again in the card's Properties, or let the fix do it.`,
      'zh-CN': (p) =>
        `${list(p.vms, 'zh-CN')} 以桥接模式${p.product === 'virtualbox' ? `通过 ${p.adapter} 运行` : `（VMnet0）运行，VMnet0 通过这台电脑正在使用的网卡 ${p.adapter} 桥接`}，但这块网卡的“${bindingName(p.product)}”项没有勾选（驱动更新、VPN 客户端和“优化”脚本会把它关掉）：桥接的虚拟机从局域网拿不到地址，什么也访问不到。请在网卡属性里重新勾选，或让修复来做。`,
      'zh-TW': (p) =>
        `${list(p.vms, 'zh-TW')} 以橋接模式${p.product === 'virtualbox' ? `透過 ${p.adapter} 執行` : `（VMnet0）執行，VMnet0 透過這台電腦正在使用的網卡 ${p.adapter} 橋接`}，但這張網卡的「${bindingName(p.product)}」項目沒有勾選（驅動程式更新、VPN 用戶端和「最佳化」指令碼會把它關掉）：橋接的虛擬機從區域網路拿不到位址，什麼也存取不到。請在網卡內容裡重新勾選，或讓修復來做。`,
    },
    offers: [
      {
        fix: 'host.bind-bridge-protocol',
        platform: 'windows',
        params: (p) => ({ adapter: p.adapter, component: p.product === 'virtualbox' ? 'oracle_VBoxNetLwf' : 'vmware_bridge' }),
      },
    ],
  }),

  BRIDGE_DRIVER_STOPPED: finding<{
    driver: 'VMnetBridge' | 'VBoxNetLwf';
    product: 'vmware' | 'virtualbox';
    /** Win32_SystemDriver's State and StartMode as Windows reports them. */
    state: string;
    startMode: string | null;
    vms: string[];
  }>({
    severity: 'error',
    hop: 'vm-network',
    link: 'guest-switch',
    examples: [
      { driver: 'VMnetBridge', product: 'vmware', state: 'Stopped', startMode: 'Auto', vms: ['Ubuntu 64-bit'] },
      { driver: 'VBoxNetLwf', product: 'virtualbox', state: 'Stopped', startMode: 'Disabled', vms: ['ubuntu-2204'] },
    ],
    meaning: {
      en: 'The driver that bridges VMs onto the LAN is not running, so no bridged VM has a network.',
      'zh-CN': '把虚拟机桥接到局域网的驱动没有运行，所以桥接的虚拟机都没有网络。',
      'zh-TW': '把虛擬機橋接到區域網路的驅動程式沒有執行，所以橋接的虛擬機都沒有網路。',
    },
    title: {
      en: (p) => `${productName(p.product)}'s bridge driver (${p.driver}) is not running`,
      'zh-CN': (p) => `${productName(p.product)} 的桥接驱动（${p.driver}）没有运行`,
      'zh-TW': (p) => `${productName(p.product)} 的橋接驅動程式（${p.driver}）沒有執行`,
    },
    detail: {
      en: (p) =>
        `${list(p.vms, 'en')} ${p.vms.length > 1 ? 'run' : 'runs'} bridged, but Windows reports the driver ${p.driver} as ${p.state}${p.startMode ? ` (start mode ${p.startMode})` : ''}: without it bridged VMs send nothing onto the LAN. Start it (the fix does${p.startMode === 'Disabled' ? ', after setting its start mode to Manual' : ''}); if it will not start, repair ${productName(p.product)}'s installation.`,
      'zh-CN': (p) =>
        `${list(p.vms, 'zh-CN')} 以桥接模式运行，但 Windows 报告驱动 ${p.driver} 的状态为 ${p.state}${p.startMode ? `（启动模式 ${p.startMode}）` : ''}：没有它，桥接的虚拟机发不出任何数据到局域网。请启动它（修复会${p.startMode === 'Disabled' ? '先把启动模式设为“手动”再' : ''}启动）；如果启动不了，请修复 ${productName(p.product)} 的安装。`,
      'zh-TW': (p) =>
        `${list(p.vms, 'zh-TW')} 以橋接模式執行，但 Windows 回報驅動程式 ${p.driver} 的狀態為 ${p.state}${p.startMode ? `（啟動模式 ${p.startMode}）` : ''}：沒有它，橋接的虛擬機送不出任何資料到區域網路。請啟動它（修復會${p.startMode === 'Disabled' ? '先把啟動模式設為「手動」再' : ''}啟動）；如果啟動不了，請修復 ${productName(p.product)} 的安裝。`,
    },
    offers: [
      {
        fix: 'host.start-bridge-driver',
        platform: 'windows',
        params: (p) => ({ driver: p.driver, ...(p.startMode ? { startMode: p.startMode } : {}) }),
      },
    ],
  }),

  VM_NOT_ANSWERING: finding<{ target: string; vm: string | null; reported: boolean }>({
    severity: 'error',
    hop: 'vm-firewall',
    link: 'guest-switch',
    examples: [
      { target: '192.168.37.128', vm: 'Ubuntu 64-bit', reported: true },
      { target: '192.168.122.50', vm: null, reported: false },
    ],
    meaning: {
      en: 'The VM does not answer, and nothing on this host explains why: the cause is in the VM.',
      'zh-CN': '虚拟机没有回应，而这台主机上没有任何原因能解释：问题在虚拟机里。',
      'zh-TW': '虛擬機沒有回應，而這台主機上沒有任何原因能解釋：問題在虛擬機裡。',
    },
    title: {
      en: (p) => `${p.vm ?? 'The VM'} (${p.target}) does not answer ping`,
      'zh-CN': (p) => `${p.vm ?? '虚拟机'}（${p.target}）不回应 ping`,
      'zh-TW': (p) => `${p.vm ?? '虛擬機'}（${p.target}）不回應 ping`,
    },
    detail: {
      en: (p) =>
        `Everything this host controls passed — its adapter, services and firewall — yet ${p.target}${p.reported ? ' (the address its hypervisor reports)' : ''} does not answer. The cause is inside the VM: its own firewall drops ping (ufw on Ubuntu, firewalld on CentOS/Fedora), it has another address by now, or it is off or paused. Run VMnet Doctor inside the VM, or there \`ip -4 addr\` and \`sudo ufw status\` / \`sudo firewall-cmd --list-all\`.`,
      'zh-CN': (p) =>
        `这台主机能控制的一切——网卡、服务和防火墙——都通过了检查，但 ${p.target}${p.reported ? '（虚拟机软件报告的地址）' : ''}没有回应。原因在虚拟机里：它自己的防火墙丢弃了 ping（Ubuntu 的 ufw、CentOS/Fedora 的 firewalld），它现在换了地址，或者它已关机或暂停。请在虚拟机里运行 VMnet Doctor，或在虚拟机里执行 \`ip -4 addr\` 和 \`sudo ufw status\` / \`sudo firewall-cmd --list-all\`。`,
      'zh-TW': (p) =>
        `這台主機能控制的一切——網卡、服務和防火牆——都通過了檢查，但 ${p.target}${p.reported ? '（虛擬機軟體回報的位址）' : ''}沒有回應。原因在虛擬機裡：它自己的防火牆丟棄了 ping（Ubuntu 的 ufw、CentOS/Fedora 的 firewalld），它現在換了位址，或者它已關機或暫停。請在虛擬機裡執行 VMnet Doctor，或在虛擬機裡執行 \`ip -4 addr\` 和 \`sudo ufw status\` / \`sudo firewall-cmd --list-all\`。`,
    },
  }),

  INTERNAL_NETWORK_ISOLATED: finding<{
    /** The VM's name (seen from the host), or null when seen from inside the VM. */
    vm: string | null;
    network: string | null;
    /** Seen from inside the VM: the host it was asked about, and the peers that answered on its segment. */
    host?: string;
    peers?: string[];
    /** Asked from the VM's side (it cannot reach the host or the internet), seen from the host. */
    outbound?: boolean;
  }>({
    severity: 'info',
    hop: 'vm-network',
    byDesign: true,
    examples: [
      { vm: 'Ubuntu', network: 'intnet' },
      { vm: 'Ubuntu', network: 'intnet', outbound: true },
      { vm: 'Ubuntu', network: null },
      { vm: null, network: '10.10.10.0/24', host: '192.168.56.1', peers: ['10.10.10.6'] },
    ],
    meaning: {
      en: 'A VirtualBox “internal network” joins VMs to each other and never to the host, by design.',
      'zh-CN': 'VirtualBox 的“内部网络”只连接虚拟机彼此，按设计从不连接主机。',
      'zh-TW': 'VirtualBox 的「內部網路」只連接虛擬機彼此，依設計從不連接主機。',
    },
    title: {
      en: (p) =>
        p.vm && p.outbound
          ? `${p.vm} is only on an internal network: it reaches neither this computer nor the internet, by design`
          : p.vm
            ? `${p.vm} is only on an internal network: the host cannot reach it, by design`
            : 'This VM is on a network of VMs only (an internal network): the host is not on it, by design',
      'zh-CN': (p) =>
        p.vm && p.outbound
          ? `${p.vm} 只接在内部网络上：按设计它既访问不到这台电脑，也上不了网`
          : p.vm
            ? `${p.vm} 只接在内部网络上：按设计主机无法访问它`
            : '这台虚拟机在只有虚拟机的网络（内部网络）上：按设计主机不在这个网络上',
      'zh-TW': (p) =>
        p.vm && p.outbound
          ? `${p.vm} 只接在內部網路上：依設計它既存取不到這台電腦，也無法上網`
          : p.vm
            ? `${p.vm} 只接在內部網路上：依設計主機無法存取它`
            : '這台虛擬機在只有虛擬機的網路（內部網路）上：依設計主機不在這個網路上',
    },
    detail: {
      en: (p) =>
        p.vm && p.outbound
          ? `Every NIC of ${p.vm} is attached to VirtualBox's internal network${p.network ? ` “${p.network}”` : ''}: the VMs on it see each other, but neither this computer nor a gateway to the internet is on it. Nothing is broken. To reach this computer, give the VM a second NIC attached to “Host-only Adapter”; to reach the internet, one attached to “NAT”.`
          : p.vm
            ? `Every NIC of ${p.vm} is attached to VirtualBox's internal network${p.network ? ` “${p.network}”` : ''}: the VMs on it see each other, but the host has no adapter there. Nothing is broken. To reach the VM from the host, give it a second NIC attached to “Host-only Adapter” (or NAT with a port forward).`
            : `Other machines answer on this VM's network ${p.network ?? ''} (${list(p.peers ?? [], 'en')}), but the host ${p.host ?? ''} is not on it and there is no gateway: a VirtualBox internal network joins VMs only. Nothing is broken, and changing this VM's address would not help. To reach the VM from the host, give it a second NIC attached to “Host-only Adapter” (or NAT with a port forward).`,
      'zh-CN': (p) =>
        p.vm && p.outbound
          ? `${p.vm} 的每张网卡都接在 VirtualBox 的内部网络${p.network ? `“${p.network}”` : ''}上：这个网络上的虚拟机能互相看到，但这台电脑和通往互联网的网关都不在上面。这不是故障。要访问这台电脑，请给虚拟机再加一张接到“仅主机 (Host-Only) 网络”的网卡；要上网，再加一张接到“网络地址转换 (NAT)”的网卡。`
          : p.vm
            ? `${p.vm} 的每张网卡都接在 VirtualBox 的内部网络${p.network ? `“${p.network}”` : ''}上：这个网络上的虚拟机能互相看到，但主机在那里没有网卡。这不是故障。要从主机访问这台虚拟机，请再给它加一张接到“仅主机 (Host-Only) 网络”的网卡（或用 NAT 加端口转发）。`
            : `这台虚拟机的网络 ${p.network ?? ''} 上有其他机器回应（${list(p.peers ?? [], 'zh-CN')}），但主机 ${p.host ?? ''} 不在这个网络上，也没有网关：VirtualBox 的内部网络只连接虚拟机。这不是故障，改这台虚拟机的地址也没有用。要从主机访问这台虚拟机，请再给它加一张接到“仅主机 (Host-Only) 网络”的网卡（或用 NAT 加端口转发）。`,
      'zh-TW': (p) =>
        p.vm && p.outbound
          ? `${p.vm} 的每張網卡都接在 VirtualBox 的內部網路${p.network ? `「${p.network}」` : ''}上：這個網路上的虛擬機能互相看到，但這台電腦和通往網際網路的閘道都不在上面。這不是故障。要存取這台電腦，請給虛擬機再加一張接到「僅限主機 (Host-Only) 介面卡」的網卡；要上網，再加一張接到「NAT」的網卡。`
          : p.vm
            ? `${p.vm} 的每張網卡都接在 VirtualBox 的內部網路${p.network ? `「${p.network}」` : ''}上：這個網路上的虛擬機能互相看到，但主機在那裡沒有網卡。這不是故障。要從主機存取這台虛擬機，請再給它加一張接到「僅限主機 (Host-Only) 介面卡」的網卡（或用 NAT 加連接埠轉送）。`
            : `這台虛擬機的網路 ${p.network ?? ''} 上有其他機器回應（${list(p.peers ?? [], 'zh-TW')}），但主機 ${p.host ?? ''} 不在這個網路上，也沒有閘道：VirtualBox 的內部網路只連接虛擬機。這不是故障，改這台虛擬機的位址也沒有用。要從主機存取這台虛擬機，請再給它加一張接到「僅限主機 (Host-Only) 介面卡」的網卡（或用 NAT 加連接埠轉送）。`,
    },
  }),

  MACVTAP_HOST_ISOLATION: finding<{
    devices: string[];
    lower: string;
    /** Seen from inside the VM: its NIC and the host that does not even answer ARP while the LAN does. */
    interface?: string;
    host?: string;
  }>({
    severity: 'info',
    hop: 'vm-network',
    byDesign: true,
    examples: [
      { devices: ['macvtap0', 'macvtap1'], lower: 'enp3s0' },
      { devices: [], lower: '', interface: 'enp1s0', host: '192.168.1.10' },
    ],
    meaning: {
      en: 'VMs attached directly (macvtap) to a network card reach the LAN but not this host, by design.',
      'zh-CN': '直接（macvtap）接在网卡上的虚拟机能访问局域网，但按设计访问不到本机。',
      'zh-TW': '直接（macvtap）接在網卡上的虛擬機能存取區域網路，但依設計存取不到本機。',
    },
    title: {
      en: (p) =>
        p.host
          ? `The host ${p.host} does not even answer ARP while the LAN does: a VM attached “direct” (macvtap) cannot reach its own host`
          : `VMs on ${list(p.devices, 'en')} cannot reach this host, by design`,
      'zh-CN': (p) =>
        p.host
          ? `主机 ${p.host} 连 ARP 都不回应，而局域网有回应：以“direct”（macvtap）方式连接的虚拟机访问不到自己的主机`
          : `${list(p.devices, 'zh-CN')} 上的虚拟机按设计无法访问本机`,
      'zh-TW': (p) =>
        p.host
          ? `主機 ${p.host} 連 ARP 都不回應，而區域網路有回應：以「direct」（macvtap）方式連接的虛擬機存取不到自己的主機`
          : `${list(p.devices, 'zh-TW')} 上的虛擬機依設計無法存取本機`,
    },
    detail: {
      en: (p) =>
        p.host
          ? `${p.interface} reaches the LAN (its router answers), but the host ${p.host} does not answer at all — not even ARP, which no firewall drops. That is how a KVM VM attached “direct” (macvtap) to the host's own network card behaves: it reaches the LAN, never its host. Nothing is broken in the VM. To reach the host, attach the VM to a bridge (br0 holding the host's card) instead, or give it a second NIC on libvirt's default network. If the VM is already on a bridge, check the host's address.`
          : `These VMs use libvirt's “direct” (macvtap) attachment on ${p.lower}: they reach the LAN and the LAN reaches them, but packets between them and this host never cross ${p.lower}, so host and VM cannot talk. Nothing is broken. To reach them from the host, attach the VMs to a bridge (br0 holding ${p.lower}) instead, or give each VM a second NIC on libvirt's default network.`,
      'zh-CN': (p) =>
        p.host
          ? `${p.interface} 能访问局域网（路由器有回应），但主机 ${p.host} 完全不回应——连防火墙从不拦截的 ARP 都不回应。以“direct”（macvtap）方式接在主机自己网卡上的 KVM 虚拟机就是这样：能访问局域网，却访问不到自己的主机。虚拟机里没有故障。要访问主机，请改为把虚拟机接到网桥（包含主机网卡的 br0），或再加一张接在 libvirt 默认网络上的网卡。如果虚拟机已经接在网桥上，请检查主机地址。`
          : `这些虚拟机在 ${p.lower} 上使用 libvirt 的“direct”（macvtap）连接：它们能访问局域网，局域网也能访问它们，但它们与本机之间的数据包不会经过 ${p.lower}，所以主机和虚拟机无法互通。这不是故障。要从本机访问它们，请改为把虚拟机接到网桥（包含 ${p.lower} 的 br0），或给每台虚拟机再加一张接在 libvirt 默认网络上的网卡。`,
      'zh-TW': (p) =>
        p.host
          ? `${p.interface} 能存取區域網路（路由器有回應），但主機 ${p.host} 完全不回應——連防火牆從不攔截的 ARP 都不回應。以「direct」（macvtap）方式接在主機自己網路卡上的 KVM 虛擬機就是這樣：能存取區域網路，卻存取不到自己的主機。虛擬機裡沒有故障。要存取主機，請改為把虛擬機接到橋接器（包含主機網路卡的 br0），或再加一張接在 libvirt 預設網路上的網卡。如果虛擬機已經接在橋接器上，請檢查主機位址。`
          : `這些虛擬機在 ${p.lower} 上使用 libvirt 的「direct」（macvtap）連線：它們能存取區域網路，區域網路也能存取它們，但它們與本機之間的封包不會經過 ${p.lower}，所以主機和虛擬機無法互通。這不是故障。要從本機存取它們，請改為把虛擬機接到橋接器（包含 ${p.lower} 的 br0），或給每台虛擬機再加一張接在 libvirt 預設網路上的網卡。`,
    },
  }),

  CAPTIVE_PORTAL: finding<{ location: string | null; status: number }>({
    severity: 'error',
    hop: 'nat',
    link: 'gateway-internet',
    examples: [
      { location: 'http://login.campus.example/auth?mac=52-54-00-12-34-56', status: 302 },
      { location: null, status: 200 },
    ],
    meaning: {
      en: 'The network wants a login on a web page before it lets this VM out.',
      'zh-CN': '这个网络要求先在网页上登录，才放行这台虚拟机。',
      'zh-TW': '這個網路要求先在網頁上登入，才放行這台虛擬機。',
    },
    title: {
      en: () => 'The network asks this VM to log in on a web page first',
      'zh-CN': () => '网络要求这台虚拟机先在网页上登录',
      'zh-TW': () => '網路要求這台虛擬機先在網頁上登入',
    },
    detail: {
      en: (p) =>
        `The gateway answers but nothing beyond it does, and a plain web request gets ${p.location ? `sent to ${p.location}` : 'a page of its own'} instead of the page it asked for: a campus, hotel or office network with web login. A bridged VM is a device of its own there and must log in itself — open that page in a browser inside the VM — or switch the VM to NAT so it goes out through the host, whose login already counts.`,
      'zh-CN': (p) =>
        `网关有回应，但网关之外没有任何回应，而普通的网页请求${p.location ? `被转到 ${p.location}` : '得到的是它自己的页面'}，而不是所请求的页面：这是需要网页登录的校园、酒店或办公网络。桥接的虚拟机在那里是一台独立的设备，必须自己登录——在虚拟机里用浏览器打开那个页面——或者把虚拟机改成 NAT 模式，通过已经登录的主机上网。`,
      'zh-TW': (p) =>
        `閘道有回應，但閘道之外沒有任何回應，而一般的網頁請求${p.location ? `被轉到 ${p.location}` : '得到的是它自己的頁面'}，而不是所請求的頁面：這是需要網頁登入的校園、飯店或辦公網路。橋接的虛擬機在那裡是一台獨立的裝置，必須自己登入——在虛擬機裡用瀏覽器開啟那個頁面——或者把虛擬機改成 NAT 模式，透過已經登入的主機上網。`,
    },
  }),

  MTU_MISMATCH: finding<{
    interface: string;
    mtu: number;
    pathMtu: number;
    target: string;
    /** The gateway that passes full-size packets, when the path narrows beyond it (and says nothing). */
    beyond?: string | null;
  }>({
    severity: 'error',
    hop: (p) => (p.beyond ? 'nat' : 'gateway'),
    link: 'switch-gateway',
    examples: [
      { interface: 'ens33', mtu: 1500, pathMtu: 1400, target: '192.168.37.2' },
      { interface: 'ens33', mtu: 1500, pathMtu: 1420, target: '223.5.5.5', beyond: '192.168.37.2' },
    ],
    meaning: {
      en: 'Small packets get through but full-size ones are lost: pages and downloads hang while ping works.',
      'zh-CN': '小数据包能通过，满尺寸的却丢了：ping 得通，但网页和下载会卡住。',
      'zh-TW': '小封包能通過，完整大小的卻遺失了：ping 得通，但網頁和下載會卡住。',
    },
    title: {
      en: (p) =>
        p.beyond
          ? `Beyond the gateway, packets larger than ${p.pathMtu} bytes are lost on the way to ${p.target}`
          : `Packets larger than ${p.pathMtu} bytes are lost on the way to ${p.target}`,
      'zh-CN': (p) =>
        p.beyond
          ? `在网关之外，大于 ${p.pathMtu} 字节的数据包在去往 ${p.target} 的路上丢失`
          : `大于 ${p.pathMtu} 字节的数据包在去往 ${p.target} 的路上丢失`,
      'zh-TW': (p) =>
        p.beyond
          ? `在閘道之外，大於 ${p.pathMtu} 位元組的封包在前往 ${p.target} 的路上遺失`
          : `大於 ${p.pathMtu} 位元組的封包在前往 ${p.target} 的路上遺失`,
    },
    detail: {
      en: (p) =>
        p.beyond
          ? `${p.interface} sends packets of up to ${p.mtu} bytes and the gateway ${p.beyond} takes them whole, but beyond it the path narrows: only ${p.pathMtu} bytes get through to ${p.target}, and nothing on the way says so (tested with “do not fragment” set; a VPN or PPPoE link whose ICMP is filtered). Pings work, while web pages, TLS handshakes and downloads hang. Set ${p.interface}’s MTU to ${p.pathMtu}.`
          : `${p.interface} sends packets of up to ${p.mtu} bytes, but only ${p.pathMtu} bytes get through to ${p.target} (tested with “do not fragment” set). Pings and SSH logins work, while web pages, apt and file copies stall. Set ${p.interface}’s MTU to ${p.pathMtu}.`,
      'zh-CN': (p) =>
        p.beyond
          ? `${p.interface} 发送最大 ${p.mtu} 字节的数据包，网关 ${p.beyond} 能完整收下，但在网关之外路径变窄：到 ${p.target} 只有 ${p.pathMtu} 字节的能通过，而且途中没有任何设备告知（已设置“不分片”测试；通常是过滤了 ICMP 的 VPN 或 PPPoE 线路）。ping 正常，网页、TLS 握手和下载却会卡住。请把 ${p.interface} 的 MTU 设为 ${p.pathMtu}。`
          : `${p.interface} 发送最大 ${p.mtu} 字节的数据包，但到 ${p.target} 只有 ${p.pathMtu} 字节的能通过（已设置“不分片”测试）。ping 和 SSH 登录正常，网页、apt 和文件复制却会卡住。请把 ${p.interface} 的 MTU 设为 ${p.pathMtu}。`,
      'zh-TW': (p) =>
        p.beyond
          ? `${p.interface} 送出最大 ${p.mtu} 位元組的封包，閘道 ${p.beyond} 能完整收下，但在閘道之外路徑變窄：到 ${p.target} 只有 ${p.pathMtu} 位元組的能通過，而且途中沒有任何裝置告知（已設定「不分段」測試；通常是過濾了 ICMP 的 VPN 或 PPPoE 線路）。ping 正常，網頁、TLS 交握和下載卻會卡住。請把 ${p.interface} 的 MTU 設為 ${p.pathMtu}。`
          : `${p.interface} 送出最大 ${p.mtu} 位元組的封包，但到 ${p.target} 只有 ${p.pathMtu} 位元組的能通過（已設定「不分段」測試）。ping 和 SSH 登入正常，網頁、apt 和檔案複製卻會卡住。請把 ${p.interface} 的 MTU 設為 ${p.pathMtu}。`,
    },
    offers: [
      {
        fix: 'linux.set-mtu',
        platform: 'linux',
        params: (p) => ({ interface: p.interface, mtu: String(p.pathMtu), target: p.target }),
        replaces: { observed: (p) => String(p.mtu), with: 'mtu' },
      },
    ],
  }),

  VPN_ROUTE_CAPTURE: finding<{
    /** The tunnel device the traffic goes into (tun0, wg0, ppp0). */
    device: string;
    /** What it captures: the host (or gateway) on the VM network, or the internet. */
    captures: 'host' | 'internet';
    target: string;
    /** How: a policy rule sending traffic to another table, or routes in the main table (0/1 + 128/1, or a wider one). */
    how: 'rule' | 'routes';
    priority: number | null;
    table: string | null;
    routes: string[];
  }>({
    severity: 'error',
    hop: 'vm-route',
    examples: [
      {
        device: 'wg0',
        captures: 'internet',
        target: '223.5.5.5',
        how: 'rule',
        priority: 32765,
        table: '51820',
        routes: [],
      },
      {
        device: 'tun0',
        captures: 'internet',
        target: '223.5.5.5',
        how: 'routes',
        priority: null,
        table: null,
        routes: ['0.0.0.0/1', '128.0.0.0/1'],
      },
      {
        device: 'tun0',
        captures: 'host',
        target: '192.168.37.1',
        how: 'routes',
        priority: null,
        table: null,
        routes: ['192.168.0.0/16'],
      },
    ],
    meaning: {
      en: 'A VPN inside the VM takes the traffic, and nothing answers through it.',
      'zh-CN': '虚拟机里的 VPN 接管了流量，而经它发出的流量没有任何回应。',
      'zh-TW': '虛擬機裡的 VPN 接管了流量，而經由它送出的流量沒有任何回應。',
    },
    title: {
      en: (p) => `A VPN (${p.device}) inside the VM takes the traffic for ${p.captures === 'host' ? 'the host' : 'the internet'}`,
      'zh-CN': (p) => `虚拟机里的 VPN（${p.device}）接管了发往${p.captures === 'host' ? '主机' : '互联网'}的流量`,
      'zh-TW': (p) => `虛擬機裡的 VPN（${p.device}）接管了送往${p.captures === 'host' ? '主機' : '網際網路'}的流量`,
    },
    detail: {
      en: (p) =>
        `The kernel sends packets for ${p.target} into ${p.device}, not to the VM network, ${p.how === 'rule' ? `because of the policy rule ${p.priority} (table ${p.table})` : `because of the route${p.routes.length > 1 ? 's' : ''} ${list(p.routes, 'en')} through ${p.device}`}, and nothing answers there. The VM network itself is fine. Connect or fix the VPN, exclude ${p.captures === 'host' ? 'the VM network' : 'this traffic'} from it (split tunnelling), or take its ${p.how === 'rule' ? 'rule' : 'routes'} away for now.`,
      'zh-CN': (p) =>
        `内核把发往 ${p.target} 的数据包送进了 ${p.device}，而不是虚拟机网络，${p.how === 'rule' ? `原因是策略路由规则 ${p.priority}（路由表 ${p.table}）` : `原因是经由 ${p.device} 的路由 ${list(p.routes, 'zh-CN')}`}，而那里没有任何回应。虚拟机网络本身没有问题。请连接或修好 VPN，把${p.captures === 'host' ? '虚拟机网络' : '这些流量'}排除在 VPN 之外（分流），或暂时去掉它的${p.how === 'rule' ? '规则' : '路由'}。`,
      'zh-TW': (p) =>
        `核心把送往 ${p.target} 的封包送進了 ${p.device}，而不是虛擬機網路，${p.how === 'rule' ? `原因是原則路由規則 ${p.priority}（路由表 ${p.table}）` : `原因是經由 ${p.device} 的路由 ${list(p.routes, 'zh-TW')}`}，而那裡沒有任何回應。虛擬機網路本身沒有問題。請連線或修好 VPN，把${p.captures === 'host' ? '虛擬機網路' : '這些流量'}排除在 VPN 之外（分流），或暫時拿掉它的${p.how === 'rule' ? '規則' : '路由'}。`,
    },
    offers: [
      {
        fix: 'linux.release-vpn-route',
        platform: 'linux',
        params: (p): Record<string, string> | null =>
          p.how === 'rule'
            ? p.priority !== null && p.table
              ? { device: p.device, priority: String(p.priority), table: p.table, target: p.target }
              : null
            : p.routes.length
              ? { device: p.device, routes: p.routes.join(','), target: p.target }
              : null,
      },
    ],
  }),
};

export type FindingId = keyof typeof FINDINGS;
export const FINDING_IDS = Object.keys(FINDINGS) as [FindingId, ...FindingId[]];
export type FindingParams<K extends FindingId> = (typeof FINDINGS)[K]['examples'][number];
