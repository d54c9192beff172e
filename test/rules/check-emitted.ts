/**
 * `node test/rules/check-emitted.ts DIR` (run by `npm test` after vitest): every finding each rule
 * declares came out of that rule somewhere in the suite — on the scenario bundles, the rule tests'
 * facts or the labs' real machines. A declared id no run produced fails, naming the rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredRules } from './declared-rules.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: check-emitted.ts DIR');
const emitted = new Set(
  readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)),
);
let missing = 0;
let declared = 0;
for (const rule of await declaredRules()) {
  for (const id of rule.emits) {
    declared++;
    if (emitted.has(`${rule.name}\t${id}`)) continue;
    missing++;
    process.stdout.write(`  rule ${rule.name} declares ${id}, but no test run of it produced one\n`);
  }
}
process.stdout.write(`${declared - missing} of ${declared} declared findings came out of their rule in the suite\n`);
process.exitCode = missing ? 1 : 0;
