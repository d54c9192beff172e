/** Deterministic budgets (timings are only reported by `npm run bench`): the renderer's size. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const assets = new URL('../out/renderer/assets/', import.meta.url).pathname;

describe.skipIf(!existsSync(assets) && !process.env.CI)('budgets', () => {
  it('the renderer JavaScript stays under 250 KB gzipped', () => {
    if (!existsSync(assets)) throw new Error('build first (npm run build)');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
    expect(gz).toBeLessThan(250 * 1024);
  });
});
