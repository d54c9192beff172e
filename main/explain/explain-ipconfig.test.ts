import { readdirSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EXPLAIN_SPEC_FIELDS } from '../../common/domain.ts';
import { explainIpconfig, MAX_EXPLAIN_BYTES } from './explain-ipconfig.ts';

const dir = new URL('./fixtures/', import.meta.url);
const captures = readdirSync(dir).filter((f) => f.endsWith('.txt'));
const text = (file: string) => readFileSync(new URL(file, dir), 'utf8');
const expected = (file: string) => JSON.parse(readFileSync(new URL(file.replace(/\.txt$/, '.expected.json'), dir), 'utf8'));
// The explanation text is compared separately: it is prose, checked for presence and content.
const SPEC_FIELDS = EXPLAIN_SPEC_FIELDS.filter((f) => f !== 'explanation');

function explain(bytes: Uint8Array, lang: 'en' | 'zh-CN' | 'zh-TW' = 'en') {
  const outcome = explainIpconfig(bytes, lang);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe('explain on real captures', () => {
  it('covers at least eight display languages', () => {
    expect(new Set(captures.map((f) => f.split('.')[0])).size).toBeGreaterThanOrEqual(8);
  });

  it.each(captures)('%s matches its reviewed expectation field by field', (file) => {
    const result = explain(Buffer.from(text(file)));
    const want = expected(file);
    expect(result.locale).toBe(want.locale);
    expect(result.hostName).toBe(want.hostName);
    expect(result.adapters.map((a) => a.name)).toEqual(want.adapters.map((a: { name: string }) => a.name));
    result.adapters.forEach((adapter, i) => {
      for (const field of SPEC_FIELDS) expect(adapter[field], `${adapter.name}.${field}`).toEqual(want.adapters[i][field]);
      expect(adapter.explanation.length).toBeGreaterThan(10);
    });
  });

  it.each(captures)('%s reads the same with CRLF line ends', (file) => {
    const lf = explain(Buffer.from(text(file)));
    const crlf = explain(Buffer.from(text(file).replace(/\n/g, '\r\n')));
    expect(crlf.adapters).toEqual(lf.adapters);
  });
});

describe('encodings are detected, not asked', () => {
  const cases: Array<[string, string, (s: string) => Buffer]> = [
    [
      'zh-CN.all.wifi-vmnet-tailscale.txt',
      'UTF-8 with BOM',
      (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]),
    ],
    [
      'zh-CN.all.wifi-vmnet-tailscale.txt',
      'UTF-16LE with BOM',
      (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
    ],
    ['zh-CN.all.wifi-vmnet-tailscale.txt', 'GBK / CP936', (s) => iconv.encode(s, 'gbk')],
    ['zh-TW.all.server-isatap-6to4.txt', 'Big5 / CP950', (s) => iconv.encode(s, 'big5')],
    ['zh-TW.short.wsl-unindented.txt', 'Big5 / CP950', (s) => iconv.encode(s, 'big5')],
    ['ja.all.vbox-wifi-direct.txt', 'Shift-JIS / CP932', (s) => iconv.encode(s, 'shift_jis')],
    ['ru.all.vmnet-wifi.txt', 'CP866', (s) => iconv.encode(s, 'cp866')],
    ['de.all.vbox-apipa-vmnet.txt', 'CP850', (s) => iconv.encode(s, 'cp850')],
  ];
  it.each(cases)('%s in %s', (file, _label, encode) => {
    const reference = explain(Buffer.from(text(file)));
    const result = explain(encode(text(file)));
    expect(result.adapters).toEqual(reference.adapters);
    expect(result.locale).toBe(reference.locale);
  });
});

describe('explanations use the data', () => {
  const zh = explain(Buffer.from(text('zh-CN.all.wifi-vmnet-tailscale.txt')), 'zh-CN');
  const byName = (name: string) => zh.adapters.find((a) => a.name === name);

  it('tells the NAT gateway convention for VMnet8 in the chosen language', () => {
    expect(byName('VMware Network Adapter VMnet8')?.explanation).toContain('192.168.124.2');
    expect(byName('VMware Network Adapter VMnet8')?.explanation).toMatch(/网关/);
    expect(byName('VMware Network Adapter VMnet8')?.explanations.en).toContain('192.168.124.128–192.168.124.254');
  });

  it('calls out APIPA, disconnection and the uplink', () => {
    const de = explain(Buffer.from(text('de.all.vbox-apipa-vmnet.txt')));
    expect(de.adapters[0]?.explanation).toMatch(/169\.254\.223\.103.*got none/);
    expect(byName('本地连接* 1')?.explanations.en).toMatch(/Wi-Fi Direct.*disconnected/s);
    expect(byName('WLAN')?.explanations.en).toContain('gateway 10.21.255.254');
  });

  it('warns that a VPN owning the default route may capture VM traffic', () => {
    const sample = `Windows IP Configuration\n\nUnknown adapter Corp VPN:\n\n   Description . . . . . . . . . . . : Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64\n   IPv4 Address. . . . . . . . . . . : 10.8.0.5(Preferred)\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n   Default Gateway . . . . . . . . . : 10.8.0.1\n`;
    const vpn = explain(Buffer.from(sample)).adapters[0];
    expect(vpn).toMatchObject({ category: 'vpn', relevance: 'host-uplink', gateways: ['10.8.0.1'] });
    expect(vpn?.explanation).toMatch(/default route/);
  });
});

describe('bad input gets a clear error, never an exception', () => {
  it('refuses input over the size limit', () => {
    const outcome = explainIpconfig(Buffer.alloc(5 * 1024 * 1024, 0x61), 'en');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(MAX_EXPLAIN_BYTES).toBeLessThan(5 * 1024 * 1024);
  });

  it('refuses text that is not ipconfig output', () => {
    expect(explainIpconfig(Buffer.from('hello world\nthis is a poem:\n  roses'), 'en')).toMatchObject({
      ok: false,
      error: { code: 'not-ipconfig' },
    });
    expect(explainIpconfig(Buffer.alloc(0), 'en')).toMatchObject({ ok: false, error: { code: 'not-ipconfig' } });
  });

  it('refuses binary input', () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(explainIpconfig(binary, 'en')).toMatchObject({ ok: false, error: { code: 'unreadable' } });
  });
});
