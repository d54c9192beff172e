/**
 * ipconfig vocabulary per Windows display language. Entries marked `seen` come from the real
 * captures in ./fixtures (see fixtures/README.md) or shared/reference/probe-reference.md §1.11;
 * pt, it and ko are `unverified`: standard Windows wording not yet seen in a captured output.
 * The reader keys on value shapes wherever it can, so a missing label costs a field name, not data.
 */
import type { IpconfigHeaderKind as HeaderKind } from '../../common/domain.ts';

export interface LocaleVocabulary {
  locale: string;
  evidence: 'seen' | 'unverified';
  titles: string[];
  /** Header prefixes (or suffixes for CJK word order) that name the adapter kind. */
  headers: Array<[HeaderKind, string]>;
  hostName: string[];
  description: string[];
  mediaState: string[];
  defaultGateway: string[];
  dnsServers: string[];
  dhcpServer: string[];
  yes: string[];
  no: string[];
}

export const VOCABULARIES: LocaleVocabulary[] = [
  {
    locale: 'en',
    evidence: 'seen',
    titles: ['Windows IP Configuration'],
    headers: [
      ['ethernet', 'Ethernet adapter'],
      ['wireless', 'Wireless LAN adapter'],
      ['tunnel', 'Tunnel adapter'],
      ['ppp', 'PPP adapter'],
      ['unknown', 'Unknown adapter'],
      ['unknown', 'Mobile Broadband adapter'],
    ],
    hostName: ['Host Name'],
    description: ['Description'],
    mediaState: ['Media State'],
    defaultGateway: ['Default Gateway'],
    dnsServers: ['DNS Servers'],
    dhcpServer: ['DHCP Server'],
    yes: ['Yes'],
    no: ['No'],
  },
  {
    locale: 'zh-CN',
    evidence: 'seen',
    titles: ['Windows IP 配置'],
    headers: [
      ['ethernet', '以太网适配器'],
      ['wireless', '无线局域网适配器'],
      ['tunnel', '隧道适配器'],
      ['ppp', 'PPP 适配器'],
      ['unknown', '未知适配器'],
    ],
    hostName: ['主机名'],
    description: ['描述'],
    mediaState: ['媒体状态'],
    defaultGateway: ['默认网关'],
    dnsServers: ['DNS 服务器'],
    dhcpServer: ['DHCP 服务器'],
    yes: ['是'],
    no: ['否'],
  },
  {
    locale: 'zh-TW',
    evidence: 'seen',
    titles: ['Windows IP 設定'],
    headers: [
      ['ethernet', '乙太網路卡'],
      ['wireless', '無線區域網路介面卡'],
      ['tunnel', '通道介面卡'],
      ['ppp', 'PPP 介面卡'],
      ['unknown', '不明的介面卡'],
      ['unknown', '未知的介面卡'],
    ],
    hostName: ['主機名稱'],
    description: ['描述'],
    mediaState: ['媒體狀態'],
    defaultGateway: ['預設閘道'],
    dnsServers: ['DNS 伺服器'],
    dhcpServer: ['DHCP 伺服器'],
    yes: ['是'],
    no: ['否'],
  },
  {
    locale: 'de',
    evidence: 'seen',
    titles: ['Windows-IP-Konfiguration'],
    headers: [
      ['ethernet', 'Ethernet-Adapter'],
      ['ethernet', 'Ethernetadapter'],
      ['wireless', 'Drahtlos-LAN-Adapter'],
      ['tunnel', 'Tunneladapter'],
      ['ppp', 'PPP-Adapter'],
      ['unknown', 'Unbekannter Adapter'],
    ],
    hostName: ['Hostname'],
    description: ['Beschreibung'],
    mediaState: ['Medienstatus'],
    defaultGateway: ['Standardgateway'],
    dnsServers: ['DNS-Server'],
    dhcpServer: ['DHCP-Server'],
    yes: ['Ja'],
    no: ['Nein'],
  },
  {
    locale: 'fr',
    evidence: 'seen',
    titles: ['Configuration IP de Windows'],
    headers: [
      ['ethernet', 'Carte Ethernet'],
      ['wireless', 'Carte réseau sans fil'],
      ['tunnel', 'Carte Tunnel'],
      ['ppp', 'Carte PPP'],
      ['unknown', 'Carte inconnue'],
    ],
    hostName: ['Nom de l’hôte', "Nom de l'hôte"],
    description: ['Description'],
    mediaState: ['Statut du média'],
    defaultGateway: ['Passerelle par défaut'],
    dnsServers: ['Serveurs DNS'],
    dhcpServer: ['Serveur DHCP'],
    yes: ['Oui'],
    no: ['Non'],
  },
  {
    locale: 'es',
    evidence: 'seen',
    titles: ['Configuración IP de Windows'],
    headers: [
      ['ethernet', 'Adaptador de Ethernet'],
      ['wireless', 'Adaptador de LAN inalámbrica'],
      ['tunnel', 'Adaptador de túnel'],
      ['ppp', 'Adaptador PPP'],
      ['unknown', 'Adaptador desconocido'],
    ],
    hostName: ['Nombre de host'],
    description: ['Descripción'],
    mediaState: ['Estado de los medios'],
    defaultGateway: ['Puerta de enlace predeterminada'],
    dnsServers: ['Servidores DNS'],
    dhcpServer: ['Servidor DHCP'],
    yes: ['Sí', 'Si'],
    no: ['No'],
  },
  {
    locale: 'ja',
    evidence: 'seen',
    titles: ['Windows IP 構成'],
    headers: [
      ['ethernet', 'イーサネット アダプター'],
      ['tunnel', 'トンネル アダプター'],
      ['ppp', 'PPP アダプター'],
      ['unknown', '不明なアダプター'],
    ],
    hostName: ['ホスト名'],
    description: ['説明'],
    mediaState: ['メディアの状態'],
    defaultGateway: ['デフォルト ゲートウェイ'],
    dnsServers: ['DNS サーバー'],
    dhcpServer: ['DHCP サーバー'],
    yes: ['はい'],
    no: ['いいえ'],
  },
  {
    locale: 'ru',
    evidence: 'seen',
    titles: ['Настройка протокола IP для Windows'],
    headers: [
      ['ethernet', 'Адаптер Ethernet'],
      ['wireless', 'Адаптер беспроводной локальной сети'],
      ['tunnel', 'Туннельный адаптер'],
      ['ppp', 'Адаптер PPP'],
      ['unknown', 'Неизвестный адаптер'],
    ],
    hostName: ['Имя компьютера'],
    description: ['Описание'],
    mediaState: ['Состояние среды'],
    // "Основной" also marks preferred addresses; only the whole label counts here.
    defaultGateway: ['Основной шлюз'],
    dnsServers: ['DNS-серверы'],
    dhcpServer: ['DHCP-сервер'],
    yes: ['Да'],
    no: ['Нет'],
  },
  {
    locale: 'pt',
    evidence: 'unverified',
    titles: ['Configuração de IP do Windows'],
    headers: [
      ['ethernet', 'Adaptador Ethernet'],
      ['wireless', 'Adaptador de Rede Sem Fio'],
      ['tunnel', 'Adaptador de túnel'],
      ['ppp', 'Adaptador PPP'],
      ['unknown', 'Adaptador desconhecido'],
    ],
    hostName: ['Nome do host'],
    description: ['Descrição'],
    mediaState: ['Estado da mídia'],
    defaultGateway: ['Gateway Padrão'],
    dnsServers: ['Servidores DNS'],
    dhcpServer: ['Servidor DHCP'],
    yes: ['Sim'],
    no: ['Não'],
  },
  {
    locale: 'it',
    evidence: 'unverified',
    titles: ['Configurazione IP di Windows'],
    headers: [
      ['ethernet', 'Scheda Ethernet'],
      ['wireless', 'Scheda LAN wireless'],
      ['tunnel', 'Scheda Tunnel'],
      ['ppp', 'Scheda PPP'],
      ['unknown', 'Scheda sconosciuta'],
    ],
    hostName: ['Nome host'],
    description: ['Descrizione'],
    mediaState: ['Stato supporto'],
    defaultGateway: ['Gateway predefinito'],
    dnsServers: ['Server DNS'],
    dhcpServer: ['Server DHCP'],
    yes: ['Sì', 'Si'],
    no: ['No'],
  },
  {
    locale: 'ko',
    evidence: 'unverified',
    titles: ['Windows IP 구성'],
    headers: [
      ['ethernet', '이더넷 어댑터'],
      ['wireless', '무선 LAN 어댑터'],
      ['tunnel', '터널 어댑터'],
      ['ppp', 'PPP 어댑터'],
      ['unknown', '알 수 없는 어댑터'],
    ],
    hostName: ['호스트 이름'],
    description: ['설명'],
    mediaState: ['미디어 상태'],
    defaultGateway: ['기본 게이트웨이'],
    dnsServers: ['DNS 서버'],
    dhcpServer: ['DHCP 서버'],
    yes: ['예'],
    no: ['아니요'],
  },
];

// Labels repeat on every adapter, so their normal forms are cached (bounded: input is untrusted).
const normalized = new Map<string, string>();
const MAX_CACHED = 4096;

export function normalizeLabel(label: string): string {
  const cached = normalized.get(label);
  if (cached !== undefined) return cached;
  const value = label.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  if (label.length <= 200 && normalized.size < MAX_CACHED) normalized.set(label, value);
  return value;
}
