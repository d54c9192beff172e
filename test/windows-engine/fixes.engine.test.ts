/**
 * Every Windows fix's steps and undo run in a real PowerShell engine, as the app runs them (the
 * elevated step from its own file, started with elevatedArguments(), its hash checked by the file
 * itself), against stubbed Windows cmdlets and programs that record each call: the calls must be
 * exactly these. Hostile names arrive verbatim, as data; a step file changed after it was written
 * is refused and runs nothing.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../main/bundle/bundle.ts';
import { describeStep } from '../../main/fixes/run-fix.ts';
import { WINDOWS_FIXES } from '../../main/fixes/windows-fixes.ts';
import { liveSource } from '../../main/probes/source.ts';
import { fixScript } from '../../renderer/src/screens/wizard/script.ts';
import { CASES, VMNET8 } from './fix-cases.ts';
import { pwshAvailable, type StubbedWindows, stubbedWindows } from './pwsh.ts';
import { type PowerShellStep, runStep } from './steps.ts';
import { worldFromBundle } from './world.ts';

const bundles = new URL('../bundles/windows/', import.meta.url).pathname;

/** A recorded call as a reader checks it: the cmdlet and its bound parameters, or the program and its arguments. */
function callLine(call: ReturnType<StubbedWindows['calls']>[number]): string {
  const quote = (v: unknown) => `'${String(v)}'`;
  if (call.arguments)
    return [call.command, ...call.arguments.map((a) => (/^[\w.,:/-]+$/.test(a) ? a : JSON.stringify(a)))].join(' ');
  const parts = Object.entries(call.parameters ?? {}).map(([name, value]) => {
    if (value === true) return `-${name}`;
    if (value === false) return `-${name}:$false`;
    if (Array.isArray(value)) return `-${name} ${value.map(quote).join(', ')}`;
    if (value && typeof value === 'object')
      return `-${name} @{${Object.entries(value)
        .map(([k, v]) => `${k}=${quote(v)}`)
        .join('; ')}}`;
    return `-${name} ${quote(value)}`;
  });
  return [call.command, ...parts].join(' ');
}

/**
 * One call in the form a reader compares, whatever way of writing it: a service passed as the
 * object Get-Service returned or by its name, several services in one call or one at a time, no
 * arguments or an empty table of them — the same thing done to Windows.
 */
function sameCall(line: string): string[] {
  const plain = line.replace(/ -InputObject 'ServiceController ([^']+)'/, " -Name '$1'").replace(/ -Arguments @\{\}/, '');
  const many = /^(Stop-Service|Start-Service)( -Force)? -Name (.+)$/.exec(plain);
  if (!many) return [plain];
  return [...(many[3] ?? '').matchAll(/'([^']+)'/g)].map((m) => `${many[1]}${many[2] ?? ''} -Name '${m[1]}'`);
}

async function windowsOf(scenario: string): Promise<StubbedWindows> {
  const home = mkdtempSync(join(tmpdir(), `vmnet-fix-${scenario}-`));
  const records = (await readBundle(join(bundles, scenario))).records;
  return stubbedWindows(worldFromBundle(records, home), home);
}

/** Plans the fix from its parameters, runs its steps and then its undo, and returns the calls of each. */
async function runFix(id: string, params: Record<string, string>, scenario: string) {
  const fix = WINDOWS_FIXES.find((f) => f.id === id);
  if (!fix) throw new Error(`no fix ${id}`);
  const windows = await windowsOf(scenario);
  const parsed = fix.params.parse(params);
  const plan = await fix.plan(parsed, { source: liveSource });
  const undo = await fix.undo(parsed, fix.before.parse(plan.before));
  const phase = async (steps: typeof plan.steps) => {
    const before = windows.calls().length;
    for (const step of steps) {
      expect(step.kind).toBe('powershell');
      const outcome = await runStep(windows, step as PowerShellStep);
      expect(outcome, step.kind === 'powershell' ? step.display : '').toEqual({ ok: true });
    }
    return windows.calls().slice(before).map(callLine);
  };
  return { doCalls: await phase(plan.steps), undoCalls: await phase(undo), windows, plan };
}

describe.runIf(pwshAvailable())('Windows fixes in a real PowerShell engine (pwsh 7, recording stubs)', () => {
  it('covers every Windows fix', () => {
    expect([...new Set(CASES.map((c) => c.id))].sort()).toEqual(WINDOWS_FIXES.map((f) => f.id).sort());
  });

  it.concurrent.each(CASES)('$id: its steps and its undo make exactly these calls', { timeout: 120_000 }, async (c) => {
    const { doCalls, undoCalls } = await runFix(c.id, c.params, c.scenario);
    expect(doCalls).toEqual(c.do);
    expect(undoCalls).toEqual(c.undo);
  });

  // "Copy the commands": the script a student pastes into PowerShell is the steps' display (with
  // comment lines): pasted into the stubbed Windows, it must make exactly the calls the app's own
  // step makes — every program found by its resolved path, nothing "not recognized".
  it.concurrent.each(CASES)('$id: the copied script, pasted, makes the same calls', { timeout: 120_000 }, async (c) => {
    const fix = WINDOWS_FIXES.find((f) => f.id === c.id);
    if (!fix) throw new Error(`no fix ${c.id}`);
    const windows = await windowsOf(c.scenario);
    const plan = await fix.plan(fix.params.parse(c.params), { source: liveSource });
    const script = fixScript(
      { platform: 'windows', steps: plan.steps.map(describeStep) },
      { title: 'VMnet Doctor', runOn: 'this PC', how: 'PowerShell' },
    );
    const host = await windows.factory('pwsh');
    try {
      // As pasted: one script; the first error stops it (PowerShell's own behaviour for a pasted block differs only in echo).
      const ran = await host.invoke(`$ErrorActionPreference = 'Stop'\n${script}\n'pasted-ok'`);
      expect(ran.stdout, `${ran.stderr}\n--- script ---\n${script}`).toContain('pasted-ok');
    } finally {
      await host.dispose();
    }
    expect(windows.calls().map(callLine).flatMap(sameCall)).toEqual(c.do.flatMap(sameCall));
  });

  // Names that would be code if they ever reached the script text: quotes (ASCII and U+2018–U+201B,
  // which PowerShell also ends a string on), $(), backticks, ';', '--', '&&'. A newline is refused
  // before planning (hostile-params.test.ts).
  const HOSTILE = [
    "VMnet8'; Set-Content C:\\pwned.txt x; '",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
    'x \u2018$(Start-Process calc)\u2019 \u201A\u201B `whoami` ${env:PATH}',
    'a"b; & calc.exe && echo -- done',
    'VM -- --natpf1 delete',
    '以太网 2 (VMware 虚拟网卡)',
  ];
  it.concurrent.each(HOSTILE)(
    'a hostile adapter and VM name arrives verbatim, as data: %s',
    { timeout: 120_000 },
    async (name) => {
      const adapter = await runFix('host.enable-adapter', { adapter: name }, 'vmnet8-disabled');
      expect(adapter.windows.calls()[0]).toEqual({
        command: 'Enable-NetAdapter',
        parameters: { Confirm: false, IncludeHidden: true, Name: [name] },
      });
      const forward = { vm: name, nic: '1', hostPort: '2222', guestPort: '22', running: 'true' };
      const vm = await runFix('vbox.add-port-forward', forward, 'virtualbox-nat-unreachable');
      expect(vm.windows.calls()).toEqual([
        { command: 'VBoxManage.exe', arguments: ['controlvm', name, 'natpf1', 'vmnetdoctor-22,tcp,127.0.0.1,2222,,22'] },
        { command: 'VBoxManage.exe', arguments: ['controlvm', name, 'natpf1', 'delete', 'vmnetdoctor-22'] },
      ]);
    },
  );

  it('an elevated step file changed after it was written is refused and runs nothing; as written, it runs', {
    timeout: 120_000,
  }, async () => {
    const fix = WINDOWS_FIXES.find((f) => f.id === 'host.enable-adapter');
    const plan = await fix?.plan({ adapter: VMNET8 }, { source: liveSource });
    const step = plan?.steps[0] as PowerShellStep;
    const windows = await windowsOf('vmnet8-disabled');
    const swapped = await runStep(windows, step, (text) => text.replace('Enable-NetAdapter -Name', 'Disable-NetAdapter -Name'));
    expect(swapped.ok).toBe(false);
    expect(swapped.error).toContain('the step file changed after it was written');
    expect(windows.calls()).toEqual([]);
    expect(await runStep(windows, step)).toEqual({ ok: true });
    expect(windows.calls().map(callLine)).toEqual([`Enable-NetAdapter -Confirm:$false -IncludeHidden -Name '${VMNET8}'`]);
  });
});
