/**
 * The persistent session's plumbing, with a stand-in for PowerShell (none runs here): what it
 * sends, batching, a hung call replaced by a fresh session, bad output. The stand-in decodes the
 * Base64 line exactly as PowerShell would and answers from the decoded parameters.
 */
import { describe, expect, it, vi } from 'vitest';
import { type PowerShellHost, PowerShellSession } from './powershell-session.ts';
import { launchCount } from './process-runner.ts';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
/** What Windows PowerShell writes to stderr while it loads modules the first time (CLIXML progress records). */
const CLIXML_PROGRESS =
  '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj></Objs>';

function fakeHost(
  behaviour: { hangOn?: string; garbage?: boolean; stderrNoise?: boolean },
  sent: string[],
): () => Promise<PowerShellHost> {
  return async () => {
    let disposed = false;
    return {
      async invoke(line) {
        if (disposed) throw new Error('disposed');
        sent.push(line);
        const script = decode(/FromBase64String\('([^']*)'\)/.exec(line)?.[1] ?? '');
        const params = JSON.parse(decode(/FromBase64String\('([^']*)'\)/.exec(script)?.[1] ?? '') || '{}');
        if (behaviour.garbage)
          return { stdout: 'WARNING: something\nnot json', stderr: 'Get-NetAdapter : Access denied', hadErrors: true };
        const ids = script.includes('$All = $Params') ? Object.keys(params) : [params.probe as string];
        if (behaviour.hangOn && ids.includes(behaviour.hangOn)) return new Promise(() => {});
        if (script.includes('$All = $Params')) {
          const out = Object.fromEntries(ids.map((id) => [id, { ok: true, ms: 2, data: { echo: params[id] } }]));
          // Windows PowerShell's first module load writes CLIXML progress to stderr, with a good answer on stdout.
          if (behaviour.stderrNoise) return { stdout: `${JSON.stringify(out)}\r\n`, stderr: CLIXML_PROGRESS, hadErrors: true };
          return { stdout: `${JSON.stringify(out)}\r\n`, stderr: '', hadErrors: false };
        }
        return { stdout: `\uFEFF${JSON.stringify({ echo: params })}`, stderr: '', hadErrors: false };
      },
      async dispose() {
        disposed = true;
      },
    };
  };
}

describe('PowerShell session', () => {
  it('a batch with stderr noise (CLIXML progress) still yields every probe', async () => {
    const sent: string[] = [];
    const session = new PowerShellSession({ factory: fakeHost({ stderrNoise: true }, sent) });
    const results = await session.runBatch(
      [
        { id: 'adapters', script: '1', params: { a: 1 } },
        { id: 'firewall', script: '2', params: {} },
        { id: 'services', script: '3', params: { s: 'VMnetDHCP' } },
      ],
      1000,
    );
    expect([...results.values()].map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    await session.dispose();
  });

  it('node-powershell is told not to reject an invoke that wrote to stderr', async () => {
    vi.resetModules();
    const options: unknown[] = [];
    vi.doMock('node-powershell', () => ({
      PowerShell: class {
        constructor(o: unknown) {
          options.push(o);
        }
        invoke = async () => ({ stdout: Buffer.from('{}'), stderr: Buffer.from(CLIXML_PROGRESS), hadErrors: true, raw: '{}' });
        dispose = async () => {};
      },
    }));
    const { nodePowerShellHost } = await import('./powershell-session.ts');
    const host = await nodePowerShellHost('windows-powershell');
    expect(options[0]).toMatchObject({ throwOnInvocationError: false });
    expect(await host.invoke('x')).toMatchObject({ stdout: '{}', hadErrors: true });
    vi.doUnmock('node-powershell');
  });

  it('sends one Base64 line per call and parses the JSON answer', async () => {
    const sent: string[] = [];
    const session = new PowerShellSession({ factory: fakeHost({}, sent) });
    const result = await session.run({ id: 'x', script: 'Get-Date', params: { probe: 'x', name: "a'; rm -rf /" } }, 1000);
    expect(result).toMatchObject({ status: 'ok', data: { echo: { probe: 'x', name: "a'; rm -rf /" } } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toContain('rm -rf');
    await session.dispose();
  });

  it('runs a batch in one round trip, one session, each probe with its own parameters', async () => {
    const sent: string[] = [];
    const before = launchCount();
    const session = new PowerShellSession({ factory: fakeHost({}, sent) });
    const results = await session.runBatch(
      [
        { id: 'adapters', script: '1', params: { a: 1 } },
        { id: 'ping-vm', script: '2', params: { target: '192.168.37.128' } },
      ],
      1000,
    );
    expect(sent).toHaveLength(1);
    expect(launchCount() - before).toBe(1);
    expect(results.get('adapters')).toEqual({ status: 'ok', data: { echo: { a: 1 } }, durationMs: 2 });
    expect(results.get('ping-vm')).toMatchObject({ status: 'ok', data: { echo: { target: '192.168.37.128' } } });
    await session.dispose();
  });

  it('cuts off a hung batch, replaces the session and retries probe by probe', async () => {
    const sent: string[] = [];
    const before = launchCount();
    const session = new PowerShellSession({ factory: fakeHost({ hangOn: 'firewall' }, sent) });
    const results = await session.runBatch(
      [
        { id: 'adapters', script: '1', params: { probe: 'adapters' } },
        { id: 'firewall', script: '2', params: { probe: 'firewall' } },
      ],
      150,
    );
    expect(results.get('adapters')?.status).toBe('ok');
    expect(results.get('firewall')).toMatchObject({ status: 'timeout' });
    // Batch + two single calls: the hung batch costs its session, the retries share a fresh one.
    expect(sent).toHaveLength(3);
    expect(launchCount() - before).toBe(2);
    await session.dispose();
  });

  it('reports output that is not JSON as a failure with PowerShell’s first error line', async () => {
    const session = new PowerShellSession({ factory: fakeHost({ garbage: true }, []) });
    const result = await session.run({ id: 'x', script: '1', params: {} }, 1000);
    expect(result).toMatchObject({ status: 'failed', message: 'PowerShell: Get-NetAdapter : Access denied' });
  });

  it('reports a missing PowerShell as unavailable', async () => {
    const session = new PowerShellSession({
      factory: async () => {
        throw new Error('spawn powershell.exe ENOENT');
      },
    });
    expect((await session.run({ id: 'x', script: '1', params: {} }, 1000)).status).toBe('unavailable');
  });
});
