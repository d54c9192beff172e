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
  Checklist.onFound = (rule, id) => {
    const line = `${rule}\t${id}`;
    if (seen.has(line)) return;
    seen.add(line);
    appendFileSync(file, `${line}\n`);
  };
}
