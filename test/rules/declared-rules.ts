/**
 * Every rule's declaration (main/diagnosis: `declareRule(name, emits)`), found by loading the
 * diagnosis modules and taking what they export, so no list of rules is kept by hand.
 */
import { readdirSync } from 'node:fs';
import type { RuleDecl } from '../../main/diagnosis/checklist.ts';

const diagnosis = new URL('../../main/diagnosis/', import.meta.url);

const isRuleDecl = (value: unknown): value is RuleDecl =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as RuleDecl).name === 'string' &&
  Array.isArray((value as RuleDecl).emits) &&
  Object.keys(value).length === 2;

export async function declaredRules(): Promise<RuleDecl[]> {
  const files = readdirSync(diagnosis).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const rules = new Map<string, RuleDecl>();
  for (const file of files) {
    const module = (await import(new URL(file, diagnosis).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) if (isRuleDecl(value)) rules.set(value.name, value);
  }
  return [...rules.values()].sort((a, b) => a.name.localeCompare(b.name));
}
