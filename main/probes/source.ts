/**
 * Where probes get their raw material. Live, they run programs and read files on this machine;
 * while `collect` runs, everything they see is also recorded; `diagnose --from` replays a
 * recording. The facts and rules above never know which, so a bundle from a user's machine gives
 * the same findings here as it gave there.
 */
import { access, readFile } from 'node:fs/promises';
import type { ProbeProgressEvent } from '../../common/domain.ts';
import { type RunOptions, type RunResult, runProcess } from '../runner/process-runner.ts';

export type FileRead = { status: 'ok'; text: string } | { status: 'missing' } | { status: 'denied' | 'failed'; message: string };

/** One PowerShell probe's JSON document (Windows), or why there is none. */
import type { ScriptResult } from '../runner/powershell-session.ts';

export type { ScriptResult };

export interface ProbeSource {
  readonly mode: 'live' | 'replay';
  run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult>;
  readText(path: string): Promise<FileRead>;
  exists(path: string): Promise<boolean>;
  /** Windows probes: the named probe's script result (live: through the PowerShell session). */
  script(probeId: string, params: Record<string, unknown>, run: () => Promise<ScriptResult>): Promise<ScriptResult>;
}

/** What a bundle keeps of each observation. */
export type SourceRecord =
  | { kind: 'process'; argv: string[]; result: RunResult }
  | { kind: 'file'; path: string; read: FileRead }
  | { kind: 'exists'; path: string; exists: boolean }
  | {
      kind: 'script';
      probeId: string;
      params: Record<string, unknown>;
      result: ScriptResult;
      /** The shape of its document (the probe registry's), when it is not today's: a scenario may hold an older release's. */
      shape?: number;
    };

export function recordKey(record: SourceRecord): string {
  switch (record.kind) {
    case 'process':
      return processKey(record.argv);
    case 'file':
      return `file\0${record.path}`;
    case 'exists':
      return `exists\0${record.path}`;
    case 'script':
      return scriptKey(record.probeId, record.params);
  }
}

const processKey = (argv: readonly string[]) => `process\0${argv.join('\0')}`;
const scriptKey = (probeId: string, params: Record<string, unknown>) => `script\0${probeId}\0${JSON.stringify(params)}`;

async function readLocal(path: string): Promise<FileRead> {
  try {
    return { status: 'ok', text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
    return { status: code === 'EACCES' || code === 'EPERM' ? 'denied' : 'failed', message: `cannot read ${path}: ${code}` };
  }
}

export const liveSource: ProbeSource = {
  mode: 'live',
  run: (file, args, options) => runProcess(file, args, options),
  readText: readLocal,
  exists: (path) =>
    access(path).then(
      () => true,
      () => false,
    ),
  script: (_id, _params, run) => run(),
};

/** Probes this machine and keeps a copy of everything it saw, for `collect`. */
export class RecordingSource implements ProbeSource {
  readonly mode = 'live' as const;
  readonly records: SourceRecord[] = [];
  private readonly inner: ProbeSource;
  constructor(inner: ProbeSource = liveSource) {
    this.inner = inner;
  }

  async run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
    const result = await this.inner.run(file, args, options);
    this.records.push({ kind: 'process', argv: [file, ...args], result });
    return result;
  }
  async readText(path: string): Promise<FileRead> {
    const read = await this.inner.readText(path);
    this.records.push({ kind: 'file', path, read });
    return read;
  }
  async exists(path: string): Promise<boolean> {
    const exists = await this.inner.exists(path);
    this.records.push({ kind: 'exists', path, exists });
    return exists;
  }
  async script(probeId: string, params: Record<string, unknown>, run: () => Promise<ScriptResult>): Promise<ScriptResult> {
    const result = await this.inner.script(probeId, params, run);
    this.records.push({ kind: 'script', probeId, params, result });
    return result;
  }
}

/**
 * Answers from a recording. Something the recording does not hold (a bundle from an older
 * version, or from a machine where that probe could not run) is reported as unavailable.
 */
export class ReplaySource implements ProbeSource {
  readonly mode = 'replay' as const;
  private readonly byKey = new Map<string, SourceRecord>();
  constructor(records: readonly SourceRecord[]) {
    for (const record of records) this.byKey.set(recordKey(record), record);
  }

  async run(file: string, args: readonly string[]): Promise<RunResult> {
    const record = this.byKey.get(processKey([file, ...args]));
    if (record?.kind === 'process') return record.result;
    return {
      status: 'not-installed',
      argv: [file, ...args],
      exitCode: null,
      signal: null,
      stdout: '',
      stderr: '',
      durationMs: 0,
      message: `the bundle holds no output of ${file} ${args.join(' ')}`,
    };
  }
  async readText(path: string): Promise<FileRead> {
    const record = this.byKey.get(`file\0${path}`);
    return record?.kind === 'file' ? record.read : { status: 'failed', message: `the bundle holds no copy of ${path}` };
  }
  async exists(path: string): Promise<boolean> {
    const record = this.byKey.get(`exists\0${path}`);
    return record?.kind === 'exists' ? record.exists : false;
  }
  async script(probeId: string, params: Record<string, unknown>): Promise<ScriptResult> {
    const record = this.byKey.get(scriptKey(probeId, params)) ?? this.byProbeId(probeId);
    if (record?.kind === 'script') return record.result;
    return { status: 'unavailable', message: `the bundle holds no result of probe ${probeId}`, durationMs: 0 };
  }
  /** Scripts are keyed by their parameters too, but a bundle written by hand may omit them. */
  private byProbeId(probeId: string): SourceRecord | undefined {
    for (const record of this.byKey.values()) if (record.kind === 'script' && record.probeId === probeId) return record;
    return undefined;
  }
}

/** Tells the UI what runs while a diagnosis is under way (no frozen window): one event per observation. */
export class ProgressSource implements ProbeSource {
  readonly mode: 'live' | 'replay';
  private readonly inner: ProbeSource;
  private readonly emit: (event: ProbeProgressEvent) => void;
  constructor(inner: ProbeSource, emit: (event: ProbeProgressEvent) => void) {
    this.inner = inner;
    this.emit = emit;
    this.mode = inner.mode;
  }
  private async around<T>(probeId: string, work: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    const started = performance.now();
    this.emit({ probeId, phase: 'started' });
    const value = await work();
    this.emit({
      probeId,
      phase: 'finished',
      status: ok(value) ? 'ok' : 'failed',
      durationMs: Math.round(performance.now() - started),
    });
    return value;
  }
  run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
    return this.around(
      [file, ...args].join(' '),
      () => this.inner.run(file, args, options),
      (r) => r.status === 'ok' || r.status === 'exit',
    );
  }
  readText(path: string): Promise<FileRead> {
    return this.inner.readText(path);
  }
  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }
  script(probeId: string, params: Record<string, unknown>, run: () => Promise<ScriptResult>): Promise<ScriptResult> {
    return this.around(
      probeId,
      () => this.inner.script(probeId, params, run),
      (r) => r.status === 'ok',
    );
  }
}
