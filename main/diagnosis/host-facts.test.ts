import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCpuFlags } from './host-facts.ts';

describe('hardware virtualization (information)', () => {
  it('reads this machine’s recorded cpuinfo: a VM itself, no VT-x/AMD-V exposed', () => {
    const text = readFileSync(new URL('./fixtures/cpuinfo.ci-host.txt', import.meta.url), 'utf8');
    expect(parseCpuFlags(text)).toEqual({ extension: null, nested: true });
  });

  it('recognises VT-x and AMD-V, and says nothing for garbage', () => {
    expect(parseCpuFlags('flags\t\t: fpu vme vmx ept\n')).toEqual({ extension: 'vmx', nested: false });
    expect(parseCpuFlags('flags : fpu svm npt\nflags : vmx\n')).toEqual({ extension: 'svm', nested: false });
    expect(parseCpuFlags('\u0000garbage')).toEqual({ extension: null, nested: false });
  });
});
