/**
 * One persistent PowerShell process per diagnosis (node-powershell), instead of a process per
 * question: starting powershell.exe costs far more than any probe. Probes are batched into one
 * round trip; a call that hangs is cut off, the session is thrown away and the next call gets a
 * fresh one, and a batch that hangs is retried probe by probe so only the guilty probe times out.
 */
import { buildScript, encodeScriptLine, type PowerShellFlavour } from './powershell.ts';
import { countLaunch } from './process-runner.ts';

/** What one script answered: its data, or why not (the probes and the bundle keep it as it is). */
export type ScriptResult =
  | { status: 'ok'; data: unknown; durationMs: number }
  | { status: 'failed' | 'timeout' | 'unavailable'; message: string; durationMs: number };

/** The little a session needs from node-powershell, so tests can stand in for PowerShell. */
export interface PowerShellHost {
  invoke(line: string): Promise<{ stdout: string; stderr: string; hadErrors: boolean }>;
  dispose(): Promise<void>;
}
export type PowerShellHostFactory = (flavour: PowerShellFlavour) => Promise<PowerShellHost>;

export async function nodePowerShellHost(flavour: PowerShellFlavour): Promise<PowerShellHost> {
  const { PowerShell } = await import('node-powershell');
  const shell = new PowerShell({
    pwsh: flavour === 'pwsh',
    // child-shell (node-powershell's base) rejects the whole invoke when anything reached stderr
    // (Shell.js: throwOnInvocationError defaults to true). Windows PowerShell writes CLIXML progress
    // ("Preparing modules for first use") there; the batch's own JSON says what failed, per probe.
    throwOnInvocationError: false,
    executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
    spawnOptions: { windowsHide: true },
  });
  return {
    async invoke(line) {
      const result = await shell.invoke(line);
      return {
        stdout: result.stdout?.toString('utf8') ?? result.raw,
        stderr: result.stderr?.toString('utf8') ?? '',
        hadErrors: result.hadErrors,
      };
    },
    dispose: () => shell.dispose(),
  };
}

export interface ProbeScript {
  id: string;
  script: string;
  params: Record<string, unknown>;
}

class Timeout extends Error {}
/** The PowerShell process ended (or could not be reached) in the middle of a command. */
class SessionLost extends Error {}

export class PowerShellSession {
  private host: Promise<PowerShellHost> | null = null;
  private readonly flavour: PowerShellFlavour;
  private readonly factory: PowerShellHostFactory;

  constructor(options: { flavour?: PowerShellFlavour; factory?: PowerShellHostFactory } = {}) {
    this.flavour = options.flavour ?? 'windows-powershell';
    this.factory = options.factory ?? nodePowerShellHost;
  }

  private session(): Promise<PowerShellHost> {
    if (!this.host) {
      countLaunch();
      this.host = this.factory(this.flavour);
      this.host.catch(() => {
        this.host = null;
      });
    }
    return this.host;
  }

  /** Runs one script text and parses the single JSON line it prints. */
  private async invokeJson(scriptText: string, timeoutMs: number): Promise<unknown> {
    const host = await this.session();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout(`PowerShell did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    let result: Awaited<ReturnType<PowerShellHost['invoke']>>;
    try {
      result = await Promise.race([host.invoke(encodeScriptLine(scriptText)), deadline]);
    } catch (error) {
      // A hung or dead session is not reused: the next call starts a fresh one. node-powershell
      // rejects at once when the process exits mid-command, and every later call on it with
      // "invoke called after process exited" (seen on a real pwsh session).
      await this.dispose();
      if (error instanceof Timeout) throw error;
      const first = (error instanceof Error ? error.message : String(error)).split(/\r?\n/)[0];
      throw new SessionLost(`PowerShell exited while running this (${first})`);
    } finally {
      clearTimeout(timer);
    }
    const line = lastOutputLine(result.stdout);
    try {
      return JSON.parse(line);
    } catch {
      const reason = result.stderr.trim().split(/\r?\n/)[0];
      throw new Error(reason ? `PowerShell: ${reason}` : 'PowerShell did not print valid JSON');
    }
  }

  /**
   * One probe in its own round trip, in the batch's envelope: a probe that throws reports its
   * exception's message, not the first line of PowerShell's coloured error text on stderr.
   */
  async run(probe: ProbeScript, timeoutMs: number): Promise<ScriptResult> {
    const started = performance.now();
    try {
      const data = (await this.invokeJson(buildBatchScript([probe]), timeoutMs)) as Record<string, unknown>;
      return batchEntry(data?.[probe.id]);
    } catch (error) {
      return failure(error, Math.round(performance.now() - started));
    }
  }

  /**
   * All probes in one round trip, each in its own try/catch with its own clock. When the whole
   * batch exceeds its time or its process dies, each probe is retried alone (in a fresh session),
   * so one hung or crashing probe cannot hide the rest.
   */
  async runBatch(probes: ProbeScript[], timeoutMs: number): Promise<Map<string, ScriptResult>> {
    const started = performance.now();
    const results = new Map<string, ScriptResult>();
    try {
      const data = (await this.invokeJson(buildBatchScript(probes), timeoutMs)) as Record<string, unknown>;
      for (const probe of probes) results.set(probe.id, batchEntry(data?.[probe.id]));
      return results;
    } catch (error) {
      // A hang or a crash is one probe's doing: each is asked again alone, so the others still answer.
      if (!(error instanceof Timeout || error instanceof SessionLost)) {
        const failed = failure(error, Math.round(performance.now() - started));
        for (const probe of probes) results.set(probe.id, failed);
        return results;
      }
    }
    for (const probe of probes) results.set(probe.id, await this.run(probe, timeoutMs));
    return results;
  }

  async dispose(): Promise<void> {
    const host = this.host;
    this.host = null;
    if (host) await host.then((h) => h.dispose()).catch(() => {});
  }
}

/**
 * The JSON line a script printed. A real pwsh 7 session on a redirected console wraps each command
 * in terminal mode switches (ESC[?1h ESC[?1l, application cursor keys on and off) on their own line
 * after the output, seen when the session layer first ran against a real engine; a BOM may lead.
 * Escape sequences are removed and the last line that still holds text is the answer.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences (CSI, OSC, two-byte) are what is removed
const TERMINAL_ESCAPES = /\u001b(\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(\u0007|\u001b\\)|[@-Z\\-_])/g;
export function lastOutputLine(stdout: string): string {
  const text = stdout.replace(/^\uFEFF/, '').replace(TERMINAL_ESCAPES, '');
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

function failure(error: unknown, durationMs: number): ScriptResult {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Timeout) return { status: 'timeout', message, durationMs };
  // node-powershell rejects with ENOENT when powershell.exe / pwsh is not there.
  if (/ENOENT|not found|cannot find/i.test(message))
    return { status: 'unavailable', message: `PowerShell is not available: ${message}`, durationMs };
  return { status: 'failed', message, durationMs };
}

function batchEntry(entry: unknown): ScriptResult {
  const e = (entry ?? {}) as { ok?: boolean; ms?: number; data?: unknown; error?: string };
  const durationMs = typeof e.ms === 'number' ? e.ms : 0;
  if (e.ok === true) return { status: 'ok', data: e.data, durationMs };
  return { status: 'failed', message: e.error ?? 'the probe returned nothing', durationMs };
}

/**
 * One script running every probe as `& { param($Params) … } $All.<id>`: each probe sees only its
 * own parameters, and probe ids are our constants (checked), never outside text.
 */
export function buildBatchScript(probes: ProbeScript[]): string {
  const parts = probes.map((probe) => {
    if (!/^[a-z][a-z0-9-]*$/.test(probe.id)) throw new Error(`bad probe id ${probe.id}`);
    return [
      '$clock.Restart()',
      `try { $results['${probe.id}'] = @{ ok = $true; data = (& {\nparam($Params)\n${probe.script}\n} $All.'${probe.id}') } }`,
      `catch { $results['${probe.id}'] = @{ ok = $false; error = [string]$_.Exception.Message } }`,
      `$results['${probe.id}'].ms = $clock.ElapsedMilliseconds`,
    ].join('\n');
  });
  const body = [
    '$All = $Params',
    '$results = [ordered]@{}',
    '$clock = [Diagnostics.Stopwatch]::StartNew()',
    ...parts,
    '$results',
  ].join('\n');
  return buildScript(body, Object.fromEntries(probes.map((p) => [p.id, p.params])));
}
