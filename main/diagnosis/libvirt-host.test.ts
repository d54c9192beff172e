/**
 * A Linux host whose libvirt network is stopped, replayed from recorded outputs: this machine's
 * own `ip -d -j addr` (no virbr0, as after `virsh net-destroy`) and virsh's (libvirt test driver).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planFix } from '../fixes/run-fix.ts';
import { ReplaySource, type SourceRecord } from '../probes/source.ts';
import type { RunResult } from '../runner/process-runner.ts';
import { diagnose } from './diagnose.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const ok = (argv: string[], stdout: string): SourceRecord => ({
  kind: 'process',
  argv,
  result: { status: 'ok', argv, exitCode: 0, signal: null, stdout, stderr: '', durationMs: 3 } satisfies RunResult,
});
const VIRSH = ['virsh', '-c', 'qemu:///system'];

function replay(netList: string): ReplaySource {
  return new ReplaySource([
    ok(['ip', '-d', '-j', 'addr', 'show'], read('../probes/linux/fixtures/ip-d-j-addr.ci-host.json')),
    ok([...VIRSH, 'net-list', '--all'], netList),
    ok([...VIRSH, 'net-dumpxml', '--network', 'default'], read('../probes/libvirt/fixtures/net-dumpxml-default.test-driver.xml')),
  ]);
}

const request = {
  role: 'auto' as const,
  internetTargets: [],
  servicePorts: [],
  dnsName: 'lab.test',
  timeoutMs: 2000,
  symptom: 'auto' as const,
};

describe('a Linux host with a stopped libvirt network', () => {
  it('is recognised as a host although virbr0 is gone, and NAT_SERVICE_STOPPED names the network, not a missing adapter', async () => {
    const report = await diagnose(
      request,
      replay(read('../probes/libvirt/fixtures/net-list-all.after-net-destroy.test-driver.txt')),
      'linux',
    );
    expect(report.role).toBe('host');
    expect(report.findings.map((f) => f.id)).toEqual(['NAT_SERVICE_STOPPED']);
    expect(report.findings[0]).toMatchObject({
      offers: [{ fix: 'host.start-nat', params: { network: 'default' } }],
      evidence: { bridge: 'virbr0', hostAddress: '192.168.122.1/24', autostart: false },
      params: { product: 'libvirt', network: 'default', autostart: false },
    });
  });

  it('a running network passes its check', async () => {
    const report = await diagnose(
      request,
      replay(read('../probes/libvirt/fixtures/net-list-all.active.test-driver.txt')),
      'linux',
    );
    expect(report.checks.find((c) => c.id === 'libvirt-network:default')?.status).toBe('pass');
    expect(report.findings.map((f) => f.id)).not.toContain('NAT_SERVICE_STOPPED');
  });
});

describe('a Linux host whose VM bridge lost its address', () => {
  it('names the bridge ADAPTER_NO_ADDRESS on the host adapter’s hop (libvirt says the network runs, virbr0 has no IPv4)', async () => {
    const links = JSON.parse(read('../probes/linux/fixtures/ip-d-j-addr.ci-host.json')) as Array<Record<string, unknown>>;
    // virbr0 as `ip -d -j addr` prints a libvirt bridge, with its addresses flushed.
    links.push({
      ifindex: 5,
      ifname: 'virbr0',
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      mtu: 1500,
      operstate: 'UP',
      link_type: 'ether',
      address: '52:54:00:12:34:56',
      broadcast: 'ff:ff:ff:ff:ff:ff',
      linkinfo: { info_kind: 'bridge', info_data: { stp_state: 1 } },
      addr_info: [],
    });
    const report = await diagnose(
      { ...request, symptom: 'vm-cannot-ping-host' },
      new ReplaySource([
        ok(['ip', '-d', '-j', 'addr', 'show'], JSON.stringify(links)),
        ok([...VIRSH, 'net-list', '--all'], read('../probes/libvirt/fixtures/net-list-all.active.test-driver.txt')),
        ok(
          [...VIRSH, 'net-dumpxml', '--network', 'default'],
          read('../probes/libvirt/fixtures/net-dumpxml-default.test-driver.xml'),
        ),
      ]),
      'linux',
    );
    expect(report.role).toBe('host');
    expect(report.findings[0]).toMatchObject({ id: 'ADAPTER_NO_ADDRESS', params: { adapter: 'virbr0' }, hop: 'host-adapter' });
  });
});

describe('host.start-nat on Linux', () => {
  // No libvirt daemon runs here: a stand-in virsh on PATH prints the recorded net-list.
  const bin = mkdtempSync(join(tmpdir(), 'virsh-standin-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const withVirshPrinting = async <T>(fixture: string, body: () => Promise<T>): Promise<T> => {
    const path = new URL(`../probes/libvirt/fixtures/${fixture}`, import.meta.url).pathname;
    writeFileSync(join(bin, 'virsh'), `#!/bin/sh\nexec cat '${path}'\n`);
    chmodSync(join(bin, 'virsh'), 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      return await body();
    } finally {
      process.env.PATH = saved;
    }
  };

  it('starts exactly the stopped network, and its undo stops it again', async () => {
    const planned = await withVirshPrinting('net-list-all.after-net-destroy.test-driver.txt', () =>
      planFix('host.start-nat', { network: 'default' }, 'linux'),
    );
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.plan.steps).toEqual([{ kind: 'run', argv: [...VIRSH, 'net-start', '--network', 'default'] }]);
    expect(planned.value.undo).toEqual([{ kind: 'run', argv: [...VIRSH, 'net-destroy', '--network', 'default'] }]);
  });

  it('does nothing to a running network, and refuses names that are not names', async () => {
    const running = await withVirshPrinting('net-list-all.active.test-driver.txt', () =>
      planFix('host.start-nat', { network: 'default' }, 'linux'),
    );
    expect(running.ok && running.value.plan.steps).toEqual([]);
    for (const bad of ['--all', 'a b', 'x;reboot', '']) {
      expect((await planFix('host.start-nat', { network: bad }, 'linux')).ok, bad).toBe(false);
    }
  });
});
