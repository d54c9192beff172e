/**
 * `npm run fuzz [-- RUNS]`: the long fuzzing run (CI runs a bounded one in the unit tests), then
 * each parser's time on its real fixtures repeated to 64 KiB and to 1 MiB: the ratio should stay
 * near 16 (linear). Prints one JSON document.
 */
import fc from 'fast-check';
import { bundleFolder, journalEntry, readHostileBundle, readHostileJournal } from '../test/fuzz/hostile-files.ts';
import { PARSERS } from '../test/fuzz/parsers.ts';

const runs = Number(process.argv[2] ?? 20_000);
const repeatTo = (seed: string, bytes: number) =>
  seed.repeat(Math.max(1, Math.ceil(bytes / Math.max(1, seed.length)))).slice(0, bytes);
const time = (fn: () => void) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

const results = [];
for (const { name, parse, seeds } of PARSERS) {
  const started = performance.now();
  let failure: string | null = null;
  try {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 4000 }), fc.constantFrom(...seeds)), (text) => {
        parse(text);
      }),
      { numRuns: runs },
    );
  } catch (error) {
    failure = (error as Error).message.split('\n')[0] ?? 'failed';
  }
  const joined = seeds.join('\n');
  const small = time(() => parse(repeatTo(joined, 64 * 1024)));
  const large = time(() => parse(repeatTo(joined, 1024 * 1024)));
  results.push({
    parser: name,
    runs,
    fuzzMs: Math.round(performance.now() - started),
    failure,
    ms64KiB: Math.round(small * 100) / 100,
    ms1MiB: Math.round(large * 100) / 100,
    ratio: Math.round((large / Math.max(small, 0.01)) * 10) / 10,
  });
  process.stderr.write(
    `${name.padEnd(30)} ${failure ? `FAILED ${failure}` : 'ok'}  64 KiB ${small.toFixed(1)} ms, 1 MiB ${large.toFixed(1)} ms\n`,
  );
}
// Outside files: bundle folders (structure and file kinds) and journal entries. Each run touches
// the file system, so they get a share of the runs.
const files: Array<{ target: string; runs: number; ms: number; failure: string | null }> = [];
for (const [target, arbitrary, check, share] of [
  ['bundle folders', bundleFolder, readHostileBundle, 100],
  ['journal entries', journalEntry, readHostileJournal, 10],
] as const) {
  const started = performance.now();
  const n = Math.max(20, Math.round(runs / share));
  let failure: string | null = null;
  try {
    await fc.assert(fc.asyncProperty(arbitrary as fc.Arbitrary<never>, check as (v: never) => Promise<void>), { numRuns: n });
  } catch (error) {
    failure = (error as Error).message.split('\n')[0] ?? 'failed';
  }
  const ms = Math.round(performance.now() - started);
  files.push({ target, runs: n, ms, failure });
  process.stderr.write(`${target.padEnd(30)} ${failure ? `FAILED ${failure}` : 'ok'}  ${n} runs in ${ms} ms\n`);
}
process.stdout.write(`${JSON.stringify({ parsers: results, files }, null, 2)}\n`);
process.exitCode = results.some((r) => r.failure) || files.some((f) => f.failure) ? 1 : 0;
