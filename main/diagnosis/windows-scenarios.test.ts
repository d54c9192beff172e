/**
 * Windows scenario bundles (test/bundles/windows/, constructed by scripts/make-scenario-bundles.ts
 * from documented shapes, not recorded): each must give its expected first finding and fix, and
 * that fix must plan (the preview the wizard shows) from the finding's own parameters.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTitle, nothingChecked, verdictFinding } from '../../common/catalogue/render.ts';
import { buildTopology } from '../../common/topology.ts';
import { expectPathVerdict } from '../../test/path-invariants.ts';
import { readBundle } from '../bundle/bundle.ts';
import { describeStep, planFix } from '../fixes/run-fix.ts';
import { ReplaySource } from '../probes/source.ts';
import { diagnose } from './diagnose.ts';

const root = new URL('../../test/bundles/windows/', import.meta.url).pathname;
const scenarios = readdirSync(root).filter((d) => !d.includes('.'));

describe('Windows scenario bundles', () => {
  it('has the scenarios of the issues (seven of issue 7, seven bridged or isolated of issue 16, five of issue 14, five of issue 22, three of issue 25)', () => {
    expect(scenarios.sort()).toEqual([
      'bridge-driver-stopped',
      'bridge-protocol-unbound',
      'dhcp-service-disabled',
      'firewall-blocks-echo-public',
      'firewall-gpo-block-all',
      'firewall-unread-static-vm',
      'healthy-vmware-hyperv',
      'healthy-vmware-nat',
      'nat-service-stopped',
      'subnet-overlaps-vpn',
      'virtualbox-bridge-filter-unbound',
      'virtualbox-bridged-missing-nic',
      'virtualbox-cable-unplugged',
      'virtualbox-hostonly-apipa',
      'virtualbox-hostonly-disabled',
      'virtualbox-internal-network',
      'virtualbox-nat-unreachable',
      'vm-silent',
      'vmnet0-on-hyperv-switch',
      'vmnet0-on-vpn-adapter',
      'vmnet1-idle-firewall-blocks',
      'vmnet1-idle-firewall-unread',
      'vmnet8-address-duplicate',
      'vmnet8-apipa',
      'vmnet8-disabled',
      'vmnet8-subnet-mismatch',
      'vmware-networks-missing',
    ]);
  });

  it.each(scenarios)('%s: the verdict, its offered fix and its preview', async (name) => {
    const dir = join(root, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const bundle = await readBundle(dir);
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    expect(report.platform).toBe('windows');
    // Every probe answered, but in the scenario of a probe that did not.
    expect(report.probes.filter((p) => p.status !== 'ok').map((p) => p.id)).toEqual(
      /firewall-unread/.test(name) ? ['firewall'] : [],
    );
    expectPathVerdict(report, name);
    expect(report.verdict.kind).toBe(expected.verdict);
    expect('hop' in report.verdict ? report.verdict.hop : null).toBe(expected.hop);
    const first = verdictFinding(report);
    expect(first?.id ?? null).toBe(expected.firstFinding);
    expect(first?.fixes[0] ?? null).toBe(expected.firstFix);
    if (!first) {
      expect(report.findings.filter((f) => f.severity === 'error' && f.onPath)).toEqual([]);
      return;
    }
    const offer = first.offers[0];
    // A cause the user fixes by hand says how, with the exact command, in its text.
    if (!expected.firstFix) return expect(first.detail).toMatch(/VBoxManage|Properties|ufw|Host-only|Group Policy/);
    if (!offer) throw new Error(`${first.id} offers no fix`);
    const planned = await planFix(offer.fix, offer.params, 'windows');
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.plan.steps.length).toBeGreaterThan(0);
    expect(planned.value.plan.steps.every((s) => s.kind === 'powershell')).toBe(true);
    expect(describeStep(planned.value.plan.steps[0] as never)).not.toBe('');
  });

  it('the picture is of the VM’s own network, for every symptom: VirtualBox NAT as NAT with no host adapter, VMware’s NAT device where its configuration puts it', async () => {
    const picture = async (name: string, symptom: 'vm-cannot-ping-host' | 'host-cannot-reach-vm' | 'vm-no-internet') => {
      const bundle = await readBundle(join(root, name));
      const report = await diagnose({ ...bundle.request, symptom }, new ReplaySource(bundle.records), bundle.platform);
      return { report, topology: buildTopology(report) };
    };
    for (const symptom of ['vm-cannot-ping-host', 'host-cannot-reach-vm', 'vm-no-internet'] as const) {
      const { report, topology } = await picture('virtualbox-nat-unreachable', symptom);
      expect(topology, symptom).toMatchObject({ mode: 'nat', product: 'virtualbox-nat', labels: {} });
      expect(topology.nodes).not.toContain('switch');
      // The VM's card, named in the reader's words: never "NIC" in Chinese.
      const card = report.checks.find((c) => c.id === 'vbox-nat:ubuntu-2204 NIC 1');
      expect(card).toMatchObject({ status: 'pass', params: { vm: 'ubuntu-2204', nic: 1 } });
      expect(checkTitle(card as never, 'zh-CN')).toBe('ubuntu-2204 的网卡 1 使用 VirtualBox NAT');
      const nat = await picture('nat-service-stopped', symptom);
      expect(nat.topology).toMatchObject({ mode: 'nat', product: 'vmware', labels: { gateway: '192.168.37.2' } });
      // Bridged: VMware's NAT device is another network's, never the LAN router's label.
      const bridged = await picture('bridge-protocol-unbound', symptom);
      expect(bridged.topology.mode).toBe('bridged');
      expect(bridged.topology.labels.gateway).toBeUndefined();
    }
  });

  it('a VM only on an internal network: by design for every direction, never "no problem found" with nothing checked', async () => {
    const bundle = await readBundle(join(root, 'virtualbox-internal-network'));
    for (const [symptom, outbound] of [
      ['vm-cannot-ping-host', true],
      ['vm-no-internet', true],
      ['host-cannot-reach-vm', false],
    ] as const) {
      const report = await diagnose({ ...bundle.request, symptom }, new ReplaySource(bundle.records), 'windows');
      expect(report.verdict, symptom).toMatchObject({
        kind: 'by-design',
        finding: 'INTERNAL_NETWORK_ISOLATED',
        hop: 'vm-network',
      });
      expect(report.findings[0]?.params.outbound ?? false, symptom).toBe(outbound);
    }
    // "The VM has no IP" on that network: not one hop can be seen from the host — said so, never "no problem".
    const noIp = await diagnose({ ...bundle.request, symptom: 'vm-no-ip' }, new ReplaySource(bundle.records), 'windows');
    expect(noIp.verdict.kind).toBe('healthy');
    expect(nothingChecked(noIp)).toBe(true);
    const healthy = await readBundle(join(root, 'healthy-vmware-nat'));
    expect(nothingChecked(await diagnose(healthy.request, new ReplaySource(healthy.records), 'windows'))).toBe(false);
  });

  it('a Disabled VMnetDHCP: the fix sets its start type before starting it, and undo puts Disabled back', async () => {
    const bundle = await readBundle(join(root, 'dhcp-service-disabled'));
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    const offer = report.findings[0]?.offers[0];
    expect(offer).toEqual({ fix: 'host.start-dhcp', params: { previous: 'Stopped', startType: 'Disabled' } });
    const planned = await planFix(offer?.fix ?? '', offer?.params ?? {}, 'windows');
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.plan.steps.map((s) => describeStep(s as never))[0]).toContain('-StartupType Automatic');
  });

  it('a Group Policy block-all: the finding names it as Group Policy and offers no allow rule (it could not win)', async () => {
    const bundle = await readBundle(join(root, 'firewall-gpo-block-all'));
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    expect(report.findings[0]).toMatchObject({
      id: 'HOST_FIREWALL_BLOCKS_ICMP',
      params: { why: 'block-rule', policy: true },
      fixes: [],
    });
  });

  it('a Duplicate static address beside its 169.254 fallback: ADAPTER_NO_ADDRESS names the address another device holds', async () => {
    const bundle = await readBundle(join(root, 'vmnet8-address-duplicate'));
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    expect(report.findings[0]).toMatchObject({ id: 'ADAPTER_NO_ADDRESS', params: { conflict: '192.168.37.1' } });
    expect(report.findings[0]?.detail).toContain('Duplicate');
  });

  it('VMware’s networks gone: restoring the defaults comes first, and nothing claims a configuration that is not there', async () => {
    const bundle = await readBundle(join(root, 'vmware-networks-missing'));
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    expect(report.findings.map((f) => f.id)).toEqual(['ADAPTER_MISSING']);
    expect(report.findings[0]?.offers[0]).toEqual({ fix: 'vmware.restore-vmnet', params: { vmnet: 'VMnet8', defaults: 'true' } });
    expect(report.findings[0]?.detail).not.toMatch(/configuration has/);
    expect(report.findings[0]?.detail).toContain('1067');
  });

  it('the VMnet8-disabled bundle names the adapter in the check list and the fix preview', async () => {
    const bundle = await readBundle(join(root, 'vmnet8-disabled'));
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    expect(report.checks.find((c) => c.id === 'adapter-enabled:VMnet8')?.status).toBe('fail');
    const offer = report.findings[0]?.offers[0];
    expect(offer?.fix).toBe('host.enable-adapter');
    const planned = await planFix('host.enable-adapter', offer?.params ?? {}, 'windows');
    expect(planned.ok && planned.value.plan.steps.map(describeStep)).toEqual([
      "Enable-NetAdapter -Name 'VMware Network Adapter VMnet8' -IncludeHidden -Confirm:$false",
    ]);
  });

  it('the firewall bundle scopes the rule to the VM subnet and the adapter profile', async () => {
    const bundle = await readBundle(join(root, 'firewall-blocks-echo-public'));
    const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
    expect(report.findings.map((f) => f.id)).toEqual(['HOST_FIREWALL_BLOCKS_ICMP', 'PUBLIC_NETWORK_PROFILE']);
    expect(report.findings[0]?.offers).toEqual([
      { fix: 'host.allow-icmp', params: { subnet: '192.168.37.0/24', profile: 'Public' } },
    ]);
  });

  it('without --vm-ip, the address vmrun / VirtualBox report is pinged instead', async () => {
    for (const [name, ip, answers] of [
      ['healthy-vmware-nat', '192.168.37.128', 'pass'],
      ['vmnet8-disabled', '192.168.37.128', 'fail'],
      ['virtualbox-nat-unreachable', '10.0.2.15', 'fail'],
    ] as const) {
      const bundle = await readBundle(join(root, name));
      const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
      const address = report.checks.find((c) => c.id === 'vm-address');
      expect(address?.status).toBe('pass');
      expect(JSON.stringify(address?.evidence)).toContain(ip);
      const ping = report.checks.find((c) => c.id === 'vm-answers');
      expect(ping?.status).toBe(answers);
      expect(ping?.evidence).toMatchObject({ target: ip });
    }
  });

  it('diagnose --from runs from the command line with the spec exit codes', () => {
    const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;
    const run = (name: string) =>
      spawnSync(process.execPath, [cli, 'diagnose', '--from', join(root, name), '--json'], { encoding: 'utf8' });
    const broken = run('nat-service-stopped');
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout).findings[0].id).toBe('NAT_SERVICE_STOPPED');
    expect(run('healthy-vmware-nat').status).toBe(0);
    const missing = spawnSync(process.execPath, [cli, 'diagnose', '--from', join(root, 'nope')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/is not a bundle that can be read/);
  });

  it('an unknown connection profile is not Public: no warning, the profile check stays unknown', async () => {
    const bundle = await readBundle(join(root, 'firewall-blocks-echo-public'));
    const records = bundle.records.map((r) =>
      r.kind === 'script' && r.probeId === 'connection-profiles'
        ? { ...r, result: { status: 'failed' as const, message: 'access denied', durationMs: 1 } }
        : r,
    );
    const report = await diagnose(bundle.request, new ReplaySource(records), bundle.platform);
    expect(report.findings.map((f) => f.id)).not.toContain('PUBLIC_NETWORK_PROFILE');
    expect(report.checks.find((c) => c.id === 'network-profile:VMnet8')?.status).toBe('unknown');
    expect(report.checks.find((c) => c.id === 'host-firewall:VMnet8')?.status).toBe('unknown');
  });

  it('Hyper-V beside VMware is a problem only for a version that cannot run on it (before 15.5.5)', async () => {
    const bundle = await readBundle(join(root, 'healthy-vmware-nat'));
    const withHyperV = (version: string | null) =>
      bundle.records.map((r) => {
        if (r.kind !== 'script' || r.result.status !== 'ok') return r;
        const data = structuredClone(r.result.data) as Record<string, unknown>;
        if (r.probeId === 'services')
          (data.services as unknown[]).push({ Name: 'vmms', Status: 'Running', StartType: 'Automatic' });
        if (r.probeId === 'vmware-config') data.version = version;
        return { ...r, result: { ...r.result, data } };
      });
    const run = async (version: string | null) =>
      (await diagnose(bundle.request, new ReplaySource(withHyperV(version)), 'windows')).findings.find(
        (f) => f.id === 'HYPERVISOR_CONFLICT',
      );
    expect(await run('15.1.0.14665864')).toMatchObject({
      severity: 'warning',
      params: { conflict: 'vmware', vmware: '15.1.0.14665864' },
    });
    expect(await run('17.5.2.23775571')).toMatchObject({ severity: 'info', params: { conflict: null } });
    // A version that could not be read is no alarm.
    expect(await run(null)).toMatchObject({ severity: 'info', params: { conflict: null, vmware: '' } });
  });

  it('WinNAT that could not be read (not elevated) leaves the subnet check unknown, not "no overlap"', async () => {
    const bundle = await readBundle(join(root, 'healthy-vmware-nat'));
    const records = bundle.records.map((r) =>
      r.kind === 'script' && r.probeId === 'hyperv' && r.result.status === 'ok'
        ? { ...r, result: { ...r.result, data: { ...(r.result.data as object), nats: [], natError: 'Access denied' } } }
        : r,
    );
    const report = await diagnose(bundle.request, new ReplaySource(records), 'windows');
    expect(report.checks.find((c) => c.id === 'subnet-conflict:VMnet8')).toMatchObject({
      status: 'unknown',
      evidence: { reason: 'needs-administrator' },
    });
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const read = await diagnose(bundle.request, new ReplaySource(bundle.records), 'windows');
    expect(read.checks.find((c) => c.id === 'subnet-conflict:VMnet8')?.status).toBe('pass');
  });

  it('a VirtualBox host-only adapter left on 169.254.x.x is ADAPTER_NO_ADDRESS, fixed by VirtualBox with its own address', async () => {
    const bundle = await readBundle(join(root, 'virtualbox-nat-unreachable'));
    const records = bundle.records.map((r) => {
      if (r.kind !== 'script' || r.probeId !== 'adapters' || r.result.status !== 'ok') return r;
      const data = structuredClone(r.result.data) as {
        addresses: Array<{ ifIndex: number; IPAddress: string; PrefixLength: number }>;
      };
      for (const a of data.addresses)
        if (a.IPAddress === '192.168.56.1') Object.assign(a, { IPAddress: '169.254.83.7', PrefixLength: 16 });
      return { ...r, result: { ...r.result, data } };
    });
    const report = await diagnose(bundle.request, new ReplaySource(records), 'windows');
    const finding = report.findings.find((f) => f.id === 'ADAPTER_NO_ADDRESS');
    expect(finding).toMatchObject({
      params: { adapter: 'VirtualBox Host-Only Network', addresses: ['169.254.83.7/16'], expected: '192.168.56.0/24' },
      offers: [
        {
          fix: 'vbox.set-hostonly-address',
          params: { name: 'VirtualBox Host-Only Ethernet Adapter', ip: '192.168.56.1', netmask: '255.255.255.0' },
        },
      ],
    });
    const planned = await planFix('vbox.set-hostonly-address', finding?.offers[0]?.params ?? {}, 'windows');
    if (!planned.ok) throw new Error(planned.error.message);
    // VBoxManage is on no PATH: the step finds it as the app does, then calls it.
    const [step] = planned.value.plan.steps.map(describeStep);
    expect(step?.split('\n').at(-1)).toBe(
      "& $vbox hostonlyif ipconfig 'VirtualBox Host-Only Ethernet Adapter' '--ip' 192.168.56.1 '--netmask' 255.255.255.0",
    );
    expect(step).toMatch(/^\$vbox = Join-Path \(\(Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Oracle\\VirtualBox'/);
    expect(planned.value.undo.map(describeStep)).toHaveLength(1);
    // With its address, the same adapter is no finding.
    const healthy = await diagnose(bundle.request, new ReplaySource(bundle.records), 'windows');
    expect(healthy.findings.map((f) => f.id)).not.toContain('ADAPTER_NO_ADDRESS');
  });

  it('a ghost (not present) VMnet8 next to the working one is not "missing"; a VMnet without a host adapter is not either', async () => {
    const bundle = await readBundle(join(root, 'healthy-vmware-nat'));
    const mutate = (change: (probeId: string, data: Record<string, unknown>) => void) =>
      bundle.records.map((r) => {
        if (r.kind !== 'script' || r.result.status !== 'ok') return r;
        const data = structuredClone(r.result.data) as Record<string, unknown>;
        change(r.probeId, data);
        return { ...r, result: { ...r.result, data } };
      });
    const ghost = mutate((id, data) => {
      if (id !== 'adapters') return;
      const adapters = data.adapters as Array<Record<string, unknown>>;
      const real = adapters.find((a) => String(a.InterfaceDescription).includes('VMnet8'));
      adapters.unshift({ ...real, ifIndex: 99, Status: 'Not Present', Hidden: true, MacAddress: '00-50-56-C0-00-99' });
    });
    const withGhost = await diagnose(bundle.request, new ReplaySource(ghost), 'windows');
    expect(withGhost.findings.map((f) => f.id)).not.toContain('ADAPTER_MISSING');
    expect(withGhost.checks.find((c) => c.id === 'adapter-present:VMnet8')?.status).toBe('pass');

    const noHostAdapter = mutate((id, data) => {
      if (id === 'vmware-config')
        for (const r of data.registry as Array<Record<string, unknown>>) if (r.Name === 'vmnet1') r.HasAdapter = false;
      if (id === 'adapters')
        data.adapters = (data.adapters as Array<Record<string, unknown>>).filter(
          (a) => !String(a.InterfaceDescription).includes('VMnet1'),
        );
    });
    const report = await diagnose(bundle.request, new ReplaySource(noHostAdapter), 'windows');
    expect(report.findings.map((f) => f.id)).not.toContain('ADAPTER_MISSING');
  });
});

describe('the verdict comes from the VM’s own path (issue 22)', () => {
  const judged = async (name: string) => {
    const bundle = await readBundle(join(root, name));
    return diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
  };

  it('VMnet1, which no VM uses, without an address is "also found"; the firewall of the VM’s VMnet8 is the verdict, read from rules in the first release’s shape', async () => {
    const report = await judged('vmnet1-idle-firewall-blocks');
    expect(report.path.networks).toEqual(['VMnet8']);
    expect(verdictFinding(report)).toMatchObject({ id: 'HOST_FIREWALL_BLOCKS_ICMP', subject: 'VMnet8', onPath: true });
    expect(report.findings.find((f) => f.id === 'ADAPTER_NO_ADDRESS')).toMatchObject({ subject: 'VMnet1', onPath: false });
    // The picture is the VM's network: VMnet8 in a NAT network, VMnet1 nowhere in it.
    const topology = buildTopology(report);
    expect(topology.mode).toBe('nat');
    expect(JSON.stringify(topology.labels)).not.toContain('VMnet1');
    expect(topology.links.find((l) => l.id === 'switch-host')?.state).toBe('broken');
  });

  it('VMnet1 idle without an address and VMnet8’s firewall unread: "cannot tell" about VMnet8’s firewall — never "restart VMnet1", never VMnet1 in the picture', async () => {
    const report = await judged('vmnet1-idle-firewall-unread');
    expect(report.verdict).toMatchObject({ kind: 'unknown', hop: 'host-firewall', check: 'host-firewall:VMnet8' });
    expect(report.findings).toMatchObject([{ id: 'ADAPTER_NO_ADDRESS', subject: 'VMnet1', onPath: false }]);
    const topology = buildTopology(report);
    expect(topology.labels.host).toBe('VMnet8 192.168.37.1/24');
    expect(topology.mode).toBe('nat');
  });

  it('a static VM address and a firewall that could not be read: "cannot tell", with how to learn it, never green', async () => {
    const report = await judged('firewall-unread-static-vm');
    expect(report.verdict).toEqual({
      kind: 'unknown',
      hop: 'host-firewall',
      check: 'host-firewall:VMnet8',
      learn: 'firewall-unknown',
      failed: false,
    });
    // The VM answered: everything up to it is proven; DHCP is off the path of a static address.
    expect(report.path.hops.map((h) => `${h.hop}:${h.status}`)).toEqual([
      'vm-nic:pass',
      'vm-network:pass',
      'vm-address:pass',
      'vm-route:pass',
      'host-adapter:pass',
      'host-firewall:unknown',
    ]);
  });

  it('Hyper-V beside a current VMware is a note in "also found", never the cause of a healthy machine', async () => {
    const report = await judged('healthy-vmware-hyperv');
    expect(report.verdict).toEqual({ kind: 'healthy' });
    expect(report.findings).toMatchObject([{ id: 'HYPERVISOR_CONFLICT', severity: 'info' }]);
  });

  it('a host-only adapter on 169.254.x.x gets the address of its VMs’ network, not the one it lost; undo puts back what VirtualBox had', async () => {
    const report = await judged('virtualbox-hostonly-apipa');
    const offer = verdictFinding(report)?.offers[0];
    expect(offer).toEqual({
      fix: 'vbox.set-hostonly-address',
      params: {
        name: 'VirtualBox Host-Only Ethernet Adapter',
        ip: '192.168.57.1',
        netmask: '255.255.255.0',
        fromIp: '169.254.33.7',
        fromNetmask: '255.255.0.0',
      },
    });
    expect(verdictFinding(report)?.detail).toContain('192.168.57.1, the .1 of the network its VMs are on');
    const planned = await planFix(offer?.fix ?? '', offer?.params ?? {}, 'windows');
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.plan.steps.map(describeStep).join('\n')).toContain("'--ip' 192.168.57.1 '--netmask' 255.255.255.0");
  });
});
