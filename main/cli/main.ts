/**
 * The command line (shared/spec/cli.md). Only the command's own output goes to stdout;
 * progress and errors go to stderr.
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fixName, fixSummary, localizeReport } from '../../common/catalogue/render.ts';
import { uiLanguageOf } from '../../common/catalogue/text.ts';
import {
  DIAGNOSE_DEFAULTS,
  type DiagnoseRequest,
  diagnoseRequestSchema,
  ROLES,
  SYMPTOMS,
} from '../../common/diagnose-request.ts';
import type { DiagnosisReport, ExplainedLiveAdapter, IpconfigExplanation, UiLanguage } from '../../common/domain.ts';
import { type Bundle, prepareOutDir, readBundle, writeBundle, writeNew } from '../bundle/bundle.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import { explainIpconfig, MAX_EXPLAIN_BYTES } from '../explain/explain-ipconfig.ts';
import { applyFix, describeStep, type FixOutcome, interruptFix, planFix, undoFix } from '../fixes/run-fix.ts';
import { RecordingSource, ReplaySource } from '../probes/source.ts';
import { systemLocale, thisPlatform } from '../services/platform.ts';
import { appVersion, listAdapters } from '../services/services.ts';
import { errOut, out } from './terminal.ts';

const HELP = `vmnet-doctor — find and fix why a virtual machine and its host cannot talk

Usage: vmnet-doctor <command> [options]

Commands:
  adapters              list this machine's network adapters
  explain [FILE|-]      explain every adapter in ipconfig output (any Windows language)
  diagnose              probe this machine and list root causes (--from DIR: a bundle)
  collect --out DIR     write every probe's raw output to a bundle (docs/bundle-format.md)
  fix FIX_ID            apply a fix, journaled, verified, undoable (--param K=V, --dry-run, --yes,
                        --allow-wide to open a firewall wider than the VM network)
  undo [ID | --last]    revert a journaled fix

Diagnose and collect options:
  --role host|guest|auto          where this runs (default ${DIAGNOSE_DEFAULTS.role})
  --symptom NAME                  ${SYMPTOMS.join(' | ')} (default ${DIAGNOSE_DEFAULTS.symptom})
  --host-ip IP, --vm-ip IP        the other side's address, when known
  --internet-target IP            repeatable (default ${DIAGNOSE_DEFAULTS.internetTargets.join(', ')})
  --service-port N                repeatable; a TCP port to reach on the VM
  --dns-name NAME                 a name to resolve (default ${DIAGNOSE_DEFAULTS.dnsName})
  --from DIR                      analyse a bundle written by collect

Options:
  --json                print exactly one JSON document on stdout
  --lang en|zh-CN|zh-TW language of human text
  --timeout-ms N        per-probe timeout (diagnose, collect: default ${DIAGNOSE_DEFAULTS.timeoutMs}; adapters: 8000)
  -h, --help            show this help
  -v, --version         print the version
`;

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    errOut(`vmnet-doctor: ${(error as Error).message}\nTry 'vmnet-doctor --help'.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    out(`${appVersion()}\n`);
    return 0;
  }
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') {
    out(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const lang = resolveLanguage(values.lang);
  if (lang === null) {
    errOut('vmnet-doctor: --lang must be en, zh-CN or zh-TW\n');
    return 2;
  }
  if (command === 'adapters') return adaptersCommand(values);
  if (command === 'explain') return explainCommand(positionals.slice(1), values.json === true, lang);
  if (command === 'diagnose') return diagnoseCommand(values, lang);
  if (command === 'fix') return fixCommand(positionals.slice(1), values, lang);
  if (command === 'undo') return undoCommand(positionals.slice(1), values);
  if (command === 'collect') return collectCommand(values);
  errOut(`vmnet-doctor: unknown command '${command}'\nTry 'vmnet-doctor --help'.\n`);
  return 2;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      lang: { type: 'string' },
      'timeout-ms': { type: 'string' },
      role: { type: 'string' },
      symptom: { type: 'string' },
      'host-ip': { type: 'string' },
      'vm-ip': { type: 'string' },
      'internet-target': { type: 'string', multiple: true },
      'service-port': { type: 'string', multiple: true },
      'dns-name': { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string' },
      param: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      'allow-wide': { type: 'boolean' },
      yes: { type: 'boolean' },
      last: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

async function adaptersCommand(values: { json?: boolean; 'timeout-ms'?: string }): Promise<number> {
  const timeoutMs = Number(values['timeout-ms'] ?? 8000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) {
    errOut('vmnet-doctor: --timeout-ms must be a whole number of milliseconds (100–600000)\n');
    return 2;
  }
  const listing = await listAdapters(timeoutMs, () => {});
  if (values.json) {
    out(`${JSON.stringify(listing, null, 2)}\n`);
  } else {
    if (listing.probe.status !== 'ok') errOut(`vmnet-doctor: ${listing.probe.error ?? listing.probe.status}\n`);
    out(listing.adapters.map(formatAdapter).join('\n') + (listing.adapters.length ? '\n' : ''));
  }
  return listing.probe.status === 'ok' ? 0 : 1;
}

type DiagnoseFlags = {
  json?: boolean;
  role?: string;
  symptom?: string;
  'host-ip'?: string;
  'vm-ip'?: string;
  'internet-target'?: string[];
  'service-port'?: string[];
  'dns-name'?: string;
  'timeout-ms'?: string;
  from?: string;
};

/** The flag that sets each field of the request, for error messages. */
const REQUEST_FLAGS: Record<keyof DiagnoseRequest, string> = {
  role: '--role',
  symptom: '--symptom',
  hostIp: '--host-ip',
  vmIp: '--vm-ip',
  internetTargets: '--internet-target',
  servicePorts: '--service-port',
  dnsName: '--dns-name',
  timeoutMs: '--timeout-ms',
};

/** Validates the diagnose flags into a request (the one schema, the one set of defaults); a string is the usage error. */
function diagnoseRequest(values: DiagnoseFlags): DiagnoseRequest | string {
  const number = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : Number.NaN);
  const raw = {
    role: values.role,
    symptom: values.symptom,
    hostIp: values['host-ip'],
    vmIp: values['vm-ip'],
    internetTargets: values['internet-target'],
    servicePorts: values['service-port']?.map(number),
    dnsName: values['dns-name'],
    timeoutMs: values['timeout-ms'] === undefined ? undefined : number(values['timeout-ms']),
  };
  const parsed = diagnoseRequestSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path[0] as keyof DiagnoseRequest | undefined;
  const flag = field ? REQUEST_FLAGS[field] : 'an option';
  const allowed = field === 'role' ? ROLES.join(', ') : field === 'symptom' ? SYMPTOMS.join(', ') : null;
  return `${flag} must be ${allowed ? `one of ${allowed}` : (issue?.message ?? 'valid')}`;
}

function usageError(message: string): number {
  errOut(`vmnet-doctor: ${message}\n`);
  return 2;
}

async function diagnoseCommand(values: DiagnoseFlags, lang: UiLanguage): Promise<number> {
  const request = diagnoseRequest(values);
  if (typeof request === 'string') return usageError(request);
  let report: DiagnosisReport;
  if (values.from !== undefined) {
    let bundle: Bundle;
    try {
      bundle = await readBundle(values.from);
    } catch (error) {
      return usageError(`cannot read the bundle ${values.from}: ${(error as Error).message}`);
    }
    // The bundle's own request reproduces the run; --role and --symptom given here override it.
    const replayed: DiagnoseRequest = {
      ...bundle.request,
      ...(values.role ? { role: request.role } : {}),
      ...(values.symptom ? { symptom: request.symptom } : {}),
    };
    report = await diagnose(replayed, new ReplaySource(bundle.records), bundle.platform);
  } else {
    if (thisPlatform() === null) return usageError(`live diagnosis is not supported on ${process.platform}; use --from`);
    report = await diagnose(request);
  }
  const localized = localizeReport(report, lang);
  if (values.json) out(`${JSON.stringify(localized, null, 2)}\n`);
  else out(formatDiagnosis(localized, lang));
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function collectCommand(values: DiagnoseFlags & { out?: string }): Promise<number> {
  if (!values.out) return usageError('usage: collect --out DIR [diagnose options]');
  const request = diagnoseRequest(values);
  if (typeof request === 'string') return usageError(request);
  // The folder is checked before anything is probed: a refused folder costs nothing.
  try {
    prepareOutDir(values.out);
  } catch (error) {
    errOut(`vmnet-doctor: cannot write the bundle: ${(error as Error).message}\n`);
    return 3;
  }
  const platform = thisPlatform();
  if (platform === null) return usageError(`collect is not supported on ${process.platform}`);
  const source = new RecordingSource();
  const report = await diagnose(request, source, platform);
  let manifest: string;
  try {
    manifest = writeBundle(
      values.out,
      { platform, role: report.role, request, records: source.records },
      { name: 'vmnet-doctor', version: appVersion() },
    );
    writeNew(join(values.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    errOut(`vmnet-doctor: cannot write the bundle: ${(error as Error).message}\n`);
    return 3;
  }
  const summary = { bundle: values.out, manifest, records: source.records.length, findings: report.findings.map((f) => f.id) };
  if (values.json) out(`${JSON.stringify(summary, null, 2)}\n`);
  else out(`${values.out}\n`);
  errOut(
    `collected ${source.records.length} observations; send the folder ${values.out} (diagnose --from ${values.out} replays it)\n`,
  );
  return 0;
}

type FixFlags = { json?: boolean; param?: string[]; 'dry-run'?: boolean; yes?: boolean; last?: boolean; 'allow-wide'?: boolean };

function printOutcome(outcome: FixOutcome, json: boolean): number {
  if (outcome.status === 'invalid' || outcome.status === 'needs-elevation') {
    errOut(`vmnet-doctor: ${outcome.message}\n`);
    if (outcome.status === 'invalid') return 2;
    if (json) out(`${JSON.stringify({ status: outcome.status, message: outcome.message })}\n`);
    return 4;
  }
  if (json) {
    out(
      `${JSON.stringify({ status: outcome.status, journalId: outcome.entry.id, fixId: outcome.entry.fixId, evidence: outcome.evidence, log: outcome.entry.log }, null, 2)}\n`,
    );
  } else {
    out(`${outcome.entry.id}\n`);
    errOut(`${outcome.status}: ${outcome.evidence}\n`);
  }
  return outcome.status === 'verified' ? 0 : 1;
}

async function fixCommand(args: string[], values: FixFlags, lang: UiLanguage): Promise<number> {
  const [id, ...extra] = args;
  if (!id || extra.length) {
    errOut('vmnet-doctor: usage: fix FIX_ID [--param KEY=VALUE]… [--dry-run] [--yes] [--json]\n');
    return 2;
  }
  const params: Record<string, string> = {};
  for (const pair of values.param ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) {
      errOut(`vmnet-doctor: --param must be KEY=VALUE, got '${pair}'\n`);
      return 2;
    }
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (values['allow-wide']) {
    params.allowWide = 'yes';
    errOut('vmnet-doctor: --allow-wide: this may open the firewall wider than the VM network\n');
  }
  const planned = await planFix(id, params);
  if (!planned.ok) {
    errOut(`vmnet-doctor: ${planned.error.message}\n`);
    return 2;
  }
  const steps = planned.value.plan.steps.map(describeStep);
  const summary = fixSummary(planned.value.definition.id, planned.value.plan.summary, lang);
  if (values['dry-run']) {
    if (values.json)
      out(
        `${JSON.stringify({ fixId: id, params: planned.value.params, summary, summaryParams: planned.value.plan.summary, steps, undo: planned.value.undo.map(describeStep) }, null, 2)}\n`,
      );
    else out(`${summary}\n${steps.map((s) => `  ${s.replace(/\n/g, '\n  ')}`).join('\n')}\n`);
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      errOut('vmnet-doctor: confirm with --yes (no terminal to ask on)\n');
      return 2;
    }
    errOut(`${summary}\n${steps.map((s) => `  ${s}`).join('\n')}\n${WORDS[lang].apply} [y/N] `);
    const answer = await new Promise<string>((resolve) => process.stdin.once('data', (d) => resolve(String(d).trim())));
    process.stdin.pause();
    if (!/^y(es)?$/i.test(answer)) {
      errOut('not applied\n');
      return 1;
    }
  }
  return printOutcome(await whileHandlingSignals(() => applyFix(id, params)), values.json === true);
}

/**
 * Ctrl-C (or a TERM) during a fix ends its running step and lets the fix roll back, instead of
 * leaving the step running in its own process group; the command then reports "rolled-back".
 */
async function whileHandlingSignals<T>(fn: () => Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    errOut(`vmnet-doctor: ${signal}: stopping the running step, then rolling back; please wait\n`);
    interruptFix(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await fn();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function undoCommand(args: string[], values: FixFlags): Promise<number> {
  const target = values.last ? 'last' : args[0];
  if (!target || args.length > 1 || (values.last && args.length)) {
    errOut('vmnet-doctor: usage: undo JOURNAL_ID | --last\n');
    return 2;
  }
  return printOutcome(await whileHandlingSignals(() => undoFix(target)), values.json === true);
}

/** The command line's own words; findings, checks and fixes speak through the catalogue. */
const WORDS = {
  en: { heading: 'Diagnosis', none: 'No problem found.', fix: 'fix', apply: 'Apply?' },
  'zh-CN': { heading: '诊断', none: '没有发现问题。', fix: '修复', apply: '要应用吗？' },
  'zh-TW': { heading: '診斷', none: '沒有發現問題。', fix: '修復', apply: '要套用嗎？' },
} as const;

/** `vmnet-doctor fix …` exactly as the user would type it, values quoted for a POSIX shell. */
function fixCommandLine(fix: string, params: Record<string, string>): string {
  const quote = (v: string) => (/^[\w.:/@%+=-]+$/.test(v) ? v : `'${v.replace(/'/g, "'\\''")}'`);
  return ['vmnet-doctor fix', fix, ...Object.entries(params).map(([k, v]) => `--param ${quote(`${k}=${v}`)}`)].join(' ');
}

function formatDiagnosis(report: DiagnosisReport, lang: UiLanguage): string {
  const mark = { pass: '✓', fail: '✗', skip: '–', unknown: '?' } as const;
  const words = WORDS[lang];
  const lines = [`${words.heading} (${report.role}, ${report.platform}) ${report.durationMs} ms`, ''];
  for (const c of report.checks) lines.push(`  ${mark[c.status]} ${c.title}`);
  lines.push('');
  if (report.findings.length === 0) lines.push(words.none);
  for (const f of report.findings) {
    lines.push(`[${f.severity}] ${f.id}: ${f.title}`, `  ${f.detail}`);
    for (const o of f.offers)
      lines.push(`  ${words.fix} (${fixName(o.fix, lang)}): ${fixCommandLine(o.fix, o.params)} --dry-run`);
  }
  return `${lines.join('\n')}\n`;
}

function resolveLanguage(flag: string | undefined): UiLanguage | null {
  if (flag === undefined) return uiLanguageOf(systemLocale());
  return flag === 'en' || flag === 'zh-CN' || flag === 'zh-TW' ? flag : null;
}

/** Reads at most one byte past the limit, so a huge file or pipe is refused without being slurped. */
function readInput(source: string | undefined): Uint8Array {
  const fd = source === undefined || source === '-' ? 0 : openSync(source, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(64 * 1024);
    while (total <= MAX_EXPLAIN_BYTES) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
      total += n;
    }
    return Buffer.concat(chunks);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

async function explainCommand(args: string[], json: boolean, lang: UiLanguage): Promise<number> {
  if (args.length > 1) {
    errOut('vmnet-doctor: explain takes one FILE (or - for standard input)\n');
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readInput(args[0]);
  } catch (error) {
    errOut(
      `vmnet-doctor: cannot read ${args[0] ?? 'standard input'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return 3;
  }
  const outcome = explainIpconfig(bytes, lang);
  if (!outcome.ok) {
    errOut(`vmnet-doctor: ${outcome.error.message}\n`);
    return outcome.error.code === 'not-ipconfig' ? 2 : 3;
  }
  if (json) {
    const { hostName, locale, adapters } = outcome.value;
    out(`${JSON.stringify({ hostName, locale, adapters }, null, 2)}\n`);
  } else {
    out(formatExplanation(outcome.value, lang));
  }
  return 0;
}

const RELEVANCE_TITLES: Record<UiLanguage, Record<string, string>> = {
  en: { vm: 'Your VM networks', 'host-uplink': 'Your internet connection', other: 'Other adapters (safe to ignore for VMs)' },
  'zh-CN': { vm: '虚拟机网络', 'host-uplink': '本机上网连接', other: '其他网卡（与虚拟机无关）' },
  'zh-TW': { vm: '虛擬機器網路', 'host-uplink': '本機上網連線', other: '其他介面卡（與虛擬機器無關）' },
};

function formatExplanation(result: IpconfigExplanation, lang: UiLanguage): string {
  const lines: string[] = [];
  if (result.hostName) lines.push(`${result.hostName} (${result.locale})`, '');
  for (const relevance of ['vm', 'host-uplink', 'other'] as const) {
    const group = result.adapters.filter((a) => a.relevance === relevance);
    if (group.length === 0) continue;
    lines.push(`== ${RELEVANCE_TITLES[lang][relevance]}`);
    for (const a of group) {
      const v4 = a.ipv4.map((x) => `${x.address}${x.mask ? `/${x.mask}` : ''}`).join(', ');
      lines.push(`* ${a.name}${a.description ? ` — ${a.description}` : ''}${v4 ? `  [${v4}]` : ''}`);
      lines.push(`  ${a.explanation}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function formatAdapter(a: ExplainedLiveAdapter): string {
  const v4 = a.ipv4.map((x) => `${x.address}/${x.prefixLength}`).join(', ') || '-';
  return `${a.name.padEnd(20)} ${a.state.padEnd(9)} ${v4.padEnd(22)} ${(a.mac ?? '-').padEnd(18)} ${a.category}`;
}

process.exitCode = await main(process.argv.slice(2));
