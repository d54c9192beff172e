/**
 * The report does not depend on the order the rules ran in (issue 25): a finding's rank comes from
 * the path (its hop), its severity and its declared priority; the checks from the catalogue and
 * the VM networks. Every Windows scenario bundle is diagnosed with its rules in shuffled orders,
 * and every scenario's findings are judged again in shuffled orders: the reports are identical.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Symptom } from '../../common/domain.ts';
import { judge } from '../../common/path.ts';
import { otherOrders, SEEDS, shuffled } from '../../test/rules/shuffle.ts';
import { readBundle } from '../bundle/bundle.ts';
import { ReplaySource } from '../probes/source.ts';
import { gatherWindowsFacts } from './windows-facts.ts';
import { diagnoseWindowsHost, WINDOWS_RULES } from './windows-rules.ts';

const root = new URL('../../test/bundles/windows/', import.meta.url).pathname;
const scenarios = readdirSync(root).filter((d) => !d.includes('.'));
const SYMPTOMS: Symptom[] = ['vm-cannot-ping-host', 'host-cannot-reach-vm', 'vm-no-internet', 'vm-no-ip', 'auto'];

describe('the report does not depend on the rules’ order', () => {
  it('shuffles a list for real (the test could fail)', () => {
    expect(SEEDS.map((s) => shuffled(WINDOWS_RULES, s)).some((o) => o.some((r, i) => r !== WINDOWS_RULES[i]))).toBe(true);
  });

  it.each(scenarios)('%s: the Windows rules in five shuffled orders and in reverse give the same report', async (name) => {
    const bundle = await readBundle(join(root, name));
    for (const symptom of SYMPTOMS) {
      const request = { ...bundle.request, symptom };
      const facts = await gatherWindowsFacts(request, new ReplaySource(bundle.records));
      const report = (rules = WINDOWS_RULES) => {
        const { checks, findings, scope } = diagnoseWindowsHost(facts, rules);
        return { checks, ...judge(symptom, checks, findings, scope) };
      };
      const expected = report();
      for (const order of otherOrders(WINDOWS_RULES)) expect(report(order), `${name}, ${symptom}`).toEqual(expected);
      // The findings as any rule might have emitted them: ranked the same, the same verdict.
      const { checks, findings, scope } = diagnoseWindowsHost(facts);
      for (const seed of SEEDS) {
        const again = judge(symptom, checks, shuffled(structuredClone(findings), seed), scope);
        expect(again, `${name}, ${symptom}, findings shuffled with seed ${seed}`).toEqual(
          judge(symptom, checks, structuredClone(findings), scope),
        );
      }
    }
  });
});
