import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProbeSource, ReplaySource, type SourceRecord } from '../probes/source.ts';
import { BundleError, readBundle, writeBundle } from './bundle.ts';

const request = {
  role: 'guest' as const,
  symptom: 'auto' as const,
  internetTargets: ['203.0.113.10'],
  servicePorts: [22],
  dnsName: 'lab.test',
  timeoutMs: 4000,
};
const records: SourceRecord[] = [
  {
    kind: 'process',
    argv: ['ip', '-d', '-j', 'addr', 'show'],
    result: {
      status: 'ok',
      argv: ['ip', '-d', '-j', 'addr', 'show'],
      exitCode: 0,
      signal: null,
      stdout: '[]\n',
      stderr: '',
      durationMs: 2,
    },
  },
  {
    kind: 'process',
    argv: ['ip', '-j', 'route', 'show'],
    result: {
      status: 'ok',
      argv: ['ip', '-j', 'route', 'show'],
      exitCode: 0,
      signal: null,
      stdout: '[]\n',
      stderr: '',
      durationMs: 3,
    },
  },
  { kind: 'file', path: '/etc/resolv.conf', read: { status: 'ok', text: 'nameserver 10.0.0.2\n' } },
  { kind: 'file', path: '/run/systemd/resolve/resolv.conf', read: { status: 'missing' } },
  { kind: 'exists', path: '/usr/sbin/sshd', exists: false },
  {
    kind: 'script',
    probeId: 'services',
    params: { services: ['VMnetDHCP'] },
    result: { status: 'ok', data: { services: [] }, durationMs: 9 },
  },
  { kind: 'script', probeId: 'hyperv', params: {}, result: { status: 'timeout', message: 'too slow', durationMs: 8000 } },
];
const tool = { name: 'vmnet-doctor', version: 'test' };

/** Bundle folders this file made, removed after each test. */
const made: string[] = [];
const bundleDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vd-bundle-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('collect bundles', () => {
  it('round-trips every kind of observation', async () => {
    const dir = bundleDir();
    writeBundle(dir, { platform: 'linux', role: 'guest', request, records }, tool);
    const bundle = await readBundle(dir);
    expect(bundle.platform).toBe('linux');
    expect(bundle.request).toEqual(request);
    expect(bundle.records).toEqual(records);
    const replay: ProbeSource = new ReplaySource(bundle.records);
    expect((await replay.run('ip', ['-j', 'route', 'show'], { timeoutMs: 1 })).stdout).toBe('[]\n');
    expect((await replay.run('ip', ['link'], { timeoutMs: 1 })).status).toBe('not-installed');
    expect(await replay.readText('/etc/resolv.conf')).toEqual({ status: 'ok', text: 'nameserver 10.0.0.2\n' });
    expect((await replay.script('hyperv', {}, async () => ({ status: 'ok', data: 1, durationMs: 0 }))).status).toBe('timeout');
  });

  it('keeps raw outputs as readable files next to the manifest', () => {
    const dir = bundleDir();
    writeBundle(dir, { platform: 'linux', role: 'guest', request, records }, tool);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('vmnet-doctor-bundle');
    const file = manifest.records.find((r: { kind: string; path?: string }) => r.path === '/etc/resolv.conf').content;
    expect(readFileSync(join(dir, file), 'utf8')).toBe('nameserver 10.0.0.2\n');
  });

  const broken = (mutate: (manifest: Record<string, unknown>, dir: string) => void) => {
    const dir = bundleDir();
    writeBundle(dir, { platform: 'linux', role: 'guest', request, records }, tool);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    mutate(manifest, dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return dir;
  };

  it.each([
    [
      'a path outside the bundle',
      (m: Record<string, unknown>) =>
        ((m.records as Array<Record<string, unknown>>)[0] = {
          ...(m.records as Array<Record<string, unknown>>)[0],
          stdout: 'raw/../../etc/passwd',
        }),
    ],
    ['another format', (m: Record<string, unknown>) => (m.format = 'zip')],
    ['an unknown platform', (m: Record<string, unknown>) => (m.platform = 'macos')],
    [
      'a missing raw file',
      (m: Record<string, unknown>) =>
        ((m.records as Array<Record<string, unknown>>)[0] = {
          ...(m.records as Array<Record<string, unknown>>)[0],
          stdout: 'raw/nope.txt',
        }),
    ],
  ])('refuses %s with a clear error', async (_name, mutate) => {
    await expect(readBundle(broken(mutate))).rejects.toThrow(BundleError);
  });

  it('refuses binary and non-JSON manifests', async () => {
    const dir = bundleDir();
    writeFileSync(join(dir, 'manifest.json'), Buffer.from([0xff, 0xfe, 0x00, 0x81]));
    await expect(readBundle(dir)).rejects.toThrow(/not UTF-8/);
    writeFileSync(join(dir, 'manifest.json'), '{"format":');
    await expect(readBundle(dir)).rejects.toThrow(/not valid JSON/);
    mkdirSync(join(dir, 'empty'));
    await expect(readBundle(join(dir, 'empty'))).rejects.toThrow(/missing/);
  });
});
