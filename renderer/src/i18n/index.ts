import { LANGUAGES, type Language, MESSAGES, type MessageKey } from './messages.ts';

export type { Language };

/** Maps an OS / browser locale onto a UI language: Taiwan, Hong Kong, Macau and Hant read Traditional. */
export function languageFor(locale: string | undefined | null): Language {
  const tag = (locale ?? '').toLowerCase().replace('_', '-');
  if (!tag.startsWith('zh')) return 'en';
  return /hant|-tw|-hk|-mo/.test(tag) ? 'zh-TW' : 'zh-CN';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const table = MESSAGES[language];
  return (key, vars) => {
    const text = table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}
