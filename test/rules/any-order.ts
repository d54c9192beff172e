/**
 * Diagnoses that hold their rules to running in any order (issue 25): the report — the checks,
 * and the findings as the path ranks them — is the same with the rules written, reversed and
 * shuffled five ways. Every guest rule test diagnoses through it, so each of their facts is also a
 * case of order independence; the labs' collected bundles (guest and host) are replayed through it.
 */
import { expect } from 'vitest';
import type { Check, Finding, Symptom } from '../../common/domain.ts';
import { judge, type PathScope } from '../../common/path.ts';
import { readBundle } from '../../main/bundle/bundle.ts';
import { guestScope, hostScope } from '../../main/diagnosis/diagnose.ts';
import { type GuestFacts, gatherGuestFacts } from '../../main/diagnosis/guest-facts.ts';
import { diagnoseGuest, GUEST_RULES, type GuestDiagnosis, type GuestRule } from '../../main/diagnosis/guest-rules.ts';
import { gatherHostFacts, type HostFacts } from '../../main/diagnosis/host-facts.ts';
import { diagnoseHost, LINUX_HOST_RULES, type LinuxHostRule } from '../../main/diagnosis/host-rules.ts';
import { ReplaySource } from '../../main/probes/source.ts';
import { otherOrders } from './shuffle.ts';

/** Diagnoses with the rules in every order and expects one report; returns the diagnosis in the written order. */
function inAnyOrder<R extends { readonly name: string }, D extends { checks: Check[]; findings: Finding[] }>(
  rules: readonly R[],
  diagnose: (order: readonly R[]) => D,
  symptom: Symptom,
  scope: PathScope,
): D {
  const report = (order: readonly R[]) => {
    const { checks, findings } = diagnose(order);
    return { checks, ...judge(symptom, checks, structuredClone(findings), scope) };
  };
  const expected = report(rules);
  for (const order of otherOrders(rules))
    expect(report(order), `rules in the order ${order.map((r) => r.name).join(', ')}`).toEqual(expected);
  return diagnose(rules);
}

export const diagnoseGuestInAnyOrder = (facts: GuestFacts, rules: readonly GuestRule[] = GUEST_RULES): GuestDiagnosis =>
  inAnyOrder(rules, (order) => diagnoseGuest(facts, order), facts.options.symptom, guestScope(facts));

/** A guest's collected bundle, replayed here (no packet sent) and diagnosed through every order. */
export async function replayGuestInAnyOrder(dir: string): Promise<GuestDiagnosis> {
  const bundle = await readBundle(dir);
  const facts = await gatherGuestFacts(bundle.request, undefined, new ReplaySource(bundle.records));
  return diagnoseGuestInAnyOrder(facts);
}

/** A Linux host's diagnosis, the same with its rules in every order. */
export const diagnoseHostInAnyOrder = (facts: HostFacts, rules: readonly LinuxHostRule[] = LINUX_HOST_RULES) =>
  inAnyOrder(rules, (order) => diagnoseHost(facts, order), facts.options.symptom, hostScope(facts));

/** A Linux host's collected bundle, replayed here and diagnosed through every order of its rules. */
export async function replayHostInAnyOrder(dir: string) {
  const bundle = await readBundle(dir);
  return diagnoseHostInAnyOrder(await gatherHostFacts(bundle.request, undefined, new ReplaySource(bundle.records)));
}
