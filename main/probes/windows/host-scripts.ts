/**
 * The PowerShell side of the Windows host probes (probe-reference §1–4). Each script leaves one
 * object as its output; the session turns it into JSON. Rules every script keeps:
 * - locale-independent: stable names (service Name, firewall rule Name, enum values cast to
 *   [string]), never display names or localized text;
 * - arrays wrapped in @() so one element still serializes as a list (§1.9);
 * - outside values only through $Params (Base64 JSON decoded by the prelude), never in the text.
 */
import { ADAPTERS_SCRIPT } from './adapters.ts';

const CONNECTION_PROFILES = `
@{ profiles = @(Get-NetConnectionProfile -ErrorAction SilentlyContinue | ForEach-Object {
  [pscustomobject]@{
    InterfaceAlias = [string]$_.InterfaceAlias
    InterfaceIndex = [int]$_.InterfaceIndex
    NetworkCategory = [string]$_.NetworkCategory
  }
}) }
`;

// Effective (ActiveStore) profiles and every inbound rule that can decide ICMPv4 echo (§1.4): the
// ICMPv4 ones (enabled or not: Windows' own echo rules ship disabled), and enabled any-protocol
// rules not tied to a program or a service (a "block all" from Group Policy, an "allow everything
// from 192.168.x.0/24"). Each kind of object is fetched once (-All) and joined on InstanceID, as
// mondoohq/mql's Windows firewall resource does: a CIM query per rule took 48–69 s on machines with
// ~1,000 rules. Eight CIM queries, whatever the number of rules.
const FIREWALL = `
$profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {
  [pscustomobject]@{
    Name = [string]$_.Name
    Enabled = [string]$_.Enabled
    DefaultInboundAction = [string]$_.DefaultInboundAction
    AllowInboundRules = [string]$_.AllowInboundRules
  }
})
# A filter's list as strings; a missing filter is an empty list. ($null | ForEach-Object runs once,
# so @($null | ForEach-Object { [string]$_ }) is @('') — a rule "scoped to an interface named ''" —
# first seen when this ran in a real engine on mql's recording, which has no interface filters.)
# The leading comma keeps an empty or one-element list a list when the function returns it.
function Get-Strings($values) { , @($values | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ }) }
$byId = @{}
foreach ($kind in @('Port', 'Address', 'Application', 'Service', 'InterfaceType', 'Interface')) { $byId[$kind] = @{} }
Get-NetFirewallPortFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Port[[string]$_.InstanceID] = $_ }
Get-NetFirewallAddressFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Address[[string]$_.InstanceID] = $_ }
Get-NetFirewallApplicationFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Application[[string]$_.InstanceID] = $_ }
Get-NetFirewallServiceFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Service[[string]$_.InstanceID] = $_ }
Get-NetFirewallInterfaceTypeFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.InterfaceType[[string]$_.InstanceID] = $_ }
Get-NetFirewallInterfaceFilter -PolicyStore ActiveStore -All | ForEach-Object { $byId.Interface[[string]$_.InstanceID] = $_ }
$rules = @(Get-NetFirewallRule -PolicyStore ActiveStore -Direction Inbound | ForEach-Object {
  $id = [string]$_.InstanceID
  $port = $byId.Port[$id]
  $protocol = [string]$port.Protocol
  $icmp = $protocol -eq 'ICMPv4' -or $protocol -eq '1'
  $program = [string]$byId.Application[$id].Program
  $service = [string]$byId.Service[$id].Service
  $anyProtocol = $protocol -eq 'Any' -and [string]$_.Enabled -eq 'True' -and ($program -eq 'Any' -or $program -eq 'System') -and $service -eq 'Any'
  if ($icmp -or $anyProtocol) {
    $address = $byId.Address[$id]
    [pscustomobject]@{
      Name = [string]$_.Name
      DisplayName = [string]$_.DisplayName
      Group = [string]$_.Group
      Enabled = [string]$_.Enabled
      Action = [string]$_.Action
      Profile = [string]$_.Profile
      Protocol = $protocol
      IcmpType = Get-Strings $port.IcmpType
      RemoteAddress = Get-Strings $address.RemoteAddress
      LocalAddress = Get-Strings $address.LocalAddress
      InterfaceType = [string]$byId.InterfaceType[$id].InterfaceType
      InterfaceAlias = Get-Strings $byId.Interface[$id].InterfaceAlias
      Source = [string]$_.PolicyStoreSourceType
    }
  }
})
@{ profiles = $profiles; icmpRules = $rules }
`;

/** Service names, never display names (§1.5). */
export const WINDOWS_SERVICES = [
  'VMware NAT Service',
  'VMnetDHCP',
  'VMAuthdService',
  'VMUSBArbService',
  'VBoxSDS',
  'vmms',
  'hns',
  'SharedAccess',
] as const;

/**
 * The kernel drivers bridged networking runs on: VMware's VMnetBridge and VirtualBox's NDIS6
 * bridged-networking filter VBoxNetLwf. Get-Service lists Win32 services; drivers are the
 * Win32_SystemDriver CIM class (Microsoft's reference: State "Running"/"Stopped", StartMode
 * "Boot"/"System"/"Auto"/"Manual"/"Disabled"), read in one query whatever the machine holds.
 */
export const BRIDGE_DRIVERS = ['VMnetBridge', 'VBoxNetLwf'] as const;

const SERVICES = `
$services = @(foreach ($name in @($Params.services)) {
  $service = Get-Service -Name $name -ErrorAction SilentlyContinue
  if ($service) {
    [pscustomobject]@{ Name = [string]$service.Name; Status = [string]$service.Status; StartType = [string]$service.StartType }
  }
})
$drivers = @(Get-CimInstance -ClassName Win32_SystemDriver -Filter "Name='VMnetBridge' OR Name='VBoxNetLwf'" -ErrorAction SilentlyContinue |
  ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; State = [string]$_.State; StartMode = [string]$_.StartMode } })
@{ services = $services; drivers = $drivers }
`;

// vmnetdhcp.conf, vmnetnat.conf and the VMnetConfig registry keys the Network Editor writes (§2.2).
const VMWARE_CONFIG = `
function Read-TextOrNull([string]$path) {
  if (Test-Path -LiteralPath $path) { return [IO.File]::ReadAllText($path) }
  return $null
}
$dataDir = Join-Path $env:ProgramData 'VMware'
$registry = @()
foreach ($root in @('HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMnetLib\\VMnetConfig', 'HKLM:\\SOFTWARE\\VMware, Inc.\\VMnetLib\\VMnetConfig')) {
  if (-not (Test-Path -LiteralPath $root)) { continue }
  $registry = @(Get-ChildItem -LiteralPath $root | ForEach-Object {
    $values = @{}
    (Get-ItemProperty -LiteralPath $_.PSPath).PSObject.Properties |
      Where-Object { $_.Name -notlike 'PS*' } |
      ForEach-Object { $values[[string]$_.Name] = [string]$_.Value }
    # "Connect a host virtual adapter" is VMnetConfig\\vmnetN\\Adapter\\UseAdapter = 1 (how HashiCorp's
    # vagrant-vmware-desktop reads it, vnetlib_windows.go getUnusedDevice); the key alone says nothing.
    $useAdapter = (Get-ItemProperty -LiteralPath (Join-Path $_.PSPath 'Adapter') -ErrorAction SilentlyContinue).UseAdapter
    [pscustomobject]@{ Name = [string]$_.PSChildName; Values = $values; HasAdapter = ([int]$useAdapter -eq 1) }
  })
  break
}
$install = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMware Workstation' -ErrorAction SilentlyContinue
# The product's version from vmware.exe's own version resource (FileVersionInfo.ProductVersion).
$version = $null
if ($install.InstallPath) {
  $exe = Join-Path ([string]$install.InstallPath) 'vmware.exe'
  if (Test-Path -LiteralPath $exe) { $version = [string](Get-Item -LiteralPath $exe).VersionInfo.ProductVersion }
}
# "VMware Bridge Protocol" on each adapter: one query for all of them. Sources: Microsoft's
# Get-NetAdapterBinding reference (NetAdapter module, -ComponentID); the ID vmware_bridge as public
# Windows "tweak" scripts on GitHub pass it to Get-/Disable-NetAdapterBinding (the very thing that
# switches it off). Not recorded on a Windows machine here.
$bridgeBindings = @(Get-NetAdapterBinding -ComponentID 'vmware_bridge' -ErrorAction SilentlyContinue |
  ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [bool]$_.Enabled } })
@{
  dhcpConf = Read-TextOrNull (Join-Path $dataDir 'vmnetdhcp.conf')
  natConf = Read-TextOrNull (Join-Path $dataDir 'vmnetnat.conf')
  registry = $registry
  installPath = [string]$install.InstallPath
  version = $version
  bridgeBindings = $bridgeBindings
}
`;

/**
 * vmrun and VBoxManage write in the ANSI code page (VirtualBox's IPRT converts its UTF-8 with
 * RTStrUtf8ToCurrentCP, i.e. GetACP), while PowerShell decodes a native program's output with
 * [Console]::OutputEncoding — the OEM code page by default, another one in most Western locales
 * (1252 vs 850): a .vmx path under "C:\\Users\\José" would come back garbled, and the MACs read from
 * it with it. Read them with the ANSI code page, and put the console's back afterwards.
 */
const ANSI_OUTPUT = `
$consoleEncoding = $null
try {
  $consoleEncoding = [Console]::OutputEncoding
  [Console]::OutputEncoding = [Text.Encoding]::GetEncoding([Globalization.CultureInfo]::CurrentCulture.TextInfo.ANSICodePage)
} catch { $consoleEncoding = $null }
`;
const CONSOLE_BACK = `
if ($null -ne $consoleEncoding) { try { [Console]::OutputEncoding = $consoleEncoding } catch {} }
`;
/** A native tool's probe: its body runs with ANSI decoding, and the console's encoding comes back whatever it returns. */
const withAnsiOutput = (body: string) => `${ANSI_OUTPUT}try {\n${body}\n} finally {${CONSOLE_BACK}}\n`;

// VBoxManage from its install directory; its raw text is parsed on our side (§3.1–3.3).
const VIRTUALBOX = withAnsiOutput(`
$vbox = $null
$installDir = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Oracle\\VirtualBox' -ErrorAction SilentlyContinue).InstallDir
if ($installDir) { $vbox = Join-Path $installDir 'VBoxManage.exe' }
if (-not $vbox -or -not (Test-Path -LiteralPath $vbox)) { $vbox = Join-Path $env:ProgramFiles 'Oracle\\VirtualBox\\VBoxManage.exe' }
if (-not (Test-Path -LiteralPath $vbox)) { return @{ installed = $false } }
$ErrorActionPreference = 'Continue'
$hostOnly = (& $vbox list hostonlyifs 2>$null) -join "\`n"
$ids = @(& $vbox list vms 2>$null | ForEach-Object { if ($_ -match '\\{([0-9a-fA-F-]{36})\\}\\s*$') { $Matches[1] } })
$machines = @(foreach ($id in $ids) { (& $vbox showvminfo $id --machinereadable 2>$null) -join "\`n" })
# The guest's own address, reported by Guest Additions ("No value set!" without them, §3.7).
# "Value: 192.168.56.101". (Regex escapes are doubled in this TypeScript template: a single one
# was lost, left a space before each address, and was first seen when this ran in a real engine.)
$guestIps = @(foreach ($id in $ids) { (((& $vbox guestproperty get $id '/VirtualBox/GuestInfo/Net/0/V4/IP' 2>$null) -join ' ') -replace '^Value:\\s*', '').Trim() })
# VirtualBox's NDIS6 bridged-networking filter on each adapter: its ComponentID oracle_VBoxNetLwf
# (VirtualBox's VBoxNetCfg-win.cpp, VBOXNETCFGWIN_NETLWF_ID); unbound, a VM bridged there is cut off.
$bridgeBindings = @(Get-NetAdapterBinding -ComponentID 'oracle_VBoxNetLwf' -ErrorAction SilentlyContinue |
  ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [bool]$_.Enabled } })
# "VBoxManage --version" prints the version, e.g. 7.0.12r159484 (VBoxManage manual, --version).
$version = ((& $vbox --version 2>$null) -join '').Trim()
@{ installed = $true; path = $vbox; version = $version; hostOnlyIfs = $hostOnly; machines = $machines; guestIps = $guestIps; bridgeBindings = $bridgeBindings }
`);

// Hyper-V switches, WinNAT and WSL's configuration (§4); Get-VMSwitch needs Hyper-V rights.
// Get-VMSwitch and Get-NetNat need administrator rights: a refusal is recorded as unknown (with
// the reason), never as "no switches" / "no NAT".
const HYPERV = `
$switches = @()
$switchError = $null
if (Get-Command Get-VMSwitch -ErrorAction SilentlyContinue) {
  try { $switches = @(Get-VMSwitch -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; SwitchType = [string]$_.SwitchType } }) } catch { $switchError = [string]$_.Exception.Message }
}
$nats = @()
$natError = $null
if (Get-Command Get-NetNat -ErrorAction SilentlyContinue) {
  try { $nats = @(Get-NetNat -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Prefix = [string]$_.InternalIPInterfaceAddressPrefix } }) } catch { $natError = [string]$_.Exception.Message }
}
$wslConfigPath = Join-Path $env:USERPROFILE '.wslconfig'
$wslConfig = $null
if (Test-Path -LiteralPath $wslConfigPath) { $wslConfig = [IO.File]::ReadAllText($wslConfigPath) }
@{ switches = $switches; switchError = $switchError; nats = $nats; natError = $natError; wslConfig = $wslConfig }
`;

// Running VMware VMs and the address VMware Tools reports for each (vmrun, §2.3): the guest's
// IP without needing its network to work.
const VMWARE_GUESTS = withAnsiOutput(`
$install = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\WOW6432Node\\VMware, Inc.\\VMware Workstation' -ErrorAction SilentlyContinue).InstallPath
$vmrun = $null
if ($install) { $vmrun = Join-Path $install 'vmrun.exe' }
if (-not $vmrun -or -not (Test-Path -LiteralPath $vmrun)) { return @{ installed = $false; guests = @() } }
$ErrorActionPreference = 'Continue'
$running = @(& $vmrun -T ws list 2>$null | Select-Object -Skip 1 | Where-Object { $_ -like '*.vmx' })
$guests = @(foreach ($vmx in $running) {
  # The network cards' lines of the .vmx (MAC, connection): a clone that kept its MAC shows here.
  $net = @(Get-Content -LiteralPath $vmx -TotalCount 5000 -ErrorAction SilentlyContinue | Where-Object { $_ -match '^\\s*ethernet\\d+\\.' }) -join "\`n"
  [pscustomobject]@{ vmx = [string]$vmx; ip = ((& $vmrun -T ws getGuestIPAddress $vmx 2>$null) -join ' ').Trim(); net = $net }
})
@{ installed = $true; guests = $guests }
`);

const ELEVATION = `
$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$principal = New-Object Security.Principal.WindowsPrincipal $identity
@{ elevated = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) }
`;

// .NET's Ping has a real timeout and locale-free status names, unlike ping.exe (§1.6).
const PING = `
$pinger = New-Object System.Net.NetworkInformation.Ping
try {
  $reply = $pinger.Send([string]$Params.target, [int]$Params.timeoutMs)
  @{ target = [string]$Params.target; status = [string]$reply.Status; rttMs = [int]$reply.RoundtripTime }
} finally { $pinger.Dispose() }
`;

export const WINDOWS_PROBE_SCRIPTS = {
  adapters: ADAPTERS_SCRIPT,
  'connection-profiles': CONNECTION_PROFILES,
  firewall: FIREWALL,
  services: SERVICES,
  'vmware-config': VMWARE_CONFIG,
  virtualbox: VIRTUALBOX,
  hyperv: HYPERV,
  'vmware-guests': VMWARE_GUESTS,
  elevation: ELEVATION,
  'ping-vm': PING,
} as const;

export type WindowsProbeId = keyof typeof WINDOWS_PROBE_SCRIPTS;

/** What the user sees as "the command" of each probe. */
export const WINDOWS_PROBE_COMMANDS: Record<WindowsProbeId, string> = {
  adapters: 'Get-NetAdapter -IncludeHidden; Get-NetIPAddress; Get-NetRoute -DestinationPrefix 0.0.0.0/0',
  'connection-profiles': 'Get-NetConnectionProfile',
  firewall:
    'Get-NetFirewallProfile -PolicyStore ActiveStore; Get-NetFirewallRule -Direction Inbound with its port, address, application, service and interface filters (-All, joined on InstanceID)',
  services: `Get-Service -Name ${WINDOWS_SERVICES.map((s) => `'${s}'`).join(',')}; Get-CimInstance Win32_SystemDriver (${BRIDGE_DRIVERS.join(', ')})`,
  'vmware-config':
    'Get-Content $env:ProgramData\\VMware\\vmnetdhcp.conf, vmnetnat.conf; VMnetLib registry; Get-NetAdapterBinding -ComponentID vmware_bridge',
  virtualbox:
    'VBoxManage list hostonlyifs; VBoxManage showvminfo --machinereadable (each VM); Get-NetAdapterBinding -ComponentID oracle_VBoxNetLwf',
  hyperv: 'Get-VMSwitch; Get-NetNat; Get-Content ~\\.wslconfig',
  'vmware-guests': 'vmrun -T ws list; vmrun -T ws getGuestIPAddress <each running .vmx>; its ethernetN lines',
  elevation: 'WindowsPrincipal.IsInRole(Administrator)',
  'ping-vm': '[System.Net.NetworkInformation.Ping]::Send(VM, 1000)',
};
