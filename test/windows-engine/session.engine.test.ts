/**
 * The session layer (node-powershell, one persistent process per diagnosis) against a real pwsh:
 * a batch in one process, each probe on its own clock; a hung probe cut off and the session
 * replaced while the others answer; a probe that kills the process mid-batch; CLIXML progress on
 * stderr beside a good answer; outside values arriving as data; the JSON depth.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PowerShellSession } from '../../main/runner/powershell-session.ts';
import { launchCount } from '../../main/runner/process-runner.ts';
import { pwshAvailable } from './pwsh.ts';

let session: PowerShellSession;
afterEach(async () => session?.dispose());
const open = () => {
  session = new PowerShellSession({ flavour: 'pwsh' });
  return session;
};

describe.runIf(pwshAvailable())('a real PowerShell session (pwsh 7 through node-powershell)', () => {
  it('runs a batch in one process, each probe with its own parameters and clock, and keeps the session for the next call', {
    timeout: 60_000,
  }, async () => {
    const s = open();
    const before = launchCount();
    const results = await s.runBatch(
      [
        { id: 'one', script: '@{ got = $Params.value }', params: { value: 1 } },
        {
          id: 'two',
          script: '@{ got = $Params.value; nested = @{ a = @{ b = @{ c = @{ d = "deep" } } } } }',
          params: { value: 'zwei' },
        },
        { id: 'three', script: "throw 'Access is denied.'", params: {} },
      ],
      20_000,
    );
    expect(results.get('one')).toMatchObject({ status: 'ok', data: { got: 1 } });
    // ConvertTo-Json's default depth (2) would print the fourth level as a type name: the session asks for more.
    expect(results.get('two')).toMatchObject({ status: 'ok', data: { got: 'zwei', nested: { a: { b: { c: { d: 'deep' } } } } } });
    expect(results.get('three')).toMatchObject({ status: 'failed', message: 'Access is denied.' });
    expect(await s.run({ id: 'again', script: '@{ pid = $PID }', params: {} }, 20_000)).toMatchObject({ status: 'ok' });
    expect(launchCount() - before).toBe(1);
  });

  it('a hung probe is cut off at its budget and its session replaced; the others in its batch still answer', {
    timeout: 60_000,
  }, async () => {
    const s = open();
    const before = launchCount();
    const started = performance.now();
    const results = await s.runBatch(
      [
        { id: 'hangs', script: 'Start-Sleep -Seconds 60; @{}', params: {} },
        { id: 'answers', script: '@{ ok = "yes" }', params: {} },
      ],
      // Room for a fresh pwsh to start inside the budget while other test files share the two cores.
      8000,
    );
    expect(results.get('hangs')).toMatchObject({ status: 'timeout' });
    expect(results.get('answers')).toMatchObject({ status: 'ok', data: { ok: 'yes' } });
    // The batch's budget, then the hung probe's own: never the 60 s it asked for.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(launchCount() - before).toBeGreaterThanOrEqual(2);
    expect(await s.run({ id: 'after', script: '@{ fresh = $true }', params: {} }, 20_000)).toMatchObject({
      status: 'ok',
      data: { fresh: true },
    });
  });

  it('a probe that ends the process mid-batch fails alone, at once, and the next call gets a fresh session', {
    timeout: 60_000,
  }, async () => {
    const s = open();
    const started = performance.now();
    const results = await s.runBatch(
      [
        { id: 'before', script: '@{ n = 1 }', params: {} },
        { id: 'crashes', script: '[Environment]::Exit(7)', params: {} },
        { id: 'after', script: '@{ n = 3 }', params: {} },
      ],
      20_000,
    );
    expect(results.get('crashes')).toMatchObject({ status: 'failed', message: expect.stringContaining('PowerShell exited') });
    expect(results.get('before')).toMatchObject({ status: 'ok', data: { n: 1 } });
    expect(results.get('after')).toMatchObject({ status: 'ok', data: { n: 3 } });
    // Nothing waited for the 20 s budget: the exit is seen when it happens.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(await s.run({ id: 'next', script: '@{ n = 4 }', params: {} }, 20_000)).toMatchObject({ status: 'ok', data: { n: 4 } });
  });

  it('progress records and CLIXML on stderr beside a good answer do not fail it', { timeout: 60_000 }, async () => {
    const s = open();
    const script = [
      "$ProgressPreference = 'Continue'",
      "Write-Progress -Activity 'Preparing modules for first use.' -Status ' '",
      "[Console]::Error.WriteLine('#< CLIXML')",
      '[Console]::Error.WriteLine(\'<Objs Version="1.1.0.1"><Obj S="progress" RefId="0"></Obj></Objs>\')',
      "@{ answer = 'kept' }",
    ].join('\n');
    const results = await s.runBatch([{ id: 'noisy', script, params: {} }], 20_000);
    expect(results.get('noisy')).toMatchObject({ status: 'ok', data: { answer: 'kept' } });
  });

  it('outside values reach the script as data, whatever they hold', { timeout: 60_000 }, async () => {
    const s = open();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
    const hostile = 'x\'; $(Exit 9) `whoami` ‘q’ " ; -- && ${env:PATH}\nline2 以太网';
    const result = await s.run(
      {
        id: 'echo',
        script: '@{ value = [string]$Params.value; count = @($Params.list).Count }',
        params: { value: hostile, list: [hostile, '2'] },
      },
      20_000,
    );
    expect(result).toMatchObject({ status: 'ok', data: { value: hostile, count: 2 } });
  });
});
