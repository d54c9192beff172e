/**
 * What every diagnosis must hold, whatever the machine (checked on every scenario bundle, every
 * earlier-shape bundle and every lab run): the verdict's finding sits on a hop of the symptom's path
 * and is no mere note; nothing off the path is the verdict; no verdict is "healthy" while a hop on
 * the path is unknown or failed.
 */
import { expect } from 'vitest';
import type { DiagnosisReport } from '../common/domain.ts';

export function expectPathVerdict(report: DiagnosisReport, label = ''): void {
  const v = report.verdict;
  const hops = report.path.hops.map((h) => h.hop);
  if (v.kind === 'cause' || v.kind === 'by-design') {
    const f = report.findings[v.index];
    expect(f?.id, `${label} verdict finding`).toBe(v.finding);
    expect(f?.onPath, `${label} ${v.finding} is on the path`).toBe(true);
    expect(hops, `${label} ${v.finding}'s hop`).toContain(f?.hop);
    expect(v.kind === 'by-design' || f?.severity !== 'info', `${label} a note is not the cause`).toBe(true);
    expect(v.index, `${label} the verdict's finding comes first`).toBe(0);
  } else {
    // No finding on the path that could be the verdict was passed over.
    expect(
      report.findings.filter((f) => f.onPath && f.severity !== 'info').map((f) => f.id),
      `${label} problems on the path`,
    ).toEqual([]);
  }
  if (v.kind === 'healthy')
    expect(
      report.path.hops.filter((h) => h.status === 'unknown' || h.status === 'fail').map((h) => h.hop),
      `${label} a green verdict with hops unknown or failed`,
    ).toEqual([]);
  if (v.kind === 'unknown') expect(hops, label).toContain(v.hop);
}
