import { describe, expect, it } from 'vitest';
import { languageFor, translator } from './index.ts';
import { en, MESSAGES } from './messages.ts';

const CJK = /[\u3400-\u9fff]/;
// Brand names and technical terms that stay the same in every language.
const SAME_EVERYWHERE = new Set([
  'app.title',
  'category.docker',
  'category.vpn',
  'category.wifi-direct',
  'explain.field.ipv4',
  'explain.field.dns',
  'topology.mode.nat',
  'platform.linux',
  'topology.gateway.virtualbox',
  'topology.gateway.vmware',
  'topology.gateway.virtualbox-nat',
  'topology.gateway.libvirt',
  'topology.gateway.hyperv',
  'platform.windows',
]);

describe('UI text', () => {
  it.each(['zh-CN', 'zh-TW'] as const)('%s translates every key', (language) => {
    const table = MESSAGES[language];
    expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(table)) {
      expect(value.trim(), key).not.toBe('');
      if (!SAME_EVERYWHERE.has(key)) expect(CJK.test(value), `${language} ${key} = ${value}`).toBe(true);
    }
  });

  it('keeps the same {placeholders} in every language', () => {
    // A plural form names its variable as {count, plural, …}: the same variable.
    const vars = (s: string) => (s.match(/\{\w+(?=[},])/g) ?? []).map((v) => `${v}}`).sort();
    for (const [key, value] of Object.entries(en)) {
      expect(vars(MESSAGES['zh-CN'][key as keyof typeof en]), key).toEqual(vars(value));
      expect(vars(MESSAGES['zh-TW'][key as keyof typeof en]), key).toEqual(vars(value));
    }
  });

  it('maps OS locales onto the three UI languages', () => {
    expect(languageFor('zh-CN')).toBe('zh-CN');
    expect(languageFor('zh_CN.UTF-8')).toBe('zh-CN');
    expect(languageFor('zh-Hans-SG')).toBe('zh-CN');
    expect(languageFor('zh-TW')).toBe('zh-TW');
    expect(languageFor('zh-HK')).toBe('zh-TW');
    expect(languageFor('zh-Hant')).toBe('zh-TW');
    expect(languageFor('de-DE')).toBe('en');
    expect(languageFor(undefined)).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translator('zh-CN')('adapters.count', { count: 3 })).toBe('共 3 个适配器');
  });

  it('chooses plural forms by each language’s rules (Intl.PluralRules)', () => {
    const en = translator('en');
    expect(en('topology.noneBrokenButFailed', { count: 1 })).toBe(
      'no link is proven broken, but 1 check failed (see the checklist)',
    );
    expect(en('topology.noneBrokenButFailed', { count: 3 })).toBe(
      'no link is proven broken, but 3 checks failed (see the checklist)',
    );
    expect(en('adapters.count', { count: 1 })).toBe('1 adapter');
    expect(en('verdict.checked', { count: 1 })).toBe('The one check that could run passed.');
    expect(en('checks.passed', { count: 2, skip: 1 })).toBe('Show the 2 passed and 1 skipped check');
    // Chinese has one form: the sentence stays as written.
    expect(translator('zh-TW')('topology.noneBrokenButFailed', { count: 1 })).toBe(
      '沒有哪條連線被證實中斷，但有 1 項檢查失敗（見檢查清單）',
    );
    // No text keeps ICU syntax after translation.
    for (const key of Object.keys(MESSAGES.en) as Array<keyof typeof en>)
      expect(en(key, { count: 2, skip: 2, locale: 'en' }), key).not.toMatch(/plural|#/);
  });
});
