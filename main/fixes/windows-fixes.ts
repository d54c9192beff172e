/**
 * Windows host fixes. Each is a plan built from its parameters alone (so the wizard can preview it
 * from a bundle on any machine): PowerShell steps whose outside values travel only as $Params,
 * each step elevated by itself (one UAC prompt per step, never the whole app), an undo, and a
 * verification that reads the state back. Never "turn the firewall off".
 */

import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import type { FixId } from '../../common/domain.ts';
import { inNetwork, isIpv4, parseCidr, prefixToMask } from '../net/ipv4.ts';
import { runPowerShellJson } from '../runner/powershell.ts';
import { defineFix, type FixDefinition } from './definition.ts';
import { eventually } from './eventually.ts';
import type { Step } from './journal.ts';
import { allowWide, vmSubnet } from './params.ts';

const NOTHING_BEFORE = z.strictObject({});
const ADAPTER_BEFORE = z.strictObject({ status: z.string().max(32) });

/** Adapter names are hostile input: any printable text is fine (it is data), control characters are not. */
const adapterName = z
  .string()
  .min(1)
  .max(256)
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'a name without control characters');
/** A VirtualBox VM name or UUID: passed to VBoxManage as an operand, so it may not look like an option. */
const vmName = adapterName.refine((v) => !v.startsWith('-'), 'a VM name (it may not start with "-")');
const ipv4Address = z.string().refine(isIpv4, 'an IPv4 address');
const vmnet = z.string().regex(/^vmnet\d{1,3}$/i, 'a VMware network such as VMnet8');
const port = z
  .string()
  .regex(/^\d{1,5}$/)
  .refine((v) => Number(v) >= 1 && Number(v) <= 65535, 'a port 1-65535');

const ps = (display: string, script: string, params: Record<string, unknown>, elevated = true): Step => ({
  kind: 'powershell',
  display,
  script,
  params,
  elevated,
});

/** Display-only quoting for the command a user reads (PowerShell single quotes, doubled). */
/**
 * A PowerShell single-quoted string for the shown command. PowerShell ends such a string on the
 * ASCII quote and on the typographic ones (U+2018–U+201B, about_Quoting_Rules); each is doubled.
 */
export const q = (value: string) => `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (c) => c + c)}'`;

async function readBack(script: string, params: Record<string, unknown>): Promise<unknown> {
  const result = await runPowerShellJson(script, params, { timeoutMs: 15_000 });
  return result.status === 'ok' ? result.data : null;
}

/** Polls a read-back every second until it holds or time runs out (adapters take seconds to come back). */
const until = (check: () => Promise<boolean>, ms: number) => eventually(check, ms, 1000);

const ADAPTER_STATE = `
$a = Get-NetAdapter -Name $Params.adapter -IncludeHidden -ErrorAction SilentlyContinue
$ips = @(Get-NetIPAddress -InterfaceAlias $Params.adapter -AddressFamily IPv4 -ErrorAction SilentlyContinue |
  Where-Object { [string]$_.AddressState -eq 'Preferred' } | ForEach-Object { [string]$_.IPAddress })
@{ status = [string]$a.Status; ipv4 = $ips }
`;
const adapterState = async (adapter: string) =>
  (await readBack(ADAPTER_STATE, { adapter })) as { status?: string; ipv4?: string[] } | null;

const ENABLE = 'Enable-NetAdapter -Name $Params.adapter -IncludeHidden -Confirm:$false';
const DISABLE = 'Disable-NetAdapter -Name $Params.adapter -IncludeHidden -Confirm:$false';

const enableAdapter = defineFix({
  id: 'host.enable-adapter',
  platform: 'windows',
  params: z.strictObject({ adapter: adapterName }),
  before: ADAPTER_BEFORE,
  async plan({ adapter = '' }) {
    return {
      summary: { adapter },
      steps: [ps(`Enable-NetAdapter -Name ${q(adapter)} -IncludeHidden -Confirm:$false`, ENABLE, { adapter })],
      before: { status: 'Disabled' },
      async verify() {
        const ok = await until(async () => {
          const s = await adapterState(adapter);
          return !!s?.status && s.status !== 'Disabled';
        }, 15_000);
        return { ok, readBack: said('adapter-enabled', { adapter, enabled: ok }) };
      },
    };
  },
  undo: ({ adapter = '' }) => [ps(`Disable-NetAdapter -Name ${q(adapter)} -IncludeHidden -Confirm:$false`, DISABLE, { adapter })],
});

// One elevated script: whatever fails in between, `finally` enables the adapter again.
const RESTART = `
try {
  Disable-NetAdapter -Name $Params.adapter -IncludeHidden -Confirm:$false
  Start-Sleep -Seconds 3
} finally {
  Enable-NetAdapter -Name $Params.adapter -IncludeHidden -Confirm:$false
}
`;

const restartAdapter = defineFix({
  id: 'host.restart-adapter',
  platform: 'windows',
  params: z.strictObject({ adapter: adapterName }),
  before: ADAPTER_BEFORE,
  async plan({ adapter = '' }) {
    return {
      summary: { adapter },
      steps: [
        ps(
          `try { Disable-NetAdapter -Name ${q(adapter)} -IncludeHidden -Confirm:$false; Start-Sleep 3 } finally { Enable-NetAdapter -Name ${q(adapter)} -IncludeHidden -Confirm:$false }`,
          RESTART,
          { adapter },
        ),
      ],
      before: { status: 'Up' },
      async verify() {
        let last: Awaited<ReturnType<typeof adapterState>> = null;
        const ok = await until(async () => {
          last = await adapterState(adapter);
          return last?.status === 'Up' && (last.ipv4 ?? []).some((ip) => !ip.startsWith('169.254.'));
        }, 30_000);
        return {
          ok,
          readBack: said('adapter-address', { adapter, addresses: ok ? ((last as { ipv4?: string[] } | null)?.ipv4 ?? []) : [] }),
        };
      },
    };
  },
  // Nothing to take back, but an interrupted restart must never leave the adapter disabled.
  undo: ({ adapter = '' }) => [ps(`Enable-NetAdapter -Name ${q(adapter)} -IncludeHidden -Confirm:$false`, ENABLE, { adapter })],
});

const SERVICE_START = `
$service = Get-Service -Name $Params.service
if ($service.Status -eq 'Running') { Restart-Service -InputObject $service -Force } else { Start-Service -InputObject $service }
`;
const SERVICE_STOP = 'Stop-Service -Name $Params.service -Force';
const SERVICE_STATUS = '@{ status = [string](Get-Service -Name $Params.service).Status }';

/**
 * Set-Service -StartupType takes Automatic, Manual or Disabled in Windows PowerShell 5.1
 * (learn.microsoft.com, Set-Service, -StartupType; AutomaticDelayedStart only from PowerShell 6),
 * and Start-Service fails on a Disabled service, so a Disabled one is made Automatic first.
 */
const START_TYPES = ['Automatic', 'Manual', 'Disabled', 'Boot', 'System'] as const;
const SET_START_TYPE = 'Set-Service -Name $Params.service -StartupType $Params.startType';

function startService(id: FixId, service: string): FixDefinition {
  const setStartType = (startType: string) =>
    ps(`Set-Service -Name ${q(service)} -StartupType ${startType}`, SET_START_TYPE, { service, startType });
  return defineFix({
    id,
    platform: 'windows',
    params: z.strictObject({ previous: z.string().max(40).optional(), startType: z.enum(START_TYPES).optional() }),
    before: z.strictObject({ status: z.string().max(40), startType: z.enum(START_TYPES).nullable().default(null) }),
    async plan({ previous = 'Stopped', startType }) {
      return {
        summary: { service, restart: previous === 'Running' },
        steps: [
          ...(startType === 'Disabled' ? [setStartType('Automatic')] : []),
          ps(`Start-Service -Name ${q(service)}`, SERVICE_START, { service }),
        ],
        before: { status: previous, startType: (startType as (typeof START_TYPES)[number] | undefined) ?? null },
        async verify() {
          const ok = await until(async () => {
            const s = (await readBack(SERVICE_STATUS, { service })) as { status?: string } | null;
            return s?.status === 'Running';
          }, 15_000);
          return { ok, readBack: said('service-running', { service, running: ok }) };
        },
      };
    },
    // Back to how it was: stopped if it was stopped (else left running), and Disabled again if it was.
    undo: (_params, { status, startType }) => [
      ...(status === 'Running' ? [] : [ps(`Stop-Service -Name ${q(service)} -Force`, SERVICE_STOP, { service })]),
      ...(startType === 'Disabled' ? [setStartType('Disabled')] : []),
    ],
  });
}

export const ICMP_RULE_PREFIX = 'VMnetDoctor-ICMP4-In-';
const ALLOW_ICMP = `
if (-not (Get-NetFirewallRule -Name $Params.name -ErrorAction SilentlyContinue)) {
  New-NetFirewallRule -Name $Params.name -DisplayName $Params.displayName -Description $Params.description -Direction Inbound -Protocol ICMPv4 -IcmpType 8 -RemoteAddress $Params.subnet -Profile $Params.profile -Action Allow | Out-Null
}
`;
const REMOVE_RULE = 'Remove-NetFirewallRule -Name $Params.name -ErrorAction SilentlyContinue';
const RULE_STATE = `
$r = Get-NetFirewallRule -Name $Params.name -ErrorAction SilentlyContinue
@{ enabled = [string]$r.Enabled; action = [string]$r.Action }
`;

const canonicalCidr = (subnet: string) => {
  const net = parseCidr(subnet);
  return net ? `${net.network}/${net.prefixLength}` : subnet;
};
/** A stable rule name (not a localized display name), so undo removes exactly this rule. */
const icmpRuleName = (subnet: string) => `${ICMP_RULE_PREFIX}${canonicalCidr(subnet).replace('/', '-')}`;

const allowIcmp = defineFix({
  id: 'host.allow-icmp',
  platform: 'windows',
  // "Any" opens every profile, Public networks included: only with --allow-wide.
  params: z
    .strictObject({ subnet: vmSubnet, profile: z.enum(['Domain', 'Private', 'Public', 'Any']), allowWide })
    .refine((p) => p.profile !== 'Any' || p.allowWide === 'yes', {
      message: 'profile Any opens ping on every network profile: name one (Public, Private, Domain) or give --allow-wide',
      path: ['profile'],
    }),
  before: NOTHING_BEFORE,
  async plan({ subnet = '', profile = 'Any' }) {
    const canonical = canonicalCidr(subnet);
    const name = icmpRuleName(subnet);
    const params = {
      name,
      subnet: canonical,
      profile,
      displayName: `VMnet Doctor: allow ping from ${canonical}`,
      description:
        'Inbound ICMPv4 echo request from the virtual machine network only. Added by VMnet Doctor; remove with its undo.',
    };
    return {
      summary: { subnet: canonical, profile },
      steps: [
        ps(
          `New-NetFirewallRule -Name ${q(name)} -DisplayName ${q(params.displayName)} -Description ${q(params.description)} -Direction Inbound -Protocol ICMPv4 -IcmpType 8 -RemoteAddress ${canonical} -Profile ${profile} -Action Allow`,
          ALLOW_ICMP,
          params,
        ),
      ],
      before: {},
      async verify() {
        const r = (await readBack(RULE_STATE, { name })) as { enabled?: string; action?: string } | null;
        const ok = r?.enabled === 'True' && r.action === 'Allow';
        return { ok, readBack: said('firewall-rule', { name, inPlace: ok }) };
      },
    };
  },
  undo: ({ subnet = '' }) => {
    const name = icmpRuleName(subnet);
    return [ps(`Remove-NetFirewallRule -Name ${q(name)}`, REMOVE_RULE, { name })];
  },
});

const SET_PROFILE = 'Set-NetConnectionProfile -InterfaceAlias $Params.adapter -NetworkCategory $Params.category';
const PROFILE_STATE = `
$p = Get-NetConnectionProfile -InterfaceAlias $Params.adapter -ErrorAction SilentlyContinue
$a = Get-NetAdapter -Name $Params.adapter -IncludeHidden -ErrorAction SilentlyContinue
$key = Get-ChildItem -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e972-e325-11ce-bfc1-08002be10318}' -ErrorAction SilentlyContinue |
  Where-Object { (Get-ItemProperty -LiteralPath $_.PSPath -Name NetCfgInstanceId -ErrorAction SilentlyContinue).NetCfgInstanceId -eq [string]$a.InterfaceGuid } | Select-Object -First 1
@{ category = [string]$p.NetworkCategory; endpoint = [int](Get-ItemProperty -LiteralPath $key.PSPath -Name '*NdisDeviceType' -ErrorAction SilentlyContinue).'*NdisDeviceType' }
`;
/**
 * Made to last: "Unidentified network" is Network Location Awareness's verdict, taken again at
 * every start, and it files the VMnet adapter under Public. *NdisDeviceType = 1
 * (NDIS_DEVICE_TYPE_ENDPOINT, Microsoft's standardized INF keywords: "an endpoint device … not a
 * true network interface that connects to a network") on the adapter's driver key takes the
 * adapter out of that classification — the widely used fix for VMware's and VirtualBox's host
 * adapters. The key is found by the adapter's InterfaceGuid (NetCfgInstanceId); the adapter is
 * restarted for it to count, and enabled again whatever happens.
 */
const MARK_ENDPOINT = `
$a = Get-NetAdapter -Name $Params.adapter -IncludeHidden
$key = Get-ChildItem -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e972-e325-11ce-bfc1-08002be10318}' -ErrorAction SilentlyContinue |
  Where-Object { (Get-ItemProperty -LiteralPath $_.PSPath -Name NetCfgInstanceId -ErrorAction SilentlyContinue).NetCfgInstanceId -eq [string]$a.InterfaceGuid } | Select-Object -First 1
if (-not $key) { throw "no driver key found for $($Params.adapter)" }
if ($Params.endpoint) { New-ItemProperty -LiteralPath $key.PSPath -Name '*NdisDeviceType' -PropertyType DWord -Value 1 -Force | Out-Null }
else { Remove-ItemProperty -LiteralPath $key.PSPath -Name '*NdisDeviceType' -ErrorAction SilentlyContinue }
Disable-NetAdapter -Name $Params.adapter -IncludeHidden -Confirm:$false
try { Start-Sleep -Seconds 2 } finally { Enable-NetAdapter -Name $Params.adapter -IncludeHidden -Confirm:$false }
`;
/** Shown as it runs: the script with the adapter's name quoted in place of $Params. */
const markEndpoint = (adapter: string, endpoint: boolean) =>
  ps(
    MARK_ENDPOINT.trim()
      // A function, so a "$'" or "$&" in the name is text, not a replacement pattern.
      .replaceAll('$Params.adapter', () => q(adapter))
      .replaceAll('$Params.endpoint', () => (endpoint ? '$true' : '$false')),
    MARK_ENDPOINT,
    { adapter, endpoint },
  );

const setPrivateProfile = defineFix({
  id: 'host.set-private-profile',
  platform: 'windows',
  params: z.strictObject({ adapter: adapterName }),
  before: z.strictObject({ category: z.enum(['Public', 'Private', 'DomainAuthenticated']) }),
  async plan({ adapter = '' }) {
    return {
      summary: { adapter },
      steps: [
        ps(`Set-NetConnectionProfile -InterfaceAlias ${q(adapter)} -NetworkCategory Private`, SET_PROFILE, {
          adapter,
          category: 'Private',
        }),
        markEndpoint(adapter, true),
      ],
      before: { category: 'Public' },
      async verify() {
        let r: { category?: string; endpoint?: number } | null = null;
        // The adapter comes back after its restart; NLA then leaves it out (no profile) or Private.
        const ok = await until(async () => {
          r = (await readBack(PROFILE_STATE, { adapter })) as typeof r;
          return r?.endpoint === 1 && r.category !== 'Public';
        }, 30_000);
        const seen = r as { category?: string; endpoint?: number } | null;
        return {
          ok,
          readBack: said('adapter-profile', { adapter, endpoint: seen?.endpoint ?? null, category: seen?.category || null }),
        };
      },
    };
  },
  undo: ({ adapter = '' }, { category }) => [
    markEndpoint(adapter, false),
    ps(`Set-NetConnectionProfile -InterfaceAlias ${q(adapter)} -NetworkCategory ${category}`, SET_PROFILE, { adapter, category }),
  ],
});

/**
 * vnetlib64.exe is the command line behind VMware's Virtual Network Editor. It is undocumented
 * (probe-reference §2.3), so every plan says so and names the editor as the manual way.
 */
/**
 * vnetlib's exit codes are the reverse of the usual: 1 means the command succeeded, 0 that it
 * failed (hashicorp/vagrant-vmware-desktop, VNETLIB.md "Command exit code"; their Windows driver,
 * go_src/vagrant-vmware-utility/service/vnetlib_windows.go, starts and stops VMware's NAT and DHCP
 * through the service manager, not vnetlib). The services named in $Params.services are stopped
 * first and started again in any case: vnetlib's "update dhcp"/"update nat" need them stopped.
 */
const VNETLIB = `
$dir = $Params.installPath
if (-not $dir) { $dir = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMware Workstation' -ErrorAction SilentlyContinue).InstallPath }
if (-not $dir) { $dir = Join-Path \${env:ProgramFiles(x86)} 'VMware\\VMware Workstation' }
$vnetlib = Join-Path $dir 'vnetlib64.exe'
# \${dir}, not $dir: in a string "$dir:" is read as a drive-qualified variable and the whole script
# fails to parse (first seen when this step ran in a real PowerShell engine).
if (-not (Test-Path -LiteralPath $vnetlib)) { throw "vnetlib64.exe not found in \${dir}: use Virtual Network Editor instead" }
$services = @($Params.services)
foreach ($name in $services) { Stop-Service -Name $name -Force -ErrorAction SilentlyContinue }
try {
  foreach ($command in @($Params.commands)) {
    $arguments = @('--') + @($command)
    & $vnetlib @arguments
    if ($LASTEXITCODE -ne 1) { throw "vnetlib64.exe $($arguments -join ' ') failed (exit code $LASTEXITCODE; it reports success as 1)" }
  }
} finally {
  foreach ($name in $services) { Start-Service -Name $name -ErrorAction SilentlyContinue }
}
`;

/** The vnetlib sub-commands HashiCorp's driver and notes show working on Windows (VNETLIB.md). */
export const VNETLIB_COMMANDS = [
  'add adapter',
  'enable adapter',
  'disable adapter',
  'update adapter',
  'set vnet',
  'add nat',
  'remove nat',
  'update nat',
  'add dhcp',
  'remove dhcp',
  'update dhcp',
] as const;

const VMWARE_SERVICES = ['VMnetDHCP', 'VMware NAT Service'];

/**
 * The line a copied script finds vnetlib64.exe with, as the app's own step does (VMware's
 * InstallPath in the registry, else its default folder): the program is on no PATH.
 */
const FIND_VNETLIB = `$vnetlib = Join-Path ((Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMware Workstation' -ErrorAction SilentlyContinue).InstallPath, (Join-Path \${env:ProgramFiles(x86)} 'VMware\\VMware Workstation') | Where-Object { $_ } | Select-Object -First 1) 'vnetlib64.exe'
if (-not (Test-Path -LiteralPath $vnetlib)) { throw 'vnetlib64.exe was not found: is VMware Workstation installed? Use the Virtual Network Editor instead.' }`;

const vnetlibStep = (commands: string[][], services: string[] = [], installPath = '') =>
  ps(
    [
      FIND_VNETLIB,
      ...(services.length ? [`Stop-Service -Name ${services.map(q).join(', ')} -Force`] : []),
      ...commands.map((c) => `& $vnetlib '--' ${c.join(' ')}`),
      ...(services.length ? [`Start-Service -Name ${services.map(q).join(', ')}`] : []),
    ].join('\n'),
    VNETLIB,
    { commands, services, installPath },
  );

/** What a restore of the defaults must leave: both configuration files and both host adapters. */
const DEFAULTS_STATE = `
$data = Join-Path $env:ProgramData 'VMware'
@{
  dhcpConf = Test-Path -LiteralPath (Join-Path $data 'vmnetdhcp.conf')
  natConf = Test-Path -LiteralPath (Join-Path $data 'vmnetnat.conf')
  adapters = @(Get-NetAdapter -IncludeHidden | Where-Object { $_.InterfaceDescription -like '*VMnet1' -or $_.InterfaceDescription -like '*VMnet8' } | ForEach-Object { [string]$_.InterfaceDescription })
}
`;

const restoreVmnet = defineFix({
  id: 'vmware.restore-vmnet',
  platform: 'windows',
  // `subnet`: the one VMware's configuration gives the VMnet, when the adapter was found outside it.
  params: z.strictObject({ vmnet, defaults: z.enum(['true']).optional(), subnet: vmSubnet.optional() }),
  before: NOTHING_BEFORE,
  async plan({ vmnet: name = '', defaults, subnet }) {
    const net = name.toLowerCase();
    const update = (n: string) => [
      ['update', 'adapter', n],
      ['update', 'dhcp', n],
      ...(n === 'vmnet8' ? [['update', 'nat', n]] : []),
    ];
    if (defaults) {
      // VMware's whole layout is gone: VMnet1 (host-only) and VMnet8 (NAT) with their DHCP and NAT,
      // using only sub-commands HashiCorp's driver shows to work (add adapter/dhcp/nat, update).
      const create = (n: string) => [['add', 'adapter', n], ['add', 'dhcp', n], ...(n === 'vmnet8' ? [['add', 'nat', n]] : [])];
      return {
        summary: { vmnet: 'VMnet8', nat: true, defaults: true },
        steps: [
          vnetlibStep([...create('vmnet1'), ...create('vmnet8'), ...update('vmnet1'), ...update('vmnet8')], VMWARE_SERVICES),
        ],
        before: {},
        async verify() {
          const r = (await readBack(DEFAULTS_STATE, {})) as { dhcpConf?: boolean; natConf?: boolean; adapters?: string[] } | null;
          const missing = [
            ...(r?.dhcpConf ? [] : ['vmnetdhcp.conf']),
            ...(r?.natConf ? [] : ['vmnetnat.conf']),
            ...['VMnet1', 'VMnet8'].filter((v) => !(r?.adapters ?? []).some((a) => a.endsWith(v))),
          ];
          // vnetlib may report success and change nothing (reported for Workstation 17.5+): say so.
          return {
            ok: missing.length === 0,
            readBack: said('vmware-networks-back', { missing }),
          };
        },
      };
    }
    return {
      summary: { vmnet: name, nat: net === 'vmnet8', defaults: false },
      steps: [vnetlibStep([['add', 'adapter', net], ...update(net)], VMWARE_SERVICES)],
      before: {},
      async verify() {
        const r = (await readBack(
          "@{ count = @(Get-NetAdapter -IncludeHidden | Where-Object { $_.InterfaceDescription -like ('*' + $Params.vmnet) }).Count }",
          { vmnet: name },
        )) as { count?: number } | null;
        const exists = (r?.count ?? 0) > 0;
        const expected = subnet ? parseCidr(subnet) : null;
        if (!exists || !subnet || !expected) return { ok: exists, readBack: said('vmnet-adapter', { vmnet: name, exists }) };
        // What the finding was about: the adapter's address is in the subnet VMware gives the VMnet.
        const state = (await readBack(SUBNET_STATE, { vmnet: name })) as { ipv4?: string[] } | null;
        const addresses = state?.ipv4 ?? [];
        const inSubnet = addresses.some((ip) => inNetwork(ip, expected));
        return { ok: inSubnet, readBack: said('vmnet-address', { vmnet: name, addresses, subnet, inSubnet }) };
      },
    };
  },
  // HashiCorp's driver has no working "remove adapter" on Windows; the adapter is disabled instead.
  undo: ({ vmnet: name = '', defaults }) =>
    defaults
      ? [
          vnetlibStep([
            ['disable', 'adapter', 'vmnet1'],
            ['disable', 'adapter', 'vmnet8'],
          ]),
        ]
      : [vnetlibStep([['disable', 'adapter', name.toLowerCase()]])],
});

/** Moving a VMnet: its network and mask, then the adapter, DHCP and NAT rewritten from them (services stopped around it). */
function subnetCommands(net: string, cidrText: string): string[][] {
  const parsed = parseCidr(cidrText);
  if (!parsed) throw new Error(`not a network: ${cidrText}`);
  return [
    ['set', 'vnet', net, 'addr', parsed.network],
    ['set', 'vnet', net, 'mask', prefixToMask(parsed.prefixLength)],
    ['update', 'adapter', net],
    ['update', 'dhcp', net],
    ...(net === 'vmnet8' ? [['update', 'nat', net]] : []),
  ];
}

/** What a subnet move must change: the adapter's Preferred addresses, VMnetLib's IPSubnetAddress, vmnetdhcp.conf. */
const SUBNET_STATE = `
$ipv4 = @(Get-NetAdapter -IncludeHidden | Where-Object { $_.InterfaceDescription -like ('*' + $Params.vmnet) } |
  Get-NetIPAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue | Where-Object { [string]$_.AddressState -eq 'Preferred' } | ForEach-Object { [string]$_.IPAddress })
$registry = $null
foreach ($root in @('HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMnetLib\\VMnetConfig', 'HKLM:\\SOFTWARE\\VMware, Inc.\\VMnetLib\\VMnetConfig')) {
  $key = Join-Path $root ([string]$Params.vmnet).ToLower()
  if (Test-Path -LiteralPath $key) { $registry = [string](Get-ItemProperty -LiteralPath $key -ErrorAction SilentlyContinue).IPSubnetAddress; break }
}
$conf = Join-Path $env:ProgramData 'VMware\\vmnetdhcp.conf'
$dhcpConf = $null
if (Test-Path -LiteralPath $conf) { $dhcpConf = [IO.File]::ReadAllText($conf) }
@{ ipv4 = $ipv4; registry = $registry; dhcpConf = $dhcpConf }
`;

const changeSubnet = defineFix({
  id: 'vmware.change-subnet',
  platform: 'windows',
  params: z.strictObject({ vmnet, subnet: vmSubnet, fromSubnet: vmSubnet }),
  before: NOTHING_BEFORE,
  async plan({ vmnet: name = '', subnet = '', fromSubnet = '' }) {
    const net = name.toLowerCase();
    for (const c of [subnet, fromSubnet])
      if (parseCidr(c)?.prefixLength !== 24) throw new Error('VMware NAT networks are /24 (class C)');
    return {
      summary: { vmnet: name, from: fromSubnet, to: subnet },
      steps: [vnetlibStep(subnetCommands(net, subnet), VMWARE_SERVICES)],
      before: {},
      async verify() {
        const want = parseCidr(subnet);
        const r = (await readBack(SUBNET_STATE, { vmnet: name })) as {
          ipv4?: string[];
          registry?: string;
          dhcpConf?: string;
        } | null;
        const inWant = (ip: string | undefined) => want !== null && !!ip && isIpv4(ip) && inNetwork(ip, want);
        const adapter = (r?.ipv4 ?? []).some(inWant);
        const registry = inWant(r?.registry);
        // vmnetdhcp.conf names each subnet as "subnet A.B.C.D netmask M".
        const conf =
          want !== null && new RegExp(`subnet\\s+${want.network.replaceAll('.', '\\.')}\\s+netmask`).test(r?.dhcpConf ?? '');
        const changed = (
          [
            [adapter, 'adapter'],
            [registry, 'registry'],
            [conf, 'dhcp-conf'],
          ] as const
        ).flatMap(([moved, part]) => (moved ? [part] : []));
        // vnetlib can report success and change nothing (reported for Workstation 17.5+): say which parts moved.
        return {
          ok: adapter && registry,
          readBack: said('vmnet-subnet', { vmnet: name, subnet, changed }),
        };
      },
    };
  },
  undo: ({ vmnet: name = '', fromSubnet = '' }) => [vnetlibStep(subnetCommands(name.toLowerCase(), fromSubnet), VMWARE_SERVICES)],
});

// VBoxManage runs as the user (VirtualBox VMs belong to the user): no elevation.
const VBOX = `
$dir = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Oracle\\VirtualBox' -ErrorAction SilentlyContinue).InstallDir
if (-not $dir) { $dir = Join-Path $env:ProgramFiles 'Oracle\\VirtualBox' }
$vbox = Join-Path $dir 'VBoxManage.exe'
$arguments = @($Params.arguments)
& $vbox @arguments
if ($LASTEXITCODE -ne 0) { throw "VBoxManage failed with exit code $LASTEXITCODE" }
`;

/** VBoxManage's output as text, for read-backs (showvminfo). */
const VBOX_TEXT = `${VBOX.replace('& $vbox @arguments', '$out = (& $vbox @arguments) -join "`n"')}\n@{ text = $out }`;

/**
 * How a VBoxManage call is shown in the preview and copied: with the line that finds VBoxManage.exe
 * as the app's own step does (VirtualBox's InstallDir in the registry, else VBOX_MSI_INSTALL_PATH,
 * which its installer sets), since it is on no PATH. Plain words stay bare; anything else (spaces,
 * commas, quotes, a leading "--") is a quoted string. The values themselves go as bound parameters.
 */
const FIND_VBOX = `$vbox = Join-Path ((Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Oracle\\VirtualBox' -ErrorAction SilentlyContinue).InstallDir, $env:VBOX_MSI_INSTALL_PATH | Where-Object { $_ } | Select-Object -First 1) 'VBoxManage.exe'
if (-not (Test-Path -LiteralPath $vbox)) { throw 'VBoxManage.exe was not found: is VirtualBox installed?' }`;
const showVbox = (args: string[]) => `${FIND_VBOX}\n& $vbox ${args.map((a) => (/^\w[\w.:/-]*$/.test(a) ? a : q(a))).join(' ')}`;

const addPortForward = defineFix({
  id: 'vbox.add-port-forward',
  platform: 'windows',
  params: z.strictObject({
    vm: vmName,
    nic: z.string().regex(/^[1-8]$/),
    hostPort: port,
    guestPort: port,
    running: z.enum(['true', 'false']).default('true'),
  }),
  before: NOTHING_BEFORE,
  async plan({ vm = '', nic = '1', hostPort = '', guestPort = '', running = 'true' }) {
    const name = `vmnetdoctor-${guestPort}`;
    // Bound to 127.0.0.1: reachable from this PC only, not from the whole LAN.
    const rule = `${name},tcp,127.0.0.1,${hostPort},,${guestPort}`;
    const live = running === 'true';
    const add = live ? ['controlvm', vm, `natpf${nic}`, rule] : ['modifyvm', vm, `--natpf${nic}`, rule];
    return {
      summary: { vm, nic, hostPort, guestPort },
      steps: [ps(showVbox(add), VBOX, { arguments: add }, false)],
      before: {},
      async verify() {
        const r = (await readBack(VBOX_TEXT, {
          arguments: ['showvminfo', vm, '--machinereadable'],
        })) as { text?: string } | null;
        const ok = (r?.text ?? '').includes(`"${rule}"`) || (r?.text ?? '').includes(`${name},tcp`);
        return { ok, readBack: said('port-forward', { rule: ok ? rule : name, configured: ok }) };
      },
    };
  },
  undo: ({ vm = '', nic = '1', guestPort = '', running = 'true' }) => {
    const name = `vmnetdoctor-${guestPort}`;
    const remove =
      running === 'true' ? ['controlvm', vm, `natpf${nic}`, 'delete', name] : ['modifyvm', vm, `--natpf${nic}`, 'delete', name];
    return [ps(showVbox(remove), VBOX, { arguments: remove }, false)];
  },
});

/**
 * "Cable connected" off on a VM's card: VBoxManage plugs it in — `controlvm … setlinkstateN on` while
 * the VM runs, `modifyvm … --cableconnectedN on` while it is off (VBoxManage manual) — and unplugs
 * it again on undo.
 */
const connectCable = defineFix({
  id: 'vbox.connect-cable',
  platform: 'windows',
  params: z.strictObject({ vm: vmName, nic: z.string().regex(/^[1-8]$/), running: z.enum(['true', 'false']).default('true') }),
  before: NOTHING_BEFORE,
  async plan({ vm = '', nic = '1', running = 'true' }) {
    const plug = cableArgs(vm, nic, running === 'true', 'on');
    return {
      summary: { vm, nic },
      steps: [ps(showVbox(plug), VBOX, { arguments: plug }, false)],
      before: {},
      async verify() {
        const r = (await readBack(VBOX_TEXT, { arguments: ['showvminfo', vm, '--machinereadable'] })) as { text?: string } | null;
        const ok = (r?.text ?? '').includes(`cableconnected${nic}="on"`);
        return { ok, readBack: said('vbox-cable', { vm, nic, connected: ok }) };
      },
    };
  },
  undo: ({ vm = '', nic = '1', running = 'true' }) => {
    const unplug = cableArgs(vm, nic, running === 'true', 'off');
    return [ps(showVbox(unplug), VBOX, { arguments: unplug }, false)];
  },
});
const cableArgs = (vm: string, nic: string, running: boolean, state: 'on' | 'off') =>
  running ? ['controlvm', vm, `setlinkstate${nic}`, state] : ['modifyvm', vm, `--cableconnected${nic}`, state];

/**
 * A VirtualBox host-only adapter that lost its address (169.254.x.x): VirtualBox sets it again with
 * `VBoxManage hostonlyif ipconfig NAME --ip A --netmask M` (VBoxManage manual, hostonlyif). Run as
 * the user; undo puts back what VirtualBox had configured before.
 */
const setHostOnlyAddress = defineFix({
  id: 'vbox.set-hostonly-address',
  platform: 'windows',
  // ip/netmask: what the adapter should have; fromIp/fromNetmask: what VirtualBox had, for undo.
  params: z.strictObject({
    name: vmName,
    ip: ipv4Address,
    netmask: ipv4Address,
    fromIp: ipv4Address.optional(),
    fromNetmask: ipv4Address.optional(),
  }),
  before: z.strictObject({ ip: ipv4Address.nullable(), netmask: ipv4Address.nullable() }),
  async plan({ name = '', ip = '', netmask = '', fromIp, fromNetmask }) {
    const set = ['hostonlyif', 'ipconfig', name, '--ip', ip, '--netmask', netmask];
    return {
      summary: { name, ip, netmask },
      steps: [ps(showVbox(set), VBOX, { arguments: set }, true)],
      // Undo puts back what VirtualBox had; with nothing read, there is nothing to put back.
      before: { ip: fromIp ?? null, netmask: fromIp ? (fromNetmask ?? netmask) : null },
      async verify() {
        const r = (await readBack(
          '@{ ipv4 = @(Get-NetIPAddress -InterfaceAlias (Get-NetAdapter -IncludeHidden | Where-Object { $_.InterfaceDescription -eq $Params.name }).Name -AddressFamily IPv4 -ErrorAction SilentlyContinue | ForEach-Object { [string]$_.IPAddress }) }',
          { name },
        )) as { ipv4?: string[] } | null;
        const ok = (r?.ipv4 ?? []).includes(ip);
        return { ok, readBack: said('hostonly-address', { adapter: name, address: ip, has: ok }) };
      },
    };
  },
  undo: ({ name = '' }, before) =>
    before.ip && before.netmask
      ? [
          ps(
            showVbox(['hostonlyif', 'ipconfig', name, '--ip', before.ip, '--netmask', before.netmask]),
            VBOX,
            {
              arguments: ['hostonlyif', 'ipconfig', name, '--ip', before.ip, '--netmask', before.netmask],
            },
            true,
          ),
        ]
      : [],
});

/** A cloned VirtualBox VM that kept its MAC: VirtualBox generates a new one (the VM must be off). */
const newVboxMac = defineFix({
  id: 'guest.new-mac',
  platform: 'windows',
  params: z.strictObject({
    vm: vmName,
    nic: z.string().regex(/^[1-8]$/),
    mac: z.string().regex(/^[0-9A-Fa-f]{12}$/, 'the old MAC as 12 hex digits'),
  }),
  before: NOTHING_BEFORE,
  async plan({ vm = '', nic = '1', mac = '' }) {
    const change = ['modifyvm', vm, `--macaddress${nic}`, 'auto'];
    return {
      summary: { vm, nic },
      steps: [ps(showVbox(change), VBOX, { arguments: change }, false)],
      before: {},
      async verify() {
        const r = (await readBack(VBOX_TEXT, { arguments: ['showvminfo', vm, '--machinereadable'] })) as { text?: string } | null;
        const now = new RegExp(`^macaddress${nic}="([0-9A-F]{12})"`, 'm').exec(r?.text ?? '')?.[1] ?? null;
        const ok = now !== null && now !== mac.toUpperCase();
        return { ok, readBack: said('vbox-mac', { nic, now, was: mac.toUpperCase() }) };
      },
    };
  },
  undo: ({ vm = '', nic = '1', mac = '' }) => {
    const back = ['modifyvm', vm, `--macaddress${nic}`, mac.toUpperCase()];
    return [ps(showVbox(back), VBOX, { arguments: back }, false)];
  },
});

/** Read-back scripts of the verifications, listed for the PowerShell syntax test. */
/**
 * host.bind-bridge-protocol: "VMware Bridge Protocol" (ComponentID vmware_bridge) enabled again on
 * the adapter bridged VMs use — "optimizer" scripts and some VPN clients switch it off. Undo
 * switches it off again. Verified by reading the binding back.
 */
const BRIDGE_BINDING = `
$b = Get-NetAdapterBinding -Name $Params.adapter -ComponentID $Params.component -ErrorAction SilentlyContinue
@{ enabled = [bool]$b.Enabled; present = [bool]$b }
`;
const ENABLE_BINDING = 'Enable-NetAdapterBinding -Name $Params.adapter -ComponentID $Params.component';
const DISABLE_BINDING = 'Disable-NetAdapterBinding -Name $Params.adapter -ComponentID $Params.component';
/** The bridge bindings: VMware's "VMware Bridge Protocol" and VirtualBox's NDIS6 bridged-networking filter. */
const BRIDGE_COMPONENTS = {
  vmware_bridge: 'VMware Bridge Protocol',
  oracle_VBoxNetLwf: 'VirtualBox NDIS6 Bridged Networking Driver',
};
const bridgeComponent = z.enum(['vmware_bridge', 'oracle_VBoxNetLwf']);
const binding = (verb: 'Enable' | 'Disable', adapter: string, component: string) =>
  ps(
    `${verb}-NetAdapterBinding -Name ${q(adapter)} -ComponentID ${component}`,
    verb === 'Enable' ? ENABLE_BINDING : DISABLE_BINDING,
    {
      adapter,
      component,
    },
  );
const bindingEnabled = async (adapter: string, component: string) =>
  ((await readBack(BRIDGE_BINDING, { adapter, component })) as { enabled?: boolean } | null)?.enabled ?? null;

const bindBridgeProtocol = defineFix({
  id: 'host.bind-bridge-protocol',
  platform: 'windows',
  params: z.strictObject({ adapter: adapterName, component: bridgeComponent.default('vmware_bridge') }),
  before: NOTHING_BEFORE,
  async plan({ adapter = '', component = 'vmware_bridge' }) {
    const item = BRIDGE_COMPONENTS[component as keyof typeof BRIDGE_COMPONENTS];
    return {
      summary: { adapter, item },
      steps: [binding('Enable', adapter, component)],
      before: {},
      async verify() {
        const ok = (await bindingEnabled(adapter, component)) === true;
        return { ok, readBack: said('binding', { item, adapter, enabled: ok }) };
      },
    };
  },
  undo: ({ adapter = '', component = 'vmware_bridge' }) => [binding('Disable', adapter, component)],
});

/**
 * VMnet0 off an adapter it should not bridge through: "VMware Bridge Protocol" unchecked there,
 * which is what excluding the adapter from automatic bridging amounts to (the bridge driver is not
 * bound to it, so VMware cannot bridge through it), with documented cmdlets only (Microsoft's
 * NetAdapter module). VMware's own store of the VMnet0 setting is undocumented and left alone.
 */
const setBridge = defineFix({
  id: 'vmware.set-bridge',
  platform: 'windows',
  params: z
    .strictObject({ adapter: adapterName, exclude: adapterName })
    .refine((p) => p.adapter !== p.exclude, 'two different adapters'),
  before: NOTHING_BEFORE,
  async plan({ adapter = '', exclude = '' }) {
    return {
      summary: { adapter, exclude },
      steps: [binding('Disable', exclude, 'vmware_bridge'), binding('Enable', adapter, 'vmware_bridge')],
      before: {},
      async verify() {
        const [off, on] = await Promise.all([bindingEnabled(exclude, 'vmware_bridge'), bindingEnabled(adapter, 'vmware_bridge')]);
        return {
          ok: off === false && on === true,
          readBack: said('bridge-moved', { exclude, adapter, offThere: off === false, onHere: on === true }),
        };
      },
    };
  },
  undo: ({ exclude = '' }) => [binding('Enable', exclude, 'vmware_bridge')],
});

/**
 * Bridged networking's drivers are kernel drivers, not services Get-Service/Start-Service handle:
 * the Win32_SystemDriver class's StartService/StopService/ChangeStartMode methods (Microsoft's
 * CIM reference; StartService returns 0 on success and 10 when it already runs).
 */
const BRIDGE_DRIVER = z.enum(['VMnetBridge', 'VBoxNetLwf']);
const driverQuery = (driver: string) => `SELECT * FROM Win32_SystemDriver WHERE Name='${driver}'`;
// -Arguments takes an IDictionary; ConvertFrom-Json gives $Params.arguments as a PSCustomObject,
// which does not convert (first seen when this step ran in a real PowerShell engine): copy it.
const DRIVER_METHOD = `
$arguments = @{}
foreach ($property in @($Params.arguments.PSObject.Properties)) { $arguments[$property.Name] = $property.Value }
$r = Invoke-CimMethod -Query ("SELECT * FROM Win32_SystemDriver WHERE Name='" + $Params.driver + "'") -MethodName $Params.method -Arguments $arguments
if ($r.ReturnValue -ne 0 -and $r.ReturnValue -ne 10) { throw "$($Params.method) returned $($r.ReturnValue)" }
`;
const DRIVER_STATE = `
$d = Get-CimInstance -ClassName Win32_SystemDriver -Filter ("Name='" + $Params.driver + "'")
@{ state = [string]$d.State; startMode = [string]$d.StartMode }
`;
const driverMethod = (driver: string, method: 'StartService' | 'StopService' | 'ChangeStartMode', startMode?: string) =>
  ps(
    `Invoke-CimMethod -Query "${driverQuery(driver)}" -MethodName ${method}${startMode ? ` -Arguments @{ StartMode = '${startMode}' }` : ''}`,
    DRIVER_METHOD,
    { driver, method, arguments: startMode ? { StartMode: startMode } : {} },
  );

const startBridgeDriver = defineFix({
  id: 'host.start-bridge-driver',
  platform: 'windows',
  params: z.strictObject({ driver: BRIDGE_DRIVER, startMode: z.string().max(16).optional() }),
  before: z.strictObject({ disabled: z.boolean() }),
  async plan({ driver = 'VMnetBridge', startMode }) {
    const disabled = startMode === 'Disabled';
    return {
      summary: { driver, enableFirst: disabled },
      steps: [...(disabled ? [driverMethod(driver, 'ChangeStartMode', 'Manual')] : []), driverMethod(driver, 'StartService')],
      before: { disabled },
      async verify() {
        let state: string | undefined;
        const ok = await until(async () => {
          state = ((await readBack(DRIVER_STATE, { driver })) as { state?: string } | null)?.state;
          return state === 'Running';
        }, 15_000);
        return { ok, readBack: said('driver-state', { driver, state: state ?? null }) };
      },
    };
  },
  undo: ({ driver = 'VMnetBridge' }, { disabled }) => [
    driverMethod(driver, 'StopService'),
    ...(disabled ? [driverMethod(driver, 'ChangeStartMode', 'Disabled')] : []),
  ],
});

export const WINDOWS_READ_BACK_SCRIPTS = [
  ADAPTER_STATE,
  SERVICE_STATUS,
  RULE_STATE,
  PROFILE_STATE,
  VBOX_TEXT,
  BRIDGE_BINDING,
  DRIVER_STATE,
  DEFAULTS_STATE,
  SUBNET_STATE,
];

export const WINDOWS_FIXES: FixDefinition[] = [
  newVboxMac,
  setHostOnlyAddress,
  enableAdapter,
  restartAdapter,
  startService('host.start-nat', 'VMware NAT Service'),
  startService('host.start-dhcp', 'VMnetDHCP'),
  allowIcmp,
  setPrivateProfile,
  restoreVmnet,
  changeSubnet,
  addPortForward,
  connectCable,
  bindBridgeProtocol,
  setBridge,
  startBridgeDriver,
];
