/** Runtime validation of every operation's parameters (see contract.ts). */
import { z } from 'zod';
import type { OperationName } from './contract.ts';
import { FIX_IDS, WIZARD_SYMPTOMS } from './domain.ts';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = z.string().regex(new RegExp(`^${OCTET}(\\.${OCTET}){3}$`), 'an IPv4 address');
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
  'diagnose.run': z
    .object({
      symptom: z.enum(WIZARD_SYMPTOMS),
      role: z.enum(['auto', 'host', 'guest']),
      hostIp: ipv4.optional(),
      vmIp: ipv4.optional(),
      servicePorts: z.array(z.number().int().min(1).max(65535)).max(8).optional(),
      internetTargets: z.array(ipv4).max(4).optional(),
      dnsName: z
        .string()
        .regex(/^[A-Za-z0-9.-]{1,253}$/)
        .optional(),
    })
    .strict(),
  'fix.preview': fixRequest,
  'fix.apply': fixRequest,
  'fix.undo': z.object({ journalId: z.string().regex(/^[\w-]{1,64}$/) }).strict(),
  'fix.history': z.object({}).strict(),
} as const satisfies Record<OperationName, z.ZodType>;
