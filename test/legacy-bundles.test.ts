/**
 * Bundles written by earlier releases stay readable and give today's verdict (test/bundles/legacy/,
 * written by the scenario writer as it was at each commit). A shape that lacks an observation
 * today's verdict rests on may only say "cannot tell" for it, never "no problem" — and each such
 * case is named below with why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdictFinding } from '../common/catalogue/render.ts';
import { readBundle } from '../main/bundle/bundle.ts';
import { diagnose } from '../main/diagnosis/diagnose.ts';
import { ReplaySource } from '../main/probes/source.ts';
import { expectPathVerdict } from './path-invariants.ts';

const legacy = new URL('./bundles/legacy/', import.meta.url).pathname;
const today = new URL('./bundles/windows/', import.meta.url).pathname;
const bundles = readdirSync(legacy)
  .filter((d) => !d.includes('.'))
  .flatMap((commit) => readdirSync(join(legacy, commit)).map((scenario) => ({ commit, scenario })));

/** Earlier shapes without the observation that today's verdict needs: the verdict names that gap. */
const LACKING: Record<string, { verdict: 'unknown'; hop: string; why: string }> = {
  '4954ca4/healthy-vmware-nat': {
    verdict: 'unknown',
    hop: 'vm-firewall',
    why: 'the first release asked no hypervisor for the VM’s address and pinged nothing, so whether the VM answers was never seen',
  },
};

describe('bundles in every earlier shape', () => {
  it('hold every shape the scenario writer has had (five commits)', () => {
    expect([...new Set(bundles.map((b) => b.commit))].sort()).toEqual(['2f8c1fb', '306892d', '4382d58', '4954ca4', '4eb54b5']);
    expect(bundles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(bundles)('$commit/$scenario gives today’s verdict', async ({ commit, scenario }) => {
    const bundle = await readBundle(join(legacy, commit, scenario));
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    expectPathVerdict(report, `${commit}/${scenario}`);
    const lacking = LACKING[`${commit}/${scenario}`];
    if (lacking) {
      expect(report.verdict).toMatchObject({ kind: lacking.verdict, hop: lacking.hop });
      return;
    }
    const expected = JSON.parse(readFileSync(join(today, scenario, 'expected.json'), 'utf8'));
    expect(report.verdict.kind).toBe(expected.verdict);
    expect('hop' in report.verdict ? report.verdict.hop : null).toBe(expected.hop);
    const first = verdictFinding(report);
    expect(first?.id ?? null).toBe(expected.firstFinding);
    expect(first?.fixes[0] ?? null).toBe(expected.firstFix);
  });
});
