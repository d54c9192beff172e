/** Runtime validation of every operation's parameters (see contract.ts). */
import { z } from 'zod';
import { diagnoseRequestSchema } from './diagnose-request.ts';
import { FIX_IDS, WIZARD_SYMPTOMS } from './domain.ts';

/** Fix parameters: a few short strings; each fix validates its own keys and values again. */
const fixParams = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/), z.string().max(256))
  .refine((r) => Object.keys(r).length <= 12, 'at most 12 parameters');
const fixRequest = z.object({ fixId: z.enum(FIX_IDS), params: fixParams }).strict();

export const operationParams = {
  'app.info': z.object({}).strict(),
  'adapters.list': z
    .object({
      timeoutMs: z.number().int().min(500).max(60_000).optional(),
    })
    .strict(),
  // The byte limit itself is enforced by the explainer, which says so in a typed error;
  // this cap only keeps absurd payloads from being validated at all.
  'explain.ipconfig': z.object({ text: z.string().max(16 * 1024 * 1024) }).strict(),
  'explain.thisMachine': z.object({}).strict(),
  // The diagnosis request of every entry point, with the wizard's extra symptom ("I cloned a VM").
  'diagnose.run': diagnoseRequestSchema.omit({ symptom: true, timeoutMs: true }).extend({ symptom: z.enum(WIZARD_SYMPTOMS) }),
  'fix.preview': fixRequest,
  'fix.apply': fixRequest,
  'fix.undo': z.object({ journalId: z.string().regex(/^[\w-]{1,64}$/) }).strict(),
  'fix.history': z.object({}).strict(),
} as const satisfies Record<string, z.ZodType>;
