/**
 * What rules write into: checks and findings, by id and parameters. A finding gets its severity
 * from the catalogue and offers only the fixes whose parameters pass the fix's own schema; checks
 * a rule did not reach are added as skipped, naming the failed check they depended on.
 */
import { CHECKS, type CheckId, type CheckParams, type ReasonId } from '../../common/catalogue/checks.ts';
import { FINDINGS, type FindingDecl, type FindingId, type FindingParams } from '../../common/catalogue/findings.ts';
import { checkBaseId, checkTitle, findingSeverity, findingText } from '../../common/catalogue/render.ts';
import type { Params } from '../../common/catalogue/text.ts';
import type { Check, CheckStatus, Finding, FixOffer } from '../../common/domain.ts';
import { hopOf } from '../../common/path.ts';
import { fixDefinition } from '../fixes/registry.ts';

/** The fixes a finding can really offer: the catalogue's offers whose parameters the fix accepts. */
export function offersFor(id: FindingId, params: Params): FixOffer[] {
  const decl = FINDINGS[id] as unknown as FindingDecl<Params>;
  return (decl.offers ?? []).flatMap((offer) => {
    const fixParams = offer.params(params);
    const definition = fixParams ? fixDefinition(offer.fix, offer.platform) : null;
    if (!fixParams || definition?.platform !== offer.platform) return [];
    return definition.params.safeParse(fixParams).success ? [{ fix: offer.fix, params: fixParams }] : [];
  });
}

/**
 * A finding as data; its title and detail are the catalogue's English until the edge renders
 * another language. `subject` names the VM network it is about when the machine has several
 * (VMnet1, a host-only adapter): one the VM does not use is off the symptom's path.
 */
export function finding<K extends FindingId>(
  id: K,
  params: FindingParams<K>,
  evidence: Record<string, unknown>,
  subject?: string,
): Finding {
  const p = params as Params;
  const offers = offersFor(id, p);
  return {
    id,
    severity: findingSeverity(id, p),
    ...findingText({ id, params: p }, 'en'),
    params: p,
    evidence,
    fixes: offers.map((o) => o.fix),
    offers,
    hop: hopOf(id, p),
    ...(subject ? { subject } : {}),
    // Placed on or off the symptom's path by common/path.ts once every rule has run.
    onPath: true,
  };
}

/** A check as rules write it: a catalogue id, optionally with ":<subject>" — a misspelled id does not compile. */
export type CheckRef = CheckId | `${CheckId}:${string}`;

/**
 * A rule as it declares itself: its name and every finding id it can emit. Rules write into a
 * checklist taken `as` their declaration, so a finding outside it does not compile where the rule
 * writes it, and fails where it runs; the catalogue test holds every finding id to a declaration.
 */
export interface RuleDecl<E extends FindingId = FindingId> {
  readonly name: string;
  readonly emits: readonly E[];
}
export const declareRule = <const E extends FindingId>(name: string, emits: readonly E[]): RuleDecl<E> => ({ name, emits });

/** A rule emitted a finding its declaration does not name (a defect of the rule, never of the machine). */
export class UndeclaredFinding extends Error {}

/** A check's place in the catalogue (checks.ts), the order a packet needs them; unknown ids last. */
const CATALOGUE_ORDER = new Map(Object.keys(CHECKS).map((id, i) => [id, i]));
const at = (c: Check) => CATALOGUE_ORDER.get(checkBaseId(c.id)) ?? CATALOGUE_ORDER.size;

export class Checklist<E extends FindingId = FindingId> {
  readonly checks: Check[];
  readonly findings: Finding[];
  /** The rule writing through this view; null for the diagnosis's own list, which emits nothing itself. */
  readonly rule: RuleDecl | null;

  constructor(rule: RuleDecl | null = null, checks: Check[] = [], findings: Finding[] = []) {
    this.rule = rule;
    this.checks = checks;
    this.findings = findings;
  }

  /** The same checks and findings, written by the rule `rule` (it may emit only what it declares). */
  as<const R extends FindingId>(rule: RuleDecl<R>): Checklist<R> {
    return new Checklist<R>(rule, this.checks, this.findings);
  }

  /** `id` is a catalogue check id, optionally with ":<subject>" (adapter, VMnet) for one of several. */
  check(id: CheckRef, status: CheckStatus, evidence?: Record<string, unknown>, params?: CheckParams): void {
    this.checks.push({
      id,
      title: checkTitle({ id, ...(params ? { params } : {}) }, 'en'),
      status,
      ...(params ? { params } : {}),
      ...(evidence ? { evidence } : {}),
    });
  }

  /** A check that could not be decided or was not applicable, with the reason as an id. */
  because(
    id: CheckRef,
    status: 'skip' | 'unknown',
    reason: ReasonId,
    evidence: Record<string, unknown> = {},
    params?: CheckParams,
  ) {
    this.check(id, status, { reason, ...evidence }, params);
  }

  found<K extends E>(id: K, params: FindingParams<K>, evidence: Record<string, unknown>, subject?: string): void {
    if (!this.rule) throw new UndeclaredFinding(`${id} was emitted outside any rule`);
    if (!(this.rule.emits as readonly FindingId[]).includes(id))
      throw new UndeclaredFinding(`rule ${this.rule.name} emitted ${id}, which it does not declare`);
    this.findings.push(finding(id, params, evidence, subject));
  }

  has(id: FindingId): boolean {
    return this.findings.some((f) => f.id === id);
  }

  /**
   * The checks in an order that does not depend on the order the rules ran: each subject's checks
   * together (VMnet8's, then VMnet1's, as `subjects` lists them; others by name), placed where its
   * first check stands in the catalogue; within, and for checks without a subject, the catalogue's order.
   */
  inOrder(subjects: readonly string[]): Check[] {
    const subjectOf = (c: Check) => c.id.slice(checkBaseId(c.id).length + 1);
    const groupAt = new Map<string, number>();
    for (const c of this.checks) {
      const s = subjectOf(c);
      if (s) groupAt.set(s, Math.min(groupAt.get(s) ?? Number.POSITIVE_INFINITY, at(c)));
    }
    const rank = (s: string) => (subjects.includes(s) ? subjects.indexOf(s) : subjects.length);
    const key = (c: Check): [number, number, string, number] => {
      const s = subjectOf(c);
      return s ? [groupAt.get(s) ?? 0, rank(s), s, at(c)] : [at(c), -1, '', at(c)];
    };
    return [...this.checks].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) {
        const [x, y] = [ka[i] as number | string, kb[i] as number | string];
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  }

  /**
   * The checks in `order`: those a rule reported, and the rest skipped because of the nearest
   * check they depend on that failed (or was itself skipped for that reason).
   */
  ordered(order: readonly CheckId[]): { checks: Check[]; findings: Finding[] } {
    const byId = new Map(this.checks.map((c) => [checkBaseId(c.id), c]));
    const blocker = (id: CheckId): string | null => {
      for (const dep of ((CHECKS[id] as { after?: readonly CheckId[] }).after ?? []) as readonly CheckId[]) {
        const c = byId.get(dep);
        if (c?.status === 'fail') return dep;
        const inherited = c ? ((c.evidence as { dependsOn?: string } | undefined)?.dependsOn ?? null) : blocker(dep);
        if (inherited) return inherited;
      }
      return null;
    };
    for (const id of order) {
      if (byId.has(id)) continue;
      const dep = blocker(id);
      const skipped: Check = {
        id,
        title: checkTitle({ id }, 'en'),
        status: 'skip',
        evidence: dep ? { reason: 'depends-on', dependsOn: dep } : { reason: 'not-probed' },
      };
      byId.set(id, skipped);
    }
    // The others (a DHCP answer, the path beyond the gateway) in the catalogue's order, not the rules'.
    const rest = this.checks.filter((c) => !order.includes(checkBaseId(c.id) as CheckId)).sort((a, b) => at(a) - at(b));
    return { checks: [...order.map((id) => byId.get(id) as Check), ...rest], findings: this.findings };
  }
}
