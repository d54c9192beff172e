import { uiLanguageOf } from '../../../common/catalogue/text.ts';
import { LANGUAGES, type Language, MESSAGES, type MessageKey } from './messages.ts';

export type { Language };

/** Maps an OS / browser locale onto a UI language: Taiwan, Hong Kong, Macau and Hant read Traditional. */
export function languageFor(locale: string | undefined | null): Language {
  return uiLanguageOf((locale ?? '').replace('_', '-'));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** ICU's plural form, as far as these texts need it: `{count, plural, one {# check} other {# checks}}`. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\})+)\s*\}/g;

export function translator(language: Language): Translate {
  const table = MESSAGES[language];
  const rules = new Intl.PluralRules(language);
  return (key, vars) => {
    const text = table[key];
    if (!vars) return text;
    const counted = text.replace(PLURAL, (_, name: string, forms: string) => {
      const n = Number(vars[name]);
      const branches = new Map([...forms.matchAll(/(=\d+|\w+) \{([^{}]*)\}/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
      const form = branches.get(`=${n}`) ?? branches.get(rules.select(n)) ?? branches.get('other') ?? '';
      return form.replace(/#/g, String(vars[name]));
    });
    return counted.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
}
