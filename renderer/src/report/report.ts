/**
 * Exporting a diagnosis: Markdown (also "copy for a forum post"), one self-contained HTML file, and
 * JSON. Redaction is on unless the user opts out: MAC addresses, public IPv4 addresses and host
 * names are masked; private addresses stay, since they are the diagnosis.
 */
import { checkTitle, findingText, fixName } from '../../../common/catalogue/render.ts';
import type { DiagnosisView, Finding, UiLanguage } from '../../../common/domain.ts';
import { buildTopology } from '../../../common/topology.ts';
import type { Translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/messages.ts';

const MAC = /\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\b/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;

/** Addresses that identify nobody: private, loopback, link-local, CGNAT, documentation and unspecified. */
export function isPrivateIpv4(address: string): boolean {
  const [a = 0, b = 0, c = 0] = address.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224
  );
}

export function redactText(text: string): string {
  return text
    .replace(MAC, 'xx:xx:xx:xx:xx:xx')
    .replace(IPV4, (ip) => (ip.split('.').every((o) => Number(o) <= 255) && !isPrivateIpv4(ip) ? 'x.x.x.x' : ip));
}

const HOST_NAME_KEYS = new Set(['hostName', 'hostname', 'computerName', 'user']);

/** Deep copy with every string redacted and host-name fields masked. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, HOST_NAME_KEYS.has(k) && typeof v === 'string' ? '(hidden)' : redactValue(v)]),
    ) as T;
  }
  return value;
}

const MARK = { pass: '✅', fail: '❌', skip: '➖', unknown: '❔' } as const;

export function reportMarkdown(view: DiagnosisView, t: Translate, redact: boolean, lang: UiLanguage): string {
  const v = redact ? redactValue(view) : view;
  const r = v.report;
  const topo = buildTopology(r);
  const node = (id: string) => t(`topology.node.${id}` as MessageKey);
  const broken = topo.links.filter((l) => l.state === 'broken').map((l) => `${node(l.from)} – ${node(l.to)}`);
  const lines = [
    `## ${t('report.heading')}`,
    '',
    `${r.role} · ${r.platform} · ${r.durationMs} ms${v.source === 'bundle' ? ` · bundle ${v.bundleName ?? ''}` : ''}`,
    '',
    `**${t('topology.title')}:** ${t('topology.summary', {
      mode: t(`topology.mode.${topo.mode}` as MessageKey),
      broken: broken.length ? broken.join(', ') : t('topology.noneBroken'),
    })}`,
    '',
    `### ${t('findings.title')}`,
    '',
  ];
  if (r.findings.length === 0) lines.push(t('findings.none'));
  for (const f of r.findings) {
    const text = findingText(f, lang);
    lines.push(`- **${text.title}** (${t(`findings.severity.${f.severity}` as MessageKey)}, ${f.id})`);
    lines.push(`  - ${text.detail}`);
    for (const fix of offeredFixes(f, lang)) lines.push(`  - ${fix}`);
  }
  lines.push('', `### ${t('checks.title')}`, '');
  for (const c of r.checks) lines.push(`- ${MARK[c.status]} ${checkTitle(c, lang)}`);
  lines.push(
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
        .map(([k, v]) => ` --param ${k}=${v}`)
        .join('')} --dry-run\``,
  );
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** One file, no scripts, no external resources: safe to open anywhere. */
export function reportHtml(view: DiagnosisView, t: Translate, redact: boolean, lang: UiLanguage): string {
  const v = redact ? redactValue(view) : view;
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

export function reportJson(view: DiagnosisView, redact: boolean): string {
  return `${JSON.stringify(redact ? redactValue(view.report) : view.report, null, 2)}\n`;
}
