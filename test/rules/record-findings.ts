/**
 * vitest setup (every worker): when the suite runs whole (`npm test` sets VMNET_FINDINGS_LOG), each
 * finding a rule emits is written down with its rule, so check-emitted.ts can hold every declared
 * finding to a rule run that really produced it.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checklist } from '../../main/diagnosis/checklist.ts';

const dir = process.env.VMNET_FINDINGS_LOG;
if (dir) {
  const seen = new Set<string>();
  const file = join(dir, `${process.pid}.tsv`);
  // Wrapped here, in the test's process, so production code carries no hook for it. Recorded once
  // the finding is accepted: one its rule does not declare throws first, and is not recorded.
  const found = Checklist.prototype.found;
  Checklist.prototype.found = function (this: Checklist, ...args: Parameters<Checklist['found']>) {
    found.apply(this, args);
    const line = `${this.rule?.name}\t${args[0]}`;
    if (seen.has(line)) return;
    seen.add(line);
    appendFileSync(file, `${line}\n`);
  };
}
