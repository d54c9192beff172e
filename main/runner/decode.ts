/**
 * Turns a program's raw output bytes into text. Windows tools write UTF-16LE (with or without
 * BOM), UTF-8, or the console's OEM code page (936 GBK, 950 Big5, 850, 866 …), so the caller says
 * which legacy code page to fall back to when the bytes are not valid UTF-8.
 */
import iconv from 'iconv-lite';

export type TextEncodingName = 'auto' | 'utf8' | 'utf16le' | `cp${number}` | 'gbk' | 'big5' | 'shift_jis' | 'latin1';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function looksLikeUtf16le(bytes: Uint8Array): boolean {
  // ASCII-heavy UTF-16LE text has a zero in most odd positions; real UTF-8 / legacy text has none.
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return false;
  let zeros = 0;
  for (let i = 1; i < sample; i += 2) if (bytes[i] === 0) zeros++;
  return zeros / (sample / 2) > 0.3;
}

/** The text, when the bytes are valid UTF-8; null otherwise. One pass, no second decode. */
export function tryDecodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export interface DecodedText {
  text: string;
  /** The encoding that was used. */
  encoding: string;
}

/**
 * Decodes bytes. 'auto' honours a BOM, then recognises BOM-less UTF-16LE, then valid UTF-8,
 * and finally uses `fallback` (the machine's OEM code page on Windows; latin1 elsewhere).
 */
export function decodeBytes(
  bytes: Uint8Array,
  encoding: TextEncodingName = 'auto',
  fallback: TextEncodingName = 'latin1',
): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding !== 'auto') return { text: stripBom(iconv.decode(buf, encoding)), encoding };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf8' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf16be' };
  if (looksLikeUtf16le(buf)) return { text: iconv.decode(buf, 'utf16le'), encoding: 'utf16le' };
  const utf8 = tryDecodeUtf8(buf);
  if (utf8 !== null) return { text: utf8, encoding: 'utf8' };
  const name = fallback === 'auto' ? 'latin1' : fallback;
  return { text: iconv.decode(buf, name), encoding: name };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
