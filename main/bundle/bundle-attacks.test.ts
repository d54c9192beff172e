/**
 * Anyone can send a user a bundle. Each attack here once worked: links to /dev/zero (memory
 * without end), to a FIFO (a hang), to /etc/shadow (read); data nested 100k deep (a crash); a
 * bundle of nulls ("No problem found", exit 0); escape codes in the request; and `collect --out`
 * writing through links planted in its folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError, jsonDepth, readBundle } from './bundle.ts';

const scenario = new URL('../../test/bundles/windows/vmnet8-disabled/', import.meta.url).pathname;
const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;
let dir: string;
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vd-bundle-attack-'));
  dir = join(work, 'bundle');
  cpSync(scenario, dir, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const manifest = () => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const setManifest = (m: unknown) => writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
/** Replaces the adapters document (raw/001-adapters.json) with `make(path)`. */
const replaceAdapters = (make: (path: string) => void) => {
  const path = join(dir, 'raw', '001-adapters.json');
  rmSync(path);
  make(path);
};
const diagnoseFrom = () =>
  spawnSync(process.execPath, [cli, 'diagnose', '--from', dir, '--json'], { encoding: 'utf8', timeout: 20_000 });

describe('a bundle is read as hostile input', () => {
  it('reads the untouched scenario (the attacks below start from it)', async () => {
    expect((await readBundle(dir)).platform).toBe('windows');
  });

  it('a raw file linked to /dev/zero is refused at once, without reading it', async () => {
    replaceAdapters((p) => symlinkSync('/dev/zero', p));
    await expect(readBundle(dir)).rejects.toThrow(/is a link/);
  });

  it('a link to a file outside the bundle (/etc/shadow, say) is refused, its content never read', async () => {
    const secret = join(work, 'shadow');
    writeFileSync(secret, '{"adapters":[]} root:SECRET');
    replaceAdapters((p) => symlinkSync(secret, p));
    const error = await readBundle(dir).catch((e: Error) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect(String(error)).not.toContain('SECRET');
  });

  it('a FIFO is refused without hanging, and so is a manifest that is a link', async () => {
    replaceAdapters((p) => execFileSync('mkfifo', [p]));
    const started = Date.now();
    await expect(readBundle(dir)).rejects.toThrow(/not a regular file/);
    expect(Date.now() - started).toBeLessThan(2000);
    const real = join(work, 'manifest.json');
    cpSync(join(dir, 'manifest.json'), real);
    rmSync(join(dir, 'manifest.json'));
    symlinkSync(real, join(dir, 'manifest.json'));
    await expect(readBundle(dir)).rejects.toThrow(/is a link/);
  });

  it('a raw/ folder that is a link is refused', async () => {
    const elsewhere = join(work, 'elsewhere');
    cpSync(join(dir, 'raw'), elsewhere, { recursive: true });
    rmSync(join(dir, 'raw'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'raw'));
    await expect(readBundle(dir)).rejects.toThrow(/raw\/ is not a folder/);
  });

  it('sizes are enforced on the bytes read, per file and in total', async () => {
    await expect(readBundle(dir, { maxFileBytes: 100 })).rejects.toThrow(/too large/);
    await expect(readBundle(dir, { maxTotalBytes: 2000 })).rejects.toThrow(/too large/);
  });

  it('data nested 100 000 deep is refused with a reason, and the CLI exits 2 instead of crashing', async () => {
    replaceAdapters((p) => writeFileSync(p, `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    await expect(readBundle(dir)).rejects.toThrow(/nested deeper than 64/);
    const r = diagnoseFrom();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nested deeper/);
    expect(jsonDepth([[[]]])).toBe(3);
  });

  it('a bundle whose documents are all null or numbers cannot be diagnosed (exit 2), not "no problem"', async () => {
    for (const name of readdirSync(join(dir, 'raw')))
      writeFileSync(join(dir, 'raw', name), name.startsWith('001') ? '42' : 'null');
    await expect(readBundle(dir)).rejects.toThrow(/no usable adapter listing/);
    const r = diagnoseFrom();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot diagnose/);
    expect(r.stdout).toBe('');
  });

  it('request fields are validated like the command line’s: escape codes never reach a finding', async () => {
    const m = manifest();
    m.request.hostIp = '\u001b]0;pwned\u0007';
    setManifest(m);
    await expect(readBundle(dir)).rejects.toThrow(/request\.hostIp/);
    expect(diagnoseFrom().status).toBe(2);
  });
});

describe('collect --out writes only into a fresh folder of its own', () => {
  // The folder is refused before any probe runs, so these never touch the network.
  const collect = (out: string) => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [cli, 'collect', '--out', out, '--role', 'guest'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    return r;
  };

  it('refuses a folder with a planted link in it, and writes nothing through the link', () => {
    const out = join(work, 'out');
    mkdirSync(out);
    const victim = join(work, 'victim');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, join(out, 'manifest.json'));
    const r = collect(out);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/not empty/);
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
  });

  it('refuses a folder that is a link', () => {
    const target = join(work, 'target');
    mkdirSync(target);
    symlinkSync(target, join(work, 'out-link'));
    const r = collect(join(work, 'out-link'));
    expect(r.status).toBe(3);
    expect(readdirSync(target)).toEqual([]);
  });
});
