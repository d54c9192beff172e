/**
 * The answer first: the verdict (the cause in one sentence, why, and the one thing to do), then the
 * fix panel, the picture, what else was found, and the checklist — failures and unknowns named,
 * passes counted behind one line. Focus moves to the verdict when it arrives.
 */
import { useEffect, useMemo, useRef } from 'react';
import {
  alsoFound,
  checkTitle,
  findingMeaning,
  findingText,
  fixName,
  hopName,
  learnText,
  nothingChecked,
  reasonText,
  unknownHops,
  verdictFinding,
} from '../../../../common/catalogue/render.ts';
import { list } from '../../../../common/catalogue/text.ts';
import type { Check, DiagnosisView, Finding } from '../../../../common/domain.ts';
import { buildTopology } from '../../../../common/topology.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useAppState, useT } from '../../store/context.tsx';
import { evidenceRows, rawEvidence } from '../evidence.ts';
import { TopologyView } from '../TopologyView.tsx';

function Evidence({ evidence, testId }: { evidence: Record<string, unknown> | undefined; testId?: string }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const rows = evidenceRows(evidence, language);
  if (!evidence) return null;
  return (
    <>
      {rows.length > 0 && (
        <table className="evidence-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('evidence.lookedAt')}</th>
              <th scope="col">{t('evidence.saw')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="technical">
        <summary>{t('evidence.technical')}</summary>
        <pre className="evidence">{rawEvidence(evidence).join('\n')}</pre>
      </details>
    </>
  );
}

/** A catalogue sentence whose `code spans` (commands, file lines) are shown as code, never as backticks. */
export function Prose({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd part is inside a code span; an unpaired backtick (odd count) stays text.
  if (parts.length % 2 === 0) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence, never reordered
        i % 2 === 1 ? <code key={i}>{part}</code> : part,
      )}
    </>
  );
}

/** What a fix acts on, from its parameters, so two offers of one fix (VMnet8's and VMnet1's) read apart. */
export function fixSubject(params: Record<string, string>): string | null {
  for (const key of ['vmnet', 'adapter', 'interface', 'network', 'bridge', 'device', 'subnet', 'port'])
    if (params[key]) return params[key] as string;
  return null;
}

function FixButtons({ finding, primary }: { finding: Finding; primary?: boolean }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const preview = useAppState((s) => s.previewFix);
  if (finding.offers.length === 0) return <p className="muted">{t('findings.noFix')}</p>;
  return (
    <div className="fix-buttons">
      {finding.offers.map((offer, i) => (
        <button
          key={offer.fix}
          type="button"
          className={primary && i === 0 ? 'primary' : undefined}
          onClick={() => void preview(offer.fix, offer.params)}
          data-testid={`fix-${offer.fix}`}
        >
          {t('preview.title', { name: fixName(offer.fix, language) })}
          {fixSubject(offer.params) ? ` (${fixSubject(offer.params)})` : ''}
        </button>
      ))}
    </div>
  );
}

/** The path's hops that could not be checked, named under the verdict (never hidden behind a green one). */
function UnknownHops({ view, except }: { view: DiagnosisView; except?: string }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const hops = unknownHops(view.report).filter((h) => h !== except);
  if (hops.length === 0) return null;
  return (
    <p className="muted" data-testid="verdict-unknown-hops">
      {t('verdict.unknownToo', {
        hops: list(
          hops.map((h) => hopName(h, language)),
          language,
        ),
      })}
    </p>
  );
}

function Verdict({ view }: { view: DiagnosisView }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const heading = useRef<HTMLHeadingElement>(null);
  const r = view.report;
  const v = r.verdict;
  const first = verdictFinding(r);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  if (v.kind === 'unknown') {
    const check = r.checks.find((c) => c.id === v.check);
    const title = check ? checkTitle(check, language) : v.check;
    return (
      <section className="card verdict warning" data-testid="verdict" data-verdict="unknown" aria-labelledby="verdict-title">
        <p className="verdict-kicker">
          <span className="badge unknown">{t('check.status.unknown')}</span> {t('verdict.unknown')}
        </p>
        <h2 id="verdict-title" ref={heading} tabIndex={-1} data-testid="verdict-unknown">
          {t(v.failed ? 'verdict.failedTitle' : 'verdict.unknownTitle', { check: title })}
        </h2>
        <p>{t('verdict.where', { hop: hopName(v.hop, language) })}</p>
        <p className="detail">{t('verdict.learn', { how: learnText(v.learn, language) })}</p>
        <UnknownHops view={view} except={v.hop} />
        {check?.evidence && (
          <details>
            <summary>{t('verdict.why')}</summary>
            <Evidence evidence={check.evidence} testId="verdict-evidence" />
          </details>
        )}
      </section>
    );
  }
  if (!first && nothingChecked(r)) {
    return (
      <section
        className="card verdict warning"
        data-testid="verdict"
        data-verdict="nothing-checked"
        aria-labelledby="verdict-title"
      >
        <p className="verdict-kicker">
          <span className="badge unknown">{t('check.status.unknown')}</span> {t('verdict.unknown')}
        </p>
        <h2 id="verdict-title" ref={heading} tabIndex={-1} data-testid="verdict-nothing-checked">
          {t('verdict.nothingChecked')}
        </h2>
        <p className="detail">{t('verdict.nothingCheckedDetail')}</p>
      </section>
    );
  }
  if (!first) {
    const passed = r.checks.filter((c) => c.status === 'pass').length;
    return (
      <section className="card verdict ok" data-testid="verdict" data-verdict="healthy" aria-labelledby="verdict-title">
        <h2 id="verdict-title" ref={heading} tabIndex={-1} data-testid="no-findings">
          {t('verdict.none')}
        </h2>
        <p>{t('verdict.healthyPath')}</p>
        <p>{t('verdict.checked', { count: passed })}</p>
        <p className="muted">{t('findings.none')}</p>
      </section>
    );
  }
  const text = findingText(first, language);
  const designed = v.kind === 'by-design';
  return (
    <section
      className={`card verdict ${first.severity}`}
      data-testid="verdict"
      data-verdict={v.kind}
      aria-labelledby="verdict-title"
    >
      <p className="verdict-kicker">
        <span className={`badge ${first.severity}`}>{t(`findings.severity.${first.severity}` as MessageKey)}</span>{' '}
        {t(designed ? 'verdict.byDesign' : 'verdict.cause')}
      </p>
      <div data-testid={`finding-${first.id}`}>
        <h2 id="verdict-title" ref={heading} tabIndex={-1}>
          {text.title}
        </h2>
        <p className="detail">
          <Prose text={text.detail} />
        </p>
        <p className="muted">{findingMeaning(first.id, language)}</p>
        <p className="muted" data-testid="verdict-hop">
          {t('verdict.where', { hop: hopName(first.hop, language) })}
        </p>
        <FixButtons finding={first} primary />
        <UnknownHops view={view} />
        <details>
          <summary>{t('verdict.why')}</summary>
          <Evidence evidence={first.evidence} testId="verdict-evidence" />
        </details>
      </div>
    </section>
  );
}

/**
 * The symptom's path, hop by hop in the order a packet meets them, each with its state in words
 * (colour is only a second cue): the first broken one is the verdict's.
 */
function PathStrip({ view }: { view: DiagnosisView }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const hops = view.report.path.hops;
  if (hops.length === 0) return null;
  return (
    <section aria-labelledby="path-title" data-testid="path">
      <h3 id="path-title">{t('path.title')}</h3>
      <ol className="path">
        {hops.map((h) => (
          <li key={h.hop} className={`hop ${h.status}`} data-testid={`hop-${h.hop}`} data-status={h.status}>
            <span className={`badge ${h.status === 'unchecked' ? 'skip' : h.status}`}>
              {t(`path.status.${h.status}` as MessageKey)}
            </span>{' '}
            {hopName(h.hop, language)}
          </li>
        ))}
      </ol>
    </section>
  );
}

function AlsoFound({ findings }: { findings: Finding[] }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  if (findings.length === 0) return null;
  return (
    <section aria-labelledby="also-title" data-testid="also-found">
      <h3 id="also-title">{t('verdict.also')}</h3>
      <ol className="findings">
        {findings.map((f) => (
          <li key={`${f.id}:${f.title}`} className={`card finding ${f.severity}`} data-testid={`finding-${f.id}`}>
            <div className="finding-head">
              <span className={`badge ${f.severity}`}>{t(`findings.severity.${f.severity}` as MessageKey)}</span>{' '}
              <strong>{findingText(f, language).title}</strong>
            </div>
            <p className="detail">
              <Prose text={findingText(f, language).detail} />
            </p>
            <FixButtons finding={f} />
            <details>
              <summary>{t('findings.details')}</summary>
              <p>{findingMeaning(f.id, language)}</p>
              <Evidence evidence={f.evidence} />
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

function CheckRow({ check }: { check: Check }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const reason = reasonText(check, language);
  return (
    <li className={`check ${check.status}`} data-testid={`check-${check.id}`} data-status={check.status}>
      <span className={`badge ${check.status}`}>{t(`check.status.${check.status}` as MessageKey)}</span>{' '}
      {checkTitle(check, language)}
      {reason && <span className="muted"> — {reason}</span>}
      {check.evidence && check.status !== 'skip' && (
        <details>
          <summary>{t('check.evidence')}</summary>
          <Evidence evidence={check.evidence} />
        </details>
      )}
    </li>
  );
}

function Checklist({ checks }: { checks: Check[] }) {
  const t = useT();
  const attention = checks.filter((c) => c.status === 'fail' || c.status === 'unknown');
  const rest = checks.filter((c) => c.status === 'pass' || c.status === 'skip');
  const count = (s: Check['status']) => checks.filter((c) => c.status === s).length;
  return (
    <section aria-labelledby="checks-title" className="checks">
      <h3 id="checks-title">{t('checks.title')}</h3>
      <p className="muted" data-testid="checks-summary">
        {t('checks.summary', { pass: count('pass'), fail: count('fail'), unknown: count('unknown'), skip: count('skip') })}
      </p>
      {attention.length > 0 && (
        <ol className="checklist">
          {attention.map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
        </ol>
      )}
      {rest.length > 0 && (
        <details data-testid="checks-passed">
          <summary>{t('checks.passed', { count: count('pass'), skip: count('skip') })}</summary>
          <ol className="checklist">
            {rest.map((c) => (
              <CheckRow key={c.id} check={c} />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

export function Results({ view, children }: { view: DiagnosisView; children?: React.ReactNode }) {
  const topology = useMemo(() => buildTopology(view.report), [view.report]);
  return (
    <div className="results" data-testid="results">
      <Verdict view={view} />
      {children}
      <TopologyView topology={topology} />
      <PathStrip view={view} />
      <AlsoFound findings={alsoFound(view.report)} />
      <Checklist checks={view.report.checks} />
    </div>
  );
}
