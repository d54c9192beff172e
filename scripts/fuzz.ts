/**
 * `npm run fuzz [-- RUNS]`: the long fuzzing run (CI runs a bounded one in the unit tests), then
 * each parser's time on its real fixtures repeated to 64 KiB and to 1 MiB: the ratio should stay
 * near 16 (linear). Prints one JSON document.
 */
import fc from 'fast-check';
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
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = results.some((r) => r.failure) ? 1 : 0;
