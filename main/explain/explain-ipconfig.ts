/**
 * `explain`: bytes of ipconfig output in, every adapter explained out (shared/spec/cli.md).
 * Encoding is detected, not asked: BOMs, UTF-16LE, UTF-8, then the legacy code pages Windows
 * consoles use, scored by how much ipconfig vocabulary each decoding yields.
 */
import iconv from 'iconv-lite';
import type { ExplainedIpconfigAdapter, IpconfigExplanation, UiLanguage } from '../../common/domain.ts';
import { err, type Result } from '../../common/result.ts';
import { explainAdapter } from '../adapters/explain-adapter.ts';
import { decodeBytes, looksLikeUtf16le, tryDecodeUtf8 } from '../runner/decode.ts';
import { readIpconfig } from './ipconfig-reader.ts';
import { normalizeLabel, VOCABULARIES } from './locales.ts';

export const MAX_EXPLAIN_BYTES = 4 * 1024 * 1024;

/** Errors: not-ipconfig, unreadable or too-large. */
export type ExplainOutcome = Result<IpconfigExplanation>;

const LEGACY_CODE_PAGES = ['gbk', 'big5', 'cp850', 'cp866', 'shift_jis', 'cp949', 'cp1252', 'cp1251'];
const VOCABULARY_WORDS = [
  ...new Set(
    VOCABULARIES.flatMap((v) => [
      ...v.titles,
      ...v.headers.map(([, p]) => p),
      ...v.description,
      ...v.defaultGateway,
      ...v.mediaState,
    ]),
  ),
].map(normalizeLabel);

function vocabularyScore(text: string): number {
  const sample = normalizeLabel(text.slice(0, 64 * 1024));
  let score = 0;
  for (const word of VOCABULARY_WORDS) if (sample.includes(word)) score += word.length;
  return score;
}

/** The console (OEM) code page Windows uses for each display language. */
const OEM_CODE_PAGE: Record<string, string> = {
  en: 'cp850',
  de: 'cp850',
  fr: 'cp850',
  es: 'cp850',
  it: 'cp850',
  pt: 'cp850',
  ru: 'cp866',
  'zh-CN': 'gbk',
  'zh-TW': 'big5',
  ja: 'shift_jis',
  ko: 'cp949',
};

export function decodeIpconfigBytes(bytes: Uint8Array): { text: string; encoding: string } {
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe);
  if (hasBom || looksLikeUtf16le(bytes)) return decodeBytes(bytes);
  const utf8 = tryDecodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf8' };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scored = LEGACY_CODE_PAGES.map((encoding) => {
    const text = iconv.decode(buf, encoding);
    return { text, encoding, score: vocabularyScore(text) - (text.match(/\uFFFD/g)?.length ?? 0) * 4 };
  });
  const best = Math.max(...scored.map((c) => c.score));
  const tied = scored.filter((c) => c.score === best);
  // Latin-script labels are ASCII and score the same in every code page: the language they are
  // in (read from an ASCII-safe decoding) names the console code page that wrote the rest.
  const locale = readIpconfig(iconv.decode(buf, 'latin1')).locale;
  const chosen = tied.find((c) => c.encoding === OEM_CODE_PAGE[locale]) ?? tied[0] ?? scored[0];
  return { text: chosen?.text ?? '', encoding: chosen?.encoding ?? 'latin1' };
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  if (!sample) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return bad / sample.length > 0.05;
}

export function explainIpconfig(input: Uint8Array, lang: UiLanguage): ExplainOutcome {
  if (input.byteLength > MAX_EXPLAIN_BYTES) {
    return err('too-large', `input is larger than the limit of ${MAX_EXPLAIN_BYTES} bytes (ipconfig output is a few kilobytes)`);
  }
  const { text, encoding } = decodeIpconfigBytes(input);
  if (looksBinary(text)) {
    return err('unreadable', 'input looks binary or is in an unknown encoding, not text');
  }
  const reading = readIpconfig(text);
  if (!reading.recognised) {
    return err('not-ipconfig', 'input is not ipconfig output: no adapter section or title was found');
  }
  const adapters = reading.adapters.map((a): ExplainedIpconfigAdapter => {
    const explained = explainAdapter({
      name: a.name,
      description: a.description,
      mac: a.mac,
      headerType: a.type,
      ipv4: a.ipv4,
      gateways: a.gateways,
      disconnected: a.mediaDisconnected,
    });
    return {
      header: a.header,
      type: a.type,
      name: a.name,
      description: a.description,
      mediaDisconnected: a.mediaDisconnected,
      mac: a.mac,
      dhcp: a.dhcp,
      ipv4: a.ipv4,
      ipv6: a.ipv6,
      gateways: a.gateways,
      dnsServers: a.dnsServers,
      category: explained.category,
      vmnet: explained.vmnet,
      relevance: explained.relevance,
      explanation: explained.explanation[lang],
      explanations: explained.explanation,
      ruleId: explained.ruleId,
      dhcpServer: a.dhcpServer,
      raw: a.raw,
    };
  });
  return {
    ok: true,
    value: { hostName: reading.hostName, locale: reading.locale, adapters, encoding, warnings: reading.warnings },
  };
}
