/**
 * The command line (shared/spec/cli.md). Only the command's own output goes to stdout;
 * progress and errors go to stderr.
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ExplainedLiveAdapter, IpconfigExplanation, UiLanguage } from '../../common/domain.ts';
import { explainIpconfig, MAX_EXPLAIN_BYTES } from '../explain/explain-ipconfig.ts';
import { systemLocale } from '../services/platform.ts';
import { appVersion, listAdapters } from '../services/services.ts';

const HELP = `vmnet-doctor — find and fix why a virtual machine and its host cannot talk

Usage: vmnet-doctor <command> [options]

Commands:
  adapters              list this machine's network adapters
  explain [FILE|-]      explain every adapter in ipconfig output (any Windows language)
  diagnose              probe this machine and list root causes         (planned)
  collect --out DIR     write every probe's raw output to a bundle      (planned)
  fix FIX_ID            apply a fix, journaled, verified, undoable      (planned)
  undo [ID | --last]    revert a journaled fix                          (planned)

Options:
  --json                print exactly one JSON document on stdout
  --lang en|zh-CN|zh-TW language of human text
  --timeout-ms N        per-probe timeout (default 8000)
  -h, --help            show this help
  -v, --version         print the version
`;

const PLANNED = new Set(['diagnose', 'collect', 'fix', 'undo']);

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
  if (PLANNED.has(command)) {
    process.stderr.write(`vmnet-doctor: '${command}' is not available in this version yet\n`);
    return 2;
  }
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
