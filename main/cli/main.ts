/**
 * The command line (shared/spec/cli.md). Only the command's own output goes to stdout;
 * progress and errors go to stderr.
 */

import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DiagnosisReport, ExplainedLiveAdapter, IpconfigExplanation, UiLanguage } from '../../common/domain.ts';
import { type Bundle, readBundle, writeBundle } from '../bundle/bundle.ts';
import { type DiagnoseRequest, diagnose, thisPlatform } from '../diagnosis/diagnose.ts';
import { explainIpconfig, MAX_EXPLAIN_BYTES } from '../explain/explain-ipconfig.ts';
import { applyFix, describeStep, type FixOutcome, planFix, undoFix } from '../fixes/run-fix.ts';
import { isIpv4 } from '../net/ipv4.ts';
import { RecordingSource, ReplaySource } from '../probes/source.ts';
import { systemLocale } from '../services/platform.ts';
import { appVersion, listAdapters } from '../services/services.ts';
import { DEFAULT_INTERNET_TARGETS } from '../services/wizard-services.ts';

const HELP = `vmnet-doctor — find and fix why a virtual machine and its host cannot talk

Usage: vmnet-doctor <command> [options]

Commands:
  adapters              list this machine's network adapters
  explain [FILE|-]      explain every adapter in ipconfig output (any Windows language)
  diagnose              probe this machine and list root causes (--from DIR: a bundle)
  collect --out DIR     write every probe's raw output to a bundle (docs/bundle-format.md)
  fix FIX_ID            apply a fix, journaled, verified, undoable
  undo [ID | --last]    revert a journaled fix

Options:
  --json                print exactly one JSON document on stdout
  --lang en|zh-CN|zh-TW language of human text
  --timeout-ms N        per-probe timeout (default 8000)
  -h, --help            show this help
  -v, --version         print the version
`;

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`vmnet-doctor: ${(error as Error).message}\nTry 'vmnet-doctor --help'.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const lang = resolveLanguage(values.lang);
  if (lang === null) {
    process.stderr.write('vmnet-doctor: --lang must be en, zh-CN or zh-TW\n');
    return 2;
  }
  if (command === 'adapters') return adaptersCommand(values);
  if (command === 'explain') return explainCommand(positionals.slice(1), values.json === true, lang);
  if (command === 'diagnose') return diagnoseCommand(values);
  if (command === 'fix') return fixCommand(positionals.slice(1), values);
  if (command === 'undo') return undoCommand(positionals.slice(1), values);
  if (command === 'collect') return collectCommand(values);
  process.stderr.write(`vmnet-doctor: unknown command '${command}'\nTry 'vmnet-doctor --help'.\n`);
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
    process.stderr.write('vmnet-doctor: --timeout-ms must be a whole number of milliseconds (100–600000)\n');
    return 2;
  }
  const listing = await listAdapters(timeoutMs, () => {});
  if (values.json) {
    process.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
  } else {
    if (listing.probe.status !== 'ok') process.stderr.write(`vmnet-doctor: ${listing.probe.error ?? listing.probe.status}\n`);
    process.stdout.write(listing.adapters.map(formatAdapter).join('\n') + (listing.adapters.length ? '\n' : ''));
  }
  return listing.probe.status === 'ok' ? 0 : 1;
}

const SYMPTOMS = ['vm-cannot-ping-host', 'host-cannot-reach-vm', 'vm-no-internet', 'vm-no-ip', 'auto'] as const;

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

/** Validates the diagnose flags into a request; a string is the usage error to print. */
function diagnoseRequest(values: DiagnoseFlags): DiagnoseRequest | string {
  const role = values.role ?? 'auto';
  if (role !== 'host' && role !== 'guest' && role !== 'auto') return '--role must be host, guest or auto';
  const symptom = values.symptom ?? 'auto';
  if (!(SYMPTOMS as readonly string[]).includes(symptom)) return `--symptom must be one of ${SYMPTOMS.join(', ')}`;
  for (const flag of ['host-ip', 'vm-ip'] as const) {
    const value = values[flag];
    if (value !== undefined && !isIpv4(value)) return `--${flag} must be an IPv4 address`;
  }
  const targets = values['internet-target'] ?? DEFAULT_INTERNET_TARGETS;
  if (targets.some((t) => !isIpv4(t))) return '--internet-target must be an IPv4 address';
  const ports = (values['service-port'] ?? []).map(Number);
  if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) return '--service-port must be a port number (1-65535)';
  const timeoutMs = Number(values['timeout-ms'] ?? 4000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) return '--timeout-ms must be 100-600000';
  const dnsName = values['dns-name'] ?? 'www.microsoft.com';
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(dnsName)) return '--dns-name must be a host name';
  return {
    role,
    symptom: symptom as (typeof SYMPTOMS)[number],
    internetTargets: targets,
    servicePorts: ports,
    dnsName,
    timeoutMs,
    ...(values['host-ip'] ? { hostIp: values['host-ip'] } : {}),
    ...(values['vm-ip'] ? { vmIp: values['vm-ip'] } : {}),
  };
}

function usageError(message: string): number {
  process.stderr.write(`vmnet-doctor: ${message}\n`);
  return 2;
}

async function diagnoseCommand(values: DiagnoseFlags): Promise<number> {
  const request = diagnoseRequest(values);
  if (typeof request === 'string') return usageError(request);
  let report: DiagnosisReport;
  if (values.from !== undefined) {
    let bundle: Bundle;
    try {
      bundle = readBundle(values.from);
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
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(formatDiagnosis(report));
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function collectCommand(values: DiagnoseFlags & { out?: string }): Promise<number> {
  if (!values.out) return usageError('usage: collect --out DIR [diagnose options]');
  const request = diagnoseRequest(values);
  if (typeof request === 'string') return usageError(request);
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
    writeFileSync(join(values.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`vmnet-doctor: cannot write the bundle: ${(error as Error).message}\n`);
    return 3;
  }
  const summary = { bundle: values.out, manifest, records: source.records.length, findings: report.findings.map((f) => f.id) };
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(`${values.out}\n`);
  process.stderr.write(
    `collected ${source.records.length} observations; send the folder ${values.out} (diagnose --from ${values.out} replays it)\n`,
  );
  return 0;
}

type FixFlags = { json?: boolean; param?: string[]; 'dry-run'?: boolean; yes?: boolean; last?: boolean };

function printOutcome(outcome: FixOutcome, json: boolean): number {
  if (outcome.status === 'invalid' || outcome.status === 'needs-elevation') {
    process.stderr.write(`vmnet-doctor: ${outcome.message}\n`);
    if (outcome.status === 'invalid') return 2;
    if (json) process.stdout.write(`${JSON.stringify({ status: outcome.status, message: outcome.message })}\n`);
    return 4;
  }
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ status: outcome.status, journalId: outcome.entry.id, fixId: outcome.entry.fixId, evidence: outcome.evidence, log: outcome.entry.log }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${outcome.entry.id}\n`);
    process.stderr.write(`${outcome.status}: ${outcome.evidence}\n`);
  }
  return outcome.status === 'verified' ? 0 : 1;
}

async function fixCommand(args: string[], values: FixFlags): Promise<number> {
  const [id, ...extra] = args;
  if (!id || extra.length) {
    process.stderr.write('vmnet-doctor: usage: fix FIX_ID [--param KEY=VALUE]… [--dry-run] [--yes] [--json]\n');
    return 2;
  }
  const params: Record<string, string> = {};
  for (const pair of values.param ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) {
      process.stderr.write(`vmnet-doctor: --param must be KEY=VALUE, got '${pair}'\n`);
      return 2;
    }
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const planned = await planFix(id, params);
  if (!planned.ok) {
    process.stderr.write(`vmnet-doctor: ${planned.message}\n`);
    return 2;
  }
  const steps = planned.plan.steps.map(describeStep);
  if (values['dry-run']) {
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ fixId: id, params: planned.params, summary: planned.plan.summary, steps, undo: planned.plan.undo.map(describeStep) }, null, 2)}\n`,
      );
    else process.stdout.write(`${planned.plan.summary}\n${steps.map((s) => `  ${s.replace(/\n/g, '\n  ')}`).join('\n')}\n`);
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      process.stderr.write('vmnet-doctor: confirm with --yes (no terminal to ask on)\n');
      return 2;
    }
    process.stderr.write(`${planned.plan.summary}\n${steps.map((s) => `  ${s}`).join('\n')}\nApply? [y/N] `);
    const answer = await new Promise<string>((resolve) => process.stdin.once('data', (d) => resolve(String(d).trim())));
    process.stdin.pause();
    if (!/^y(es)?$/i.test(answer)) {
      process.stderr.write('not applied\n');
      return 1;
    }
  }
  return printOutcome(await applyFix(id, params), values.json === true);
}

async function undoCommand(args: string[], values: FixFlags): Promise<number> {
  const target = values.last ? 'last' : args[0];
  if (!target || args.length > 1 || (values.last && args.length)) {
    process.stderr.write('vmnet-doctor: usage: undo JOURNAL_ID | --last\n');
    return 2;
  }
  return printOutcome(await undoFix(target), values.json === true);
}

function formatDiagnosis(report: DiagnosisReport): string {
  const mark = { pass: '✓', fail: '✗', skip: '–', unknown: '?' } as const;
  const lines = [`Diagnosis (${report.role}, ${report.platform}) in ${report.durationMs} ms`, ''];
  for (const c of report.checks) lines.push(`  ${mark[c.status]} ${c.title}`);
  lines.push('');
  if (report.findings.length === 0) lines.push('No problem found.');
  for (const f of report.findings) {
    lines.push(`[${f.severity}] ${f.id}: ${f.title}`, `  ${f.detail}`);
    if (f.fixes.length) lines.push(`  fixes: ${f.fixes.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function resolveLanguage(flag: string | undefined): UiLanguage | null {
  if (flag === undefined) {
    const tag = systemLocale().toLowerCase();
    if (!tag.startsWith('zh')) return 'en';
    return /hant|-tw|-hk|-mo/.test(tag) ? 'zh-TW' : 'zh-CN';
  }
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
    process.stderr.write('vmnet-doctor: explain takes one FILE (or - for standard input)\n');
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readInput(args[0]);
  } catch (error) {
    process.stderr.write(
      `vmnet-doctor: cannot read ${args[0] ?? 'standard input'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return 3;
  }
  const outcome = explainIpconfig(bytes, lang);
  if (!outcome.ok) {
    process.stderr.write(`vmnet-doctor: ${outcome.message}\n`);
    return outcome.code === 'not-ipconfig' ? 2 : 3;
  }
  if (json) {
    const { hostName, locale, adapters } = outcome.value;
    process.stdout.write(`${JSON.stringify({ hostName, locale, adapters }, null, 2)}\n`);
  } else {
    process.stdout.write(formatExplanation(outcome.value, lang));
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
