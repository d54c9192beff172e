/**
 * Reads the text of `ipconfig` / `ipconfig /all` in any display language. It never throws and
 * runs in time linear in the input: lines are scanned by hand, not by backtracking regexes,
 * because pasted text is untrusted. What it cannot name it keeps as raw key/value pairs.
 */

import type { IpconfigHeaderKind as HeaderKind, IpconfigAdapterReading } from '../../common/domain.ts';
import { isIpv4 } from '../net/ipv4.ts';
import { normalizeLabel, VOCABULARIES } from './locales.ts';

export type IpconfigAdapter = IpconfigAdapterReading;

export interface IpconfigReading {
  hostName: string | null;
  locale: string;
  adapters: IpconfigAdapter[];
  /** True when the text looked like ipconfig output at all (a title or an adapter section). */
  recognised: boolean;
  warnings: string[];
}

type FieldKind = 'hostName' | 'description' | 'mediaState' | 'defaultGateway' | 'dnsServers' | 'dhcpServer';

// label → field kind, across every language; plus header phrases and titles, longest first.
const LABELS = new Map<string, FieldKind>();
const HEADER_PHRASES: Array<{ phrase: string; kind: HeaderKind; locale: string }> = [];
const TITLES = new Map<string, string>();
const YES = new Set<string>();
const NO = new Set<string>();
const LOCALE_OF_LABEL = new Map<string, Set<string>>();

for (const v of VOCABULARIES) {
  const add = (labels: string[], kind: FieldKind) => {
    for (const label of labels) {
      const key = normalizeLabel(label);
      LABELS.set(key, kind);
      const locales = LOCALE_OF_LABEL.get(key) ?? new Set();
      locales.add(v.locale);
      LOCALE_OF_LABEL.set(key, locales);
    }
  };
  add(v.hostName, 'hostName');
  add(v.description, 'description');
  add(v.mediaState, 'mediaState');
  add(v.defaultGateway, 'defaultGateway');
  add(v.dnsServers, 'dnsServers');
  add(v.dhcpServer, 'dhcpServer');
  for (const [kind, phrase] of v.headers) HEADER_PHRASES.push({ phrase: phrase.toLowerCase(), kind, locale: v.locale });
  for (const title of v.titles) TITLES.set(normalizeLabel(title), v.locale);
  for (const y of v.yes) YES.add(y.toLowerCase());
  for (const n of v.no) NO.add(n.toLowerCase());
}
HEADER_PHRASES.sort((a, b) => b.phrase.length - a.phrase.length);

const MAX_LABEL_SCAN = 200;

interface Field {
  label: string;
  value: string;
}

/**
 * Splits "   Label . . . . : value" at the colon that follows the dot leader; without a leader
 * ("Verbindungsspezifisches DNS-Suffix:"), at the first colon followed by a space or the end.
 * Only the first MAX_LABEL_SCAN characters are searched, so a huge line stays cheap.
 */
export function splitField(line: string): Field | null {
  const limit = Math.min(line.length, MAX_LABEL_SCAN);
  let fallback = -1;
  for (let i = 0; i < limit; i++) {
    if (line.charCodeAt(i) !== 58 /* : */) continue;
    let j = i - 1;
    while (j >= 0 && line[j] === ' ') j--;
    if (j >= 0 && line[j] === '.' && j > 0) {
      let start = j;
      while (start > 0 && (line[start - 1] === '.' || line[start - 1] === ' ')) start--;
      const label = line.slice(0, start).trim();
      if (label) return { label, value: line.slice(i + 1).trim() };
    }
    const next = line[i + 1];
    if (fallback < 0 && (next === undefined || next === ' ' || next === '\t')) fallback = i;
  }
  if (fallback > 0) {
    const label = line.slice(0, fallback).trim();
    if (label) return { label, value: line.slice(fallback + 1).trim() };
  }
  return null;
}

const HEX_PAIRS = /^[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}(?:-[0-9A-Fa-f]{2}){0,2}$/;
const IPV6ISH = /^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(%[\w.-]+)?$/;

/** "192.168.1.1(Preferred)" → "192.168.1.1"; "fe80::1%12(首选)" → "fe80::1". */
function cleanAddress(value: string): string {
  let v = value.trim();
  const paren = firstParen(v);
  if (paren > 0) v = v.slice(0, paren).trim();
  const zone = v.indexOf('%');
  if (zone > 0) v = v.slice(0, zone);
  return v;
}

/** Where "(" or the full-width "（" first stands; -1 when neither does (no pattern: it runs on every line). */
function firstParen(v: string): number {
  const ascii = v.indexOf('(');
  const wide = v.indexOf('（');
  return ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
}

/** How many spaces a line starts with. */
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

// Length first: the pattern is only ever run on short strings.
const isIpv6 = (v: string) => v.length <= 64 && v.includes(':') && IPV6ISH.test(v);
const isAddress = (v: string) => isIpv4(v) || isIpv6(v);
const isMask = (v: string) => isIpv4(v) && v.startsWith('255.');

function headerOf(line: string): { kind: HeaderKind; name: string; locale: string | null } | null {
  if (line[0] === ' ' || line.length > 300) return null;
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith(':')) return null;
  if (splitField(trimmed.slice(0, -1)) !== null) return null;
  const header = trimmed.slice(0, -1).trim();
  // "Label . . . . :" with an empty value, pasted without indentation, is a field, not a header.
  if (!header || header.endsWith('.')) return null;
  const lower = header.toLowerCase();
  for (const { phrase, kind, locale } of HEADER_PHRASES) {
    if (lower.startsWith(`${phrase} `)) return { kind, name: header.slice(phrase.length).trim(), locale };
  }
  return { kind: 'unknown', name: header, locale: null };
}

function emptyAdapter(header: string, type: HeaderKind, name: string): IpconfigAdapter {
  return {
    header,
    type,
    name,
    description: null,
    mediaDisconnected: false,
    mac: null,
    dhcp: null,
    ipv4: [],
    ipv6: [],
    gateways: [],
    dnsServers: [],
    dhcpServer: null,
    raw: [],
  };
}

export function readIpconfig(text: string): IpconfigReading {
  const warnings: string[] = [];
  const votes = new Map<string, number>();
  const vote = (locale: string | null | undefined, weight: number) => {
    if (locale) votes.set(locale, (votes.get(locale) ?? 0) + weight);
  };
  const adapters: IpconfigAdapter[] = [];
  let hostName: string | null = null;
  let recognised = false;
  let current: IpconfigAdapter | null = null;
  let lastField: { kind: string; values: string[] } | null = null;
  let knownHeaders = 0;

  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most pastes end lines with \n or \r\n only: a plain split is much cheaper than the pattern.
  const lines = body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n');
  for (const rawLine of lines) {
    const line = rawLine.includes('\t') ? rawLine.replace(/\t/g, '    ') : rawLine;
    const trimmed = line.trim();
    if (!trimmed) continue;

    // Titles have no colon and start at column 0: skip the lookup for every other line.
    const title = line[0] !== ' ' && !line.includes(':') ? TITLES.get(normalizeLabel(line)) : undefined;
    if (title) {
      recognised = true;
      vote(title, 5);
      continue;
    }

    const header = headerOf(line);
    if (header) {
      if (header.locale) {
        knownHeaders++;
        vote(header.locale, 2);
      }
      // A column-0 "Something:" with no kind words is a section only inside ipconfig-like text.
      if (header.locale || recognised || adapters.length > 0) {
        recognised = true;
        current = emptyAdapter(line.trim().replace(/\s*:$/, ''), header.kind, header.name);
        adapters.push(current);
        lastField = null;
        continue;
      }
    }

    // Continuation of a multi-valued field: an indented bare value, or any bare address.
    if (lastField && isContinuation(line, trimmed)) {
      lastField.values.push(trimmed);
      appendValue(current, lastField.kind, trimmed);
      continue;
    }

    const field = splitField(line);
    if (!field) {
      if (recognised) warnings.push(`line not understood: ${trimmed.slice(0, 80)}`);
      continue;
    }
    const key = normalizeLabel(field.label);
    const known = LABELS.get(key);
    for (const locale of LOCALE_OF_LABEL.get(key) ?? []) vote(locale, 1);
    const kind = classifyField(field, known);
    if (kind === 'hostName' && !current) {
      hostName = field.value || null;
      recognised = true;
      lastField = null;
      continue;
    }
    if (!current) {
      lastField = null;
      continue;
    }
    const values = field.value ? [field.value] : [];
    current.raw.push({ label: field.label, values });
    lastField = { kind, values };
    if (field.value) applyField(current, kind, field.value);
    else if (kind === 'mediaState') current.mediaDisconnected = true;
  }

  if (adapters.length > 0 && knownHeaders === 0) warnings.push('no adapter header used a known language; kinds are guessed');
  const locale = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en';
  return { hostName, locale, adapters, recognised: recognised && adapters.length + (hostName ? 1 : 0) > 0, warnings };
}

function isContinuation(line: string, trimmed: string): boolean {
  const address = isAddress(cleanAddress(trimmed));
  return address || (indentOf(line) >= 20 && !splitField(trimmed));
}

type Kind = FieldKind | 'ipv4' | 'ipv6' | 'mask' | 'mac' | 'dhcp' | 'other';

function classifyField(field: Field, known: FieldKind | undefined): Kind {
  if (known) return known;
  const label = field.label;
  const value = cleanAddress(field.value);
  if (/ipv4|\bip address\b|\bip-adresse\b/i.test(label) && isIpv4(value)) return 'ipv4';
  if (/ipv6/i.test(label) && isIpv6(value)) return 'ipv6';
  if (isMask(value)) return 'mask';
  if (HEX_PAIRS.test(field.value.trim()) && !/duid|iaid/i.test(label)) return 'mac';
  if (/^dhcp\b/i.test(label) && !/v6/i.test(label) && (YES.has(field.value.toLowerCase()) || NO.has(field.value.toLowerCase()))) {
    return 'dhcp';
  }
  return 'other';
}

function applyField(adapter: IpconfigAdapter, kind: Kind, value: string): void {
  switch (kind) {
    case 'description':
      adapter.description = value;
      return;
    case 'mediaState':
      adapter.mediaDisconnected = true;
      return;
    case 'mac':
      adapter.mac = value.trim();
      return;
    case 'dhcp':
      adapter.dhcp = YES.has(value.toLowerCase());
      return;
    case 'mask': {
      const last = adapter.ipv4.at(-1);
      if (last && last.mask === null) last.mask = cleanAddress(value);
      return;
    }
    default:
      appendValue(adapter, kind, value);
  }
}

function appendValue(adapter: IpconfigAdapter | null, kind: string, value: string): void {
  if (!adapter) return;
  const address = cleanAddress(value);
  switch (kind) {
    case 'ipv4':
      if (isIpv4(address)) adapter.ipv4.push({ address, mask: null });
      return;
    case 'ipv6':
      if (isIpv6(address)) adapter.ipv6.push(address);
      return;
    case 'defaultGateway':
      if (isAddress(address)) adapter.gateways.push(address);
      return;
    case 'dnsServers':
      if (isAddress(address)) adapter.dnsServers.push(address);
      return;
    case 'dhcpServer':
      if (isAddress(address)) adapter.dhcpServer = address;
      return;
  }
}
