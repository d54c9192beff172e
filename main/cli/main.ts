/**
 * The command line (shared/spec/cli.md). Only the command's own output goes to stdout;
 * progress and errors go to stderr.
 */
import { parseArgs } from 'node:util';
import type { Adapter } from '../../common/domain.ts';
import { appVersion, listAdapters } from '../services/services.ts';

const HELP = `vmnet-doctor — find and fix why a virtual machine and its host cannot talk

Usage: vmnet-doctor <command> [options]

Commands:
  adapters              list this machine's network adapters
  explain [FILE|-]      explain every adapter in ipconfig output        (planned)
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

const PLANNED = new Set(['explain', 'diagnose', 'collect', 'fix', 'undo']);

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
  if (command === 'adapters') return adaptersCommand(values);
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

function formatAdapter(a: Adapter): string {
  const v4 = a.ipv4.map((x) => `${x.address}/${x.prefixLength}`).join(', ') || '-';
  return `${a.name.padEnd(20)} ${a.state.padEnd(9)} ${v4.padEnd(22)} ${(a.mac ?? '-').padEnd(18)} ${a.category}`;
}

process.exitCode = await main(process.argv.slice(2));
