/**
 * A fix, previewed: what it changes, for which machine, the exact commands (copied as a script that
 * runs as pasted), how it is undone; applied here when it can be. Escape closes it.
 */
import { useEffect, useRef, useState } from 'react';
import { readBackText } from '../../../../common/catalogue/read-backs.ts';
import { fixName, fixSummary } from '../../../../common/catalogue/render.ts';
import type { FixPreview } from '../../../../common/domain.ts';
import type { Translate } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useAppState, useT } from '../../store/context.tsx';
import { fixScript } from './script.ts';

/** The machine a preview's commands are for, in words. */
function machineOf(preview: FixPreview, t: Translate, app: ReturnType<typeof useAppInfo>): string {
  const os = t(`platform.${preview.platform}` as MessageKey);
  if (app?.bundle && app.bundle.platform === preview.platform)
    return app.bundle.hostName
      ? t('preview.machine.bundle', { host: app.bundle.hostName, os })
      : t('preview.machine.bundleNoHost', { os });
  if (app && app.platform === preview.platform && !app.bundle) return t('preview.machine.this', { os });
  return preview.platform === 'linux' ? t('preview.machine.vm') : t('preview.machine.host', { os });
}
const useAppInfo = () => useAppState((s) => s.appInfo);

export function FixPanel() {
  const t = useT();
  const preview = useAppState((s) => s.preview);
  const applying = useAppState((s) => s.applying);
  const lastResult = useAppState((s) => s.lastResult);
  const apply = useAppState((s) => s.applyPreviewed);
  const close = useAppState((s) => s.closePreview);
  const language = useAppState((s) => s.language);
  const app = useAppInfo();
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const open = preview !== null;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, close]);
  useEffect(() => setCopied(false), []);
  const loaded = preview?.phase === 'loaded' ? preview.value : null;
  // The preview, once loaded, takes the focus and comes into view: the keyboard and the eye go where the commands are.
  const loadedFix = loaded?.fixId ?? null;
  useEffect(() => {
    if (!loadedFix) return;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [loadedFix]);
  if (!preview && !lastResult) return null;
  const machine = loaded ? machineOf(loaded, t, app) : '';
  return (
    <section className="card fix-panel" aria-live="polite" data-testid="fix-panel">
      {preview?.phase === 'loading' && <p role="status">{t('preview.loading')}</p>}
      {preview?.phase === 'error' && (
        <div role="alert" className="error-box">
          <strong>{t('preview.error')}</strong>
          <p>{t(preview.error.code === 'invalid-params' ? 'preview.errorInvalid' : 'preview.errorUnavailable')}</p>
          <details className="technical">
            <summary>{t('evidence.technical')}</summary>
            <pre className="evidence" lang="en">
              {preview.error.message}
            </pre>
          </details>
        </div>
      )}
      {loaded && (
        <>
          <h3 ref={heading} tabIndex={-1} data-testid="fix-title">
            {t('preview.title', { name: fixName(loaded.fixId, language) })}
          </h3>
          <p>{fixSummary(loaded.fixId, loaded.summaryParams, language)}</p>
          <p className="machine" data-testid="fix-machine">
            {t('preview.runOn', { machine })}
          </p>
          <h4>{t('preview.steps')}</h4>
          <pre className="commands" data-testid="fix-commands">
            {loaded.steps.join('\n')}
          </pre>
          {loaded.undo.length > 0 && (
            <>
              <h4>{t('preview.undo')}</h4>
              <pre className="commands muted">{loaded.undo.join('\n')}</pre>
            </>
          )}
          {loaded.elevated.some(Boolean) && <p className="muted">{t('preview.elevation')}</p>}
          {loaded.whyNot && (
            <p className="note" data-testid="fix-not-here">
              {t(`preview.notHere.${loaded.whyNot}`)}
            </p>
          )}
          <div className="fix-buttons">
            {loaded.canApply && (
              <button type="button" className="primary" disabled={applying} onClick={() => void apply()} data-testid="fix-apply">
                {t('preview.apply')}
              </button>
            )}
            <button
              type="button"
              data-testid="fix-copy"
              onClick={() => {
                const script = fixScript(loaded, {
                  title: `VMnet Doctor: ${fixName(loaded.fixId, language)} — ${fixSummary(loaded.fixId, loaded.summaryParams, language)}`,
                  runOn: t('preview.runOn', { machine }),
                  how: loaded.platform === 'windows' ? t('preview.how.windows') : t('preview.how.linux'),
                });
                void navigator.clipboard?.writeText(script).then(() => setCopied(true));
              }}
            >
              {copied ? t('preview.copied') : t('preview.copy')}
            </button>
            <button type="button" onClick={close}>
              {t('preview.cancel')}
            </button>
          </div>
        </>
      )}
      {applying && (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> {t('preview.applying')}
        </p>
      )}
      {lastResult && !applying && (
        <div
          role="status"
          className={lastResult.status === 'verified' || lastResult.status === 'undone' ? 'ok-box' : 'error-box'}
          data-testid="fix-result"
          data-status={lastResult.status}
        >
          <p>{t(`result.${lastResult.status}` as MessageKey)}</p>
          {/* What the verification read back, in the reader's words; the raw text behind the technical details. */}
          {lastResult.readBack && <p data-testid="fix-read-back">{readBackText(lastResult.readBack, language)}</p>}
          {lastResult.evidence && (
            <details className="technical">
              <summary>{t('evidence.technical')}</summary>
              <pre className="evidence" lang="en">
                {lastResult.evidence}
              </pre>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
