/**
 * Turns ids and parameters into words, at the edge: the renderer, the command line and the
 * reports call these with the user's language. Nothing else in the code base writes a sentence
 * a user reads about a finding, a check or a fix.
 */
import type { Check, DiagnosisReport, Finding, Severity, UiLanguage } from '../domain.ts';
import { CHECKS, type CheckId, LEARN, type LearnId, REASONS, type ReasonId } from './checks.ts';
import { FINDINGS, type FindingDecl, type FindingId } from './findings.ts';
import { FIXES, type FixId } from './fixes.ts';
import { HOPS, type HopId } from './hops.ts';
import type { Params } from './text.ts';

// The catalogue's entries are typed per id; here they are read generically, by id.
const findingDecl = (id: FindingId) => FINDINGS[id] as unknown as FindingDecl<Params>;

export function findingSeverity(id: FindingId, params: Params): Severity {
  const s = findingDecl(id).severity;
  return typeof s === 'function' ? s(params) : s;
}

export function findingText(f: Pick<Finding, 'id' | 'params'>, lang: UiLanguage): { title: string; detail: string } {
  const d = findingDecl(f.id);
  return { title: d.title[lang](f.params), detail: d.detail[lang](f.params) };
}

export const checkBaseId = (id: string): string => id.split(':')[0] ?? id;

export function checkTitle(c: Pick<Check, 'id' | 'params'>, lang: UiLanguage): string {
  const decl = CHECKS[checkBaseId(c.id) as CheckId];
  return decl ? decl.title[lang](c.params ?? {}) : c.id;
}

/** A check's reason (evidence.reason) in words; "depends-on" names the check it waited for. */
export function reasonText(c: Pick<Check, 'evidence'>, lang: UiLanguage): string | null {
  const ev = (c.evidence ?? {}) as { reason?: unknown; dependsOn?: unknown };
  if (typeof ev.reason !== 'string' || !(ev.reason in REASONS)) return null;
  if (ev.reason === 'depends-on') {
    const check = typeof ev.dependsOn === 'string' ? checkTitle({ id: ev.dependsOn }, lang) : '?';
    return REASONS['depends-on'][lang]({ check });
  }
  return (REASONS[ev.reason as Exclude<ReasonId, 'depends-on'>][lang] as () => string)();
}

export const fixName = (id: FixId, lang: UiLanguage): string => FIXES[id].name[lang]({});

export function fixSummary(id: FixId, params: Params, lang: UiLanguage): string {
  return (FIXES[id].summary[lang] as (p: Params) => string)(params);
}

/** The report with every title and detail in `lang` (the `diagnose --json` contract keeps them). */
export function localizeReport(report: DiagnosisReport, lang: UiLanguage): DiagnosisReport {
  return {
    ...report,
    checks: report.checks.map((c) => ({ ...c, title: checkTitle(c, lang) })),
    findings: report.findings.map((f) => ({ ...f, ...findingText(f, lang) })),
  };
}

export const findingMeaning = (id: FindingId, lang: UiLanguage): string => findingDecl(id).meaning[lang];

export const hopName = (hop: HopId, lang: UiLanguage): string => HOPS[hop][lang];

/** How to learn what a check could not tell, in words. */
export const learnText = (id: LearnId, lang: UiLanguage): string => LEARN[id][lang];

/** The finding the verdict names, or null when the verdict is "unknown" or "healthy". */
export function verdictFinding(report: Pick<DiagnosisReport, 'verdict' | 'findings'>): Finding | null {
  const v = report.verdict;
  return v.kind === 'cause' || v.kind === 'by-design' ? (report.findings[v.index] ?? null) : null;
}

/** Everything found besides the verdict's finding: "also found". */
export function alsoFound(report: Pick<DiagnosisReport, 'verdict' | 'findings'>): Finding[] {
  const first = verdictFinding(report);
  return report.findings.filter((f) => f !== first);
}

/**
 * "Healthy" with not one hop of the path passed from here: nothing was checked, which is never
 * "no problem" (a VM on a network this computer cannot see into, a symptom asked of the wrong side).
 */
export function nothingChecked(report: Pick<DiagnosisReport, 'verdict' | 'path'>): boolean {
  return report.verdict.kind === 'healthy' && !report.path.hops.some((h) => h.status === 'pass');
}

/** The path's hops that could not be told (the verdict names the first when there is no cause). */
export function unknownHops(report: Pick<DiagnosisReport, 'path'>): HopId[] {
  return report.path.hops.filter((h) => h.status === 'unknown').map((h) => h.hop);
}
