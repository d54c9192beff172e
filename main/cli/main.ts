/**
 * The command line (shared/spec/cli.md). Only the command's own output goes to stdout;
 * progress and errors go to stderr.
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIX_IDS, FIXES, type FixId } from '../../common/catalogue/fixes.ts';
import { readBackText } from '../../common/catalogue/read-backs.ts';
import {
  alsoFound,
  fixName,
  fixSummary,
  hopName,
  learnText,
  localizeReport,
  nothingChecked,
  unknownHops,
  verdictFinding,
} from '../../common/catalogue/render.ts';
import { list, uiLanguageOf } from '../../common/catalogue/text.ts';
import { type DiagnoseRequest, diagnoseRequestSchema, ROLES, SYMPTOMS } from '../../common/diagnose-request.ts';
import type { DiagnosisReport, ExplainedLiveAdapter, IpconfigExplanation, UiLanguage } from '../../common/domain.ts';
import { type Bundle, prepareOutDir, readBundle, writeBundle, writeNew } from '../bundle/bundle.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import { explainIpconfig, MAX_EXPLAIN_BYTES } from '../explain/explain-ipconfig.ts';
import { fixDefinition } from '../fixes/registry.ts';
import { applyFix, describeStep, type FixOutcome, interruptFix, planFix, undoFix } from '../fixes/run-fix.ts';
import { RecordingSource, ReplaySource } from '../probes/source.ts';
import { systemLocale, thisPlatform } from '../runner/platform.ts';
import { appVersion, listAdapters } from '../services/services.ts';
import { COMMANDS, commandHelp, didYouMean, FLAGS, generalHelp } from './help.ts';
import { errOut, out } from './terminal.ts';

export async function main(argv: string[]): Promise<number> {
  // The language first, so that even a usage error is in the user's words.
  const langFlag = argv.find((a, i) => argv[i - 1] === '--lang' || a.startsWith('--lang='));
  const lang = resolveLanguage(langFlag?.replace(/^--lang=/, '')) ?? resolveLanguage(undefined) ?? 'en';
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usageError(parseErrorText(error as Error & { code?: string }, lang), lang);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    out(`${appVersion()}\n`);
    return 0;
  }
  const command = positionals[0] === 'help' && positionals[1] ? positionals[1] : positionals[0];
  if (command !== undefined && command !== 'help' && !(command in COMMANDS)) {
    const guess = didYouMean(command, Object.keys(COMMANDS));
    return usageError(`${SAY[lang].unknownCommand(command)}${guess ? ` ${SAY[lang].didYouMean(guess)}` : ''}`, lang);
  }
  const askedForHelp = values.help === true || positionals[0] === 'help';
  if (askedForHelp || command === undefined) {
    out(command && command !== 'help' ? commandHelp(command, lang) : generalHelp(lang));
    return askedForHelp ? 0 : 2;
  }
  if (resolveLanguage(values.lang) === null) return usageError(SAY[lang].badLang, lang);
  if (command === 'adapters') return adaptersCommand(values, lang);
  if (command === 'explain') return explainCommand(positionals.slice(1), values.json === true, lang);
  if (command === 'diagnose') return diagnoseCommand(values, lang);
  if (command === 'fix') return fixCommand(positionals.slice(1), values, lang);
  if (command === 'undo') return undoCommand(positionals.slice(1), values, lang);
  return collectCommand(values, lang);
}

/** The command line's own sentences (findings, checks and fixes speak through the catalogue). */
const SAY = {
  en: {
    unknownCommand: (c: string) => `unknown command '${c}'.`,
    unknownOption: (o: string) => `unknown option '${o}'.`,
    didYouMean: (x: string) => `Did you mean '${x}'?`,
    tryHelp: "Try 'vmnet-doctor --help'.",
    badLang: '--lang must be en, zh-CN or zh-TW',
    needsValue: (o: string) => `${o} needs a value.`,
    needsParams: (fix: string, keys: string[]) => `${fix} needs ${keys.map((k) => `--param ${k}=…`).join(' ')}`,
    badParam: (key: string, why: string) => `--param ${key} must be ${why}`,
    badFlag: (flag: string, why: string) => `${flag} must be ${why}.`,
    badValue: (flag: string, choices: string) => `${flag} must be one of ${choices}.`,
    unknownFix: (fix: string) => `there is no fix '${fix}' here.`,
    noFile: (f: string) => `cannot read ${f}: there is no such file`,
    nothingToUndo: 'nothing to undo: no applied fix is recorded here',
    badBundle: (dir: string, why: string) =>
      `${dir} is not a bundle that can be read (${why}); give a folder written by vmnet-doctor collect`,
    forOtherPlatform: (p: string) => `These steps are for ${p}: run them there (this computer cannot apply them).`,
    usage: (u: string) => `usage: ${u}`,
    badTimeout: '--timeout-ms must be a whole number of milliseconds (100–600000)',
    cannotWrite: (why: string) => `cannot write the bundle: ${why}`,
    notSupported: (what: string, os: string) => `${what} does not run on ${os}; use --from with a bundle`,
    paramPair: (got: string) => `--param must be KEY=VALUE, got '${got}'`,
    allowWide: '--allow-wide: this may open the firewall wider than the VM network',
    confirmYes: 'confirm with --yes (there is no terminal to ask on)',
    notApplied: 'not applied',
    stopping: (signal: string) => `${signal}: stopping the running step, then rolling back; please wait`,
    explainOneFile: 'explain takes one FILE (or - for standard input)',
    cannotRead: (what: string, why: string) => `cannot read ${what}: ${why}`,
    stdin: 'standard input',
    notIpconfig: 'this is not ipconfig output: no adapter section was found. Run ipconfig /all and give everything it prints.',
    tooLarge: 'this is over the size limit (4 MiB); ipconfig output is a few kilobytes',
  },
  'zh-CN': {
    unknownCommand: (c: string) => `没有“${c}”这个命令。`,
    unknownOption: (o: string) => `没有“${o}”这个选项。`,
    didYouMean: (x: string) => `您是不是想用“${x}”？`,
    tryHelp: '请运行 vmnet-doctor --help 查看用法。',
    badLang: '--lang 只能是 en、zh-CN 或 zh-TW',
    needsValue: (o: string) => `${o} 需要一个值。`,
    needsParams: (fix: string, keys: string[]) => `${fix} 需要参数：${keys.map((k) => `--param ${k}=…`).join(' ')}`,
    badParam: (key: string, why: string) => `--param ${key} 的值不对，应为：${why}`,
    badFlag: (flag: string, why: string) => `${flag} 的值不对，应为：${why}。`,
    badValue: (flag: string, choices: string) => `${flag} 只能是：${choices}。`,
    unknownFix: (fix: string) => `这里没有“${fix}”这个修复。`,
    noFile: (f: string) => `无法读取 ${f}：文件不存在`,
    nothingToUndo: '没有可撤销的操作：这里没有记录已应用的修复',
    badBundle: (dir: string, why: string) => `${dir} 不是可以读取的诊断包（${why}）；请给出由 vmnet-doctor collect 写出的文件夹`,
    forOtherPlatform: (p: string) => `这些步骤是给 ${p} 用的：请在那台电脑上运行（这台电脑无法应用它们）。`,
    usage: (u: string) => `用法：${u}`,
    badTimeout: '--timeout-ms 必须是毫秒数（100–600000 之间的整数）',
    cannotWrite: (why: string) => `无法写出诊断包：${why}`,
    notSupported: (what: string, os: string) => `${what} 不能在 ${os} 上运行；请用 --from 读取诊断包`,
    paramPair: (got: string) => `--param 的格式应为 KEY=VALUE，收到的是“${got}”`,
    allowWide: '--allow-wide：这可能会把防火墙开得比虚拟机网络更宽',
    confirmYes: '请用 --yes 确认（这里没有终端可以询问）',
    notApplied: '未应用',
    stopping: (signal: string) => `${signal}：正在停止当前步骤并回滚，请稍候`,
    explainOneFile: 'explain 只接受一个文件（或用 - 表示标准输入）',
    cannotRead: (what: string, why: string) => `无法读取 ${what}：${why}`,
    stdin: '标准输入',
    notIpconfig: '这不是 ipconfig 的输出：没有找到任何网卡段落。请运行 ipconfig /all，把它打印的内容全部给出。',
    tooLarge: '超过了大小上限（4 MiB）；ipconfig 的输出只有几 KB',
  },
  'zh-TW': {
    unknownCommand: (c: string) => `沒有「${c}」這個命令。`,
    unknownOption: (o: string) => `沒有「${o}」這個選項。`,
    didYouMean: (x: string) => `您是不是想用「${x}」？`,
    tryHelp: '請執行 vmnet-doctor --help 查看用法。',
    badLang: '--lang 只能是 en、zh-CN 或 zh-TW',
    needsValue: (o: string) => `${o} 需要一個值。`,
    needsParams: (fix: string, keys: string[]) => `${fix} 需要參數：${keys.map((k) => `--param ${k}=…`).join(' ')}`,
    badParam: (key: string, why: string) => `--param ${key} 的值不對，應為：${why}`,
    badFlag: (flag: string, why: string) => `${flag} 的值不對，應為：${why}。`,
    badValue: (flag: string, choices: string) => `${flag} 只能是：${choices}。`,
    unknownFix: (fix: string) => `這裡沒有「${fix}」這個修復。`,
    noFile: (f: string) => `無法讀取 ${f}：檔案不存在`,
    nothingToUndo: '沒有可復原的操作：這裡沒有記錄已套用的修復',
    badBundle: (dir: string, why: string) => `${dir} 不是可以讀取的診斷包（${why}）；請給出由 vmnet-doctor collect 寫出的資料夾`,
    forOtherPlatform: (p: string) => `這些步驟是給 ${p} 用的：請在那台電腦上執行（這台電腦無法套用它們）。`,
    usage: (u: string) => `用法：${u}`,
    badTimeout: '--timeout-ms 必須是毫秒數（100–600000 之間的整數）',
    cannotWrite: (why: string) => `無法寫出診斷包：${why}`,
    notSupported: (what: string, os: string) => `${what} 不能在 ${os} 上執行；請用 --from 讀取診斷包`,
    paramPair: (got: string) => `--param 的格式應為 KEY=VALUE，收到的是「${got}」`,
    allowWide: '--allow-wide：這可能會把防火牆開得比虛擬機網路更寬',
    confirmYes: '請用 --yes 確認（這裡沒有終端機可以詢問）',
    notApplied: '未套用',
    stopping: (signal: string) => `${signal}：正在停止目前步驟並復原，請稍候`,
    explainOneFile: 'explain 只接受一個檔案（或用 - 表示標準輸入）',
    cannotRead: (what: string, why: string) => `無法讀取 ${what}：${why}`,
    stdin: '標準輸入',
    notIpconfig: '這不是 ipconfig 的輸出：沒有找到任何網路卡段落。請執行 ipconfig /all，把它印出的內容全部給出。',
    tooLarge: '超過了大小上限（4 MiB）；ipconfig 的輸出只有幾 KB',
  },
} as const;

/** node:util's parse errors in plain words, with the flag that was probably meant. */
function parseErrorText(error: Error & { code?: string }, lang: UiLanguage): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const guess = didYouMean(option.split('=')[0] ?? option, [...Object.keys(FLAGS), '--help', '--version']);
    return `${SAY[lang].unknownOption(option)}${guess ? ` ${SAY[lang].didYouMean(guess)}` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return SAY[lang].needsValue(option.split(' ')[0] ?? option);
  return error.message;
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

async function adaptersCommand(values: { json?: boolean; 'timeout-ms'?: string }, lang: UiLanguage): Promise<number> {
  const timeoutMs = Number(values['timeout-ms'] ?? 8000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) return usageError(SAY[lang].badTimeout, lang);
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
function diagnoseRequest(values: DiagnoseFlags, lang: UiLanguage): DiagnoseRequest | string {
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
  const choices: readonly string[] | null = field === 'role' ? ROLES : field === 'symptom' ? SYMPTOMS : null;
  const given = field === 'role' ? values.role : field === 'symptom' ? values.symptom : undefined;
  const guess = choices && given ? didYouMean(given, choices) : null;
  const said = choices
    ? SAY[lang].badValue(flag, choices.join(', '))
    : SAY[lang].badFlag(flag, valueWords(issue?.message ?? 'valid', lang));
  return `${said}${guess ? ` ${SAY[lang].didYouMean(guess)}` : ''}`;
}

function usageError(message: string, lang?: UiLanguage): number {
  errOut(`vmnet-doctor: ${message}\n${lang ? `${SAY[lang].tryHelp}\n` : ''}`);
  return 2;
}

async function diagnoseCommand(values: DiagnoseFlags, lang: UiLanguage): Promise<number> {
  const request = diagnoseRequest(values, lang);
  if (typeof request === 'string') return usageError(request, lang);
  let report: DiagnosisReport;
  if (values.from !== undefined) {
    let bundle: Bundle;
    try {
      bundle = await readBundle(values.from);
    } catch (error) {
      return usageError(SAY[lang].badBundle(values.from, (error as Error).message), lang);
    }
    // The bundle's own request reproduces the run; --role and --symptom given here override it.
    const replayed: DiagnoseRequest = {
      ...bundle.request,
      ...(values.role ? { role: request.role } : {}),
      ...(values.symptom ? { symptom: request.symptom } : {}),
    };
    report = await diagnose(replayed, new ReplaySource(bundle.records), bundle.platform);
  } else {
    if (thisPlatform() === null) return usageError(SAY[lang].notSupported('diagnose', process.platform), lang);
    report = await diagnose(request);
  }
  const localized = localizeReport(report, lang);
  if (values.json) out(`${JSON.stringify(localized, null, 2)}\n`);
  else out(formatDiagnosis(localized, lang));
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function collectCommand(values: DiagnoseFlags & { out?: string }, lang: UiLanguage): Promise<number> {
  if (!values.out) return usageError(SAY[lang].usage('collect --out DIR [diagnose options]'), lang);
  const request = diagnoseRequest(values, lang);
  if (typeof request === 'string') return usageError(request, lang);
  // The folder is checked before anything is probed: a refused folder costs nothing.
  try {
    prepareOutDir(values.out);
  } catch (error) {
    errOut(`vmnet-doctor: ${SAY[lang].cannotWrite((error as Error).message)}\n`);
    return 3;
  }
  const platform = thisPlatform();
  if (platform === null) return usageError(SAY[lang].notSupported('collect', process.platform), lang);
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
    errOut(`vmnet-doctor: ${SAY[lang].cannotWrite((error as Error).message)}\n`);
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

function printOutcome(outcome: FixOutcome, json: boolean, lang: UiLanguage, isUndo = false): number {
  if (outcome.status === 'invalid' || outcome.status === 'needs-elevation') {
    const said = outcome.status === 'invalid' && outcome.code === 'nothing-to-undo' ? SAY[lang].nothingToUndo : outcome.message;
    errOut(`vmnet-doctor: ${said}\n`);
    if (outcome.status === 'invalid') return 2;
    if (json) out(`${JSON.stringify({ status: outcome.status, message: outcome.message })}\n`);
    return 4;
  }
  if (json) {
    out(
      `${JSON.stringify({ status: outcome.status, journalId: outcome.entry.id, fixId: outcome.entry.fixId, evidence: outcome.evidence, ...(outcome.readBack ? { readBack: outcome.readBack } : {}), log: outcome.entry.log }, null, 2)}\n`,
    );
  } else {
    out(`${outcome.entry.id}\n`);
    const said = isUndo && outcome.status === 'verified' ? 'undone' : outcome.status;
    // What was read back, in the reader's words; a failed step's own error stays as the system wrote it.
    errOut(`${RESULT[lang][said]} (${outcome.readBack ? readBackText(outcome.readBack, lang) : outcome.evidence})\n`);
  }
  return outcome.status === 'verified' ? 0 : 1;
}

async function fixCommand(args: string[], values: FixFlags, lang: UiLanguage): Promise<number> {
  const [id, ...extra] = args;
  if (!id || extra.length) {
    return usageError(SAY[lang].usage('fix FIX_ID [--param KEY=VALUE]… [--dry-run] [--yes] [--json]'), lang);
  }
  const params: Record<string, string> = {};
  for (const pair of values.param ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) {
      return usageError(SAY[lang].paramPair(pair), lang);
    }
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (values['allow-wide']) {
    params.allowWide = 'yes';
    errOut(`vmnet-doctor: ${SAY[lang].allowWide}\n`);
  }
  const planned = await planFix(id, params);
  if (!planned.ok) return usageError(fixErrorText(id, params, planned.error, lang), lang);
  const steps = planned.value.plan.steps.map(describeStep);
  const summary = fixSummary(planned.value.definition.id, planned.value.plan.summary, lang);
  if (values['dry-run']) {
    // A preview of another machine's fix (a Windows fix shown on Linux) says whose steps these are.
    const platform = planned.value.definition.platform;
    const elsewhere = platform !== thisPlatform();
    if (values.json)
      out(
        `${JSON.stringify({ fixId: id, platform, params: planned.value.params, summary, summaryParams: planned.value.plan.summary, steps, undo: planned.value.undo.map(describeStep) }, null, 2)}\n`,
      );
    else {
      if (elsewhere) out(`${SAY[lang].forOtherPlatform(platform === 'windows' ? 'Windows' : 'Linux')}\n`);
      out(`${summary}\n${steps.map((s) => `  ${s.replace(/\n/g, '\n  ')}`).join('\n')}\n`);
    }
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      errOut(`vmnet-doctor: ${SAY[lang].confirmYes}\n`);
      return 2;
    }
    errOut(`${summary}\n${steps.map((s) => `  ${s}`).join('\n')}\n${WORDS[lang].apply} [y/N] `);
    const answer = await new Promise<string>((resolve) => process.stdin.once('data', (d) => resolve(String(d).trim())));
    process.stdin.pause();
    if (!/^y(es)?$/i.test(answer)) {
      errOut(`${SAY[lang].notApplied}\n`);
      return 1;
    }
  }
  return printOutcome(await whileHandlingSignals(() => applyFix(id, params), lang), values.json === true, lang);
}

/**
 * Ctrl-C (or a TERM) during a fix ends its running step and lets the fix roll back, instead of
 * leaving the step running in its own process group; the command then reports "rolled-back".
 */
async function whileHandlingSignals<T>(fn: () => Promise<T>, lang: UiLanguage): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    errOut(`vmnet-doctor: ${SAY[lang].stopping(signal)}\n`);
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

async function undoCommand(args: string[], values: FixFlags, lang: UiLanguage): Promise<number> {
  const target = values.last ? 'last' : args[0];
  if (!target || args.length > 1 || (values.last && args.length)) {
    return usageError(SAY[lang].usage('undo JOURNAL_ID | --last'), lang);
  }
  return printOutcome(await whileHandlingSignals(() => undoFix(target), lang), values.json === true, lang, true);
}

/** A fix's outcome in words; what it read back follows in parentheses, as the system printed it. */
const RESULT = {
  en: {
    verified: 'Fixed and verified',
    'not-verified': 'Applied, but the check did not confirm it',
    'rolled-back': 'It did not work and was rolled back',
    undone: 'Undone: the previous state is back',
  },
  'zh-CN': {
    verified: '已修复并验证',
    'not-verified': '已应用，但检查尚未确认',
    'rolled-back': '没有成功，已回滚',
    undone: '已撤销：恢复了之前的状态',
  },
  'zh-TW': {
    verified: '已修復並驗證',
    'not-verified': '已套用，但檢查尚未確認',
    'rolled-back': '沒有成功，已回復',
    undone: '已復原：恢復了之前的狀態',
  },
} as const;

/** Why a fix could not be planned, in plain words: the parameters it still needs, or the one that is wrong. */
function fixErrorText(
  id: string,
  params: Record<string, string>,
  error: { code: string; message: string },
  lang: UiLanguage,
): string {
  const definition = fixDefinition(id);
  if (!definition) {
    const guess = didYouMean(id, FIX_IDS);
    return `${SAY[lang].unknownFix(id)}${guess ? ` ${SAY[lang].didYouMean(guess)}` : ''}`;
  }
  if (error.code !== 'invalid-params') return error.message;
  const shape = (definition.params as unknown as { shape?: Record<string, { safeParse: (v: unknown) => { success: boolean } }> })
    .shape;
  const missing = Object.entries(shape ?? {})
    .filter(([key, schema]) => !(key in params) && !schema.safeParse(undefined).success)
    .map(([key]) => key);
  if (missing.length) return SAY[lang].needsParams(id, missing);
  const parsed = definition.params.safeParse(params);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  return key ? SAY[lang].badParam(key, valueWords(issue?.message ?? '', lang)) : error.message;
}

/** The schemas' descriptions of a valid value, in Chinese where the reader reads Chinese. */
function valueWords(message: string, lang: UiLanguage): string {
  if (lang === 'en') return message;
  const zh: Record<string, [string, string]> = {
    'an IPv4 address': ['一个 IPv4 地址', '一個 IPv4 位址'],
    'a port number (1-65535)': ['一个端口号（1-65535）', '一個連接埠號碼（1-65535）'],
    'a whole number of milliseconds (100-600000)': ['一个毫秒数（100-600000 的整数）', '一個毫秒數（100-600000 的整數）'],
    'a host name': ['一个主机名', '一個主機名稱'],
  };
  const words = zh[message];
  return words ? words[lang === 'zh-CN' ? 0 : 1] : message;
}

/** The command line's own words; findings, checks and fixes speak through the catalogue. */
const WORDS = {
  en: {
    heading: 'Diagnosis',
    role: { host: 'host', guest: 'inside the VM' },
    none: 'No problem found.',
    nothingChecked:
      'Nothing on this path could be checked from here: this is not “no problem”. Run VMnet Doctor inside the VM, or give --vm-ip / --service-port.',
    fix: 'fix',
    apply: 'Apply?',
    cause: 'Cause',
    byDesign: 'By design',
    unknown: 'Cannot tell yet',
    failedNoCause: 'failed, and the cause was not found',
    where: 'Where on the path',
    learn: 'How to find out',
    notChecked: 'Could not be checked on the path',
    colon: ': ',
    severity: { error: 'error', warning: 'warning', info: 'info' },
    also: 'Also found',
    checks: (pass: number, fail: number, unknown: number, skip: number) =>
      `Checks: ${pass} passed, ${fail} failed, ${unknown} unknown, ${skip} skipped`,
    toFix: 'To fix it, run',
    preview: 'preview first with --dry-run; undo with: vmnet-doctor undo --last',
    onHost: 'on the host',
    byHand: 'No automatic fix: do what the cause says above.',
    nextSteps:
      'If something still does not work, name it: --symptom vm-cannot-ping-host | host-cannot-reach-vm | vm-no-internet, and --host-ip / --service-port.',
  },
  'zh-CN': {
    heading: '诊断',
    role: { host: '主机', guest: '虚拟机内' },
    none: '没有发现问题。',
    nothingChecked:
      '从这里检查不了这条路径上的任何环节：这不等于“没有问题”。请在虚拟机里运行 VMnet Doctor，或者给出 --vm-ip / --service-port。',
    fix: '修复',
    apply: '要应用吗？',
    cause: '原因',
    byDesign: '本来就是这样设计的',
    unknown: '暂时无法判断',
    failedNoCause: '失败了，但没有找到原因',
    where: '路径上的位置',
    learn: '如何查明',
    notChecked: '路径上无法检查的环节',
    colon: '：',
    severity: { error: '错误', warning: '警告', info: '提示' },
    also: '另外发现',
    checks: (pass: number, fail: number, unknown: number, skip: number) =>
      `检查：${pass} 项通过，${fail} 项失败，${unknown} 项未知，${skip} 项跳过`,
    toFix: '要修复，请运行',
    preview: '可先加 --dry-run 预览；撤销：vmnet-doctor undo --last',
    onHost: '在主机上',
    byHand: '没有自动修复：请按上面“原因”中的说明操作。',
    nextSteps:
      '如果仍有问题，请说明是哪种：--symptom vm-cannot-ping-host | host-cannot-reach-vm | vm-no-internet，并给出 --host-ip / --service-port。',
  },
  'zh-TW': {
    heading: '診斷',
    role: { host: '主機', guest: '虛擬機內' },
    none: '沒有發現問題。',
    nothingChecked:
      '從這裡檢查不了這條路徑上的任何環節：這不等於「沒有問題」。請在虛擬機裡執行 VMnet Doctor，或者給出 --vm-ip / --service-port。',
    fix: '修復',
    apply: '要套用嗎？',
    cause: '原因',
    byDesign: '本來就是這樣設計的',
    unknown: '暫時無法判斷',
    failedNoCause: '失敗了，但沒有找到原因',
    where: '路徑上的位置',
    learn: '如何查明',
    notChecked: '路徑上無法檢查的環節',
    colon: '：',
    severity: { error: '錯誤', warning: '警告', info: '提示' },
    also: '另外發現',
    checks: (pass: number, fail: number, unknown: number, skip: number) =>
      `檢查：${pass} 項通過，${fail} 項失敗，${unknown} 項未知，${skip} 項略過`,
    toFix: '要修復，請執行',
    preview: '可先加 --dry-run 預覽；復原：vmnet-doctor undo --last',
    onHost: '在主機上',
    byHand: '沒有自動修復：請依照上面「原因」中的說明操作。',
    nextSteps:
      '如果仍有問題，請說明是哪一種：--symptom vm-cannot-ping-host | host-cannot-reach-vm | vm-no-internet，並提供 --host-ip / --service-port。',
  },
} as const;

/** `vmnet-doctor fix …` exactly as the user would type it: quoted for a POSIX shell, or for PowerShell on Windows. */
function fixCommandLine(fix: string, params: Record<string, string>, shell: 'posix' | 'powershell' = 'posix'): string {
  const quote = (v: string) =>
    /^[\w.:/@%+=-]+$/.test(v) ? v : shell === 'powershell' ? `'${v.replace(/'/g, "''")}'` : `'${v.replace(/'/g, "'\\''")}'`;
  return ['vmnet-doctor fix', fix, ...Object.entries(params).map(([k, v]) => `--param ${quote(`${k}=${v}`)}`)].join(' ');
}

/**
 * The verdict first — the cause in one sentence and why — then what else was found, the checks
 * (failures and unknowns named, passes counted), and last the exact command that applies the fix.
 */
function formatDiagnosis(report: DiagnosisReport, lang: UiLanguage): string {
  const mark = { pass: '✓', fail: '✗', skip: '–', unknown: '?' } as const;
  const words = WORDS[lang];
  const platform = report.platform === 'windows' ? 'Windows' : 'Linux';
  const [open, comma, close] = lang === 'en' ? [' (', ', ', ')'] : ['（', '，', '）'];
  const lines = [`${words.heading}${open}${words.role[report.role]}${comma}${platform}${close} ${report.durationMs} ms`, ''];
  const v = report.verdict;
  const first = verdictFinding(report);
  const rest = alsoFound(report);
  const unknown = unknownHops(report).filter((h) => v.kind !== 'unknown' || h !== v.hop);
  if (v.kind === 'unknown') {
    const check = report.checks.find((c) => c.id === v.check);
    lines.push(
      `${words.unknown}${words.colon}${check?.title ?? v.check}${v.failed ? ` — ${words.failedNoCause}` : ''}`,
      `  ${words.where}${words.colon}${hopName(v.hop, lang)}`,
      `  ${words.learn}${words.colon}${learnText(v.learn, lang)}`,
      '',
    );
  } else if (!first) lines.push(nothingChecked(report) ? words.nothingChecked : words.none, '');
  else
    lines.push(
      `${v.kind === 'by-design' ? words.byDesign : words.cause}${words.colon}${first.title}`,
      `  ${first.detail}`,
      `  ${words.where}${words.colon}${hopName(first.hop, lang)}`,
      '',
    );
  if (unknown.length)
    lines.push(
      `${words.notChecked}${words.colon}${list(
        unknown.map((h) => hopName(h, lang)),
        lang,
      )}`,
      '',
    );
  if (rest.length) {
    lines.push(`${words.also}${words.colon}`);
    for (const f of rest) lines.push(`  [${words.severity[f.severity]}] ${f.title}`);
    lines.push('');
  }
  const count = (status: keyof typeof mark) => report.checks.filter((c) => c.status === status).length;
  lines.push(words.checks(count('pass'), count('fail'), count('unknown'), count('skip')));
  for (const c of report.checks) if (c.status === 'fail' || c.status === 'unknown') lines.push(`  ${mark[c.status]} ${c.title}`);
  lines.push('');
  if (!first) lines.push(words.nextSteps);
  else {
    const offer = first.offers[0];
    if (!offer) lines.push(words.byHand);
    else {
      // A fix for another machine (the Windows host, seen from a VM) says where to run it.
      const elsewhere = !FIXES[offer.fix as FixId].platforms.includes(report.platform === 'windows' ? 'windows' : 'linux');
      const sudo = !elsewhere && report.platform === 'linux' && process.getuid?.() !== 0 ? 'sudo ' : '';
      lines.push(
        `${words.toFix}${elsewhere ? ` (${words.onHost})` : ''} — ${fixName(offer.fix, lang)}${words.colon}`,
        `  ${sudo}${fixCommandLine(offer.fix, offer.params, report.platform === 'windows' || elsewhere ? 'powershell' : 'posix')}`,
        `  (${words.preview})`,
      );
    }
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
    return usageError(SAY[lang].explainOneFile, lang);
  }
  let bytes: Uint8Array;
  try {
    bytes = readInput(args[0]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    errOut(
      code === 'ENOENT' && args[0]
        ? `vmnet-doctor: ${SAY[lang].noFile(args[0])}\n`
        : `vmnet-doctor: ${SAY[lang].cannotRead(args[0] ?? SAY[lang].stdin, code ?? (error as Error).message)}\n`,
    );
    return 3;
  }
  const outcome = explainIpconfig(bytes, lang);
  if (!outcome.ok) {
    // The reader's words for what the user gave; the explainer's own message for anything else.
    const said =
      outcome.error.code === 'not-ipconfig'
        ? SAY[lang].notIpconfig
        : outcome.error.code === 'too-large'
          ? SAY[lang].tooLarge
          : outcome.error.message;
    errOut(`vmnet-doctor: ${said}\n`);
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
