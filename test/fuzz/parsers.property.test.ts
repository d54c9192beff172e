/**
 * Property-based fuzzing of every parser of outside text (bounded here; `npm run fuzz` runs long):
 * arbitrary text and mutated real fixtures never make a parser throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSERS } from './parsers.ts';

/** A real fixture with random slices cut, duplicated or replaced by random text. */
const mutated = (seeds: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat({ max: 64 }),
          fc.oneof(fc.string(), fc.constantFrom('{', '}', '"', ':', '\n', '[', ']', ',', 'null', '-1')),
        ),
        {
          maxLength: 8,
        },
      ),
    )
    .map(([seed, edits]) =>
      edits.reduce((text, [at, len, insert]) => {
        const i = text.length ? at % text.length : 0;
        return text.slice(0, i) + insert + text.slice(i + len);
      }, seed),
    );

const runs = Number(process.env.FUZZ_RUNS ?? 200);

describe.each(PARSERS)('$name', ({ parse, seeds }) => {
  it('has real fixtures to start from', () => {
    expect(seeds.length).toBeGreaterThan(0);
  });
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 2000 })), (text) => {
        parse(text);
      }),
      { numRuns: runs },
    );
  });
  it('never throws on mutated real output', () => {
    fc.assert(
      fc.property(mutated(seeds), (text) => {
        parse(text);
      }),
      { numRuns: runs },
    );
  });
});
