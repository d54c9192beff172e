/**
 * The symptom's path and the verdict (pure, shared by main and the renderer). From the symptom and
 * what the rules observed: the hops the packets travel (catalogue/hops.ts), each one failed,
 * unknown, passed or not checked from here; the verdict is the first broken hop's finding. A
 * finding off the path (an adapter no VM uses, a note) is "also found", never the verdict; a hop
 * that could not be told is said as unknown, with how to learn it, never as "no problem".
 */
import { CHECKS, type CheckDecl, type LearnId, UNKNOWN_REASONS } from './catalogue/checks.ts';
import { FINDINGS, type FindingDecl } from './catalogue/findings.ts';
import { type HopId, SYMPTOM_HOPS } from './catalogue/hops.ts';
import type { Params } from './catalogue/text.ts';
import type { Check, DiagnosisPath, Finding, HopStatus, PathHop, Symptom, Verdict } from './domain.ts';

/** What the rules know of the VM in question: which of this machine's networks it uses. */
export interface PathScope {
  /** Every VM network this machine has (VMnet1, VMnet8, a host-only adapter, a guest's NICs). */
  networks: readonly string[];
  /** Those the VM uses (from its configuration and its address); null when that could not be told. */
  used: readonly string[] | null;
  /** The VM's address is known: its DHCP server is then off the path, unless the address is the question. */
  vmAddressKnown: boolean;
}

export const UNSCOPED: PathScope = { networks: [], used: null, vmAddressKnown: false };

const findingDecl = (id: Finding['id']) => FINDINGS[id] as unknown as FindingDecl<Params>;
const checkDecl = (id: string) => (CHECKS as Record<string, CheckDecl | undefined>)[id.split(':')[0] ?? id];

/** The hop a finding breaks, from the catalogue (a function of its parameters for some). */
export function hopOf(id: Finding['id'], params: Params): HopId {
  const hop = findingDecl(id).hop;
  return typeof hop === 'function' ? hop(params) : hop;
}

/** A finding that may be the verdict: a problem, or information that answers the symptom as designed. */
export function byDesign(f: Pick<Finding, 'id' | 'params'>): boolean {
  const d = findingDecl(f.id).byDesign;
  return typeof d === 'function' ? d(f.params) : d === true;
}
const eligible = (f: Finding) => f.severity !== 'info' || byDesign(f);

/** The hops of a symptom's path: DHCP drops out once the VM's address is known (a lease has done its work). */
export function pathHops(symptom: Symptom, scope: PathScope): HopId[] {
  const keepDhcp = !scope.vmAddressKnown || symptom === 'vm-no-ip';
  return SYMPTOM_HOPS[symptom].filter((h) => h !== 'dhcp' || keepDhcp);
}

/** Off the path: about a VM network of this machine that the VM does not use. */
function inScope(subject: string | undefined, scope: PathScope): boolean {
  if (!subject || scope.used === null || !scope.networks.includes(subject)) return true;
  return scope.used.includes(subject);
}
const checkSubject = (c: Check) => c.id.split(':').slice(1).join(':') || undefined;
const checkHops = (c: Check): readonly HopId[] => {
  const hop = checkDecl(c.id)?.hop;
  return hop === undefined ? [] : typeof hop === 'string' ? [hop] : hop;
};
const reasonOf = (c: Check) => (c.evidence as { reason?: unknown } | undefined)?.reason;
/** A check that could not tell: unknown, or skipped for a reason that means "could not tell". */
const undecided = (c: Check) =>
  c.status === 'unknown' ||
  (c.status === 'skip' && typeof reasonOf(c) === 'string' && UNKNOWN_REASONS.has(reasonOf(c) as string));
const learnOf = (c: Check): LearnId => {
  const reason = reasonOf(c);
  return typeof reason === 'string' && UNKNOWN_REASONS.has(reason) ? (reason as LearnId) : 'other';
};

/** Marks each finding on or off the path; call before ranking. */
export function placeFindings(findings: Finding[], symptom: Symptom, scope: PathScope): void {
  const hops = pathHops(symptom, scope);
  for (const f of findings) f.onPath = hops.includes(f.hop) && inScope(f.subject, scope);
}

const SEVERITY = { error: 0, warning: 1, info: 2 } as const;

/** A finding's declared priority: its place in the catalogue (findings.ts), the order a packet meets causes. */
const PRIORITY = new Map(Object.keys(FINDINGS).map((id, i) => [id, i]));

/**
 * Orders findings in place: on the path first, by hop in the order a packet meets them, then
 * problems before information, then severity, then the catalogue's declared priority; off the path
 * after, by severity. Last, the subject and the parameters: the order the rules ran in never counts.
 */
export function rankFindings(findings: Finding[], symptom: Symptom, scope: PathScope): Finding[] {
  const hops = pathHops(symptom, scope);
  const key = (f: Finding) => [
    f.onPath ? 0 : 1,
    f.onPath ? hops.indexOf(f.hop) : 0,
    eligible(f) ? 0 : 1,
    SEVERITY[f.severity],
    PRIORITY.get(f.id) ?? 0,
  ];
  const tail = (f: Finding) => `${f.subject ?? ''}\u0000${JSON.stringify(f.params)}`;
  return findings.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    const [ta, tb] = [tail(a), tail(b)];
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

/** The path's hops with their status, from the checks and the findings on them. */
export function buildPath(symptom: Symptom, checks: Check[], findings: Finding[], scope: PathScope): DiagnosisPath {
  const hops = pathHops(symptom, scope);
  const scoped = checks.filter((c) => inScope(checkSubject(c), scope));
  const proven = new Set(scoped.filter((c) => c.status === 'pass').flatMap((c) => checkDecl(c.id)?.proves ?? []));
  const steps: PathHop[] = hops.map((hop) => {
    const on = scoped.filter((c) => checkHops(c).includes(hop));
    const found = findings.filter((f) => f.onPath && f.hop === hop && eligible(f));
    const unsure = on.find(undecided);
    let status: HopStatus = 'unchecked';
    // A check that only warns (a Public profile while the firewall lets ping in) breaks no hop.
    if (found.length > 0 || on.some((c) => c.status === 'fail' && !checkDecl(c.id)?.warningOnly)) status = 'fail';
    else if (proven.has(hop)) status = 'pass';
    else if (unsure) status = 'unknown';
    else if (on.some((c) => c.status === 'pass')) status = 'pass';
    return {
      hop,
      status,
      checks: on.map((c) => c.id),
      findings: found.map((f) => f.id),
      ...(status === 'unknown' && unsure ? { unknown: { check: unsure.id, learn: learnOf(unsure) } } : {}),
    };
  });
  return { symptom, networks: scope.used ? [...scope.used] : null, hops: steps };
}

/**
 * The first broken hop's finding; else the first hop that could not be told (or that failed with no
 * finding to say why); else healthy. `findings` are ranked, so the verdict's finding comes first.
 */
export function verdictOf(path: DiagnosisPath, findings: Finding[], checks: Check[]): Verdict {
  for (const step of path.hops) {
    const index = findings.findIndex((f) => f.onPath && f.hop === step.hop && eligible(f));
    const f = findings[index];
    if (f) return { kind: f.severity === 'info' ? 'by-design' : 'cause', hop: step.hop, finding: f.id, index };
  }
  for (const step of path.hops) {
    if (step.status === 'unknown' && step.unknown)
      return { kind: 'unknown', hop: step.hop, check: step.unknown.check, learn: step.unknown.learn, failed: false };
    if (step.status === 'fail') {
      const failed = checks.find((c) => step.checks.includes(c.id) && c.status === 'fail');
      if (failed) return { kind: 'unknown', hop: step.hop, check: failed.id, learn: 'other', failed: true };
    }
  }
  return { kind: 'healthy' };
}

/** The whole of it, as diagnose() applies it to the rules' output: place, rank, path, verdict. */
export function judge(
  symptom: Symptom,
  checks: Check[],
  findings: Finding[],
  scope: PathScope,
): { findings: Finding[]; path: DiagnosisPath; verdict: Verdict } {
  placeFindings(findings, symptom, scope);
  rankFindings(findings, symptom, scope);
  const path = buildPath(symptom, checks, findings, scope);
  return { findings, path, verdict: verdictOf(path, findings, checks) };
}
