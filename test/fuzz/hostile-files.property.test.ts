/** Bounded fuzzing of bundle folders and journal entries in CI (`npm run fuzz` runs many more). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { bundleFolder, journalEntry, readHostileBundle, readHostileJournal } from './hostile-files.ts';

describe('fuzzing outside files', () => {
  it('any bundle folder is read or refused with a BundleError, within its time budget', async () => {
    await fc.assert(fc.asyncProperty(bundleFolder, readHostileBundle), { numRuns: 40 });
  }, 120_000);

  it('any journal entry is read as data (or not at all); undo never depends on what it stored', async () => {
    await fc.assert(fc.asyncProperty(journalEntry, readHostileJournal), { numRuns: 150 });
  }, 60_000);
});
