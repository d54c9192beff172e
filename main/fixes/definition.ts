/**
 * What a fix is: its parameters, how it plans from the live state, and how it undoes from the
 * recorded state (one module, so each fix file depends on this and not on the others).
 */
import type { z } from 'zod';
import type { FixSummaryParams } from '../../common/catalogue/fixes.ts';
import type { ReadBack } from '../../common/catalogue/read-backs.ts';
import type { Params } from '../../common/catalogue/text.ts';
import type { FixId } from '../../common/domain.ts';
import type { ProbeSource } from '../probes/source.ts';
import type { Step } from './journal.ts';

/**
 * Where a plan reads the state it starts from: the same source as the diagnosis (live, or a
 * bundle's recording), so a bundle's preview shows the bundle's machine, never this one. What a
 * recording does not hold is not read from here: the plan says it cannot be made from the bundle.
 */
export interface PlanContext {
  source: ProbeSource;
}

export interface FixPlan<B = Record<string, unknown>, Summary = Params> {
  /** What the plan found, for the catalogue's summary (common/catalogue/fixes.ts renders it): its keys are the catalogue's. */
  summary: Summary;
  steps: Step[];
  /** The state before, as data: journaled, and all that undo is rebuilt from. */
  before: B;
  /** Reads the machine again: whether the finding's state is gone, and what was seen, in the catalogue's words. */
  verify: () => Promise<{ ok: boolean; readBack: ReadBack }>;
  /** Undo at once when verification fails (configurations that could cut the VM off). */
  rollbackUnlessVerified?: boolean;
}

/**
 * A fix: its parameters, how it plans from the live state, and how it undoes from the recorded
 * state. The journal holds data only (id, parameters, `before`); undo and recovery re-validate
 * them with `params` and `before` and rebuild the steps here, so a journal file is never a program.
 */
/**
 * A fix's parameters: a strict object, so an unknown key is refused, never silently dropped. Its
 * output types the plan: a step that reads a parameter the schema lacks does not compile.
 */
export type ParamsSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

export interface FixDefinition<
  Id extends FixId = FixId,
  S extends ParamsSchema = ParamsSchema,
  B extends Record<string, unknown> = Record<string, unknown>,
> {
  id: Id;
  /** Where the fix can be applied; it can be previewed (planned) anywhere. */
  platform: 'linux' | 'windows';
  params: S;
  before: z.ZodType<B>;
  /** Reads the state it starts from through `ctx.source`: this machine live, a bundle's machine in its preview. */
  plan: (params: z.output<S>, ctx: PlanContext) => Promise<FixPlan<B, FixSummaryParams<Id>>>;
  /** Rebuilt from the recorded `before`; a step that must look (how to reconnect) reads through `ctx.source`. */
  undo: (params: z.output<S>, before: B, ctx: PlanContext) => Promise<Step[]> | Step[];
}

/** Types one fix by its parameters and its `before`, then erases them for the registry (each is only ever used with its own). */
export const defineFix = <Id extends FixId, S extends ParamsSchema, B extends Record<string, unknown>>(
  d: FixDefinition<Id, S, B>,
): FixDefinition => {
  // zod's strict and stripping objects have one type: strictness is checked when the fix is declared.
  if (d.params.def.catchall?._zod.def.type !== 'never') throw new Error(`${d.id}: its parameters must be a strict object`);
  // The journal's `before` is read back from a file: a key the fix never wrote is refused, not dropped.
  const before = d.before as unknown as { def: { type: string; catchall?: { _zod: { def: { type: string } } } } };
  if (before.def.type === 'object' && before.def.catchall?._zod.def.type !== 'never')
    throw new Error(`${d.id}: its state before must be a strict object`);
  return d as unknown as FixDefinition;
};
