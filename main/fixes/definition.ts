/**
 * What a fix is: its parameters, how it plans from the live state, and how it undoes from the
 * recorded state (one module, so each fix file depends on this and not on the others).
 */
import type { z } from 'zod';
import type { Params } from '../../common/catalogue/text.ts';
import type { FixId } from '../../common/domain.ts';
import type { Step } from './journal.ts';

export interface FixPlan<B = Record<string, unknown>> {
  /** What the plan found, for the catalogue's summary (common/catalogue/fixes.ts renders it). */
  summary: Params;
  steps: Step[];
  /** The state before, as data: journaled, and all that undo is rebuilt from. */
  before: B;
  verify: () => Promise<{ ok: boolean; evidence: string }>;
  /** Undo at once when verification fails (configurations that could cut the VM off). */
  rollbackUnlessVerified?: boolean;
}

/**
 * A fix: its parameters, how it plans from the live state, and how it undoes from the recorded
 * state. The journal holds data only (id, parameters, `before`); undo and recovery re-validate
 * them with `params` and `before` and rebuild the steps here, so a journal file is never a program.
 */
export interface FixDefinition<B extends Record<string, unknown> = Record<string, unknown>> {
  id: FixId;
  /** Where the fix can be applied; it can be previewed (planned) anywhere. */
  platform: 'linux' | 'windows';
  params: z.ZodType<Record<string, string>>;
  before: z.ZodType<B>;
  plan: (params: Record<string, string>) => Promise<FixPlan<B>>;
  undo: (params: Record<string, string>, before: B) => Promise<Step[]> | Step[];
}

/** Types one fix by its `before`, then erases that for the registry (each is only ever used with its own). */
export const defineFix = <B extends Record<string, unknown>>(d: FixDefinition<B>): FixDefinition => d as unknown as FixDefinition;
