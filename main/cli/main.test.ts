import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPLAIN_SPEC_FIELDS } from '../../common/domain.ts';

const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('command line', () => {
  it('prints the version from package.json', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help on --help with exit 0 and names every spec command', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const command of ['explain', 'diagnose', 'collect', 'fix', 'undo']) expect(r.stdout).toContain(command);
  });

  it('exits 2 with a reason on stderr for usage errors, printing nothing on stdout', () => {
    for (const args of [['--bogus'], ['frobnicate'], []]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.length + r.stdout.length).toBeGreaterThan(0);
    }
    expect(run('--bogus').stdout).toBe('');
  });

  it('lists adapters as one JSON document matching `ip -j addr`', () => {
    const r = run('adapters', '--json');
    expect(r.status).toBe(0);
    const listing = JSON.parse(r.stdout);
    const names = (JSON.parse(execFileSync('ip', ['-j', 'addr', 'show'], { encoding: 'utf8' })) as { ifname: string }[]).map(
      (l) => l.ifname,
    );
    expect(listing.adapters.map((a: { name: string }) => a.name)).toEqual(names);
    expect(listing.probe).toMatchObject({ id: 'adapters', status: 'ok' });
  });
});

describe('explain command (shared/spec/cli.md)', () => {
  const fixture = (name: string) => new URL(`../explain/fixtures/${name}`, import.meta.url).pathname;
  const runWithInput = (input: Buffer | string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, 'explain', ...args], {
      input,
      encoding: 'utf8',
      timeout: 20_000,
      maxBuffer: 64 * 1024 * 1024,
    });

  it('prints exactly one JSON document with the spec fields', () => {
    const r = run('explain', fixture('de.all.vbox-apipa-vmnet.txt'), '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ hostName: 'Matteo-Lenovo', locale: 'de' });
    const vmnet8 = doc.adapters.find((a: { vmnet: string }) => a.vmnet === 'VMnet8');
    for (const key of EXPLAIN_SPEC_FIELDS) {
      expect(vmnet8, key).toHaveProperty(key);
    }
    expect(vmnet8).toMatchObject({ type: 'ethernet', category: 'vmware', relevance: 'vm', mac: '00-50-56-C0-00-08', dhcp: true });
  });

  it('reads standard input and answers in the chosen language', () => {
    const r = runWithInput(readFileSync(fixture('zh-CN.short.hyperv-wsl-vmnet.txt')), '-', '--lang', 'zh-TW');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('虛擬機器網路');
    expect(r.stdout).toContain('192.168.174.2');
  });

  it('exits 2 for text that is not ipconfig and 3 for oversized or unreadable input', () => {
    const poem = runWithInput('roses are red\n', '--json');
    expect(poem.status).toBe(2);
    expect(poem.stdout).toBe('');
    expect(poem.stderr).toMatch(/not ipconfig output/);
    const chinese = spawnSync(process.execPath, [cli, 'explain', '-', '--lang', 'zh-CN'], {
      input: 'roses are red\n',
      encoding: 'utf8',
    });
    expect(chinese.stderr.split('\n')[0]).toBe(
      'vmnet-doctor: 这不是 ipconfig 的输出：没有找到任何网卡段落。请运行 ipconfig /all，把它打印的内容全部给出。',
    );
    const huge = runWithInput(Buffer.alloc(5 * 1024 * 1024, 0x41));
    expect(huge.status).toBe(3);
    expect(huge.stderr).toMatch(/limit/);
    const missing = run('explain', '/nonexistent/ipconfig.txt');
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/cannot read/);
    expect(run('explain', fixture('de.all.vbox-apipa-vmnet.txt'), '--lang', 'fr').status).toBe(2);
  });
});

describe('fix command: dry runs and refusals (changes nothing)', () => {
  it('shows the exact file and commands of guest.config', () => {
    const r = run(
      'fix',
      'guest.config',
      '--param',
      'interface=eth0',
      '--param',
      'mode=static',
      '--param',
      'address=192.168.37.130/24',
      '--param',
      'gateway=192.168.37.2',
      '--param',
      'dns=192.168.37.2',
      '--param',
      'flavour=netplan',
      '--dry-run',
      '--json',
    );
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.steps[0]).toMatch(/^cat > \/etc\/netplan\/99-vmnet-doctor\.yaml <<'EOF'\n/);
    expect(plan.steps[0]).toContain('- to: default');
    expect(plan.steps[0]).toContain('via: 192.168.37.2');
    expect(plan.steps.at(-1)).toBe('netplan apply');
    expect(plan.undo.at(-1)).toBe('netplan apply');
  });

  it('shows how guest.install-sshd installs and starts the SSH server with this system’s tools', () => {
    const r = run('fix', 'guest.install-sshd', '--dry-run', '--json');
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.steps.at(-1)).toMatch(/^systemctl enable --now sshd?$/);
    expect(plan.undo[0]).toMatch(/^systemctl disable --now sshd?$/);
  });

  it.each([
    [['linux.set-gateway', '--param', 'interface=eth0', '--param', 'gateway=1.2.3.4;reboot']],
    [['linux.set-gateway', '--param', 'interface=$(id)', '--param', 'gateway=1.2.3.4']],
    [['linux.allow-icmp', '--param', 'subnet=0.0.0.0/0 accept; flush ruleset']],
    [['linux.set-dns', '--param', 'dns=8.8.8.8\nnameserver 6.6.6.6']],
    [['no.such-fix']],
    [['linux.link-up', '--param', 'interface=eth0', '--param', 'extra=1']],
  ])('refuses %j with exit 2 before planning anything', (args) => {
    const r = run('fix', ...args, '--dry-run');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('will not apply without --yes when there is no terminal to ask on', () => {
    const r = run('fix', 'linux.link-up', '--param', 'interface=lo');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
  });
});

describe('printing outside data to a terminal', () => {
  // OSC 0 (window title), OSC 52 (clipboard write), a C1 CSI and a bidi override in an adapter name.
  const evil = 'Evil\u001b]0;pwned\u0007\u001b]52;c;ZWNobyBoaQ==\u0007\u009b2J\u202eName';
  const ipconfig = `Windows IP Configuration\r\n\r\nEthernet adapter ${evil}:\r\n\r\n   IPv4 Address. . . . . . . . . . . : 192.168.1.5\r\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\r\n`;
  const explain = (...args: string[]) =>
    spawnSync(process.execPath, [cli, 'explain', '-', ...args], { input: ipconfig, encoding: 'utf8', timeout: 20_000 });

  it('replaces every control character with a visible escape, in text and in JSON', () => {
    for (const r of [explain(), explain('--json')]) {
      expect(r.status).toBe(0);
      const controls = [...r.stdout].filter((c) => {
        const n = c.codePointAt(0) ?? 0;
        return (n < 0x20 && c !== '\n' && c !== '\t') || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
      });
      expect(controls).toEqual([]);
      expect(r.stdout).toContain('\\u001b]52;c;');
    }
    // The JSON still says exactly what the input said.
    const doc = JSON.parse(explain('--json').stdout);
    expect(doc.adapters[0].header).toContain('\u001b]52;c;ZWNobyBoaQ==\u0007');
  });
});

describe('a command line that guides', () => {
  const bundle = (name: string) => new URL(`../../test/bundles/windows/${name}`, import.meta.url).pathname;

  it('each command has its own help: every flag with its default from the schema, and examples', () => {
    const r = run('diagnose', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['--symptom', '--host-ip', '--vm-ip', '--service-port', '--from', '--timeout-ms'])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('(default 4000)');
    expect(r.stdout).toMatch(/Examples:\n {2}vmnet-doctor diagnose/);
    expect(run('help', 'fix').stdout).toContain('--dry-run');
    const zh = run('fix', '--help', '--lang', 'zh-CN');
    expect(zh.stdout).toContain('只显示确切的命令，不做任何更改');
    expect(zh.stdout).not.toContain('show the exact commands');
  });

  it('speaks the user’s language for its own lines: the header, "nothing to undo", whose steps a preview shows', () => {
    const bundle = new URL('../../test/bundles/windows/bridge-driver-stopped/', import.meta.url).pathname;
    expect(run('diagnose', '--from', bundle, '--lang', 'zh-CN').stdout.split('\n')[0]).toMatch(/^诊断（主机，Windows） \d+ ms$/);
    expect(run('diagnose', '--from', bundle).stdout.split('\n')[0]).toMatch(/^Diagnosis \(host, Windows\) \d+ ms$/);
    const empty = spawnSync(process.execPath, [cli, 'undo', '--last', '--lang', 'zh-TW'], {
      encoding: 'utf8',
      env: { ...process.env, VMNET_DOCTOR_STATE_DIR: `/tmp/vmnet-doctor-empty-${process.pid}` },
    });
    expect(empty.stderr).toBe('vmnet-doctor: 沒有可復原的操作：這裡沒有記錄已套用的修復\n');
    const preview = run('fix', 'host.restart-adapter', '--param', 'adapter=VMnet8', '--dry-run', '--lang', 'zh-CN');
    expect(preview.stdout.split('\n')[0]).toBe('这些步骤是给 Windows 用的：请在那台电脑上运行（这台电脑无法应用它们）。');
    expect(
      JSON.parse(run('fix', 'host.restart-adapter', '--param', 'adapter=VMnet8', '--dry-run', '--json').stdout).platform,
    ).toBe('windows');
    // Its usage lines and refusals too.
    expect(run('fix', '--lang', 'zh-TW').stderr.split('\n')[0]).toBe(
      'vmnet-doctor: 用法：fix FIX_ID [--param KEY=VALUE]… [--dry-run] [--yes] [--json]',
    );
    expect(run('fix', 'linux.link-up', '--param', 'interface=lo', '--lang', 'zh-CN').stderr).toBe(
      'vmnet-doctor: 请用 --yes 确认（这里没有终端可以询问）\n',
    );
    expect(run('fix', 'linux.link-up', '--param', 'interface', '--lang', 'zh-CN').stderr.split('\n')[0]).toBe(
      'vmnet-doctor: --param 的格式应为 KEY=VALUE，收到的是“interface”',
    );
    // An abbreviation of a value's words is recognised too.
    expect(run('diagnose', '--symptom', 'vm-no-inet').stderr).toMatch(/Did you mean 'vm-no-internet'\?/);
  });

  it('a typo gets "did you mean", in the chosen language', () => {
    expect(run('diagnos').stderr).toMatch(/Did you mean 'diagnose'\?/);
    expect(run('diagnose', '--hostip', '192.168.37.1').stderr).toMatch(/Did you mean '--host-ip'\?/);
    expect(run('diagnose', '--symptom', 'vm-no-internt').stderr).toMatch(/Did you mean 'vm-no-internet'\?/);
    expect(run('fix', 'linux.set-gatway', '--dry-run').stderr).toMatch(/Did you mean 'linux\.set-gateway'\?/);
    expect(run('diagnos', '--lang', 'zh-TW').stderr).toContain('您是不是想用「diagnose」？');
  });

  it('errors are plain words naming the flag: no zod paths, no ENOENT', () => {
    const missing = run('fix', 'host.enable-adapter', '--dry-run');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('host.enable-adapter needs --param adapter=…');
    expect(missing.stderr).not.toMatch(/received undefined/);
    expect(run('fix', 'linux.set-gateway', '--param', 'interface=ens33', '--param', 'gateway=x', '--dry-run').stderr).toContain(
      '--param gateway must be an IPv4 address',
    );
    expect(run('diagnose', '--host-ip', '1.2.3', '--lang', 'zh-CN').stderr).toContain('--host-ip 的值不对，应为：一个 IPv4 地址');
    expect(run('explain', '/nonexistent/ipconfig.txt').stderr).toContain('there is no such file');
  });

  it('diagnose leads with the cause and ends with the exact command that fixes it', () => {
    const r = run('diagnose', '--from', bundle('vmnet8-disabled'));
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[2]).toBe('Cause: VMware Network Adapter VMnet8 is disabled');
    expect(lines.at(-2)).toBe("  vmnet-doctor fix host.enable-adapter --param 'adapter=VMware Network Adapter VMnet8'");
    expect(lines.findIndex((l) => l.startsWith('Checks:'))).toBeGreaterThan(2);
    const zh = run('diagnose', '--from', bundle('vmnet8-disabled'), '--lang', 'zh-CN').stdout;
    expect(zh.split('\n')[2]).toMatch(/^原因：/);
    expect(zh).toContain('要修复，请运行');
  });
});
