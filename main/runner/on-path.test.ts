import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPath } from './on-path.ts';

const dir = mkdtempSync(join(tmpdir(), 'on-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('onPath', () => {
  it('finds executables only, in any PATH entry, and never runs a shell', () => {
    writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'tool'), 0o755);
    writeFileSync(join(dir, 'plain'), 'not executable');
    chmodSync(join(dir, 'plain'), 0o644);
    const path = ['', '/nonexistent', dir].join(delimiter);
    expect(onPath('tool', path)).toBe(true);
    expect(onPath('missing', path)).toBe(false);
    // A name that a shell would expand finds nothing rather than running anything.
    expect(onPath('$(touch /tmp/x)', path)).toBe(false);
    expect(onPath('plain', path)).toBe(false);
  });
});
