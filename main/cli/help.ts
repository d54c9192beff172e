/**
 * The command line's help, in the user's language: one declaration per flag (its words and its
 * default, taken from the request schema) and per command (its usage, flags and examples), and
 * "did you mean" for a mistyped command, flag or value.
 */
import { DIAGNOSE_DEFAULTS, ROLES, SYMPTOMS } from '../../common/diagnose-request.ts';
import type { UiLanguage } from '../../common/domain.ts';

type Words = Record<UiLanguage, string>;
const w = (en: string, cn: string, tw: string): Words => ({ en, 'zh-CN': cn, 'zh-TW': tw });

interface Flag {
  arg?: string;
  text: Words;
  default?: string;
}

export const FLAGS: Record<string, Flag> = {
  '--role': {
    arg: ROLES.join('|'),
    text: w(
      'which side this machine is: the host or the VM',
      '这台机器是哪一侧：主机还是虚拟机',
      '這台機器是哪一側：主機還是虛擬機',
    ),
    default: DIAGNOSE_DEFAULTS.role,
  },
  '--symptom': {
    arg: 'NAME',
    text: w(
      `what goes wrong: ${SYMPTOMS.join(', ')}`,
      `出了什么问题：${SYMPTOMS.join('、')}`,
      `出了什麼問題：${SYMPTOMS.join('、')}`,
    ),
    default: DIAGNOSE_DEFAULTS.symptom,
  },
  '--host-ip': {
    arg: 'IP',
    text: w(
      "the host's address on the VM network (Windows: ipconfig, the VMnet8 line; VirtualBox host-only: 192.168.56.1)",
      '主机在虚拟机网络上的地址（Windows：ipconfig 里 VMnet8 那一项；VirtualBox 仅主机：192.168.56.1）',
      '主機在虛擬機網路上的位址（Windows：ipconfig 裡 VMnet8 那一項；VirtualBox 僅限主機：192.168.56.1）',
    ),
  },
  '--vm-ip': {
    arg: 'IP',
    text: w(
      "the VM's address (in the VM: ip -4 addr)",
      '虚拟机的地址（在虚拟机里：ip -4 addr）',
      '虛擬機的位址（在虛擬機裡：ip -4 addr）',
    ),
  },
  '--service-port': {
    arg: 'N',
    text: w(
      'a TCP port the host wants to reach on the VM, repeatable (22 for SSH)',
      '主机要访问的虚拟机 TCP 端口，可重复（SSH 是 22）',
      '主機要存取的虛擬機 TCP 連接埠，可重複（SSH 是 22）',
    ),
  },
  '--internet-target': {
    arg: 'IP',
    text: w('an internet address to ping, repeatable', '要 ping 的互联网地址，可重复', '要 ping 的網際網路位址，可重複'),
    default: DIAGNOSE_DEFAULTS.internetTargets.join(', '),
  },
  '--dns-name': {
    arg: 'NAME',
    text: w('a name to resolve', '要解析的域名', '要解析的網域名稱'),
    default: DIAGNOSE_DEFAULTS.dnsName,
  },
  '--timeout-ms': {
    arg: 'N',
    text: w('how long one probe may take', '单项检测最长耗时', '單項檢測最長耗時'),
    default: String(DIAGNOSE_DEFAULTS.timeoutMs),
  },
  '--from': {
    arg: 'DIR',
    text: w('replay a bundle written by collect', '重放 collect 写出的诊断包', '重播 collect 寫出的診斷包'),
  },
  '--out': { arg: 'DIR', text: w('the new folder to write', '要写入的新文件夹', '要寫入的新資料夾') },
  '--param': {
    arg: 'KEY=VALUE',
    text: w('a parameter of the fix, repeatable', '修复的参数，可重复', '修復的參數，可重複'),
  },
  '--dry-run': {
    text: w('show the exact commands and change nothing', '只显示确切的命令，不做任何更改', '只顯示確切的指令，不做任何變更'),
  },
  '--yes': { text: w('apply without asking', '不询问直接应用', '不詢問直接套用') },
  '--allow-wide': {
    text: w(
      'accept a firewall opening wider than the VM network',
      '接受比虚拟机网络更宽的防火墙放行范围',
      '接受比虛擬機網路更寬的防火牆放行範圍',
    ),
  },
  '--last': { text: w('the most recent fix', '最近一次修复', '最近一次修復') },
  '--json': { text: w('print one JSON document', '输出一个 JSON 文档', '輸出一個 JSON 文件') },
  '--lang': { arg: 'en|zh-CN|zh-TW', text: w('language of the text', '文字的语言', '文字的語言') },
};

interface Command {
  usage: string;
  summary: Words;
  flags: string[];
  examples: string[];
}

const DIAGNOSE_FLAGS = [
  '--symptom',
  '--host-ip',
  '--vm-ip',
  '--service-port',
  '--role',
  '--internet-target',
  '--dns-name',
  '--timeout-ms',
];

export const COMMANDS: Record<string, Command> = {
  diagnose: {
    usage: 'vmnet-doctor diagnose [options]',
    summary: w(
      'check this machine (host or VM) and name the cause first, with the command that fixes it',
      '检查这台机器（主机或虚拟机），先给出原因，再给出修复的命令',
      '檢查這台機器（主機或虛擬機），先給出原因，再給出修復的指令',
    ),
    flags: [...DIAGNOSE_FLAGS, '--from', '--json', '--lang'],
    examples: [
      'vmnet-doctor diagnose --symptom vm-cannot-ping-host --host-ip 192.168.37.1',
      'vmnet-doctor diagnose --symptom host-cannot-reach-vm --service-port 22',
      'vmnet-doctor diagnose --from vmnet-bundle --lang zh-CN',
    ],
  },
  fix: {
    usage: 'vmnet-doctor fix FIX_ID [--param KEY=VALUE]… [--dry-run | --yes]',
    summary: w(
      'apply one fix: shown first, journaled, verified, undoable',
      '应用一个修复：先显示、记录日志、验证、可撤销',
      '套用一個修復：先顯示、記錄日誌、驗證、可復原',
    ),
    flags: ['--param', '--dry-run', '--yes', '--allow-wide', '--json', '--lang'],
    examples: [
      'vmnet-doctor fix linux.set-gateway --param interface=ens33 --param gateway=192.168.37.2 --dry-run',
      'sudo vmnet-doctor fix linux.set-gateway --param interface=ens33 --param gateway=192.168.37.2 --yes',
    ],
  },
  undo: {
    usage: 'vmnet-doctor undo JOURNAL_ID | --last',
    summary: w('put back what a fix changed', '恢复修复所做的更改', '還原修復所做的變更'),
    flags: ['--last', '--json'],
    examples: ['vmnet-doctor undo --last'],
  },
  collect: {
    usage: 'vmnet-doctor collect --out DIR [diagnose options]',
    summary: w(
      'write everything the checks saw to a folder, to send or replay',
      '把检测看到的一切写入一个文件夹，便于发送或重放',
      '把檢測看到的一切寫入一個資料夾，方便傳送或重播',
    ),
    flags: ['--out', ...DIAGNOSE_FLAGS, '--json'],
    examples: ['vmnet-doctor collect --out vmnet-bundle', 'vmnet-doctor diagnose --from vmnet-bundle'],
  },
  explain: {
    usage: 'vmnet-doctor explain [FILE | -]',
    summary: w(
      'explain every adapter in ipconfig /all output (any Windows language)',
      '解释 ipconfig /all 输出里的每个网卡（任何语言的 Windows）',
      '解釋 ipconfig /all 輸出裡的每張網卡（任何語言的 Windows）',
    ),
    flags: ['--json', '--lang'],
    examples: ['ipconfig /all > ipconfig.txt', 'vmnet-doctor explain ipconfig.txt --lang zh-CN'],
  },
  adapters: {
    usage: 'vmnet-doctor adapters',
    summary: w("list this machine's network adapters, explained", '列出这台机器的网卡并加以说明', '列出這台機器的網卡並加以說明'),
    flags: ['--json', '--timeout-ms'],
    examples: ['vmnet-doctor adapters --json'],
  },
};

const LABELS = {
  en: { usage: 'Usage', options: 'Options', examples: 'Examples', default: 'default', commands: 'Commands', more: 'Run' },
  'zh-CN': { usage: '用法', options: '选项', examples: '示例', default: '默认', commands: '命令', more: '运行' },
  'zh-TW': { usage: '用法', options: '選項', examples: '範例', default: '預設', commands: '命令', more: '執行' },
} as const;

const flagLine = (name: string, lang: UiLanguage): string => {
  const f = FLAGS[name] as Flag;
  const head = `  ${name}${f.arg ? ` ${f.arg}` : ''}`;
  const tail = `${f.text[lang]}${f.default ? ` (${LABELS[lang].default} ${f.default})` : ''}`;
  return head.length < 28 ? `${head.padEnd(28)}${tail}` : `${head}\n${' '.repeat(28)}${tail}`;
};

export function commandHelp(name: string, lang: UiLanguage): string {
  const c = COMMANDS[name] as Command;
  const l = LABELS[lang];
  return [
    `${c.usage}`,
    '',
    c.summary[lang],
    '',
    `${l.options}:`,
    ...c.flags.map((f) => flagLine(f, lang)),
    '',
    `${l.examples}:`,
    ...c.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

export function generalHelp(lang: UiLanguage): string {
  const l = LABELS[lang];
  const intro = w(
    'vmnet-doctor — find and fix why a virtual machine and its host cannot talk',
    'vmnet-doctor —— 找出并修复虚拟机与主机无法互通的原因',
    'vmnet-doctor —— 找出並修復虛擬機與主機無法互通的原因',
  );
  return [
    intro[lang],
    '',
    `${l.usage}: vmnet-doctor <command> [options]`,
    '',
    `${l.commands}:`,
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary[lang]}`),
    '',
    `${l.options}:`,
    flagLine('--json', lang),
    flagLine('--lang', lang),
    '  -h, --help',
    '  -v, --version',
    '',
    `${l.more} 'vmnet-doctor <command> --help'.`,
    '',
  ].join('\n');
}

/** Edit distance, for suggestions (short words only; inputs are capped). */
function distance(a: string, b: string): number {
  const x = a.slice(0, 64);
  const y = b.slice(0, 64);
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[y.length] ?? Number.POSITIVE_INFINITY;
}

/** Each hyphenated part of `word` shortens the candidate's part: same first letter, its letters in order ("inet" of "internet"). */
function abbreviates(word: string, candidate: string): boolean {
  const parts = word.toLowerCase().split('-');
  const whole = candidate.toLowerCase().split('-');
  if (parts.length !== whole.length || word.length < 3) return false;
  return parts.every((part, i) => {
    const full = whole[i] ?? '';
    if (!part || part[0] !== full[0]) return false;
    let at = 0;
    for (const ch of full) if (ch === part[at]) at++;
    return at === part.length;
  });
}

/** The candidate closest to `word`, when it is close enough to be what was meant. */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d =
      c.startsWith(word) && word.length >= 3 ? 0.5 : abbreviates(word, c) ? 1 : distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 4)) ? best : null;
}
