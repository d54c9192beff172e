/**
 * What a diagnosis is asked: one schema, with one set of defaults, for the bridge contract, the
 * command line and bundles (main side only: zod stays out of the renderer and preload bundles).
 * The command line's help prints its defaults from here.
 */
import { z } from 'zod';
import { IPV4_PATTERN } from './ipv4.ts';

export const ipv4Schema = z.string().regex(IPV4_PATTERN, 'an IPv4 address');

export const SYMPTOMS = ['vm-cannot-ping-host', 'host-cannot-reach-vm', 'vm-no-internet', 'vm-no-ip', 'auto'] as const;
export const ROLES = ['auto', 'host', 'guest'] as const;

export const DIAGNOSE_DEFAULTS = {
  role: 'auto',
  symptom: 'auto',
  /** Public resolvers reachable from China and elsewhere; only pinged, never used as resolvers. */
  internetTargets: ['223.5.5.5', '1.1.1.1'],
  servicePorts: [] as number[],
  dnsName: 'www.microsoft.com',
  timeoutMs: 4000,
} as const;

const PORT = 'a port number (1-65535)';
const MS = 'a whole number of milliseconds (100-600000)';

export const diagnoseRequestSchema = z
  .object({
    role: z.enum(ROLES).default(DIAGNOSE_DEFAULTS.role),
    symptom: z.enum(SYMPTOMS).default(DIAGNOSE_DEFAULTS.symptom),
    hostIp: ipv4Schema.optional(),
    vmIp: ipv4Schema.optional(),
    internetTargets: z
      .array(ipv4Schema)
      .max(8)
      .default([...DIAGNOSE_DEFAULTS.internetTargets]),
    servicePorts: z
      .array(z.number({ error: PORT }).int(PORT).min(1, PORT).max(65535, PORT))
      .max(8)
      .default([]),
    dnsName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, 'a host name')
      .default(DIAGNOSE_DEFAULTS.dnsName),
    timeoutMs: z.number({ error: MS }).int(MS).min(100, MS).max(600_000, MS).default(DIAGNOSE_DEFAULTS.timeoutMs),
  })
  .strict();

export type DiagnoseRequest = z.output<typeof diagnoseRequestSchema>;
/** What the facts need: the request without the role, which only picks host or guest rules. */
export type DiagnoseOptions = Omit<DiagnoseRequest, 'role'>;
