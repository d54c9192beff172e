/**
 * One Linux probe with a fixed command, declared in one file (registry/*.ts): the command, its time
 * budget, its parser and the recorded fixtures it is tested on, with where they came from. The
 * facts run it through `runLinuxProbe`; the bundle reader, the fuzzers and the registry test list
 * probes from the registry (registry/index.ts). Probes whose command depends on what was found
 * (ping, arping, getent, a neighbour table per interface) stay with the facts that ask them.
 */
import type { ProbeReport } from '../../../../common/domain.ts';
import type { RunResult } from '../../../runner/process-runner.ts';
import { reportFromRun } from '../../probe.ts';
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
  /** Its fixtures in main/probes/linux/fixtures/ (by name), and how they were recorded (the README says more). */
  readonly fixtures: { readonly match: RegExp; readonly origin: string };
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
