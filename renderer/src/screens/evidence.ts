/**
 * Evidence for people: the facts a check or finding rests on as rows of "what we looked at / what
 * we saw", in the reader's language, and the raw record (commands, rules) as plain text lines —
 * strings as they are, never JSON-escaped (C:\Users, not C:\\Users).
 */
import { valueText } from '../../../common/catalogue/values.ts';
import type { UiLanguage } from '../../../common/domain.ts';

type Label = Record<UiLanguage, string>;
const l = (en: string, cn: string, tw: string): Label => ({ en, 'zh-CN': cn, 'zh-TW': tw });

/** The evidence keys a reader can follow, in the order they read best. Others stay in the technical details. */
const LABELS: Record<string, Label> = {
  interface: l('Network interface', '网络接口', '網路介面'),
  adapter: l('Adapter', '网卡', '網卡'),
  state: l('State', '状态', '狀態'),
  address: l('Address', '地址', '位址'),
  subnet: l('VM network', '虚拟机网络', '虛擬機網路'),
  network: l('Network', '网络', '網路'),
  gateway: l('Gateway in use', '正在使用的网关', '正在使用的閘道'),
  expectedGateway: l('Gateway it should be', '应有的网关', '應有的閘道'),
  host: l('Host address', '主机地址', '主機位址'),
  hostIp: l('Host address', '主机地址', '主機位址'),
  answers: l('Answers ping', '回应 ping', '回應 ping'),
  gatewayAnswers: l('Gateway answers ping', '网关回应 ping', '閘道回應 ping'),
  arp: l('Answers ARP (MAC)', '回应 ARP（MAC）', '回應 ARP（MAC）'),
  port: l('Port', '端口', '連接埠'),
  ports: l('Ports', '端口', '連接埠'),
  nameservers: l('DNS servers in use', '正在使用的 DNS 服务器', '正在使用的 DNS 伺服器'),
  suggestedDns: l('DNS server that should work', '应该可用的 DNS 服务器', '應該可用的 DNS 伺服器'),
  mac: l('MAC address', 'MAC 地址', 'MAC 位址'),
  device: l('Device', '设备', '裝置'),
  profile: l('Network profile', '网络配置文件', '網路設定檔'),
  service: l('Service', '服务', '服務'),
  status: l('Status', '状态', '狀態'),
  startType: l('Start type', '启动类型', '啟動類型'),
  vmnet: l('Virtual network', '虚拟网络', '虛擬網路'),
  expected: l('Expected', '应为', '應為'),
};

const WORDS = {
  en: { yes: 'yes', no: 'no', none: 'none' },
  'zh-CN': { yes: '是', no: '否', none: '无' },
  'zh-TW': { yes: '是', no: '否', none: '無' },
} as const;

/** A value in a few words: lists joined, objects as their addresses or names, yes/no for booleans. */
function show(value: unknown, lang: UiLanguage): string | null {
  if (value === null || value === undefined) return WORDS[lang].none;
  if (typeof value === 'boolean') return value ? WORDS[lang].yes : WORDS[lang].no;
  if (typeof value === 'string') return valueText(value, lang);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => show(v, lang)).filter((v): v is string => v !== null);
    return parts.length ? parts.join(', ') : WORDS[lang].none;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const main = o.address ?? o.name ?? o.target;
    return typeof main === 'string' ? main : null;
  }
  return null;
}

export interface EvidenceRow {
  key: string;
  label: string;
  value: string;
}

export function evidenceRows(evidence: Record<string, unknown> | undefined, lang: UiLanguage): EvidenceRow[] {
  if (!evidence) return [];
  return Object.keys(LABELS).flatMap((key) => {
    if (!(key in evidence)) return [];
    const value = show(evidence[key], lang);
    return value === null ? [] : [{ key, label: (LABELS[key] as Label)[lang], value }];
  });
}

/** Every fact as `key: value` lines, nested keys dotted, strings unescaped; for the technical details. */
export function rawEvidence(evidence: unknown, prefix = ''): string[] {
  if (evidence === null || typeof evidence !== 'object') return [`${prefix || 'value'}: ${String(evidence)}`];
  if (Array.isArray(evidence)) {
    if (evidence.every((v) => v === null || typeof v !== 'object')) return [`${prefix}: ${evidence.map(String).join(', ')}`];
    return evidence.flatMap((v, i) => rawEvidence(v, `${prefix}[${i}]`));
  }
  return Object.entries(evidence as Record<string, unknown>).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return v !== null && typeof v === 'object' ? rawEvidence(v, key) : [`${key}: ${v === null ? 'null' : String(v)}`];
  });
}
