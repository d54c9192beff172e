/**
 * The read-backs a Windows fix's verification runs, each in a real PowerShell engine on a stubbed
 * machine (a scenario's), printing what verify() reads: the state it asks about, by the names
 * Windows' objects really have.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../main/bundle/bundle.ts';
import { WINDOWS_READ_BACK_SCRIPTS } from '../../main/fixes/windows-fixes.ts';
import { PowerShellSession } from '../../main/runner/powershell-session.ts';
import { pwshAvailable, stubbedWindows } from './pwsh.ts';
import { worldFromBundle } from './world.ts';

const bundles = new URL('../bundles/windows/', import.meta.url).pathname;
const sessions: PowerShellSession[] = [];
afterAll(async () => Promise.all(sessions.map((s) => s.dispose())));

async function sessionOn(scenario: string) {
  const home = mkdtempSync(join(tmpdir(), `vmnet-readback-${scenario}-`));
  const world = worldFromBundle((await readBundle(join(bundles, scenario))).records, home);
  const session = new PowerShellSession({ factory: stubbedWindows(world, home).factory });
  sessions.push(session);
  return session;
}
const readBack = (script: string) => WINDOWS_READ_BACK_SCRIPTS.find((s) => s.includes(script)) ?? '';

/** Each read-back (found by a phrase of its text), the machine, its parameters, and what it must print there. */
const CASES = [
  {
    phrase: '@{ status = [string]$a.Status; ipv4',
    scenario: 'healthy-vmware-nat',
    params: { adapter: 'VMware Network Adapter VMnet8' },
    prints: { status: 'Up', ipv4: ['192.168.37.1'] },
  },
  {
    phrase: '(Get-Service -Name $Params.service).Status',
    scenario: 'nat-service-stopped',
    params: { service: 'VMware NAT Service' },
    prints: { status: 'Stopped' },
  },
  {
    phrase: '@{ enabled = [string]$r.Enabled; action',
    scenario: 'healthy-vmware-nat',
    params: { name: 'FPS-ICMP4-ERQ-In' },
    prints: { enabled: 'True', action: 'Allow' },
  },
  {
    phrase: '@{ category = [string]$p.NetworkCategory',
    scenario: 'firewall-blocks-echo-public',
    params: { adapter: 'VMware Network Adapter VMnet8' },
    prints: { category: 'Public', endpoint: 0 },
  },
  {
    phrase: '@{ enabled = [bool]$b.Enabled; present',
    scenario: 'bridge-protocol-unbound',
    params: { adapter: 'Ethernet', component: 'vmware_bridge' },
    prints: { enabled: false, present: true },
  },
  {
    phrase: '@{ state = [string]$d.State',
    scenario: 'bridge-driver-stopped',
    params: { driver: 'VMnetBridge' },
    prints: { state: 'Stopped', startMode: 'Disabled' },
  },
  {
    phrase: "dhcpConf = Test-Path -LiteralPath (Join-Path $data 'vmnetdhcp.conf')",
    scenario: 'healthy-vmware-nat',
    params: {},
    prints: {
      dhcpConf: true,
      natConf: true,
      adapters: ['VMware Virtual Ethernet Adapter for VMnet1', 'VMware Virtual Ethernet Adapter for VMnet8'],
    },
  },
  {
    phrase: '@{ ipv4 = $ipv4; registry = $registry',
    scenario: 'healthy-vmware-nat',
    params: { vmnet: 'VMnet8' },
    prints: {
      ipv4: ['192.168.37.1'],
      registry: '192.168.37.0',
      dhcpConf: expect.stringContaining('subnet 192.168.37.0 netmask 255.255.255.0'),
    },
  },
  {
    phrase: '@{ text = $out }',
    scenario: 'virtualbox-nat-unreachable',
    params: { arguments: ['showvminfo', '4a1c7e0e-6b0c-4d61-9f1e-2b8c1f3d9a10', '--machinereadable'] },
    prints: { text: expect.stringContaining('macaddress1="080027465C5B"') },
  },
];

describe.runIf(pwshAvailable())('the fixes’ read-backs in a real PowerShell engine (pwsh 7, stubbed Windows)', () => {
  it('covers every read-back', () => {
    expect(
      CASES.map((c) => readBack(c.phrase))
        .filter(Boolean)
        .sort(),
    ).toEqual([...WINDOWS_READ_BACK_SCRIPTS].sort());
  });

  it.each(CASES)('$phrase on $scenario', { timeout: 60_000 }, async (c) => {
    const session = await sessionOn(c.scenario);
    const result = await session.run({ id: 'read-back', script: readBack(c.phrase), params: c.params }, 30_000);
    expect(result).toMatchObject({ status: 'ok', data: c.prints });
  });
});
