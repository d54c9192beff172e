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

export function translator(language: Language): Translate {
  const table = MESSAGES[language];
  return (key, vars) => {
    const text = table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}
