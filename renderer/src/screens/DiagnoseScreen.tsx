/**
 * The wizard: symptom → checklist with evidence and the network picture → a fix previewed with its
 * exact commands, applied (elevating only its own steps), verified by re-running the checks, and
 * undoable from the history → a report to share.
 */
import { useEffect, useMemo, useState } from 'react';
import { checkTitle, findingMeaning, findingText, fixName, fixSummary, reasonText } from '../../../common/catalogue/render.ts';
import { type Check, type DiagnosisView, type Finding, WIZARD_SYMPTOMS, type WizardSymptom } from '../../../common/domain.ts';
import { buildTopology } from '../../../common/topology.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { reportHtml, reportJson, reportMarkdown } from '../report/report.ts';
import { useAppState, useT } from '../store/context.tsx';
import { TopologyView } from './TopologyView.tsx';

export function DiagnoseScreen() {
  const t = useT();
  const diagnosis = useAppState((s) => s.diagnosis);
  const progress = useAppState((s) => s.progress);
  return (
    <section aria-labelledby="wizard-title" className="screen wizard">
      <StartForm />
      {diagnosis.phase === 'loading' && (
        <div role="status" className="progress" data-testid="diagnose-progress">
          <span className="spinner" aria-hidden="true" />{' '}
          {t('wizard.running', { count: progress.filter((p) => p.phase === 'finished').length })}
          <ul className="probe-list muted">
            {progress
              .filter((p) => p.phase === 'started')
              .slice(-4)
              .map((p) => (
                <li key={p.probeId}>
                  <code>{p.probeId}</code>
                </li>
              ))}
          </ul>
        </div>
      )}
      {diagnosis.phase === 'error' && (
        <div role="alert" className="error-box" data-testid="diagnose-error">
          <strong>{t('wizard.error')}</strong>: {diagnosis.error.message}
          <p>{t('wizard.errorHint')}</p>
        </div>
      )}
      {diagnosis.phase === 'loaded' && <Results view={diagnosis.value} />}
    </section>
  );
}

function StartForm() {
  const t = useT();
  const form = useAppState((s) => s.form);
  const setForm = useAppState((s) => s.setForm);
  const run = useAppState((s) => s.runDiagnosis);
  const busy = useAppState((s) => s.diagnosis.phase === 'loading');
  const platform = useAppState((s) => s.appInfo?.platform);
  // Windows is always the host; on Linux detection decides unless the user says.
  useEffect(() => {
    if (platform === 'windows' && form.role === 'auto') setForm({ role: 'host' });
  }, [platform, form.role, setForm]);

  return (
    <form
      className="card start-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <h2 id="wizard-title">{t('wizard.title')}</h2>
      <p className="muted">{t('wizard.intro')}</p>
      <fieldset>
        <legend>{t('wizard.symptom.legend')}</legend>
        {WIZARD_SYMPTOMS.map((s: WizardSymptom) => (
          <label key={s} className="choice">
            <input
              type="radio"
              name="symptom"
              value={s}
              checked={form.symptom === s}
              onChange={() => setForm({ symptom: s })}
              data-testid={`symptom-${s}`}
            />{' '}
            {t(`wizard.symptom.${s}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('wizard.where.legend')}</legend>
        {(['auto', 'host', 'guest'] as const).map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="role" value={r} checked={form.role === r} onChange={() => setForm({ role: r })} />{' '}
            {t(`wizard.where.${r}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <label>
          {t('wizard.hostIp')}
          <input
            value={form.hostIp}
            onChange={(e) => setForm({ hostIp: e.target.value })}
            inputMode="decimal"
            placeholder="192.168.37.1"
            data-testid="host-ip"
          />
        </label>
        <label>
          {t('wizard.vmIp')}
          <input
            value={form.vmIp}
            onChange={(e) => setForm({ vmIp: e.target.value })}
            inputMode="decimal"
            placeholder="192.168.37.128"
          />
        </label>
      </div>
      <details>
        <summary>{t('wizard.advanced')}</summary>
        <div className="field-row">
          <label>
            {t('wizard.servicePort')}
            <input
              value={form.servicePort}
              onChange={(e) => setForm({ servicePort: e.target.value })}
              inputMode="numeric"
              placeholder="22"
            />
          </label>
          <label>
            {t('wizard.internetTarget')}
            <input
              value={form.internetTarget}
              onChange={(e) => setForm({ internetTarget: e.target.value })}
              placeholder="223.5.5.5"
              data-testid="internet-target"
            />
          </label>
          <label>
            {t('wizard.dnsName')}
            <input
              value={form.dnsName}
              onChange={(e) => setForm({ dnsName: e.target.value })}
              placeholder="www.microsoft.com"
              data-testid="dns-name"
            />
          </label>
        </div>
      </details>
      <button type="submit" className="primary" disabled={busy} data-testid="run-diagnosis">
        {t('wizard.run')}
      </button>
    </form>
  );
}

function Results({ view }: { view: DiagnosisView }) {
  const t = useT();
  const rerun = useAppState((s) => s.rerunDiagnosis);
  const loadHistory = useAppState((s) => s.loadHistory);
  const topology = useMemo(() => buildTopology(view.report), [view.report]);
  const r = view.report;
  useEffect(() => {
    if (view.source === 'live') void loadHistory();
  }, [view.source, loadHistory]);
  return (
    <div className="results" data-testid="results">
      {view.source === 'bundle' && (
        <p className="note" data-testid="bundle-note">
          {t('wizard.bundle', { name: view.bundleName ?? '' })}
        </p>
      )}
      <div className="results-head">
        <p className="muted">{t('wizard.duration', { role: r.role, platform: r.platform, ms: r.durationMs })}</p>
        <button type="button" onClick={() => void rerun()}>
          {t('wizard.rerun')}
        </button>
      </div>
      <TopologyView topology={topology} />
      <Findings findings={r.findings} />
      <FixPanel />
      <Checklist checks={r.checks} />
      {view.source === 'live' && <History />}
      <ReportPanel view={view} />
    </div>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const preview = useAppState((s) => s.previewFix);
  return (
    <section aria-labelledby="findings-title">
      <h3 id="findings-title">{t('findings.title')}</h3>
      {findings.length === 0 ? (
        <p data-testid="no-findings" className="ok-box">
          {t('findings.none')}
        </p>
      ) : (
        <ol className="findings">
          {findings.map((f) => (
            <li key={`${f.id}:${f.title}`} className={`card finding ${f.severity}`} data-testid={`finding-${f.id}`}>
              <div className="finding-head">
                <span className={`badge ${f.severity}`}>{t(`findings.severity.${f.severity}` as MessageKey)}</span>{' '}
                <strong>{findingText(f, language).title}</strong>
              </div>
              <p className="detail">{findingText(f, language).detail}</p>
              <details>
                <summary>{t('findings.details')}</summary>
                <p>{findingMeaning(f.id, language)}</p>
                <pre className="evidence">{JSON.stringify(f.evidence, null, 2)}</pre>
              </details>
              {f.offers.length === 0 ? (
                <p className="muted">{t('findings.noFix')}</p>
              ) : (
                <div className="fix-buttons">
                  {f.offers.map((offer) => (
                    <button
                      key={offer.fix}
                      type="button"
                      className="primary"
                      onClick={() => void preview(offer.fix, offer.params)}
                      data-testid={`fix-${offer.fix}`}
                    >
                      {t('preview.title', { name: fixName(offer.fix, language) })}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function FixPanel() {
  const t = useT();
  const preview = useAppState((s) => s.preview);
  const applying = useAppState((s) => s.applying);
  const lastResult = useAppState((s) => s.lastResult);
  const apply = useAppState((s) => s.applyPreviewed);
  const close = useAppState((s) => s.closePreview);
  const language = useAppState((s) => s.language);
  const [copied, setCopied] = useState(false);
  if (!preview && !lastResult) return null;
  return (
    <section className="card fix-panel" aria-live="polite" data-testid="fix-panel">
      {preview?.phase === 'loading' && <p role="status">{t('preview.loading')}</p>}
      {preview?.phase === 'error' && (
        <div role="alert" className="error-box">
          <strong>{t('preview.error')}</strong>: {preview.error.message}
        </div>
      )}
      {preview?.phase === 'loaded' && (
        <>
          <h3>{t('preview.title', { name: fixName(preview.value.fixId, language) })}</h3>
          <p>{fixSummary(preview.value.fixId, preview.value.summaryParams, language)}</p>
          <h4>{t('preview.steps')}</h4>
          <pre className="commands" data-testid="fix-commands">
            {preview.value.steps.join('\n')}
          </pre>
          {preview.value.undo.length > 0 && (
            <>
              <h4>{t('preview.undo')}</h4>
              <pre className="commands muted">{preview.value.undo.join('\n')}</pre>
            </>
          )}
          {preview.value.elevated.some(Boolean) && <p className="muted">{t('preview.elevation')}</p>}
          {preview.value.whyNot && (
            <p className="note" data-testid="fix-not-here">
              {t(`preview.notHere.${preview.value.whyNot}`)}
            </p>
          )}
          <div className="fix-buttons">
            {preview.value.canApply && (
              <button type="button" className="primary" disabled={applying} onClick={() => void apply()} data-testid="fix-apply">
                {t('preview.apply')}
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(preview.value.steps.join('\n')).then(() => setCopied(true));
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
        <p
          role="status"
          className={lastResult.status === 'verified' || lastResult.status === 'undone' ? 'ok-box' : 'error-box'}
          data-testid="fix-result"
          data-status={lastResult.status}
        >
          {t(`result.${lastResult.status}` as MessageKey)} <span lang="en">{lastResult.evidence}</span>
        </p>
      )}
    </section>
  );
}

function Checklist({ checks }: { checks: Check[] }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  return (
    <section aria-labelledby="checks-title">
      <h3 id="checks-title">{t('checks.title')}</h3>
      <ol className="checklist">
        {checks.map((c) => (
          <li key={c.id} className={`check ${c.status}`} data-testid={`check-${c.id}`} data-status={c.status}>
            <span className={`badge ${c.status}`}>{t(`check.status.${c.status}` as MessageKey)}</span> {checkTitle(c, language)}
            {reasonText(c, language) && <span className="muted"> — {reasonText(c, language)}</span>}
            {c.evidence && (
              <details>
                <summary>{t('check.evidence')}</summary>
                <pre className="evidence">{JSON.stringify(c.evidence, null, 2)}</pre>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function History() {
  const t = useT();
  const history = useAppState((s) => s.history);
  const undo = useAppState((s) => s.undo);
  const applying = useAppState((s) => s.applying);
  if (history.phase !== 'loaded') return null;
  return (
    <section aria-labelledby="history-title" data-testid="history">
      <h3 id="history-title">{t('history.title')}</h3>
      {history.value.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ul className="history">
          {history.value.map((e) => (
            <li key={e.id} data-testid={`history-${e.fixId}`} data-status={e.status}>
              <code>{e.fixId}</code> · {t(`history.status.${e.status}` as MessageKey)} ·{' '}
              <span className="muted">{e.createdAt.slice(0, 19).replace('T', ' ')}</span>{' '}
              {(e.status === 'verified' || e.status === 'not-verified') && (
                <button type="button" disabled={applying} onClick={() => void undo(e.id)} data-testid={`undo-${e.fixId}`}>
                  {t('history.undo')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ReportPanel({ view }: { view: DiagnosisView }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const [redact, setRedact] = useState(true);
  const [copied, setCopied] = useState(false);
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="report-title" className="card report-panel">
      <h3 id="report-title">{t('report.title')}</h3>
      <label className="choice">
        <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} data-testid="report-redact" />{' '}
        {t('report.redact')}
      </label>
      <div className="fix-buttons">
        <button
          type="button"
          data-testid="report-forum"
          onClick={() => {
            void navigator.clipboard?.writeText(reportMarkdown(view, t, redact, language)).then(() => setCopied(true));
          }}
        >
          {copied ? t('report.copied') : t('report.forum')}
        </button>
        <button
          type="button"
          data-testid="report-md"
          onClick={() => download(`vmnet-doctor-${stamp}.md`, 'text/markdown', reportMarkdown(view, t, redact, language))}
        >
          {t('report.markdown')}
        </button>
        <button
          type="button"
          data-testid="report-html"
          onClick={() => download(`vmnet-doctor-${stamp}.html`, 'text/html', reportHtml(view, t, redact, language))}
        >
          {t('report.html')}
        </button>
        <button
          type="button"
          data-testid="report-json"
          onClick={() => download(`vmnet-doctor-${stamp}.json`, 'application/json', reportJson(view, redact))}
        >
          {t('report.json')}
        </button>
      </div>
    </section>
  );
}
