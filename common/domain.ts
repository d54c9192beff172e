/** Domain types shared by main, preload, renderer and the command line. */

/** Adapter categories, exactly the enum of shared/spec/cli.md. */
export const ADAPTER_CATEGORIES = [
  'physical-ethernet',
  'physical-wifi',
  'vmware',
  'virtualbox',
  'hyper-v',
  'wsl',
  'docker',
  'wifi-direct',
  'bluetooth',
  'vpn',
  'tunnel',
  'loopback',
  'cellular',
  'other',
] as const;
export type AdapterCategory = (typeof ADAPTER_CATEGORIES)[number];

export type Platform = 'linux' | 'windows' | 'other';

/** Status every probe reports instead of throwing. */
export type ProbeStatus = 'ok' | 'failed' | 'timeout' | 'unavailable';

export interface ProbeReport {
  id: string;
  status: ProbeStatus;
  durationMs: number;
  /** Command line as shown to the user (display only, never executed from this string). */
  command: string;
  error?: string;
}

export interface Ipv4Address {
  address: string;
  prefixLength: number;
  mask: string;
}

export type AdapterState = 'up' | 'down' | 'disabled' | 'not-present' | 'unknown';

/** One live network adapter of this machine, platform-neutral. */
export interface Adapter {
  /** Connection name: "ens33", "VMware Network Adapter VMnet8". */
  name: string;
  /** Driver / device description where the platform has one. */
  description: string | null;
  index: number | null;
  state: AdapterState;
  /** Link-layer address, lower-case colon form ("00:50:56:c0:00:08"), or null. */
  mac: string | null;
  ipv4: Ipv4Address[];
  ipv6: string[];
  /** Kernel / driver kind hint: "veth", "bridge", "tun", "loopback", "ether", … */
  kind: string | null;
  /** Default gateways routed through this adapter (IPv4 and IPv6). */
  gateways: string[];
  /** Hypervisor whose MAC prefix the adapter carries ("VMware" for a guest's ens33), or null. */
  macVendor: string | null;
}

/** A live adapter together with what the knowledge base says about it. */
export type ExplainedLiveAdapter = Adapter & AdapterExplanation;

export interface AdapterListing {
  platform: Platform;
  adapters: ExplainedLiveAdapter[];
  probe: ProbeReport;
}

export interface AppInfo {
  version: string;
  platform: Platform;
  /** OS display language, BCP 47 ("en-US", "zh-CN"). */
  locale: string;
  /** "electron" or "harness": which bridge serves the renderer. */
  shell: 'electron' | 'harness';
}

/** Events main pushes to the renderer. */
export interface ProbeProgressEvent {
  probeId: string;
  phase: 'started' | 'finished';
  status?: ProbeStatus;
  durationMs?: number;
}

/** The UI languages; every explanation is produced in all three. */
export const UI_LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export type Localized = Record<UiLanguage, string>;

/** Whether an adapter is part of a VM network, the host's way out, or neither. */
export type AdapterRelevance = 'vm' | 'host-uplink' | 'other';

export interface AdapterExplanation {
  category: AdapterCategory;
  vmnet: string | null;
  relevance: AdapterRelevance;
  /** Stable id of the knowledge-base entry that matched ("unknown" when none did). */
  ruleId: string;
  explanation: Localized;
}

/** ipconfig header kinds. */
export type IpconfigHeaderKind = 'ethernet' | 'wireless' | 'ppp' | 'tunnel' | 'unknown';

/** One adapter of `explain`, with exactly the field names of shared/spec/cli.md (plus additions). */
export interface ExplainedIpconfigAdapter {
  header: string;
  type: IpconfigHeaderKind;
  name: string;
  description: string | null;
  mediaDisconnected: boolean;
  mac: string | null;
  dhcp: boolean | null;
  ipv4: Array<{ address: string; mask: string | null }>;
  ipv6: string[];
  gateways: string[];
  dnsServers: string[];
  category: AdapterCategory;
  vmnet: string | null;
  relevance: AdapterRelevance;
  explanation: string;
  /** Additions: the explanation in every UI language, the matched rule, and unparsed fields. */
  explanations: Localized;
  ruleId: string;
  dhcpServer: string | null;
  raw: Array<{ label: string; values: string[] }>;
}

export interface IpconfigExplanation {
  hostName: string | null;
  locale: string;
  adapters: ExplainedIpconfigAdapter[];
  /** The text encoding that was detected. */
  encoding: string;
  warnings: string[];
}
