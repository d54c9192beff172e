import { useState } from 'react';
import type { AdapterRelevance, ExplainedIpconfigAdapter, IpconfigExplanation, UiLanguage } from '../../../common/domain.ts';
import type { ErrorCode } from '../../../common/result.ts';
import type { Translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useAppState, useT } from '../store/context.tsx';

const GROUPS: AdapterRelevance[] = ['vm', 'host-uplink', 'other'];

/** Why the text could not be explained, in the reader's words; the system's message stays in the details. */
const EXPLAIN_ERRORS: Partial<Record<ErrorCode, MessageKey>> = {
  'not-ipconfig': 'explain.errorNotIpconfig',
  'too-large': 'explain.errorTooLarge',
  unavailable: 'explain.errorUnavailable',
};

/** `ip addr` / `ifconfig` output pasted where ipconfig belongs: the Adapters tab is what they want. */
export const looksLikeLinux = (text: string) => /^\d+: [\w@.-]+: <[A-Z,_]*>/m.test(text) || /^\w+: flags=\d+</m.test(text);

/** A language code as its name in the reader's language ("zh-CN" → "中文（中国）"), the code when unknown. */
export function languageName(code: string, uiLanguage: UiLanguage): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function ExplainScreen() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const text = useAppState((s) => s.explainText);
  const setText = useAppState((s) => s.setExplainText);
  const explanation = useAppState((s) => s.explanation);
  const explainPasted = useAppState((s) => s.explainPasted);
  const explainThisMachine = useAppState((s) => s.explainThisMachine);
  const platform = useAppState((s) => s.appInfo?.platform);
  const setScreen = useAppState((s) => s.setScreen);
  const [copied, setCopied] = useState(false);
  const busy = explanation.phase === 'loading';

  const copy = async (value: IpconfigExplanation) => {
    await navigator.clipboard.writeText(asText(value, language, t));
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <section aria-labelledby="explain-title" className="screen">
      <header className="screen-header">
        <h2 id="explain-title">{t('explain.title')}</h2>
      </header>
      <p className="muted">{t('explain.intro')}</p>
      <label className="block" htmlFor="ipconfig-text">
        {t('explain.pasteLabel')}
      </label>
      <textarea
        id="ipconfig-text"
        data-testid="ipconfig-input"
        className="paste"
        rows={8}
        spellCheck={false}
        placeholder={t('explain.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="actions">
        <button type="button" className="primary" disabled={busy || !text.trim()} onClick={() => void explainPasted()}>
          {t('explain.run')}
        </button>
        {platform === 'windows' && (
          <button type="button" disabled={busy} onClick={() => void explainThisMachine()}>
            {t('explain.readThisMachine')}
          </button>
        )}
        {explanation.phase === 'loaded' && (
          <button type="button" onClick={() => void copy(explanation.value)}>
            {copied ? t('explain.copied') : t('explain.copy')}
          </button>
        )}
      </div>
      {busy && (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> {t('explain.working')}
        </p>
      )}
      {explanation.phase === 'error' && (
        <div role="alert" className="error-box" data-testid="explain-error">
          <strong>{t('explain.error')}</strong>
          <p>{t(EXPLAIN_ERRORS[explanation.error.code] ?? 'explain.errorOther')}</p>
          <details className="technical">
            <summary>{t('evidence.technical')}</summary>
            <pre className="evidence">{explanation.error.message}</pre>
          </details>
          {looksLikeLinux(text) && (
            <p data-testid="explain-linux-hint">
              {t('explain.linuxHint')}{' '}
              <button type="button" onClick={() => setScreen('adapters')}>
                {t('nav.adapters')}
              </button>
            </p>
          )}
        </div>
      )}
      {explanation.phase === 'loaded' && <ExplanationCards value={explanation.value} language={language} />}
    </section>
  );
}

function ExplanationCards({ value, language }: { value: IpconfigExplanation; language: UiLanguage }) {
  const t = useT();
  return (
    <div data-testid="explain-result">
      <p className="muted">
        {value.hostName ? `${value.hostName} · ` : ''}
        {t('explain.summary', { count: value.adapters.length, locale: languageName(value.locale, language) })}
      </p>
      {GROUPS.map((group) => {
        const adapters = value.adapters.filter((a) => a.relevance === group);
        if (adapters.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`group-${group}`} data-testid={`group-${group}`}>
            <h3 id={`group-${group}`}>{t(`explain.group.${group}`)}</h3>
            <div className="cards">
              {adapters.map((a, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: ipconfig can print the same header twice; the list is replaced whole, never reordered.
                <AdapterCard key={`${a.header}-${i}`} adapter={a} language={language} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function AdapterCard({ adapter: a, language }: { adapter: ExplainedIpconfigAdapter; language: UiLanguage }) {
  const t = useT();
  return (
    <article className={`card relevance-${a.relevance}`} data-testid="adapter-card" data-category={a.category} data-name={a.name}>
      <header>
        <h4>{a.name}</h4>
        <span className="badge">
          {t(`category.${a.category}`)}
          {a.vmnet ? ` · ${a.vmnet}` : ''}
        </span>
      </header>
      {a.description && <p className="muted small">{a.description}</p>}
      <p data-testid="adapter-explanation">{a.explanations[language]}</p>
      <dl className="fields">
        {a.ipv4.length > 0 && (
          <>
            <dt>{t('explain.field.ipv4')}</dt>
            <dd className="mono">{a.ipv4.map((ip) => `${ip.address}${ip.mask ? ` / ${ip.mask}` : ''}`).join(', ')}</dd>
          </>
        )}
        {a.gateways.length > 0 && (
          <>
            <dt>{t('explain.field.gateway')}</dt>
            <dd className="mono">{a.gateways.join(', ')}</dd>
          </>
        )}
        {a.mac && (
          <>
            <dt>{t('explain.field.mac')}</dt>
            <dd className="mono">{a.mac}</dd>
          </>
        )}
        {a.dnsServers.length > 0 && (
          <>
            <dt>{t('explain.field.dns')}</dt>
            <dd className="mono">{a.dnsServers.join(', ')}</dd>
          </>
        )}
      </dl>
      <p className="why">{t(`explain.why.${a.relevance}`)}</p>
    </article>
  );
}

/** The same explanation as plain text, for pasting into a chat or a forum post. */
export function asText(value: IpconfigExplanation, language: UiLanguage, t: Translate): string {
  const lines: string[] = [];
  for (const group of GROUPS) {
    const adapters = value.adapters.filter((a) => a.relevance === group);
    if (adapters.length === 0) continue;
    lines.push(`## ${t(`explain.group.${group}`)}`);
    for (const a of adapters) {
      const v4 = a.ipv4.map((ip) => ip.address).join(', ');
      lines.push(`- ${a.name}${v4 ? ` (${v4})` : ''}: ${a.explanations[language]}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
