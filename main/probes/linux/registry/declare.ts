/**
 * One Linux probe, declared in one file (registry/*.ts): the command, its time budget, its parser and
 * the recorded fixtures it is tested on, with where they came from. A probe with a fixed command
 * (defineLinuxProbe) runs through `runLinuxProbe`; one whose command takes what the diagnosis
 * found — a target, an interface, a name — is a question (defineLinuxQuestion), asked through
 * `askLinux` with its parameters. The bundle reader, the fuzzers and the registry test list
 * probes from the registry (registry/index.ts).
 */
import type { ProbeReport } from '../../../../common/domain.ts';
import type { RunResult } from '../../../runner/process-runner.ts';
import { packetProbeReport, reportFromRun } from '../../probe.ts';
import type { ProbeSource } from '../../source.ts';

export interface LinuxProbe<Id extends string = string, T = unknown> {
  readonly id: Id;
  readonly platforms: readonly ['linux'];
  readonly argv: readonly [string, ...string[]];
  /** Set for tools whose words are translated (ufw): its English is what the parser reads. */
  readonly env?: Readonly<Record<string, string>>;
  /** Its time budget, from the diagnosis's own timeout. */
  readonly budgetMs: (timeoutMs: number) => number;
  /** Reads its output; null when the output is not what the command prints. */
  readonly parse: (stdout: string) => T | null;
  /** A diagnosis cannot start without it (a bundle lacking it is refused). */
  readonly required?: boolean;
  /** Its fixtures (by name) in main/probes/linux/fixtures/ or another `folder` of main/probes/, and how they were recorded (that folder's README says more). */
  readonly fixtures: { readonly folder?: string; readonly match: RegExp; readonly origin: string };
}

export const defineLinuxProbe = <const Id extends string, T>(probe: LinuxProbe<Id, T>): LinuxProbe<Id, T> => probe;

export interface LinuxProbeOutcome<T> {
  run: RunResult;
  /** The parsed output, or null when it did not run or printed something else. */
  data: T | null;
  report: ProbeReport;
}

/** Runs one probe through the source (live, recording or replay); never throws. */
export async function runLinuxProbe<T>(
  probe: LinuxProbe<string, T>,
  source: ProbeSource,
  timeoutMs: number,
): Promise<LinuxProbeOutcome<T>> {
  const [file, ...args] = probe.argv;
  const run = await source.run(file, args, {
    timeoutMs: probe.budgetMs(timeoutMs),
    ...(probe.env ? { env: { ...probe.env } } : {}),
  });
  if (run.status !== 'ok') return { run, data: null, report: reportFromRun(probe.id, run) };
  let data: T | null = null;
  try {
    data = probe.parse(run.stdout);
  } catch {
    data = null;
  }
  return {
    run,
    data,
    report: reportFromRun(probe.id, run, data === null ? `unexpected output of ${probe.argv.join(' ')}` : undefined),
  };
}

/** A probe whose command takes parameters (what the diagnosis found): its argv is a function of them. */
export interface LinuxQuestion<Id extends string = string, P = never, T = unknown> {
  readonly id: Id;
  readonly platforms: readonly ['linux'];
  readonly argv: (params: P) => readonly [string, ...string[]];
  /** Set for tools whose words are translated (virsh): its English is what the reader reads. */
  readonly env?: Readonly<Record<string, string>>;
  /** Its time budget, from the diagnosis's own timeout. */
  readonly budgetMs: (timeoutMs: number) => number;
  /** It sends packets: a non-zero exit is its answer (nobody replied, no such name), not its failure. */
  readonly packets: boolean;
  /** What its run says for these parameters; for a run that failed, what is then known (often nothing). */
  readonly read: (run: RunResult, params: P) => T;
  /** Its fixtures in main/probes/linux/fixtures/ (by name), how they were recorded, and the parameters they were asked with. */
  readonly fixtures: { readonly folder?: string; readonly match: RegExp; readonly origin: string; readonly example: P };
}

export const defineLinuxQuestion = <const Id extends string, P, T>(question: LinuxQuestion<Id, P, T>): LinuxQuestion<Id, P, T> =>
  question;

export interface LinuxAnswer<T> {
  run: RunResult;
  data: T;
  report: ProbeReport;
}

/** The run a question's parameters make, through the source; never throws. */
export function askLinuxRun<P>(question: LinuxQuestion<string, P, unknown>, params: P, source: ProbeSource, timeoutMs: number) {
  const [file, ...args] = question.argv(params);
  return source.run(file, args, {
    timeoutMs: question.budgetMs(timeoutMs),
    ...(question.env ? { env: { ...question.env } } : {}),
  });
}

/** Asks one question and reads its answer; `reportId` names it in the report when one question is asked for several purposes. */
export async function askLinux<P, T>(
  question: LinuxQuestion<string, P, T>,
  params: P,
  source: ProbeSource,
  timeoutMs: number,
  reportId: string = question.id,
): Promise<LinuxAnswer<T>> {
  const run = await askLinuxRun(question, params, source, timeoutMs);
  let data: T;
  try {
    data = question.read(run, params);
  } catch {
    // Output no parser expected reads as a run that said nothing.
    data = question.read({ ...run, status: 'error', stdout: '', message: 'unexpected output' }, params);
  }
  return { run, data, report: question.packets ? packetProbeReport(reportId, run) : reportFromRun(reportId, run) };
}
