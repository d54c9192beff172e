/**
 * The one place that starts external programs. Argument arrays only (no shell), a timeout that
 * kills the whole process tree, an output cap, and a typed result instead of exceptions.
 */
import { spawn } from 'node:child_process';
import { execa } from 'execa';
import { decodeBytes, type TextEncodingName } from './decode.ts';

export type RunStatus =
  | 'ok' // exit code 0
  | 'exit' // ran, non-zero exit code
  | 'timeout' // killed at the deadline
  | 'not-installed' // the program does not exist (ENOENT)
  | 'permission-denied' // EACCES / EPERM starting it
  | 'output-limit' // stopped because it printed more than the cap
  | 'error'; // anything else (killed by a signal, spawn failure)

export interface RunResult {
  status: RunStatus;
  /** The argv that ran, for display and journals. */
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** A short human-readable reason when status is not 'ok'. */
  message?: string;
}

export interface RunOptions {
  timeoutMs: number;
  maxOutputBytes?: number;
  encoding?: TextEncodingName;
  /** Code page to decode with when output is not UTF-8/UTF-16 (e.g. 'cp936' on zh-CN Windows). */
  fallbackEncoding?: TextEncodingName;
  input?: string | Uint8Array;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/** Programs run with a C locale so Linux tools print stable, parseable text. */
const STABLE_ENV = { LC_ALL: 'C', LANG: 'C' };

let launches = 0;

/** Processes started so far (runProcess and PowerShell sessions), for the benchmark's budget. */
export function launchCount(): number {
  return launches;
}
export function countLaunch(): void {
  launches += 1;
}

/** The process groups running now: an interrupted fix ends them before it rolls back. */
const running = new Set<number>();

/** Kills every program this process started that is still running (with its children); returns how many. */
export function killRunning(): number {
  const count = running.size;
  for (const pid of running) killTree(pid);
  return count;
}

export async function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const argv = [file, ...args];
  countLaunch();
  const started = performance.now();
  const isWindows = process.platform === 'win32';
  const maxBuffer = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;

  let timedOut = false;
  const subprocess = execa(file, args, {
    reject: false,
    encoding: 'buffer',
    stripFinalNewline: false,
    maxBuffer,
    // A process group of its own, so a timeout can kill grandchildren too.
    detached: !isWindows,
    windowsHide: true,
    shell: false,
    extendEnv: true,
    env: { ...STABLE_ENV, ...options.env },
    cwd: options.cwd,
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
  });

  const timer = setTimeout(() => {
    timedOut = true;
    killTree(subprocess.pid);
  }, options.timeoutMs);
  if (subprocess.pid !== undefined) running.add(subprocess.pid);

  const result = await subprocess;
  clearTimeout(timer);
  if (subprocess.pid !== undefined) running.delete(subprocess.pid);
  if (result.isMaxBuffer) killTree(subprocess.pid);

  const durationMs = Math.round(performance.now() - started);
  const decode = (bytes: unknown) =>
    bytes instanceof Uint8Array ? decodeBytes(bytes, options.encoding ?? 'auto', options.fallbackEncoding).text : '';
  const base = {
    argv,
    exitCode: typeof result.exitCode === 'number' ? result.exitCode : null,
    signal: result.signal ?? null,
    stdout: decode(result.stdout),
    stderr: decode(result.stderr),
    durationMs,
  };
  const code = (result as { code?: string }).code;

  if (timedOut) return { ...base, status: 'timeout', message: `${file} did not finish within ${options.timeoutMs} ms` };
  if (code === 'ENOENT') return { ...base, status: 'not-installed', message: `${file} is not installed` };
  if (code === 'EACCES' || code === 'EPERM') {
    return { ...base, status: 'permission-denied', message: `not allowed to run ${file}` };
  }
  if (result.isMaxBuffer) {
    return { ...base, status: 'output-limit', message: `${file} printed more than ${maxBuffer} bytes; stopped` };
  }
  if (base.exitCode === 0) return { ...base, status: 'ok' };
  if (base.exitCode !== null) {
    return { ...base, status: 'exit', message: `${file} exited with code ${base.exitCode}` };
  }
  return { ...base, status: 'error', message: result.shortMessage ?? `${file} failed` };
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    // taskkill /T ends the whole tree; /F forces it.
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' }).on('error', () => {});
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
