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
} as const satisfies Record<OperationName, z.ZodType>;
