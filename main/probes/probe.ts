/** Shared probe plumbing: every probe reports ok / failed / timeout / unavailable, never throws. */
import type { ProbeReport, ProbeStatus } from '../../common/domain.ts';
import type { RunResult } from '../runner/process-runner.ts';

export type ProbeOutcome<T> = { report: ProbeReport; data: T | null };

/** Maps a process result onto the probe vocabulary. */
export function probeStatusOf(run: RunResult): ProbeStatus {
  switch (run.status) {
    case 'ok':
      return 'ok';
    case 'timeout':
      return 'timeout';
    case 'not-installed':
    case 'permission-denied':
      return 'unavailable';
    default:
      return 'failed';
  }
}

/** Joins an argv for display only; nothing ever executes this string. */
export function displayCommand(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Tools that ran but were refused rights (nft, iptables-save, ufw and arping need root). */
const DENIED = /operation not permitted|permission denied|you must be root|need to be root|are you root/i;
const deniedByKernel = (run: RunResult) => run.status === 'exit' && DENIED.test(run.stderr);

export function reportFromRun(id: string, run: RunResult, error?: string): ProbeReport {
  const status = error ? 'failed' : deniedByKernel(run) ? 'unavailable' : probeStatusOf(run);
  const report: ProbeReport = { id, status, durationMs: run.durationMs, command: displayCommand(run.argv) };
  const message = error ?? (status === 'ok' ? undefined : explainRunFailure(run));
  if (message) report.error = message;
  return report;
}

/** Only a ping that ran and got no reply means "does not answer"; a refused or missing ping knows nothing. */
export function pingAnswered(run: RunResult): boolean | null {
  return run.status === 'ok' ? true : run.status === 'exit' && !deniedByKernel(run) ? false : null;
}

/**
 * For probes that send packets (ping, getent, arping), a non-zero exit is their answer — nobody
 * replied, the name does not resolve, someone else holds the address — not a failure of the probe.
 */
export function packetProbeReport(id: string, run: RunResult): ProbeReport {
  if (run.status !== 'exit' || deniedByKernel(run)) return reportFromRun(id, run);
  return { id, status: 'ok', durationMs: run.durationMs, command: displayCommand(run.argv) };
}

function explainRunFailure(run: RunResult): string {
  const firstStderr = run.stderr.trim().split('\n')[0];
  if (run.status === 'not-installed') return `${run.argv[0]} is not installed on this machine`;
  if (run.status === 'permission-denied') return `permission denied running ${run.argv[0]}`;
  if (deniedByKernel(run))
    return `${run.argv[0]} needs administrator rights to read this (run VMnet Doctor with sudo for this check): ${firstStderr}`;
  return firstStderr ? `${run.message}: ${firstStderr}` : (run.message ?? 'failed');
}
