/**
 * Exporting a diagnosis: Markdown (also "copy for a forum post"), one self-contained HTML file, and
 * JSON. Redaction is on unless the user opts out (redact.ts): MACs, IPv6 and public IPv4
 * addresses, user names in paths, host and VM names become stable placeholders; private addresses
 * stay, since they are the diagnosis. Names from outside are escaped for Markdown and HTML.
 */
import {
  alsoFound,
  checkTitle,
  findingText,
  fixName,
  fixSummary,
  hopName,
  learnText,
  nothingChecked,
  verdictFinding,
} from '../../../common/catalogue/render.ts';
import type { CheckStatus, DiagnosisView, Finding, FixPreview, UiLanguage } from '../../../common/domain.ts';
import { buildTopology } from '../../../common/topology.ts';
import { visibleControls } from '../../../common/visible.ts';
import type { Translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { evidenceRows } from '../screens/evidence.ts';
import { topologySvg } from '../screens/topology-layout.ts';
import { fixScript } from '../screens/wizard/script.ts';
import { redact } from './redact.ts';

/** Redaction (MACs in every form, IPv6, public IPv4, user names in paths, host and VM names) is redact.ts's. */
export { isPrivateIpv4, redact as redactValue } from './redact.ts';

const MARK = { pass: '✓', fail: '✗', skip: '–', unknown: '?' } as const;
/** A check's status in words beside its mark: a mark alone is an empty box without the right font. */
const status = (s: CheckStatus, t: Translate) => `${MARK[s]} ${t(`check.status.${s}` as MessageKey)}`;

/** What a report is made of: the diagnosis, and the previews of the fixes it offers (their exact commands). */
interface Shared {
  view: DiagnosisView;
  previews: FixPreview[];
}
/** Redacted together, so a name has the same placeholder in the findings and in the commands. */
const shared = (view: DiagnosisView, previews: FixPreview[], redacting: boolean): Shared =>
  redacting ? redact({ view, previews }) : { view, previews };

const visible = visibleControls;
/** Text from outside data in Markdown: no raw HTML, no Markdown markup, no escape codes. */
const md = (s: string) =>
  visible(s)
    .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c)
    .replace(/([\\`*_[\]|])/g, '\\$1');
/** A value inside a `code span`: a backtick would end it, so it is shown quoted instead. */
const codeSafe = (s: string) => {
  const v = visible(s);
  return /[\s`'"]/.test(v) ? `'${v.replace(/[`']/g, '’')}'` : v;
};

/**
 * The forum post: what the user sees (the symptom), the verdict in words with its fix commands,
 * what else was found, the checks that failed or could not tell, and all checks last.
 */
export function reportMarkdown(
  view: DiagnosisView,
  t: Translate,
  redacting: boolean,
  lang: UiLanguage,
  symptom?: string,
  fixPreviews: FixPreview[] = [],
): string {
  const { view: v, previews } = shared(view, fixPreviews, redacting);
  const r = v.report;
  const fixesOf = (f: Finding) => offeredFixes(f, lang, previews, t);
  const topo = buildTopology(r);
  const node = (id: string) => t(`topology.node.${id}` as MessageKey);
  const broken = topo.links.filter((l) => l.state === 'broken').map((l) => `${node(l.from)} – ${node(l.to)}`);
  const lines = [
    `## ${t('report.heading')}`,
    '',
    ...(symptom ? [`**${t('report.problem')}:** ${md(symptom)}`, ''] : []),
    md(header(v, t)),
    '',
  ];
  const first = verdictFinding(r);
  const rest = alsoFound(r);
  const verdict = r.verdict;
  if (verdict.kind === 'unknown') {
    const check = r.checks.find((c) => c.id === verdict.check);
    const title = check ? checkTitle(check, lang) : verdict.check;
    lines.push(
      `**${t('report.verdict')}:** ${md(t(verdict.failed ? 'verdict.failedTitle' : 'verdict.unknownTitle', { check: title }))}`,
      '',
      md(t('verdict.where', { hop: hopName(verdict.hop, lang) })),
      '',
      md(t('verdict.learn', { how: learnText(verdict.learn, lang) })),
    );
  } else if (!first && nothingChecked(r))
    lines.push(`**${t('report.verdict')}:** ${md(t('verdict.nothingChecked'))}`, '', md(t('verdict.nothingCheckedDetail')));
  else if (!first) lines.push(`**${t('report.verdict')}:** ${t('findings.none')}`);
  else {
    const text = findingText(first, lang);
    lines.push(`**${t('report.verdict')}:** ${md(text.title)}`, '', md(text.detail), '');
    lines.push(md(t('verdict.where', { hop: hopName(first.hop, lang) })), '');
    for (const fix of fixesOf(first)) lines.push(fix, '');
  }
  lines.push(
    '',
    `**${t('topology.title')}:** ${t('topology.summary', {
      mode: t(`topology.mode.${topo.mode}` as MessageKey),
      broken: broken.length
        ? broken.join(', ')
        : topo.failed
          ? t('topology.noneBrokenButFailed', { count: topo.failed })
          : t('topology.noneBroken'),
    })}`,
  );
  if (rest.length) {
    lines.push('', `### ${t('verdict.also')}`, '');
    for (const f of rest) {
      const text = findingText(f, lang);
      lines.push(`- **${md(text.title)}** (${t(`findings.severity.${f.severity}` as MessageKey)})`);
      lines.push(`  - ${md(text.detail)}`);
      for (const fix of fixesOf(f)) lines.push('', fix.replace(/^/gm, '  '));
    }
  }
  const failing = r.checks.filter((c) => c.status === 'fail' || c.status === 'unknown');
  if (failing.length) {
    lines.push('', `### ${t('report.failing')}`, '');
    for (const c of failing) lines.push(`- **${status(c.status, t)}** · ${md(checkTitle(c, lang))}`);
  }
  lines.push('', `<details><summary>${t('report.allChecks')}</summary>`, '');
  for (const c of r.checks) lines.push(`- ${status(c.status, t)} · ${md(checkTitle(c, lang))}`);
  lines.push(
    '',
    '</details>',
    '',
    `<sub>${t('report.generated', { date: new Date().toISOString().slice(0, 16).replace('T', ' ') })} · VMnet Doctor</sub>`,
  );
  return `${lines.join('\n')}\n`;
}

/** The preview of one offered fix (the same fix with the same parameters), when it was previewed. */
const previewOf = (o: Finding['offers'][number], previews: FixPreview[]) =>
  previews.find((x) => x.fixId === o.fix && JSON.stringify(x.params) === JSON.stringify(o.params));

/** "host · Windows · 12 ms · bundle", in the reader's words. */
const header = (v: DiagnosisView, t: Translate) =>
  `${t(`role.${v.report.role}` as MessageKey)} · ${t(`platform.${v.report.platform}` as MessageKey)} · ${v.report.durationMs} ms${v.source === 'bundle' ? ` · ${v.bundleName ?? ''}` : ''}`;

/**
 * A finding's fixes as the commands a helper can check — the same script "Copy the commands"
 * gives, for the machine it names — or, when a fix could not be previewed, the command that
 * previews it anywhere.
 */
function offeredFixes(f: Finding, lang: UiLanguage, previews: FixPreview[], t: Translate): string[] {
  return f.offers.map((o) => {
    const p = previewOf(o, previews);
    if (!p)
      return `${fixName(o.fix, lang)}: \`vmnet-doctor fix ${o.fix}${Object.entries(o.params)
        .map(([k, v]) => ` --param ${codeSafe(`${k}=${v}`)}`)
        .join('')} --dry-run\``;
    const script = fixScript(p, scriptWords(p, lang, t)).trimEnd();
    // A fence longer than any run of backticks in the script, so nothing in it can end the block.
    const fence = '`'.repeat(Math.max(3, ...[...script.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return `**${md(fixName(o.fix, lang))}**\n\n${fence}${p.platform === 'windows' ? 'powershell' : 'sh'}\n${visible(script)}\n${fence}`;
  });
}

/** The script's comment lines, as the fix panel writes them. */
const scriptWords = (p: FixPreview, lang: UiLanguage, t: Translate) => ({
  title: `VMnet Doctor: ${fixName(p.fixId, lang)} — ${fixSummary(p.fixId, p.summaryParams, lang)}`,
  runOn: t('preview.runOn', { machine: t(`platform.${p.platform}` as MessageKey) }),
  how: p.platform === 'windows' ? t('preview.how.windows') : t('preview.how.linux'),
});

const escapeHtml = (s: string) =>
  visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * One file, no scripts, no external resources: safe to open anywhere. As the screen: the symptom,
 * the verdict, the picture (inline SVG), every finding with its evidence in words and the exact
 * commands of its fixes, and the checks with their status in words and colour.
 */
export function reportHtml(
  view: DiagnosisView,
  t: Translate,
  redacting: boolean,
  lang: UiLanguage,
  symptom?: string,
  fixPreviews: FixPreview[] = [],
): string {
  const { view: v, previews } = shared(view, fixPreviews, redacting);
  const r = v.report;
  const evidence = (e: Record<string, unknown> | undefined) => {
    const rows = e ? evidenceRows(e, lang) : [];
    return rows.length
      ? `<details><summary>${escapeHtml(t('check.evidence'))}</summary><table>${rows
          .map((row) => `<tr><th>${escapeHtml(row.label)}</th><td>${escapeHtml(row.value)}</td></tr>`)
          .join('')}</table></details>`
      : '';
  };
  const fixHtml = (f: Finding) =>
    f.offers
      .map((o) => {
        const p = previewOf(o, previews);
        return p
          ? `<p><strong>${escapeHtml(fixName(o.fix, lang))}</strong></p><pre class="commands">${escapeHtml(fixScript(p, scriptWords(p, lang, t)))}</pre>`
          : `<p>${escapeHtml(offeredFixes({ ...f, offers: [o] }, lang, [], t)[0] ?? '')}</p>`;
      })
      .join('');
  const first = verdictFinding(r);
  const said = r.verdict;
  const verdict =
    said.kind === 'unknown'
      ? t(said.failed ? 'verdict.failedTitle' : 'verdict.unknownTitle', {
          check: checkTitle(r.checks.find((c) => c.id === said.check) ?? { id: said.check }, lang),
        })
      : first
        ? findingText(first, lang).title
        : t('findings.none');
  const findings = r.findings
    .map((f) => {
      const text = findingText(f, lang);
      return `<li class="${f.severity}"><strong>${escapeHtml(text.title)}</strong> <span class="sev">${escapeHtml(t(`findings.severity.${f.severity}` as MessageKey))}</span><p>${escapeHtml(text.detail).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>${fixHtml(f)}${evidence(f.evidence)}</li>`;
    })
    .join('\n');
  const checks = r.checks
    .map(
      (c) =>
        `<li><span class="st ${c.status}">${escapeHtml(status(c.status, t))}</span> ${escapeHtml(checkTitle(c, lang))}${evidence(c.evidence)}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(t('report.heading'))}</title>
<style>:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--muted:#6e7781;--card:#fff;--border:#d0d7de;--fg:#1f2328}
body{font-family:system-ui,"Microsoft YaHei","PingFang SC",sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:var(--fg)}
.error{border-left:4px solid var(--bad);padding-left:.6em}.warning{border-left:4px solid var(--warn);padding-left:.6em}.info{padding-left:.6em}
.st{font-weight:600}.st.pass{color:var(--ok)}.st.fail{color:var(--bad)}.st.unknown{color:var(--warn)}.st.skip{color:var(--muted)}
.sev{color:var(--muted)}pre{white-space:pre-wrap;font-size:12px;background:#f6f8fa;padding:.6em}svg{max-width:100%;height:auto}
th{text-align:left;padding-right:1em;vertical-align:top}ul{padding-left:1.2em}li{margin:.5em 0}</style></head>
<body><h1>${escapeHtml(t('report.heading'))}</h1>
<p>${escapeHtml(header(v, t))}</p>
${symptom ? `<p><strong>${escapeHtml(t('report.problem'))}:</strong> ${escapeHtml(symptom)}</p>` : ''}
<p><strong>${escapeHtml(t('report.verdict'))}:</strong> ${escapeHtml(verdict)}</p>
<figure>${topologySvg(buildTopology(r), t, escapeHtml)}</figure>
<h2>${escapeHtml(t('findings.title'))}</h2><ul>${findings || `<li>${escapeHtml(t('findings.none'))}</li>`}</ul>
<h2>${escapeHtml(t('checks.title'))}</h2><ul>${checks}</ul>
<p><small>${escapeHtml(t('report.generated', { date: new Date().toISOString().slice(0, 16).replace('T', ' ') }))} · VMnet Doctor</small></p>
</body></html>
`;
}

export function reportJson(view: DiagnosisView, redacting: boolean): string {
  return `${JSON.stringify(redacting ? redact(view.report) : view.report, null, 2)}\n`;
}
