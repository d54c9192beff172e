import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainIpconfig } from './explain-ipconfig.ts';
import { readIpconfig, splitField } from './ipconfig-reader.ts';

const dir = new URL('./fixtures/', import.meta.url);
const captures = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

/** Random edits of a real capture: drop, repeat, splice and truncate lines, insert junk. */
const mutatedCapture = fc
  .tuple(
    fc.constantFrom(...captures),
    fc.array(
      fc.tuple(
        fc.constantFrom('drop', 'repeat', 'junk', 'truncate', 'indent', 'colon'),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 40 }),
      ),
      { maxLength: 12 },
    ),
  )
  .map(([text, edits]) => {
    const lines = text.split('\n');
    for (const [op, at, junk] of edits) {
      const i = lines.length ? at % lines.length : 0;
      const line = lines[i] ?? '';
      if (op === 'drop') lines.splice(i, 1);
      else if (op === 'repeat') lines.splice(i, 0, line);
      else if (op === 'junk') lines.splice(i, 0, junk);
      else if (op === 'truncate') lines[i] = line.slice(0, at % (line.length + 1));
      else if (op === 'indent') lines[i] = ' '.repeat(at % 50) + line.trimStart();
      else lines[i] = `${line}:${junk}`;
    }
    return lines.join(at(edits.length));
  });
function at(n: number) {
  return n % 2 ? '\r\n' : '\n';
}

describe('the reader never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const r = readIpconfig(s);
        expect(Array.isArray(r.adapters)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('on mutated real captures, and still finds adapters in most of them', () => {
    fc.assert(
      fc.property(mutatedCapture, (s) => {
        const outcome = explainIpconfig(Buffer.from(s), 'zh-CN');
        if (outcome.ok) for (const a of outcome.value.adapters) expect(typeof a.explanation).toBe('string');
        else expect(['not-ipconfig', 'unreadable']).toContain(outcome.error.code);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        const outcome = explainIpconfig(bytes, 'en');
        expect(typeof outcome.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('splits fields whose labels contain colons or no leader', () => {
    expect(splitField('   Vínculo: dirección IPv6 local. . . : fe80::1%5')).toEqual({
      label: 'Vínculo: dirección IPv6 local',
      value: 'fe80::1%5',
    });
    expect(splitField('   IPv4-Adresse (Auto. Konfiguration): 169.254.1.2(Bevorzugt)')).toEqual({
      label: 'IPv4-Adresse (Auto. Konfiguration)',
      value: '169.254.1.2(Bevorzugt)',
    });
    expect(splitField('   Verbindungsspezifisches DNS-Suffix:')).toEqual({
      label: 'Verbindungsspezifisches DNS-Suffix',
      value: '',
    });
    expect(splitField('   Bail obtenu. . . . . . . . . . . . . . : jeudi 15 avril 2021 21:59:57')?.value).toBe(
      'jeudi 15 avril 2021 21:59:57',
    );
  });
});

describe('adversarial input stays linear (1 MiB each; a quadratic reader would take minutes)', () => {
  const MiB = 1024 * 1024;
  const shapes: Array<[string, string]> = [
    ['one line of dot leaders', `   Label${' .'.repeat(MiB / 2)}: x`],
    ['one line of colons', ':'.repeat(MiB)],
    ['colons that almost form an address', `${':'.repeat(MiB)}x`],
    ['indented colons under a field', `Ethernet adapter X:\n   DNS Servers . . : 1.1.1.1\n${' '.repeat(40)}${':'.repeat(MiB)}x`],
    ['a header repeated', 'Ethernet adapter X:\n'.repeat(MiB / 20)],
    [
      'continuation lines',
      `Ethernet adapter X:\n   DNS Servers . . : 1.1.1.1\n${`${' '.repeat(39)}fe80::1%1\n`.repeat(MiB / 50)}`,
    ],
    ['parentheses and percent signs', `   IPv4 Address. . : 1.2.3.4${'(%'.repeat(MiB / 2)}`],
  ];
  it.each(shapes)('%s', (_label, input) => {
    const started = performance.now();
    readIpconfig(input);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
