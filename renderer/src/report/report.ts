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
  hopName,
  learnText,
  verdictFinding,
} from '../../../common/catalogue/render.ts';
import type { DiagnosisView, Finding, UiLanguage } from '../../../common/domain.ts';
import { buildTopology } from '../../../common/topology.ts';
import { visibleControls } from '../../../common/visible.ts';
import type { Translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { redact } from './redact.ts';

/** Redaction (MACs in every form, IPv6, public IPv4, user names in paths, host and VM names) is redact.ts's. */
export { isPrivateIpv4, redact as redactValue } from './redact.ts';

const MARK = { pass: '✅', fail: '❌', skip: '➖', unknown: '❔' } as const;

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
): string {
  const v = redacting ? redact(view) : view;
  const r = v.report;
  const topo = buildTopology(r);
  const node = (id: string) => t(`topology.node.${id}` as MessageKey);
  const broken = topo.links.filter((l) => l.state === 'broken').map((l) => `${node(l.from)} – ${node(l.to)}`);
  const lines = [
    `## ${t('report.heading')}`,
    '',
    ...(symptom ? [`**${t('report.problem')}:** ${md(symptom)}`, ''] : []),
    `${t(`role.${r.role}` as MessageKey)} · ${t(`platform.${r.platform}` as MessageKey)} · ${r.durationMs} ms${v.source === 'bundle' ? ` · ${md(v.bundleName ?? '')}` : ''}`,
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
  } else if (!first) lines.push(`**${t('report.verdict')}:** ${t('findings.none')}`);
  else {
    const text = findingText(first, lang);
    lines.push(`**${t('report.verdict')}:** ${md(text.title)}`, '', md(text.detail), '');
    lines.push(md(t('verdict.where', { hop: hopName(first.hop, lang) })), '');
    for (const fix of offeredFixes(first, lang)) lines.push(`- ${fix}`);
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
      lines.push(`- **${md(text.title)}** (${t(`findings.severity.${f.severity}` as MessageKey)}, ${f.id})`);
      lines.push(`  - ${md(text.detail)}`);
      for (const fix of offeredFixes(f, lang)) lines.push(`  - ${fix}`);
    }
  }
  const failing = r.checks.filter((c) => c.status === 'fail' || c.status === 'unknown');
  if (failing.length) {
    lines.push('', `### ${t('report.failing')}`, '');
    for (const c of failing) lines.push(`- ${MARK[c.status]} ${md(checkTitle(c, lang))}`);
  }
  lines.push('', `<details><summary>${t('report.allChecks')}</summary>`, '');
  for (const c of r.checks) lines.push(`- ${MARK[c.status]} ${md(checkTitle(c, lang))}`);
  lines.push(
    '',
    '</details>',
    '',
    `<sub>${t('report.generated', { date: new Date().toISOString().slice(0, 16).replace('T', ' ') })} · VMnet Doctor</sub>`,
  );
  return `${lines.join('\n')}\n`;
}

/** A finding's fixes as "name: `vmnet-doctor fix …`", the command that previews it anywhere. */
function offeredFixes(f: Finding, lang: UiLanguage): string[] {
  return f.offers.map(
    (o) =>
      `${fixName(o.fix, lang)}: \`vmnet-doctor fix ${o.fix}${Object.entries(o.params)
        .map(([k, v]) => ` --param ${codeSafe(`${k}=${v}`)}`)
        .join('')} --dry-run\``,
  );
}

const escapeHtml = (s: string) =>
  visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** One file, no scripts, no external resources: safe to open anywhere. */
export function reportHtml(view: DiagnosisView, t: Translate, redacting: boolean, lang: UiLanguage): string {
  const v = redacting ? redact(view) : view;
  const r = v.report;
  const findings = r.findings.length
    ? r.findings
        .map(
          (f) =>
            `<li class="${f.severity}"><strong>${escapeHtml(findingText(f, lang).title)}</strong> (${escapeHtml(f.id)})<br><small>${escapeHtml(findingText(f, lang).detail)}</small>${offeredFixes(
              f,
              lang,
            )
              .map((x) => `<br><small>${escapeHtml(x)}</small>`)
              .join('')}</li>`,
        )
        .join('\n')
    : `<li>${escapeHtml(t('findings.none'))}</li>`;
  const checks = r.checks
    .map(
      (c) =>
        `<li>${MARK[c.status]} ${escapeHtml(checkTitle(c, lang))}${c.evidence ? `<details><summary>${escapeHtml(t('check.evidence'))}</summary><pre>${escapeHtml(JSON.stringify(c.evidence, null, 2))}</pre></details>` : ''}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(t('report.heading'))}</title>
<style>body{font-family:system-ui,"Microsoft YaHei",sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color-scheme:light dark}
.error{color:#cf222e}.warning{color:#9a6700}pre{white-space:pre-wrap;font-size:12px}</style></head>
<body><h1>${escapeHtml(t('report.heading'))}</h1>
<p>${escapeHtml(`${r.role} · ${r.platform} · ${r.durationMs} ms`)}</p>
<h2>${escapeHtml(t('findings.title'))}</h2><ul>${findings}</ul>
<h2>${escapeHtml(t('checks.title'))}</h2><ul>${checks}</ul>
</body></html>
`;
}

export function reportJson(view: DiagnosisView, redacting: boolean): string {
  return `${JSON.stringify(redacting ? redact(view.report) : view.report, null, 2)}\n`;
}
