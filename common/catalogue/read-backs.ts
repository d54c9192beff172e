/**
 * What a fix's verification read back, in words: after a fix ran, it reads the machine again and
 * says what it saw ("VMnet8 is enabled"). Fixes speak in these ids and parameters; the CLI, the
 * wizard and the journal render them in the reader's language. The English is also kept as the
 * fix's evidence behind "technical details" and in `--json`.
 */
import type { UiLanguage } from '../vocabulary.ts';
import { list as listIn, type Texts } from './text.ts';
import { valueText } from './values.ts';

const t = <P>(en: (p: P) => string, zhCN: (p: P) => string, zhTW: (p: P) => string): Texts<P> => ({
  en,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
});
const v = valueText;
/** A list, or the words for "none" when it is empty. */
const some = (items: readonly string[], lang: UiLanguage, none: string) => (items.length ? listIn(items, lang) : none);

export const READ_BACKS = {
  // Linux links, addresses and routes.
  'link-state': t<{ device: string; state: string }>(
    (p) => `${p.device} is ${v(p.state, 'en')}`,
    (p) => `${p.device}：${v(p.state, 'zh-CN')}`,
    (p) => `${p.device}：${v(p.state, 'zh-TW')}`,
  ),
  'link-addresses': t<{ device: string; addresses: string[] }>(
    (p) => `${p.device}: ${some(p.addresses, 'en', 'no IPv4 address')}`,
    (p) => `${p.device} 的地址：${some(p.addresses, 'zh-CN', '没有 IPv4 地址')}`,
    (p) => `${p.device} 的位址：${some(p.addresses, 'zh-TW', '沒有 IPv4 位址')}`,
  ),
  'default-route': t<{ via: string | null; gateway: string; answers: boolean }>(
    (p) => `default route via ${p.via ?? 'none'}; ${p.gateway} ${p.answers ? 'answers' : 'does not answer'}`,
    (p) => `默认路由经 ${p.via ?? '（无）'}；${p.gateway} ${p.answers ? '有回应' : '无回应'}`,
    (p) => `預設路由經 ${p.via ?? '（無）'}；${p.gateway} ${p.answers ? '有回應' : '無回應'}`,
  ),
  'bridge-port': t<{ device: string; bridge: string | null; state: string }>(
    (p) => `${p.device}: ${p.bridge ? `in bridge ${p.bridge}` : 'in no bridge'}, ${v(p.state, 'en')}`,
    (p) => `${p.device}：${p.bridge ? `在网桥 ${p.bridge} 中` : '不在任何网桥中'}，${v(p.state, 'zh-CN')}`,
    (p) => `${p.device}：${p.bridge ? `在橋接器 ${p.bridge} 中` : '不在任何橋接器中'}，${v(p.state, 'zh-TW')}`,
  ),
  'mac-state': t<{ device: string; mac: string | null; state: string; duplicated: string[] }>(
    (p) =>
      `${p.device} has ${p.mac ?? 'no MAC'} and is ${v(p.state, 'en')}${p.duplicated.length ? `; still duplicated: ${listIn(p.duplicated, 'en')}` : ''}`,
    (p) =>
      `${p.device} 的 MAC 为 ${p.mac ?? '（无）'}，${v(p.state, 'zh-CN')}${p.duplicated.length ? `；仍然重复：${listIn(p.duplicated, 'zh-CN')}` : ''}`,
    (p) =>
      `${p.device} 的 MAC 為 ${p.mac ?? '（無）'}，${v(p.state, 'zh-TW')}${p.duplicated.length ? `；仍然重複：${listIn(p.duplicated, 'zh-TW')}` : ''}`,
  ),
  'mtu-state': t<{ device: string; mtu: number | null; size: number; target: string | null; passes: boolean }>(
    (p) =>
      `${p.device} MTU ${p.mtu ?? 'unread'}${p.target ? `; ${p.size}-byte packets ${p.passes ? 'reach' : 'do not reach'} ${p.target}` : ''}`,
    (p) =>
      `${p.device} 的 MTU 为 ${p.mtu ?? '（未读到）'}${p.target ? `；${p.size} 字节的包${p.passes ? '能到达' : '到不了'} ${p.target}` : ''}`,
    (p) =>
      `${p.device} 的 MTU 為 ${p.mtu ?? '（未讀到）'}${p.target ? `；${p.size} 位元組的封包${p.passes ? '能到達' : '到不了'} ${p.target}` : ''}`,
  ),
  'vpn-route': t<{ rule: number | null; routes: string[]; gone: boolean; target: string | null; via: string | null }>(
    (p) =>
      `${p.rule !== null ? `rule ${p.rule}` : listIn(p.routes, 'en')} ${p.gone ? 'removed' : 'still there'}${p.target ? `; ${p.target} now goes via ${p.via ?? 'no route'}` : ''}`,
    (p) =>
      `${p.rule !== null ? `规则 ${p.rule}` : listIn(p.routes, 'zh-CN')}${p.gone ? '已删除' : '仍然存在'}${p.target ? `；${p.target} 现在经 ${p.via ?? '（无路由）'}` : ''}`,
    (p) =>
      `${p.rule !== null ? `規則 ${p.rule}` : listIn(p.routes, 'zh-TW')}${p.gone ? '已刪除' : '仍然存在'}${p.target ? `；${p.target} 現在經 ${p.via ?? '（無路由）'}` : ''}`,
  ),
  'guest-configured': t<{ device: string; gateway: string | null; ok: boolean }>(
    (p) =>
      p.ok
        ? `${p.device} configured, and ${p.gateway ?? 'its address and gateway'} work`
        : `${p.device} did not come up as configured within 20 s`,
    (p) => (p.ok ? `${p.device} 已配置，${p.gateway ?? '地址和网关'}正常` : `${p.device} 在 20 秒内没有按配置启用`),
    (p) => (p.ok ? `${p.device} 已設定，${p.gateway ?? '位址和閘道'}正常` : `${p.device} 在 20 秒內沒有依設定啟用`),
  ),
  'ip-forward': t<{ value: string }>(
    (p) => `IP forwarding: net.ipv4.ip_forward = ${p.value}`,
    (p) => `IP 转发：net.ipv4.ip_forward = ${p.value}`,
    (p) => `IP 轉送：net.ipv4.ip_forward = ${p.value}`,
  ),
  'ssh-listens': t<{ listens: boolean }>(
    (p) => (p.listens ? 'sshd listens on port 22' : 'nothing listens on port 22 yet'),
    (p) => (p.listens ? 'sshd 正在 22 端口监听' : '22 端口上还没有程序监听'),
    (p) => (p.listens ? 'sshd 正在 22 連接埠監聽' : '22 連接埠上還沒有程式監聽'),
  ),
  'libvirt-network': t<{ network: string; active: boolean }>(
    (p) => `libvirt network ${p.network} is ${p.active ? 'active' : 'not active'}`,
    (p) => `libvirt 网络 ${p.network} ${p.active ? '已启动' : '未启动'}`,
    (p) => `libvirt 網路 ${p.network} ${p.active ? '已啟動' : '未啟動'}`,
  ),
  'dhcp-listens': t<{ bridge: string; listens: boolean }>(
    (p) => `${p.listens ? 'a DHCP server listens' : 'nothing listens'} on UDP 67 on ${p.bridge}`,
    (p) => `${p.bridge} 的 UDP 67 端口上${p.listens ? '有 DHCP 服务器在监听' : '没有程序监听'}`,
    (p) => `${p.bridge} 的 UDP 67 連接埠上${p.listens ? '有 DHCP 伺服器在監聽' : '沒有程式監聽'}`,
  ),
  masquerade: t<{ subnet: string; ok: boolean }>(
    (p) => `${p.subnet} ${p.ok ? 'is masqueraded again' : 'is still not masqueraded'}`,
    (p) => `${p.subnet} ${p.ok ? '已重新做地址伪装（NAT）' : '仍然没有做地址伪装（NAT）'}`,
    (p) => `${p.subnet} ${p.ok ? '已重新做位址偽裝（NAT）' : '仍然沒有做位址偽裝（NAT）'}`,
  ),
  'dns-server': t<{ server: string; answers: boolean }>(
    (p) => `${p.server} ${p.answers ? 'answers DNS' : 'does not answer DNS'}`,
    (p) => `${p.server} ${p.answers ? '回应 DNS 查询' : '不回应 DNS 查询'}`,
    (p) => `${p.server} ${p.answers ? '回應 DNS 查詢' : '不回應 DNS 查詢'}`,
  ),
  'dns-name': t<{ name: string; server: string; direct: boolean; system: boolean }>(
    (p) =>
      `${p.name} ${p.direct ? 'resolves' : 'does not resolve'} at ${p.server}; the system resolver ${p.system ? 'resolves it' : 'does not'}`,
    (p) => `${p.server} ${p.direct ? '能' : '不能'}解析 ${p.name}；系统解析器${p.system ? '能' : '不能'}解析它`,
    (p) => `${p.server} ${p.direct ? '能' : '不能'}解析 ${p.name}；系統解析器${p.system ? '能' : '不能'}解析它`,
  ),
  'firewall-passes': t<{ what: 'echo' | 'forward' | 'port'; port: number | null; rules: string[]; readable: boolean }>(
    (p) =>
      !p.readable
        ? 'the firewall rules could not be read'
        : p.rules.length
          ? `decided by: ${p.rules.join('; ')}`
          : `no rule drops ${p.what === 'echo' ? 'ping' : p.what === 'forward' ? 'the VMs’ forwarded traffic' : `port ${p.port}`}`,
    (p) =>
      !p.readable
        ? '无法读取防火墙规则'
        : p.rules.length
          ? `决定它的规则：${p.rules.join('；')}`
          : `没有规则丢弃${p.what === 'echo' ? ' ping' : p.what === 'forward' ? '虚拟机的转发流量' : `端口 ${p.port}`}`,
    (p) =>
      !p.readable
        ? '無法讀取防火牆規則'
        : p.rules.length
          ? `決定它的規則：${p.rules.join('；')}`
          : `沒有規則丟棄${p.what === 'echo' ? ' ping' : p.what === 'forward' ? '虛擬機器的轉送流量' : `連接埠 ${p.port}`}`,
  ),

  // Windows adapters, services, firewall and drivers.
  'adapter-enabled': t<{ adapter: string; enabled: boolean }>(
    (p) => `${p.adapter} is ${p.enabled ? 'enabled' : 'still disabled'}`,
    (p) => `${p.adapter} ${p.enabled ? '已启用' : '仍然是禁用的'}`,
    (p) => `${p.adapter} ${p.enabled ? '已啟用' : '仍然是停用的'}`,
  ),
  'adapter-address': t<{ adapter: string; addresses: string[] }>(
    (p) =>
      p.addresses.length
        ? `${p.adapter} is up with ${listIn(p.addresses, 'en')}`
        : `${p.adapter} did not come back with a usable IPv4 address within 30 s`,
    (p) =>
      p.addresses.length
        ? `${p.adapter} 已连接，地址 ${listIn(p.addresses, 'zh-CN')}`
        : `${p.adapter} 在 30 秒内没有恢复可用的 IPv4 地址`,
    (p) =>
      p.addresses.length
        ? `${p.adapter} 已連線，位址 ${listIn(p.addresses, 'zh-TW')}`
        : `${p.adapter} 在 30 秒內沒有恢復可用的 IPv4 位址`,
  ),
  'service-running': t<{ service: string; running: boolean }>(
    (p) => `${p.service} ${p.running ? 'is running' : 'did not start'}`,
    (p) => `${p.service} ${p.running ? '正在运行' : '没有启动'}`,
    (p) => `${p.service} ${p.running ? '執行中' : '沒有啟動'}`,
  ),
  'firewall-rule': t<{ name: string; inPlace: boolean }>(
    (p) => `rule ${p.name} ${p.inPlace ? 'is in place and enabled' : 'is not in place'}`,
    (p) => `规则 ${p.name} ${p.inPlace ? '已存在并已启用' : '不存在'}`,
    (p) => `規則 ${p.name} ${p.inPlace ? '已存在並已啟用' : '不存在'}`,
  ),
  'adapter-profile': t<{ adapter: string; endpoint: number | null; category: string | null }>(
    (p) =>
      `${p.adapter}: *NdisDeviceType ${p.endpoint ?? 'unread'}, network profile ${p.category ? v(p.category, 'en') : 'none (not classified)'}`,
    (p) =>
      `${p.adapter}：*NdisDeviceType ${p.endpoint ?? '（未读到）'}，网络类别 ${p.category ? v(p.category, 'zh-CN') : '无（未归类）'}`,
    (p) =>
      `${p.adapter}：*NdisDeviceType ${p.endpoint ?? '（未讀到）'}，網路類別 ${p.category ? v(p.category, 'zh-TW') : '無（未歸類）'}`,
  ),
  'vmware-networks-back': t<{ missing: string[] }>(
    (p) =>
      p.missing.length
        ? `still missing after vnetlib: ${listIn(p.missing, 'en')}`
        : 'vmnetdhcp.conf, vmnetnat.conf, VMnet1 and VMnet8 are back',
    (p) =>
      p.missing.length
        ? `vnetlib 运行后仍然缺少：${listIn(p.missing, 'zh-CN')}`
        : 'vmnetdhcp.conf、vmnetnat.conf、VMnet1 和 VMnet8 都已恢复',
    (p) =>
      p.missing.length
        ? `vnetlib 執行後仍然缺少：${listIn(p.missing, 'zh-TW')}`
        : 'vmnetdhcp.conf、vmnetnat.conf、VMnet1 和 VMnet8 都已恢復',
  ),
  'vmnet-adapter': t<{ vmnet: string; exists: boolean }>(
    (p) => (p.exists ? `the ${p.vmnet} adapter exists` : `no ${p.vmnet} adapter after vnetlib`),
    (p) => (p.exists ? `${p.vmnet} 的适配器已存在` : `vnetlib 运行后仍没有 ${p.vmnet} 的适配器`),
    (p) => (p.exists ? `${p.vmnet} 的介面卡已存在` : `vnetlib 執行後仍沒有 ${p.vmnet} 的介面卡`),
  ),
  'vmnet-address': t<{ vmnet: string; addresses: string[]; subnet: string; inSubnet: boolean }>(
    (p) => `${p.vmnet}'s adapter has ${some(p.addresses, 'en', 'no IPv4 address')}, ${p.inSubnet ? '' : 'not '}in ${p.subnet}`,
    (p) =>
      `${p.vmnet} 的适配器地址：${some(p.addresses, 'zh-CN', '没有 IPv4 地址')}，${p.inSubnet ? '在' : '不在'} ${p.subnet} 中`,
    (p) =>
      `${p.vmnet} 的介面卡位址：${some(p.addresses, 'zh-TW', '沒有 IPv4 位址')}，${p.inSubnet ? '在' : '不在'} ${p.subnet} 中`,
  ),
  'vmnet-subnet': t<{ vmnet: string; subnet: string; changed: Array<'adapter' | 'registry' | 'dhcp-conf'> }>(
    (p) =>
      p.changed.length
        ? `${p.vmnet} in ${p.subnet}: ${listIn(
            p.changed.map((c) => ({ adapter: 'adapter', registry: 'VMnetLib registry', 'dhcp-conf': 'vmnetdhcp.conf' })[c]),
            'en',
          )}${p.changed.length < 3 ? ' (not everywhere yet)' : ''}`
        : `nothing changed: ${p.vmnet}'s adapter, registry and vmnetdhcp.conf still name the old subnet (use the Virtual Network Editor)`,
    (p) =>
      p.changed.length
        ? `${p.vmnet} 改到 ${p.subnet}：${listIn(
            p.changed.map((c) => ({ adapter: '适配器', registry: 'VMnetLib 注册表', 'dhcp-conf': 'vmnetdhcp.conf' })[c]),
            'zh-CN',
          )}${p.changed.length < 3 ? '（尚未全部更改）' : ''}`
        : `没有任何更改：${p.vmnet} 的适配器、注册表和 vmnetdhcp.conf 仍是旧子网（请用虚拟网络编辑器）`,
    (p) =>
      p.changed.length
        ? `${p.vmnet} 改到 ${p.subnet}：${listIn(
            p.changed.map((c) => ({ adapter: '介面卡', registry: 'VMnetLib 登錄', 'dhcp-conf': 'vmnetdhcp.conf' })[c]),
            'zh-TW',
          )}${p.changed.length < 3 ? '（尚未全部變更）' : ''}`
        : `沒有任何變更：${p.vmnet} 的介面卡、登錄和 vmnetdhcp.conf 仍是舊子網路（請用虛擬網路編輯器）`,
  ),
  'vbox-cable': t<{ vm: string; nic: string; connected: boolean }>(
    (p) => `NIC ${p.nic} of "${p.vm}": cable ${p.connected ? 'connected' : 'still not connected'}`,
    (p) => `“${p.vm}”的网卡 ${p.nic}：网线${p.connected ? '已接上' : '仍未接上'}`,
    (p) => `「${p.vm}」的網卡 ${p.nic}：網路線${p.connected ? '已接上' : '仍未接上'}`,
  ),
  'port-forward': t<{ rule: string; configured: boolean }>(
    (p) => (p.configured ? `port forwarding ${p.rule} is configured` : `port forwarding ${p.rule} is not in the VM's settings`),
    (p) => (p.configured ? `端口转发 ${p.rule} 已配置` : `虚拟机设置中没有端口转发 ${p.rule}`),
    (p) => (p.configured ? `連接埠轉送 ${p.rule} 已設定` : `虛擬機器設定中沒有連接埠轉送 ${p.rule}`),
  ),
  'hostonly-address': t<{ adapter: string; address: string; has: boolean }>(
    (p) => `${p.adapter} ${p.has ? 'has' : 'does not have'} ${p.address}${p.has ? '' : ' yet'}`,
    (p) => `${p.adapter} ${p.has ? '已有地址' : '还没有地址'} ${p.address}`,
    (p) => `${p.adapter} ${p.has ? '已有位址' : '還沒有位址'} ${p.address}`,
  ),
  'vbox-mac': t<{ nic: string; now: string | null; was: string }>(
    (p) => (p.now ? `NIC ${p.nic} now has ${p.now} (was ${p.was})` : `the VM's settings did not show NIC ${p.nic}'s MAC`),
    (p) => (p.now ? `网卡 ${p.nic} 的 MAC 现在是 ${p.now}（原来是 ${p.was}）` : `虚拟机设置中没有读到网卡 ${p.nic} 的 MAC`),
    (p) => (p.now ? `網路卡 ${p.nic} 的 MAC 現在是 ${p.now}（原本是 ${p.was}）` : `虛擬機器設定中沒有讀到網路卡 ${p.nic} 的 MAC`),
  ),
  binding: t<{ item: string; adapter: string; enabled: boolean }>(
    (p) => `${p.item} on ${p.adapter}: ${p.enabled ? 'enabled' : 'not enabled'}`,
    (p) => `${p.adapter} 上的 ${p.item}：${p.enabled ? '已启用' : '未启用'}`,
    (p) => `${p.adapter} 上的 ${p.item}：${p.enabled ? '已啟用' : '未啟用'}`,
  ),
  'bridge-moved': t<{ exclude: string; adapter: string; offThere: boolean; onHere: boolean }>(
    (p) => `VMware Bridge Protocol: ${p.exclude} ${p.offThere ? 'off' : 'still on'}, ${p.adapter} ${p.onHere ? 'on' : 'off'}`,
    (p) =>
      `VMware Bridge Protocol：${p.exclude} ${p.offThere ? '已关闭' : '仍然开启'}，${p.adapter} ${p.onHere ? '已开启' : '未开启'}`,
    (p) =>
      `VMware Bridge Protocol：${p.exclude} ${p.offThere ? '已關閉' : '仍然開啟'}，${p.adapter} ${p.onHere ? '已開啟' : '未開啟'}`,
  ),
  'driver-state': t<{ driver: string; state: string | null }>(
    (p) => `${p.driver}: ${p.state ? v(p.state, 'en') : 'unknown'}`,
    (p) => `${p.driver}：${p.state ? v(p.state, 'zh-CN') : '未知'}`,
    (p) => `${p.driver}：${p.state ? v(p.state, 'zh-TW') : '未知'}`,
  ),

  // The journal's own outcomes.
  'undo-restored': t<Record<string, never>>(
    () => 'restored as it was before the fix',
    () => '已恢复到修复之前的状态',
    () => '已還原到修復之前的狀態',
  ),
  'undo-incomplete': t<Record<string, never>>(
    () => 'some undo steps failed (see the journal)',
    () => '部分撤销步骤失败（见日志）',
    () => '部分復原步驟失敗（見日誌）',
  ),
  'interrupted-rolled-back': t<{ fix: string; journalId: string }>(
    (p) => `rolled back the interrupted ${p.fix} (${p.journalId})`,
    (p) => `已回滚被中断的 ${p.fix}（${p.journalId}）`,
    (p) => `已復原被中斷的 ${p.fix}（${p.journalId}）`,
  ),
} as const;

export type ReadBackId = keyof typeof READ_BACKS;
export type ReadBackParams<K extends ReadBackId> = Parameters<(typeof READ_BACKS)[K]['en']>[0];
/** A read-back as data: the fix's words live here, never in the fix. */
export type ReadBack = { [K in ReadBackId]: { id: K; params: ReadBackParams<K> } }[ReadBackId];

/** A read-back, typed by its id. */
export const readBack = <K extends ReadBackId>(id: K, params: ReadBackParams<K>): ReadBack => ({ id, params }) as ReadBack;

export function readBackText(rb: ReadBack, lang: UiLanguage): string {
  const texts = READ_BACKS[rb.id] as Texts<ReadBackParams<typeof rb.id>>;
  return texts[lang](rb.params as never);
}
