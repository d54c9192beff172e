/** Runtime validation of every operation's parameters (see contract.ts). */
import { z } from 'zod';
import type { OperationName } from './contract.ts';

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
} as const satisfies Record<OperationName, z.ZodType>;
