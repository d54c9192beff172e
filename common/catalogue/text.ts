/**
 * The catalogue's building blocks. Rules speak in ids and parameters; every sentence a user
 * reads is one of these functions, in each UI language, rendered at the edge (renderer, CLI,
 * report) in the language the user chose.
 */
import type { UiLanguage } from '../vocabulary.ts';

/** A value a rule may put in a finding's or a check's parameters: plain data, never prose. */
export type ParamValue = string | number | boolean | null | string[];
export type Params = Record<string, ParamValue>;

/** One sentence in every UI language, as a function of typed parameters. */
export type Texts<P> = Record<UiLanguage, (p: P) => string>;

/** The same text in every language (commands, names): no translation needed. */
export const same = <P>(f: (p: P) => string): Texts<P> => ({ en: f, 'zh-CN': f, 'zh-TW': f });

/** Lists as each language writes them. */
export function list(items: readonly string[], lang: UiLanguage): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

/** The UI language for a BCP 47 tag: Traditional Chinese for zh-TW/HK/MO and Hant, Simplified for other zh, else English. */
export function uiLanguageOf(tag: string): UiLanguage {
  const t = tag.toLowerCase();
  if (!t.startsWith('zh')) return 'en';
  return /hant|-tw|-hk|-mo/.test(t) ? 'zh-TW' : 'zh-CN';
}
