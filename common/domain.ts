/** Domain types shared by main, preload, renderer and the command line. */
import type { CheckParams, LearnId } from './catalogue/checks.ts';
import type { FindingId } from './catalogue/findings.ts';
import type { FixId } from './catalogue/fixes.ts';
import type { HopId } from './catalogue/hops.ts';
import type { ReadBack } from './catalogue/read-backs.ts';
import type { Params } from './catalogue/text.ts';
import type { Localized, Severity, Symptom } from './vocabulary.ts';

/** Finding and fix ids come from the catalogue (common/catalogue), the one place they are declared. */
export { FINDING_IDS, type FindingId } from './catalogue/findings.ts';
export { FIX_IDS, type FixId } from './catalogue/fixes.ts';
export type { HopId } from './catalogue/hops.ts';

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
  /** Leased from DHCP (Linux: a finite lifetime), where the platform says so. */
  dynamic?: boolean;
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
  /** IPv6 addresses that duplicate address detection found on another machine (Linux "dadfailed"). */
  duplicateIpv6?: string[];
  /** The link's MTU in bytes, where the platform reports it (Linux). */
  mtu?: number;
  /** Linux: the bridge this link is a port of (br0 holding enp3s0 and the VMs' vnet taps). */
  master?: string;
  /** Linux: the device a macvtap/macvlan/VLAN sits on. */
  lower?: string;
  /**
   * Windows: IPv4 addresses the system holds but does not use — AddressState Duplicate (another
   * device has it), Tentative (still being checked) or Invalid; `ipv4` lists only Preferred ones.
   */
  ipv4Unusable?: Array<{
    address: string;
    prefixLength: number;
    state: string;
    origin: string | null;
    suffixOrigin?: string | null;
  }>;
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
  /** Set when the app replays a collect bundle instead of checking this computer. */
  bundle?: BundleInfo;
}

/** What the app says about an open bundle: "Replaying a bundle collected on <host> (<platform>, <date>)". */
export interface BundleInfo {
  name: string;
  platform: Platform;
  hostName: string | null;
  createdAt: string | null;
  /** The symptom the bundle was collected for (the wizard starts from it), when it was one. */
  symptom?: Symptom | null;
  /** The folder the app was opened on is not a readable bundle: why, in the system's words (shown as a technical detail). */
  unreadable?: string;
}

/** Events main pushes to the renderer. */
export interface ProbeProgressEvent {
  probeId: string;
  phase: 'started' | 'finished';
  status?: ProbeStatus;
  durationMs?: number;
}

export type { Localized, UiLanguage } from './vocabulary.ts';
export { UI_LANGUAGES } from './vocabulary.ts';

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

/** The adapter fields `explain --json` promises in shared/spec/cli.md (never renamed or removed). */
export const EXPLAIN_SPEC_FIELDS = [
  'header',
  'type',
  'name',
  'description',
  'mediaDisconnected',
  'mac',
  'dhcp',
  'ipv4',
  'ipv6',
  'gateways',
  'dnsServers',
  'category',
  'vmnet',
  'relevance',
  'explanation',
] as const;

/** One adapter section as the ipconfig reader understood it. */
export interface IpconfigAdapterReading {
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
  dhcpServer: string | null;
  /** Every field as printed (label → values), including the ones not understood. */
  raw: Array<{ label: string; values: string[] }>;
}

/** One adapter of `explain`: the reading plus the knowledge base's verdict (shared/spec/cli.md names). */
export interface ExplainedIpconfigAdapter extends IpconfigAdapterReading {
  category: AdapterCategory;
  vmnet: string | null;
  relevance: AdapterRelevance;
  explanation: string;
  /** Additions: the explanation in every UI language and the matched rule. */
  explanations: Localized;
  ruleId: string;
}

export interface IpconfigExplanation {
  hostName: string | null;
  locale: string;
  adapters: ExplainedIpconfigAdapter[];
  /** The text encoding that was detected. */
  encoding: string;
  warnings: string[];
}

export type { Severity, Symptom } from './vocabulary.ts';
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'unknown';
export type Role = 'host' | 'guest';

/** A fix a finding offers, with the parameters that fix needs (they passed its schema). */
export interface FixOffer {
  fix: FixId;
  params: Record<string, string>;
}

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** The catalogue's words for id + params, in the language the report was rendered in. */
  title: string;
  detail: string;
  /** What the rule found, as data: the catalogue turns it into words (common/catalogue/findings.ts). */
  params: Params;
  evidence: Record<string, unknown>;
  /** The offered fix ids, in order (the cli.md contract); `offers` carries their parameters. */
  fixes: FixId[];
  offers: FixOffer[];
  /** The hop of the symptom's path it breaks (common/catalogue/hops.ts). */
  hop: HopId;
  /** The network or adapter it is about (VMnet1, a host-only adapter), when one of several. */
  subject?: string;
  /** On the path of the symptom asked about; off the path it is "also found", never the verdict. */
  onPath: boolean;
}

export interface Check {
  id: string;
  /** The catalogue's title for id + params, in the language the report was rendered in. */
  title: string;
  status: CheckStatus;
  /** What the title names (the adapter, the VMnet…): the catalogue renders it in any language. */
  params?: CheckParams;
  evidence?: Record<string, unknown>;
}

/**
 * One hop of the symptom's path: failed (a finding or a check says so), unknown (a check could not
 * tell), passed, or not checked from where the diagnosis ran (a Windows host cannot see inside the VM).
 */
export type HopStatus = 'fail' | 'unknown' | 'pass' | 'unchecked';
export interface PathHop {
  hop: HopId;
  status: HopStatus;
  /** The checks (ids) and findings (ids) behind the status. */
  checks: string[];
  findings: FindingId[];
  /** A check that could not tell, and how to learn it, when the status is unknown. */
  unknown?: { check: string; learn: LearnId };
}

/** The hops the symptom's packets travel, in order, and the networks they cross. */
export interface DiagnosisPath {
  symptom: Symptom;
  /** The VM networks (VMnet8, a host-only adapter, a NIC) on the path; null when it could not be told which. */
  networks: string[] | null;
  hops: PathHop[];
}

/**
 * The answer: the first broken hop's finding (a cause, or the network working as designed), or the
 * first hop that could not be told, or nothing wrong on the path. Never green while a hop is unknown.
 */
export type Verdict =
  | { kind: 'cause' | 'by-design'; hop: HopId; finding: FindingId; index: number }
  | { kind: 'unknown'; hop: HopId; check: string; learn: LearnId; failed: boolean }
  | { kind: 'healthy' };

/** The `diagnose --json` document of shared/spec/cli.md. */
export interface DiagnosisReport {
  role: Role;
  platform: 'windows' | 'linux';
  durationMs: number;
  probes: Array<{ id: string; status: ProbeStatus; durationMs: number; error?: string }>;
  checks: Check[];
  /** On the path first, by hop; the verdict's finding, when there is one, is first. */
  findings: Finding[];
  path: DiagnosisPath;
  verdict: Verdict;
}

/** What the wizard receives for one diagnosis run. */
export interface DiagnosisView {
  report: DiagnosisReport;
  /** "live": probed just now on this machine; "bundle": replayed from a collect bundle. */
  source: 'live' | 'bundle';
  /** The bundle's folder name when source is "bundle". */
  bundleName?: string;
}

/** A fix as the wizard previews it: what will change and the exact commands, before anything runs. */
export interface FixPreview {
  fixId: FixId;
  params: Record<string, string>;
  /** Where it applies; it can be previewed anywhere. */
  platform: 'linux' | 'windows';
  /** What the plan found, for the catalogue's summary of this fix (common/catalogue/fixes.ts). */
  summaryParams: Params;
  /** The summary in the language of the request's shell; the renderer renders summaryParams itself. */
  summary: string;
  /** The exact commands: language-free text, as run. */
  steps: string[];
  /** Which steps ask for administrator rights, by index of `steps`. */
  elevated: boolean[];
  undo: string[];
  canApply: boolean;
  /** Why it cannot be applied here: it comes from a bundle, or changes another platform. */
  whyNot?: 'bundle' | 'other-platform';
}

export interface FixRunResult {
  status: 'verified' | 'not-verified' | 'rolled-back' | 'needs-elevation' | 'invalid' | 'undone';
  journalId?: string;
  /** The system's own text (or the read-back's English): behind "technical details". */
  evidence: string;
  /** What the fix read back afterwards, in the catalogue's words (rendered in the reader's language). */
  readBack?: ReadBack;
}

export interface JournalSummary {
  id: string;
  fixId: FixId;
  params: Record<string, string>;
  createdAt: string;
  status: 'pending' | 'verified' | 'not-verified' | 'rolled-back' | 'undone';
  summary: string;
  /** What the plan found: the renderer turns it into the fix's summary in the user's language. */
  summaryParams: Params;
}

/** Symptoms the wizard offers; "cloned" runs the automatic diagnosis, which checks duplicates. */
export const WIZARD_SYMPTOMS = ['vm-cannot-ping-host', 'host-cannot-reach-vm', 'vm-no-internet', 'vm-no-ip', 'cloned'] as const;
export type WizardSymptom = (typeof WIZARD_SYMPTOMS)[number];
