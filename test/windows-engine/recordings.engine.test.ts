/**
 * The probe scripts, unchanged, on objects recorded on real Windows machines by others
 * (main/probes/windows/fixtures/README.md): mondoohq/mql's Windows Server 2022 firewall rules and
 * each filter kind (numeric enums cast to Windows' enum types by the stubs, joined by the script on
 * InstanceID), a Chinese Windows' Get-NetIPAddress with a Duplicate address, and a Japanese
 * Windows' Get-NetConnectionProfile. The stubs refuse a property their class lacks, so each
 * recording also checks the stubs' class shapes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBE_BY_ID, type WindowsProbeId } from '../../main/probes/windows/registry/index.ts';
import { PowerShellSession } from '../../main/runner/powershell-session.ts';
import { pwshAvailable, stubbedWindows } from './pwsh.ts';
import { emptyWorld } from './world.ts';

type Row = Record<string, unknown>;
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../main/probes/windows/fixtures/${name}.recorded.json`, import.meta.url), 'utf8'));
const rules: Row[] = fixture('mql-firewall-rules-2022-activestore');
const filters: Record<string, Row[]> = fixture('mql-firewall-rule-filters-2022-activestore');

/** The recording as Windows objects: mql's "Profiles" is its own name for the class's Profile. */
function recordedWorld(port: (p: Row) => Row = (p) => p) {
  const world = emptyWorld();
  // mql's profile recording from the same machine: every profile on, inbound Block, rules allowed.
  world.firewallProfiles = ['Domain', 'Private', 'Public'].map((Name) => ({
    Name,
    Enabled: 1,
    DefaultInboundAction: 4,
    AllowInboundRules: 1,
  }));
  world.firewallRules = rules.map(({ Profiles, ...rule }) => ({ ...rule, Profile: Profiles }));
  world.firewallPortFilters = (filters.Port ?? []).map(port);
  world.firewallAddressFilters = filters.Address ?? [];
  world.firewallApplicationFilters = filters.Application ?? [];
  world.firewallServiceFilters = filters.Service ?? [];
  world.firewallInterfaceTypeFilters = filters.InterfaceType ?? [];
  return world;
}

let session: PowerShellSession | null = null;
afterEach(async () => session?.dispose());
async function probe(id: WindowsProbeId, world: ReturnType<typeof emptyWorld>) {
  session = new PowerShellSession({ factory: stubbedWindows(world, mkdtempSync(join(tmpdir(), 'vmnet-rec-'))).factory });
  const result = await session.run({ id, script: PROBE_BY_ID[id].script, params: {} }, 30_000);
  if (result.status !== 'ok') throw new Error(result.message);
  return result.data;
}
const firewallOf = async (world: ReturnType<typeof emptyWorld>) =>
  (await probe('firewall', world)) as { profiles: Row[]; icmpRules: Row[] };

/** Format-List text (`Name : value` lines, records separated by blank lines) as records. */
function formatList(name: string): Row[] {
  const text = readFileSync(new URL(`../../main/probes/windows/fixtures/${name}.recorded.txt`, import.meta.url), 'utf8');
  return text
    .split(/\r?\n\s*\r?\n/)
    .filter((block) => block.trim())
    .map((block) =>
      Object.fromEntries(
        block
          .split(/\r?\n/)
          .filter((line) => line.includes(' : '))
          .map((line) => {
            const [key = '', ...rest] = line.split(' : ');
            const value = rest.join(' : ').trim();
            // Format-List shows TimeSpan.MaxValue as "Infinite ([TimeSpan]::MaxValue)".
            return [key.trim(), value.startsWith('Infinite') ? '10675199.02:48:05.4775807' : value];
          }),
      ),
    );
}

describe.runIf(pwshAvailable())('the probe scripts on objects recorded on real Windows machines', () => {
  it('mql’s firewall: reads the profiles by name, and selects no rule: a TCP 4444 block and an IPv6 (protocol 41) allow do not decide ping', {
    timeout: 60_000,
  }, async () => {
    const fw = await firewallOf(recordedWorld());
    expect(fw.profiles).toEqual(
      ['Domain', 'Private', 'Public'].map((Name) => ({
        Name,
        Enabled: 'True',
        DefaultInboundAction: 'Block',
        AllowInboundRules: 'True',
      })),
    );
    expect(fw.icmpRules).toEqual([]);
  });

  it('mql’s firewall, that Group Policy rule made a block-all (protocol Any), it is selected with its filters joined on InstanceID', {
    timeout: 60_000,
  }, async () => {
    const fw = await firewallOf(recordedWorld((p) => (p.InstanceID === 'ExampleGpoRule' ? { ...p, Protocol: 'Any' } : p)));
    expect(fw.icmpRules).toEqual([
      {
        Name: 'ExampleGpoRule',
        DisplayName: 'Example GPO rule',
        Group: '',
        Enabled: 'True',
        Action: 'Block',
        Profile: 'Any',
        Protocol: 'Any',
        IcmpType: ['Any'],
        RemoteAddress: ['Any'],
        LocalAddress: ['Any'],
        InterfaceType: 'Any',
        InterfaceAlias: [],
        Source: 'GroupPolicy',
      },
    ]);
  });

  it('a Chinese Windows’ Get-NetIPAddress: the Duplicate static address and its Preferred 169.254 fallback, as recorded', {
    timeout: 60_000,
  }, async () => {
    const world = emptyWorld();
    const addresses = formatList('get-netipaddress.duplicate-apipa');
    world.netIPAddresses = addresses;
    world.netAdapters = [
      {
        Name: '以太网 2',
        InterfaceDescription: 'Intel(R) Ethernet Connection',
        ifIndex: 12,
        Status: 'Up',
        Virtual: false,
        Hidden: false,
      },
    ];
    const doc = (await probe('adapters', world)) as { addresses: Row[] };
    expect(doc.addresses).toEqual([
      {
        ifIndex: 12,
        IPAddress: '169.254.241.18',
        PrefixLength: 16,
        AddressFamily: 'IPv4',
        AddressState: 'Preferred',
        PrefixOrigin: 'WellKnown',
        SuffixOrigin: 'Link',
      },
      {
        ifIndex: 12,
        IPAddress: '10.3.7.253',
        PrefixLength: 24,
        AddressFamily: 'IPv4',
        AddressState: 'Duplicate',
        PrefixOrigin: 'Manual',
        SuffixOrigin: 'Manual',
      },
    ]);
  });

  it('a Japanese Windows’ Get-NetConnectionProfile: VMnet1 on Public, by interface, locale-free', {
    timeout: 60_000,
  }, async () => {
    const world = emptyWorld();
    world.connectionProfiles = formatList('get-netconnectionprofile.vmnet1-public');
    const doc = (await probe('connection-profiles', world)) as { profiles: Row[] };
    expect(doc.profiles).toEqual([
      { InterfaceAlias: 'イーサネット 2', InterfaceIndex: 13, NetworkCategory: 'Private' },
      { InterfaceAlias: 'Tailscale', InterfaceIndex: 5, NetworkCategory: 'Private' },
      { InterfaceAlias: 'VMware Network Adapter VMnet1', InterfaceIndex: 7, NetworkCategory: 'Public' },
    ]);
  });
});
