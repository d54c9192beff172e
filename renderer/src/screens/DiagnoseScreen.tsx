/**
 * The wizard: the answers → a run that names what it checks → the verdict first (cause, why, the one
 * thing to do) → a fix previewed with its exact commands, applied (elevating only its own steps),
 * verified by re-running the checks, undoable from the history → a report to share.
 */
import { useEffect, useRef, useState } from 'react';
import type { DiagnosisView, ProbeProgressEvent } from '../../../common/domain.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { reportHtml, reportJson, reportMarkdown } from '../report/report.ts';
import { useAppState, useT } from '../store/context.tsx';
import { FixPanel } from './wizard/FixPanel.tsx';
import { Results } from './wizard/Results.tsx';
import { StartForm } from './wizard/StartForm.tsx';

export function DiagnoseScreen() {
  const diagnosis = useAppState((s) => s.diagnosis);
  const formOpen = useAppState((s) => s.formOpen);
  return (
    <section aria-labelledby="wizard-title" className="screen wizard">
      <BundleNote />
      {formOpen ? <StartForm /> : <AnswersBar />}
      {diagnosis.phase === 'loading' && <RunProgress />}
      {diagnosis.phase === 'error' && <RunError error={diagnosis.error} />}
      {diagnosis.phase === 'loaded' && !formOpen && (
        <>
          <Results view={diagnosis.value}>
            <FixPanel />
          </Results>
          {diagnosis.value.source === 'live' && <History />}
          <ReportPanel view={diagnosis.value} />
        </>
      )}
    </section>
  );
}

/**
 * Why the checks could not run, in the reader's words, where the eye and the focus go: the
 * system's message behind technical details; "check the addresses you typed" only when some were.
 */
function RunError({ error }: { error: { code: string; message: string } }) {
  const t = useT();
  const form = useAppState((s) => s.form);
  const bundle = useAppState((s) => s.appInfo?.bundle);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  const typed = !bundle && [form.hostIp, form.vmIp, form.internetTarget, form.dnsName, form.servicePort].some((v) => v.trim());
  return (
    <div role="alert" className="error-box" data-testid="diagnose-error" ref={box} tabIndex={-1}>
      <strong>{t('wizard.error')}</strong>
      <p>{t(error.code === 'unreadable' ? 'wizard.errorBundle' : typed ? 'wizard.errorHint' : 'wizard.errorRetry')}</p>
      <details className="technical">
        <summary>{t('evidence.technical')}</summary>
        <pre className="evidence">{error.message}</pre>
      </details>
    </div>
  );
}

/** "Replaying a bundle collected on <host> (<Windows>, <date>)": always said, before and after the run. */
function BundleNote() {
  const t = useT();
  const bundle = useAppState((s) => s.appInfo?.bundle);
  const box = useRef<HTMLDivElement>(null);
  const unreadable = bundle?.unreadable;
  useEffect(() => {
    if (unreadable) box.current?.focus();
  }, [unreadable]);
  if (!bundle) return null;
  if (bundle.unreadable)
    return (
      <div role="alert" className="error-box" data-testid="bundle-unreadable" ref={box} tabIndex={-1}>
        <strong>{t('bundle.unreadable', { name: bundle.name })}</strong>
        <p>{t('bundle.unreadableHint')}</p>
        <details className="technical">
          <summary>{t('evidence.technical')}</summary>
          <pre className="evidence">{bundle.unreadable}</pre>
        </details>
      </div>
    );
  return (
    <p className="note" data-testid="bundle-note">
      {bundle.hostName
        ? t('wizard.bundle', {
            host: bundle.hostName,
            os: t(`platform.${bundle.platform}` as MessageKey),
            date: bundle.createdAt ? bundle.createdAt.slice(0, 10) : '?',
          })
        : t('wizard.bundleNoHost', {
            name: bundle.name,
            os: t(`platform.${bundle.platform}` as MessageKey),
            date: bundle.createdAt ? bundle.createdAt.slice(0, 10) : '?',
          })}
    </p>
  );
}

/** What was asked, in one line, with the way back to the answers. */
function AnswersBar() {
  const t = useT();
  const form = useAppState((s) => s.form);
  const edit = useAppState((s) => s.editAnswers);
  const rerun = useAppState((s) => s.rerunDiagnosis);
  const busy = useAppState((s) => s.diagnosis.phase === 'loading');
  const report = useAppState((s) => (s.diagnosis.phase === 'loaded' ? s.diagnosis.value.report : null));
  return (
    <div className="answers-bar" data-testid="answers-bar">
      <span id="wizard-title">
        <strong>{t(`wizard.symptom.${form.symptom}` as MessageKey)}</strong>
        {form.hostIp.trim() && <span className="muted"> · {t('wizard.answers.host', { ip: form.hostIp.trim() })}</span>}
        {report && (
          <span className="muted">
            {' '}
            ·{' '}
            {t('wizard.duration', {
              role: t(`role.${report.role}` as MessageKey),
              platform: t(`platform.${report.platform}` as MessageKey),
              ms: report.durationMs,
            })}
          </span>
        )}
      </span>
      <span className="fix-buttons">
        <button type="button" onClick={edit} data-testid="edit-answers">
          {t('wizard.change')}
        </button>
        <button type="button" disabled={busy} onClick={() => void rerun()} data-testid="rerun">
          {t('wizard.rerun')}
        </button>
      </span>
    </div>
  );
}

/** A probe id in words: what kind of thing is being checked. */
export function probeKind(id: string): MessageKey {
  if (/^ping|echo|vm-answers/.test(id)) return 'probe.ping';
  if (/firewall|profile|icmp/i.test(id)) return 'probe.firewall';
  if (/dns|resolver/.test(id)) return 'probe.dns';
  if (/dhcp|lease/.test(id)) return 'probe.dhcp';
  if (/route|routing|neigh/.test(id)) return 'probe.routes';
  if (/adapter|link|nic/.test(id)) return 'probe.adapters';
  if (/service|nat|vmware|vbox|virtualbox|hyperv|wsl|libvirt/i.test(id)) return 'probe.services';
  return 'probe.other';
}

function RunProgress() {
  const t = useT();
  const progress = useAppState((s) => s.progress);
  const running = new Map<string, ProbeProgressEvent>();
  for (const p of progress) {
    if (p.phase === 'started') running.set(p.probeId, p);
    else running.delete(p.probeId);
  }
  const now = [...new Set([...running.keys()].map(probeKind))];
  return (
    <div role="status" className="card progress" data-testid="diagnose-progress">
      <span className="spinner" aria-hidden="true" />{' '}
      {t('wizard.running', { count: progress.filter((p) => p.phase === 'finished').length })}
      {now.length > 0 && (
        <ul className="probe-list">
          {now.map((kind) => (
            <li key={kind}>{t(kind)}</li>
          ))}
        </ul>
      )}
    </div>
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
  const symptom = t(`wizard.symptom.${useAppState((s) => s.form.symptom)}` as MessageKey);
  const [copied, setCopied] = useState(false);
  const previewOffered = useAppState((s) => s.previewOffered);
  const stamp = new Date().toISOString().slice(0, 10);
  // Each report carries the exact commands of the offered fixes: previewed (never applied) on demand.
  const markdown = async () => reportMarkdown(view, t, redact, language, symptom, await previewOffered());
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
            void markdown()
              .then((text) => navigator.clipboard?.writeText(text))
              .then(() => setCopied(true));
          }}
        >
          {copied ? t('report.copied') : t('report.forum')}
        </button>
        <button
          type="button"
          data-testid="report-md"
          onClick={() => void markdown().then((text) => download(`vmnet-doctor-${stamp}.md`, 'text/markdown', text))}
        >
          {t('report.markdown')}
        </button>
        <button
          type="button"
          data-testid="report-html"
          onClick={() =>
            void previewOffered().then((previews) =>
              download(`vmnet-doctor-${stamp}.html`, 'text/html', reportHtml(view, t, redact, language, symptom, previews)),
            )
          }
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
