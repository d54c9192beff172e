/**
 * Tests that write a report by hand: fills in what diagnose() derives from the rules' output — each
 * finding's hop, the symptom's path and the verdict (common/path.ts) — so the fixture stays a few
 * checks and findings.
 */
import type { Params } from '../common/catalogue/text.ts';
import type { DiagnosisReport, Finding, Symptom } from '../common/domain.ts';
import { hopOf, judge, type PathScope, UNSCOPED } from '../common/path.ts';

export type HandFinding = Omit<Finding, 'hop' | 'onPath'> & Partial<Pick<Finding, 'hop' | 'onPath'>>;

export function judgedReport(
  report: Omit<DiagnosisReport, 'findings' | 'path' | 'verdict'> & { findings: HandFinding[] },
  symptom: Symptom = 'auto',
  scope: PathScope = UNSCOPED,
): DiagnosisReport {
  const findings = report.findings.map((f) => ({ ...f, hop: f.hop ?? hopOf(f.id, f.params as Params), onPath: true }));
  return { ...report, ...judge(symptom, report.checks, findings, scope) };
}

/** A finding written by hand, its hop from the catalogue. */
export const handFinding = (f: HandFinding): Finding => ({ ...f, hop: f.hop ?? hopOf(f.id, f.params), onPath: f.onPath ?? true });
