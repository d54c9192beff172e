/**
 * The words both the catalogue and the domain speak: the UI languages, a text in each of them, a
 * finding's severity and the user's symptom. The floor of `common`: it imports nothing, so the
 * catalogue and the domain types can both stand on it without standing on each other.
 */

/** The UI languages; every explanation is produced in all three. */
export const UI_LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export type Localized = Record<UiLanguage, string>;

export type Severity = 'error' | 'warning' | 'info';
export type Symptom = 'vm-cannot-ping-host' | 'host-cannot-reach-vm' | 'vm-no-internet' | 'vm-no-ip' | 'auto';
