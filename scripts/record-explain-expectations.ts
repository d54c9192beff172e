/**
 * Writes fixtures/NAME.expected.json from the current reader, for review. Run it only after
 * reading every changed line against the capture beside it: the expectations are the test.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { explainIpconfig } from '../main/explain/explain-ipconfig.ts';

const dir = new URL('../main/explain/fixtures/', import.meta.url);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  const outcome = explainIpconfig(readFileSync(new URL(file, dir)), 'en');
  if (!outcome.ok) throw new Error(`${file}: ${outcome.error.message}`);
  const { hostName, locale, adapters } = outcome.value;
  const expected = {
    hostName,
    locale,
    adapters: adapters.map(({ explanations: _e, raw: _r, ruleId: _id, dhcpServer: _d, explanation: _x, ...spec }) => spec),
  };
  writeFileSync(new URL(file.replace(/\.txt$/, '.expected.json'), dir), `${JSON.stringify(expected, null, 2)}\n`);
}
