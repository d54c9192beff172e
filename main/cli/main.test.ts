import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('command line', () => {
  it('prints the version from package.json', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help on --help with exit 0 and names every spec command', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const command of ['explain', 'diagnose', 'collect', 'fix', 'undo']) expect(r.stdout).toContain(command);
  });

  it('exits 2 with a reason on stderr for usage errors, printing nothing on stdout', () => {
    for (const args of [['--bogus'], ['frobnicate'], []]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.length + r.stdout.length).toBeGreaterThan(0);
    }
    expect(run('--bogus').stdout).toBe('');
  });

  it('lists adapters as one JSON document matching `ip -j addr`', () => {
    const r = run('adapters', '--json');
    expect(r.status).toBe(0);
    const listing = JSON.parse(r.stdout);
    const names = (JSON.parse(execFileSync('ip', ['-j', 'addr', 'show'], { encoding: 'utf8' })) as { ifname: string }[]).map(
      (l) => l.ifname,
    );
    expect(listing.adapters.map((a: { name: string }) => a.name)).toEqual(names);
    expect(listing.probe).toMatchObject({ id: 'adapters', status: 'ok' });
  });
});
