# Windows' own cmdlets, for running the project's Windows scripts unchanged in a real PowerShell
# engine (pwsh 7 on Linux) that lacks them. Each stub:
# - declares the parameters the cmdlet has in Windows PowerShell 5.1, with their types (origin:
#   MicrosoftDocs/windows-powershell-docs, docset/winserver2019-ps, the syntax of Windows 10 1809 /
#   Server 2019's modules; MicrosoftDocs/PowerShell-Docs reference/5.1 for the built-in ones), so a
#   value that would not bind on Windows does not bind here either;
# - answers from a recorded "world" (world.ts writes it: JSON, its path in $env:VMNET_STUB_WORLD),
#   returning objects that carry exactly the properties of their CIM class (a read of any other
#   name is an error under the strict mode the tests turn on) and the enum types 5.1 gives them
#   (cdxml's Microsoft.PowerShell.Cmdletization.GeneratedTypes.*: [string] gives the name,
#   ConvertTo-Json without a cast gives the number);
# - records every call that changes something, with its bound parameters, as one JSON line in
#   $env:VMNET_STUB_CALLS.
# Nothing here reaches a network or the machine's own configuration.

$typesSource = @'
namespace Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetConnectionProfile {
  public enum NetworkCategory : uint { Public = 0, Private = 1, DomainAuthenticated = 2 }
  public enum IPv4Connectivity : uint { Disconnected = 0, NoTraffic = 1, Subnet = 2, LocalNetwork = 3, Internet = 4 }
}
namespace Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetIPAddress {
  public enum AddressFamily : ushort { IPv4 = 2, IPv6 = 23 }
  public enum AddressState : ushort { Invalid = 0, Tentative = 1, Duplicate = 2, Deprecated = 3, Preferred = 4 }
  public enum PrefixOrigin : ushort { Other = 0, Manual = 1, WellKnown = 2, Dhcp = 3, RouterAdvertisement = 4 }
  public enum SuffixOrigin : ushort { Other = 0, Manual = 1, WellKnown = 2, Dhcp = 3, Link = 4, Random = 5 }
  public enum Type : byte { Unicast = 1, Anycast = 2 }
}
namespace Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity {
  public enum Enabled : ushort { True = 1, False = 2 }
  public enum Action : ushort { NotConfigured = 0, Allow = 2, Block = 4 }
  public enum Direction : ushort { Inbound = 1, Outbound = 2 }
  [System.Flags] public enum Profile : ushort { Any = 0, Domain = 1, Private = 2, Public = 4 }
  public enum GpoBoolean : ushort { False = 0, True = 1, NotConfigured = 2 }
  public enum PolicyStoreType : ushort { None = 0, Local = 1, GroupPolicy = 2, Dynamic = 3, Generated = 4, Hardcoded = 5 }
}
namespace Microsoft.HyperV.PowerShell {
  public enum VMSwitchType { Private = 0, Internal = 1, External = 2 }
}
namespace VmnetDoctorStubs {
  // The base of every stubbed CIM object: its properties are note properties on the PSObject that
  // wraps it, so a read of a name the class lacks reaches this and fails, where Windows PowerShell
  // would give $null in silence and the script would go on with a hole in its answer.
  public class CimLike : System.Dynamic.DynamicObject {
    public CimLike(string className) { CimClassName = className; }
    public string CimClassName { get; private set; }
    public override bool TryGetMember(System.Dynamic.GetMemberBinder binder, out object result) {
      // PowerShell's own members of every single object (about_Properties: Count and Length are 1).
      if (binder.Name == "Count" || binder.Name == "Length") { result = 1; return true; }
      throw new System.MissingMemberException(CimClassName + " has no property " + binder.Name);
    }
    public override string ToString() { return CimClassName; }
  }
  // Windows-only .NET types (System.Security.Principal.Windows* throw PlatformNotSupported off
  // Windows), put under the names the scripts use through type accelerators below.
  public enum WindowsBuiltInRole { Administrator = 544, User = 545 }
  public class WindowsIdentity { public static WindowsIdentity GetCurrent() { return new WindowsIdentity(); } }
  public class WindowsPrincipal {
    public WindowsPrincipal(WindowsIdentity identity) {}
    public bool IsInRole(WindowsBuiltInRole role) {
      return role == WindowsBuiltInRole.Administrator && System.Environment.GetEnvironmentVariable("VMNET_STUB_ELEVATED") == "1";
    }
  }
}
'@
# Compiled once per source text and reused (compiling costs a second at every import, and each
# step file starts its own PowerShell).
$sha = [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($typesSource))).Replace('-', '').Substring(0, 16)
$typesDll = Join-Path ([IO.Path]::GetTempPath()) "vmnet-doctor-stubs-$sha.dll"
if (-not (Microsoft.PowerShell.Management\Test-Path -LiteralPath $typesDll)) {
  $partial = "$typesDll.$PID.tmp"
  Add-Type -TypeDefinition $typesSource -OutputAssembly $partial -OutputType Library
  try { [IO.File]::Move($partial, $typesDll) } catch { Remove-Item -LiteralPath $partial -ErrorAction SilentlyContinue }
}
Add-Type -Path $typesDll

$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
foreach ($name in 'WindowsIdentity', 'WindowsPrincipal', 'WindowsBuiltInRole') {
  $accelerators::Add("Security.Principal.$name", [type]"VmnetDoctorStubs.$name")
}

$NetSecurity = 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity'
$NetIP = 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetIPAddress'
$NetProfile = 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetConnectionProfile'

# Each CIM class: every property it has (the ones in Microsoft's class reference that the scripts
# or a reader could touch, and all those in the recordings), with the type 5.1 gives it.
$script:Classes = @{
  MSFT_NetAdapter = @{
    Name = 'string'; InterfaceDescription = 'string'; ifIndex = 'uint32'; InterfaceIndex = 'uint32'; ifAlias = 'string'
    InterfaceAlias = 'string'; InterfaceGuid = 'string'; MacAddress = 'string'; Status = 'string'; LinkSpeed = 'string'
    MediaConnectionState = 'uint32'; Virtual = 'bool'; Hidden = 'bool'; HardwareInterface = 'bool'; DriverDescription = 'string'
    ComponentID = 'string'; AdminStatus = 'uint32'; MtuSize = 'uint32'; PnPDeviceID = 'string'; DeviceID = 'string'
  }
  MSFT_NetIPAddress = @{
    IPAddress = 'string'; InterfaceIndex = 'uint32'; InterfaceAlias = 'string'; PrefixLength = 'byte'
    AddressFamily = "$NetIP.AddressFamily"; AddressState = "$NetIP.AddressState"; PrefixOrigin = "$NetIP.PrefixOrigin"
    SuffixOrigin = "$NetIP.SuffixOrigin"; Type = "$NetIP.Type"; SkipAsSource = 'bool'; PolicyStore = 'string'
    ValidLifetime = 'timespan'; PreferredLifetime = 'timespan'
  }
  MSFT_NetRoute = @{
    DestinationPrefix = 'string'; InterfaceIndex = 'uint32'; InterfaceAlias = 'string'; NextHop = 'string'
    RouteMetric = 'uint16'; AddressFamily = "$NetIP.AddressFamily"; PolicyStore = 'string'
  }
  MSFT_NetConnectionProfile = @{
    Name = 'string'; InterfaceAlias = 'string'; InterfaceIndex = 'uint32'; NetworkCategory = "$NetProfile.NetworkCategory"
    IPv4Connectivity = "$NetProfile.IPv4Connectivity"; IPv6Connectivity = "$NetProfile.IPv4Connectivity"
  }
  MSFT_NetFirewallProfile = @{
    Name = 'string'; Enabled = "$NetSecurity.GpoBoolean"; DefaultInboundAction = "$NetSecurity.Action"
    DefaultOutboundAction = "$NetSecurity.Action"; AllowInboundRules = "$NetSecurity.GpoBoolean"
    AllowLocalFirewallRules = "$NetSecurity.GpoBoolean"; NotifyOnListen = "$NetSecurity.GpoBoolean"
  }
  # mondoohq/mql's recording (providers/os/resources/windows/testdata/firewall-rules-2022-activestore.json).
  MSFT_NetFirewallRule = @{
    InstanceID = 'string'; Name = 'string'; DisplayName = 'string'; Description = 'string'; DisplayGroup = 'string'
    Group = 'string'; Enabled = "$NetSecurity.Enabled"; Direction = "$NetSecurity.Direction"; Action = "$NetSecurity.Action"
    Profile = "$NetSecurity.Profile"; EdgeTraversalPolicy = 'uint16'; LooseSourceMapping = 'bool'; LocalOnlyMapping = 'bool'
    PrimaryStatus = 'uint16'; Status = 'string'; EnforcementStatus = 'string'; PolicyStoreSource = 'string'
    PolicyStoreSourceType = "$NetSecurity.PolicyStoreType"
  }
  MSFT_NetProtocolPortFilter = @{ InstanceID = 'string'; Protocol = 'string'; LocalPort = 'string[]'; RemotePort = 'string[]'; IcmpType = 'string[]' }
  MSFT_NetAddressFilter = @{ InstanceID = 'string'; LocalAddress = 'string[]'; RemoteAddress = 'string[]' }
  MSFT_NetApplicationFilter = @{ InstanceID = 'string'; Program = 'string'; Package = 'string' }
  MSFT_NetServiceFilter = @{ InstanceID = 'string'; Service = 'string' }
  MSFT_NetInterfaceTypeFilter = @{ InstanceID = 'string'; InterfaceType = 'string' }
  MSFT_NetInterfaceFilter = @{ InstanceID = 'string'; InterfaceAlias = 'string[]' }
  MSFT_NetAdapterBindingSettingData = @{ Name = 'string'; InterfaceDescription = 'string'; DisplayName = 'string'; ComponentID = 'string'; Enabled = 'bool' }
  Win32_SystemDriver = @{ Name = 'string'; DisplayName = 'string'; State = 'string'; StartMode = 'string'; Started = 'bool'; PathName = 'string' }
  MSFT_NetNat = @{ Name = 'string'; InternalIPInterfaceAddressPrefix = 'string'; Active = 'bool' }
  VMSwitch = @{ Name = 'string'; SwitchType = 'Microsoft.HyperV.PowerShell.VMSwitchType'; Id = 'guid'; NetAdapterInterfaceDescription = 'string' }
  ServiceController = @{ Name = 'string'; DisplayName = 'string'; Status = 'System.ServiceProcess.ServiceControllerStatus'; StartType = 'System.ServiceProcess.ServiceStartMode' }
}

$script:World = $null
function Use-VmnetWorld {
  param([Parameter(Mandatory = $true)][string]$Path)
  $script:World = [IO.File]::ReadAllText($Path) | ConvertFrom-Json -AsHashtable
}
if ($env:VMNET_STUB_WORLD) { Use-VmnetWorld -Path $env:VMNET_STUB_WORLD }

function Get-WorldList([string]$Key) {
  if ($null -eq $script:World) { throw 'VmnetDoctor stubs: no world loaded (Use-VmnetWorld)' }
  if (-not $script:World.ContainsKey($Key) -or $null -eq $script:World[$Key]) { return @() }
  return @($script:World[$Key])
}

# An object of a class: every property of the class (null when the record has none), typed; a key
# the class does not have is refused, so the world cannot invent what Windows does not return.
function New-ClassObject([string]$Class, $Record) {
  $shape = $script:Classes[$Class]
  if ($null -eq $shape) { throw "VmnetDoctor stubs: no class $Class" }
  foreach ($key in $Record.Keys) {
    if (-not $shape.ContainsKey($key)) { throw "VmnetDoctor stubs: $Class has no property $key" }
  }
  $object = [psobject]::new([VmnetDoctorStubs.CimLike]::new($Class))
  foreach ($name in ($shape.Keys | Sort-Object)) {
    $value = $Record[$name]
    $type = [string]$shape[$name]
    if ($null -ne $value) {
      if ($type.EndsWith('[]')) { $value = @($value | ForEach-Object { $_ -as [type]($type.TrimEnd('[]')) }) }
      else {
        $typed = $value -as [type]$type
        if ($null -eq $typed) { throw "VmnetDoctor stubs: $Class.$name = '$value' is not a $type" }
        $value = $typed
      }
    }
    $object | Add-Member -NotePropertyName $name -NotePropertyValue $value
  }
  $object.PSObject.TypeNames.Insert(0, "Microsoft.Management.Infrastructure.CimInstance#$Class")
  return $object
}

function Get-Objects([string]$Key, [string]$Class) {
  foreach ($record in (Get-WorldList $Key)) { New-ClassObject $Class $record }
}

function Write-StubCall([string]$Command, [hashtable]$Bound) {
  $parameters = [ordered]@{}
  foreach ($name in ($Bound.Keys | Sort-Object)) {
    if ($name -in 'ErrorAction', 'WarningAction', 'InformationAction', 'Verbose', 'Debug') { continue }
    $value = $Bound[$name]
    if ($value -is [switch]) { $value = [bool]$value }
    elseif ($value -is [psobject] -and $value.PSObject.BaseObject -is [VmnetDoctorStubs.CimLike]) { $value = "$($value.PSObject.BaseObject.CimClassName) $($value.Name)" }
    elseif ($value -is [System.Collections.IDictionary]) { $copy = [ordered]@{}; foreach ($k in $value.Keys) { $copy[[string]$k] = [string]$value[$k] }; $value = $copy }
    elseif ($value -is [array]) { $value = @($value | ForEach-Object { [string]$_ }) }
    elseif ($null -ne $value -and $value -isnot [bool]) { $value = [string]$value }
    $parameters[$name] = $value
  }
  $line = ConvertTo-Json -InputObject ([ordered]@{ command = $Command; parameters = $parameters }) -Compress -Depth 5
  if ($env:VMNET_STUB_CALLS) { [IO.File]::AppendAllText($env:VMNET_STUB_CALLS, $line + "`n") }
}

function Select-ByName($Objects, [string[]]$Name, [string]$Property = 'Name') {
  if (-not $Name) { return $Objects }
  @($Objects | Where-Object { $value = $_.$Property; @($Name | Where-Object { $value -like $_ }).Count -gt 0 })
}

function Fail-NotFound([string]$What, $Action) {
  if ($Action -ne 'SilentlyContinue' -and $Action -ne 'Ignore') { throw "No MSFT object found: $What" }
}

# ---- NetAdapter, NetTCPIP, NetConnection ---------------------------------------------------------

function Get-NetAdapter {
  [CmdletBinding(DefaultParameterSetName = 'ByName')]
  param(
    [Parameter(Position = 0, ParameterSetName = 'ByName')][string[]]$Name,
    [Parameter(ParameterSetName = 'ByInstanceID')][string[]]$InterfaceDescription,
    [Parameter(ParameterSetName = 'ByIfIndex')][int[]]$InterfaceIndex,
    [switch]$IncludeHidden, [switch]$Physical, $CimSession, [int]$ThrottleLimit, [switch]$AsJob
  )
  $all = @(Get-Objects 'netAdapters' 'MSFT_NetAdapter' | Where-Object { $IncludeHidden -or -not $_.Hidden })
  $found = $all
  if ($Name) { $found = Select-ByName $all $Name }
  if ($InterfaceDescription) { $found = Select-ByName $all $InterfaceDescription 'InterfaceDescription' }
  if ($InterfaceIndex) { $found = @($all | Where-Object { $_.ifIndex -in $InterfaceIndex }) }
  if (($Name -or $InterfaceDescription -or $InterfaceIndex) -and $found.Count -eq 0) {
    Fail-NotFound "adapter $Name$InterfaceDescription" $PSBoundParameters['ErrorAction']
  }
  $found
}

function Get-NetIPAddress {
  [CmdletBinding(DefaultParameterSetName = 'ByName')]
  param(
    [Parameter(Position = 0)][string[]]$IPAddress, [Alias('ifIndex')][Parameter(ValueFromPipelineByPropertyName = $true)][uint32[]]$InterfaceIndex,
    [Alias('ifAlias')][string[]]$InterfaceAlias, [string[]]$AddressFamily, [string[]]$Type, [byte[]]$PrefixLength,
    [string[]]$PrefixOrigin, [string[]]$SuffixOrigin, [string[]]$AddressState, [string]$PolicyStore, [switch]$IncludeAllCompartments,
    $CimSession, [int]$ThrottleLimit, [switch]$AsJob
  )
  begin { $indexes = @() }
  process { if ($InterfaceIndex) { $indexes += $InterfaceIndex } }
  end {
    $found = @(Get-Objects 'netIPAddresses' 'MSFT_NetIPAddress')
    if ($indexes) { $found = @($found | Where-Object { $_.InterfaceIndex -in $indexes }) }
    if ($InterfaceAlias) { $found = Select-ByName $found $InterfaceAlias 'InterfaceAlias' }
    if ($AddressFamily) { $found = @($found | Where-Object { [string]$_.AddressFamily -in $AddressFamily }) }
    if ($IPAddress) { $found = Select-ByName $found $IPAddress 'IPAddress' }
    $found
  }
}

function Get-NetRoute {
  [CmdletBinding(DefaultParameterSetName = 'ByName')]
  param(
    [Alias('ifIndex')][uint32[]]$InterfaceIndex, [Alias('ifAlias')][string[]]$InterfaceAlias, [string[]]$DestinationPrefix,
    [string[]]$AddressFamily, [string[]]$NextHop, [string]$PolicyStore, [switch]$IncludeAllCompartments,
    $CimSession, [int]$ThrottleLimit, [switch]$AsJob
  )
  $found = @(Get-Objects 'netRoutes' 'MSFT_NetRoute')
  if ($DestinationPrefix) { $found = @($found | Where-Object { $_.DestinationPrefix -in $DestinationPrefix }) }
  if ($InterfaceIndex) { $found = @($found | Where-Object { $_.InterfaceIndex -in $InterfaceIndex }) }
  $found
}

function Get-NetConnectionProfile {
  [CmdletBinding()]
  param(
    [string[]]$Name, [Alias('ifAlias')][string[]]$InterfaceAlias, [Alias('ifIndex')][uint32[]]$InterfaceIndex,
    [string[]]$NetworkCategory, $IPv4Connectivity, $IPv6Connectivity, $CimSession, [int]$ThrottleLimit, [switch]$AsJob
  )
  $found = @(Get-Objects 'connectionProfiles' 'MSFT_NetConnectionProfile')
  if ($InterfaceAlias) {
    $found = Select-ByName $found $InterfaceAlias 'InterfaceAlias'
    if ($found.Count -eq 0) { Fail-NotFound "profile $InterfaceAlias" $PSBoundParameters['ErrorAction'] }
  }
  $found
}

function Set-NetConnectionProfile {
  [CmdletBinding(SupportsShouldProcess = $true)]
  param(
    [string[]]$Name, [Alias('ifAlias')][string[]]$InterfaceAlias, [Alias('ifIndex')][uint32[]]$InterfaceIndex,
    [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetConnectionProfile.NetworkCategory]$NetworkCategory,
    [Parameter(ValueFromPipeline = $true)]$InputObject, [switch]$PassThru, $CimSession, [int]$ThrottleLimit, [switch]$AsJob
  )
  Write-StubCall 'Set-NetConnectionProfile' $PSBoundParameters
}

function Get-NetAdapterBinding {
  [CmdletBinding(DefaultParameterSetName = 'ByName')]
  param(
    [Parameter(Position = 0, ParameterSetName = 'ByName')][string[]]$Name,
    [Parameter(ParameterSetName = 'ByInstanceID')][string[]]$InterfaceDescription,
    [string[]]$ComponentID, [string[]]$DisplayName, [switch]$IncludeHidden, [switch]$AllBindings,
    $CimSession, [int]$ThrottleLimit, [switch]$AsJob
  )
  $found = @(Get-Objects 'netAdapterBindings' 'MSFT_NetAdapterBindingSettingData')
  if ($Name) { $found = Select-ByName $found $Name }
  if ($ComponentID) { $found = @($found | Where-Object { $_.ComponentID -in $ComponentID }) }
  if ($Name -and $found.Count -eq 0) { Fail-NotFound "binding on $Name" $PSBoundParameters['ErrorAction'] }
  $found
}

function Get-NetNat {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, $CimSession, [int]$ThrottleLimit, [switch]$AsJob)
  if ($script:World['netNatError']) { throw [string]$script:World['netNatError'] }
  Get-Objects 'netNats' 'MSFT_NetNat'
}

# Commands that change the machine: recorded, and answered as Windows would when they succeed.
foreach ($definition in @(
  @{ Name = 'Enable-NetAdapter'; Params = '[Parameter(Position = 0)][string[]]$Name, [string[]]$InterfaceDescription, [switch]$IncludeHidden, [switch]$PassThru, $CimSession, [int]$ThrottleLimit, [switch]$AsJob' },
  @{ Name = 'Disable-NetAdapter'; Params = '[Parameter(Position = 0)][string[]]$Name, [string[]]$InterfaceDescription, [switch]$IncludeHidden, [switch]$PassThru, $CimSession, [int]$ThrottleLimit, [switch]$AsJob' },
  @{ Name = 'Enable-NetAdapterBinding'; Params = '[Parameter(Position = 0)][string[]]$Name, [string[]]$InterfaceDescription, [string[]]$ComponentID, [string[]]$DisplayName, [switch]$IncludeHidden, [switch]$AllBindings, [switch]$PassThru, $CimSession, [int]$ThrottleLimit, [switch]$AsJob' },
  @{ Name = 'Disable-NetAdapterBinding'; Params = '[Parameter(Position = 0)][string[]]$Name, [string[]]$InterfaceDescription, [string[]]$ComponentID, [string[]]$DisplayName, [switch]$IncludeHidden, [switch]$AllBindings, [switch]$PassThru, $CimSession, [int]$ThrottleLimit, [switch]$AsJob' },
  @{ Name = 'New-NetFirewallRule'; Params = '[string]$Name, [Parameter(Mandatory = $true)][string]$DisplayName, [string]$Description, [string]$Group, [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.Enabled]$Enabled, [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.Profile]$Profile, [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.Direction]$Direction, [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.Action]$Action, [string[]]$LocalAddress, [string[]]$RemoteAddress, [string]$Protocol, [string[]]$LocalPort, [string[]]$RemotePort, [string[]]$IcmpType, [string]$Program, [string]$Service, [string[]]$InterfaceAlias, [string]$InterfaceType, [string]$PolicyStore, $CimSession, [int]$ThrottleLimit, [switch]$AsJob' },
  @{ Name = 'Remove-NetFirewallRule'; Params = '[Parameter(Position = 0)][string[]]$Name, [string[]]$DisplayName, [string]$PolicyStore, $CimSession, [int]$ThrottleLimit, [switch]$AsJob' },
  @{ Name = 'Set-Service'; Params = '[Parameter(Position = 0)][Alias("ServiceName", "SN")][string]$Name, [string]$DisplayName, [string]$Description, [System.ServiceProcess.ServiceStartMode]$StartupType, [string]$Status, [string[]]$ComputerName, $InputObject, [switch]$PassThru' },
  @{ Name = 'Start-Service'; Params = '[Parameter(Position = 0)][Alias("ServiceName")][string[]]$Name, [string[]]$DisplayName, [Parameter(ValueFromPipeline = $true)]$InputObject, [string[]]$Include, [string[]]$Exclude, [switch]$PassThru' },
  @{ Name = 'Stop-Service'; Params = '[Parameter(Position = 0)][Alias("ServiceName")][string[]]$Name, [string[]]$DisplayName, [Parameter(ValueFromPipeline = $true)]$InputObject, [string[]]$Include, [string[]]$Exclude, [switch]$Force, [switch]$NoWait, [switch]$PassThru' },
  @{ Name = 'Restart-Service'; Params = '[Parameter(Position = 0)][Alias("ServiceName")][string[]]$Name, [string[]]$DisplayName, [Parameter(ValueFromPipeline = $true)]$InputObject, [string[]]$Include, [string[]]$Exclude, [switch]$Force, [switch]$PassThru' },
  @{ Name = 'Start-Sleep'; Params = '[Parameter(Position = 0)][int]$Seconds, [int]$Milliseconds' }
)) {
  $body = "[CmdletBinding(SupportsShouldProcess = `$true)] param($($definition.Params)) Write-StubCall '$($definition.Name)' `$PSBoundParameters"
  Set-Item -Path "function:script:$($definition.Name)" -Value $ExecutionContext.SessionState.Module.NewBoundScriptBlock([ScriptBlock]::Create($body))
}

function Get-Service {
  [CmdletBinding(DefaultParameterSetName = 'Default')]
  param([Parameter(Position = 0)][Alias('ServiceName')][string[]]$Name, [string[]]$DisplayName, [string[]]$ComputerName,
    [switch]$DependentServices, [switch]$RequiredServices, [string[]]$Include, [string[]]$Exclude, $InputObject)
  $found = @(Get-Objects 'services' 'ServiceController')
  if ($Name) {
    $found = Select-ByName $found $Name
    if ($found.Count -eq 0) { Fail-NotFound "service $Name" $PSBoundParameters['ErrorAction'] }
  }
  $found
}

# ---- NetSecurity ---------------------------------------------------------------------------------

function Get-NetFirewallProfile {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, [switch]$All, [string]$PolicyStore, [string]$GPOSession, $CimSession, [int]$ThrottleLimit, [switch]$AsJob)
  if ($script:World['firewallError']) { throw [string]$script:World['firewallError'] }
  Get-Objects 'firewallProfiles' 'MSFT_NetFirewallProfile'
}

function Get-NetFirewallRule {
  [CmdletBinding()]
  param([switch]$All, [Parameter(Position = 0)][string[]]$Name, [string[]]$DisplayName, [string[]]$Group,
    [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.Direction[]]$Direction,
    [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.Enabled[]]$Enabled,
    [string]$PolicyStore, [string]$GPOSession, $CimSession, [int]$ThrottleLimit, [switch]$AsJob)
  $found = @(Get-Objects 'firewallRules' 'MSFT_NetFirewallRule')
  if ($Direction) { $found = @($found | Where-Object { $_.Direction -in $Direction }) }
  if ($Name) {
    $found = Select-ByName $found $Name
    if ($found.Count -eq 0) { Fail-NotFound "rule $Name" $PSBoundParameters['ErrorAction'] }
  }
  $found
}

foreach ($filter in @(
  @{ Command = 'Get-NetFirewallPortFilter'; Key = 'firewallPortFilters'; Class = 'MSFT_NetProtocolPortFilter' },
  @{ Command = 'Get-NetFirewallAddressFilter'; Key = 'firewallAddressFilters'; Class = 'MSFT_NetAddressFilter' },
  @{ Command = 'Get-NetFirewallApplicationFilter'; Key = 'firewallApplicationFilters'; Class = 'MSFT_NetApplicationFilter' },
  @{ Command = 'Get-NetFirewallServiceFilter'; Key = 'firewallServiceFilters'; Class = 'MSFT_NetServiceFilter' },
  @{ Command = 'Get-NetFirewallInterfaceTypeFilter'; Key = 'firewallInterfaceTypeFilters'; Class = 'MSFT_NetInterfaceTypeFilter' },
  @{ Command = 'Get-NetFirewallInterfaceFilter'; Key = 'firewallInterfaceFilters'; Class = 'MSFT_NetInterfaceFilter' }
)) {
  $body = "[CmdletBinding()] param([switch]`$All, [string]`$PolicyStore, [string]`$GPOSession, [Parameter(ValueFromPipeline = `$true)]`$AssociatedNetFirewallRule, `$CimSession, [int]`$ThrottleLimit, [switch]`$AsJob) Get-Objects '$($filter.Key)' '$($filter.Class)'"
  Set-Item -Path "function:script:$($filter.Command)" -Value $ExecutionContext.SessionState.Module.NewBoundScriptBlock([ScriptBlock]::Create($body))
}

# ---- CimCmdlets ----------------------------------------------------------------------------------

function Get-CimInstance {
  [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
  param([Parameter(Position = 0)][string]$ClassName, [string]$Filter, [string]$Query, [string]$Namespace, [string[]]$Property,
    [string[]]$ComputerName, $CimSession, [uint32]$OperationTimeoutSec, [switch]$Shallow, [switch]$KeyOnly, [string]$QueryDialect)
  if ($ClassName -ne 'Win32_SystemDriver') { throw "VmnetDoctor stubs: Get-CimInstance $ClassName is not recorded" }
  $found = @(Get-Objects 'systemDrivers' 'Win32_SystemDriver')
  # WQL's Name='A' OR Name='B' as the scripts write it.
  if ($Filter) {
    $names = @([regex]::Matches($Filter, "Name='([^']*)'") | ForEach-Object { $_.Groups[1].Value })
    $found = @($found | Where-Object { $_.Name -in $names })
  }
  $found
}

function Invoke-CimMethod {
  [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet', SupportsShouldProcess = $true)]
  param([Parameter(Position = 0)][string]$ClassName, [Parameter(Position = 0)][string]$Query, [string]$QueryDialect,
    [Parameter(Position = 1)][System.Collections.IDictionary]$Arguments, [Parameter(Mandatory = $true, Position = 2)][string]$MethodName,
    [Parameter(ValueFromPipeline = $true)]$InputObject, [string]$Namespace, [string[]]$ComputerName, $CimSession, [uint32]$OperationTimeoutSec)
  Write-StubCall 'Invoke-CimMethod' $PSBoundParameters
  [pscustomobject]@{ ReturnValue = [uint32]0 }
}

# ---- Hyper-V (imported only when the world has the feature) ---------------------------------------
# Get-VMSwitch lives in HyperVStubs.psm1, so that `Get-Command Get-VMSwitch` fails as it does on a
# Windows without Hyper-V.

# ---- The registry, through the provider cmdlets the scripts use -----------------------------------
# The world's "registry" maps a key path (HKLM:\...) to its values; a key with no values of its own
# but with subkeys exists too. Any other path goes to the real cmdlet.

function ConvertTo-RegistryKey([string]$Path) {
  if ($Path -match '^Microsoft\.PowerShell\.Core\\Registry::HKEY_LOCAL_MACHINE\\(.*)$') { return "HKLM:\$($Matches[1])" }
  if ($Path -match '^HKLM:\\') { return $Path.TrimEnd('\') }
  return $null
}
function Get-RegistryKeys { $script:World['registry'] }
function Test-RegistryKey([string]$Key) {
  $keys = Get-RegistryKeys
  if ($null -eq $keys) { return $false }
  if ($keys.ContainsKey($Key)) { return $true }
  foreach ($k in $keys.Keys) { if ($k.StartsWith("$Key\", [StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}
function New-RegistryItem([string]$Key) {
  $leaf = $Key.Substring($Key.LastIndexOf('\') + 1)
  [pscustomobject]@{
    PSPath = "Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\$($Key.Substring(6))"
    PSChildName = $leaf
    Name = "HKEY_LOCAL_MACHINE\$($Key.Substring(6))"
  }
}

function Test-Path {
  [CmdletBinding(DefaultParameterSetName = 'Path')]
  param([Parameter(Position = 0, ParameterSetName = 'Path')][string[]]$Path, [Parameter(ParameterSetName = 'LiteralPath')][Alias('PSPath')][string[]]$LiteralPath,
    [string]$Filter, [string[]]$Include, [string[]]$Exclude, [string]$PathType, [switch]$IsValid)
  $target = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
  $key = ConvertTo-RegistryKey $target
  if ($null -ne $key) { return (Test-RegistryKey $key) }
  Microsoft.PowerShell.Management\Test-Path @PSBoundParameters
}

function Get-ChildItem {
  [CmdletBinding(DefaultParameterSetName = 'Items')]
  param([Parameter(Position = 0, ParameterSetName = 'Items')][string[]]$Path, [Parameter(ParameterSetName = 'LiteralItems')][Alias('PSPath')][string[]]$LiteralPath,
    [string]$Filter, [string[]]$Include, [string[]]$Exclude, [switch]$Recurse, [uint32]$Depth, [switch]$Force, [switch]$Name, [switch]$File, [switch]$Directory)
  $target = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
  $key = ConvertTo-RegistryKey $target
  if ($null -eq $key) { return Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters }
  if (-not (Test-RegistryKey $key)) {
    if ($PSBoundParameters['ErrorAction'] -in 'SilentlyContinue', 'Ignore') { return }
    throw "Cannot find path '$key' because it does not exist."
  }
  $children = @((Get-RegistryKeys).Keys | Where-Object { $_.StartsWith("$key\", [StringComparison]::OrdinalIgnoreCase) } |
    ForEach-Object { "$key\" + $_.Substring($key.Length + 1).Split('\')[0] } | Sort-Object -Unique)
  foreach ($child in $children) { New-RegistryItem $child }
}

function Get-ItemProperty {
  [CmdletBinding(DefaultParameterSetName = 'Path')]
  param([Parameter(Position = 0, ParameterSetName = 'Path')][string[]]$Path, [Parameter(ParameterSetName = 'LiteralPath')][Alias('PSPath')][string[]]$LiteralPath,
    [Parameter(Position = 1)][Alias('PSProperty')][string[]]$Name, [string]$Filter, [string[]]$Include, [string[]]$Exclude)
  $target = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
  $key = ConvertTo-RegistryKey $target
  if ($null -eq $key) { return Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters }
  $values = (Get-RegistryKeys)[$key]
  if ($null -eq $values -and -not (Test-RegistryKey $key)) {
    if ($PSBoundParameters['ErrorAction'] -in 'SilentlyContinue', 'Ignore') { return }
    throw "Cannot find path '$key' because it does not exist."
  }
  if ($null -eq $values) { $values = @{} }
  $selected = [ordered]@{}
  foreach ($valueName in $values.Keys) {
    if (-not $Name -or @($Name | Where-Object { $valueName -like $_ }).Count) { $selected[$valueName] = $values[$valueName] }
  }
  if ($Name -and $selected.Count -eq 0) {
    if ($PSBoundParameters['ErrorAction'] -in 'SilentlyContinue', 'Ignore') { return }
    throw "Property $Name does not exist at path $key."
  }
  $item = [pscustomobject]@{ PSPath = (New-RegistryItem $key).PSPath; PSChildName = $key.Substring($key.LastIndexOf('\') + 1); PSProvider = 'Microsoft.PowerShell.Core\Registry' }
  foreach ($k in $selected.Keys) { $item | Add-Member -NotePropertyName $k -NotePropertyValue $selected[$k] }
  $item
}

function Join-Path {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true, Position = 0)][Alias('PSPath')][string[]]$Path, [Parameter(Mandatory = $true, Position = 1)][AllowEmptyString()][string]$ChildPath,
    [Parameter(Position = 2, ValueFromRemainingArguments = $true)][string[]]$AdditionalChildPath, [switch]$Resolve)
  if ($null -ne (ConvertTo-RegistryKey $Path[0])) { return ($Path[0].TrimEnd('\') + '\' + $ChildPath.TrimStart('\')) }
  Microsoft.PowerShell.Management\Join-Path @PSBoundParameters
}

function New-ItemProperty {
  [CmdletBinding(SupportsShouldProcess = $true)]
  param([Parameter(Position = 0)][string[]]$Path, [Alias('PSPath')][string[]]$LiteralPath, [Parameter(Mandatory = $true, Position = 1)][string]$Name,
    [Alias('Type')][string]$PropertyType, $Value, [switch]$Force)
  Write-StubCall 'New-ItemProperty' $PSBoundParameters
}

function Remove-ItemProperty {
  [CmdletBinding(SupportsShouldProcess = $true)]
  param([Parameter(Position = 0)][string[]]$Path, [Alias('PSPath')][string[]]$LiteralPath, [Parameter(Mandatory = $true, Position = 1)][string[]]$Name, [switch]$Force)
  Write-StubCall 'Remove-ItemProperty' $PSBoundParameters
}

# A .vmx named by vmrun is a Windows path: its text comes from the world's files.
function Get-Content {
  [CmdletBinding(DefaultParameterSetName = 'Path')]
  param([Parameter(Position = 0, ParameterSetName = 'Path')][string[]]$Path, [Parameter(ParameterSetName = 'LiteralPath')][Alias('PSPath')][string[]]$LiteralPath,
    [Alias('First', 'Head')][long]$TotalCount = -1, [switch]$Raw, [string]$Encoding)
  $target = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
  $files = $script:World['windowsFiles']
  if ($null -ne $files -and $files.ContainsKey($target)) {
    $lines = @(([string]$files[$target]) -split "`r?`n")
    if ($TotalCount -ge 0) { $lines = @($lines | Select-Object -First $TotalCount) }
    return $lines
  }
  Microsoft.PowerShell.Management\Get-Content @PSBoundParameters
}

# A program's version resource: Linux has none to read, the world says what Windows would.
function Get-Item {
  [CmdletBinding(DefaultParameterSetName = 'Path')]
  param([Parameter(Position = 0, ParameterSetName = 'Path')][string[]]$Path, [Parameter(ParameterSetName = 'LiteralPath')][Alias('PSPath')][string[]]$LiteralPath, [switch]$Force)
  $target = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
  $versions = $script:World['fileVersions']
  if ($null -ne $versions -and $versions.ContainsKey($target)) {
    return [pscustomobject]@{ FullName = $target; VersionInfo = [pscustomobject]@{ ProductVersion = [string]$versions[$target]; FileVersion = [string]$versions[$target] } }
  }
  Microsoft.PowerShell.Management\Get-Item @PSBoundParameters
}

# ---- .NET's Ping, answered from the world (no packet leaves) ----------------------------------------

function New-Object {
  [CmdletBinding(DefaultParameterSetName = 'Net')]
  param([Parameter(Position = 0, ParameterSetName = 'Net')][string]$TypeName, [Parameter(Position = 1, ParameterSetName = 'Net')][object[]]$ArgumentList,
    [Parameter(ParameterSetName = 'Com')][string]$ComObject, [switch]$Strict, [System.Collections.IDictionary]$Property)
  if ($TypeName -eq 'System.Net.NetworkInformation.Ping') {
    $pinger = [pscustomobject]@{ Replies = $script:World['pings'] }
    $pinger | Add-Member -MemberType ScriptMethod -Name Send -Value {
      param([string]$Target, [int]$Timeout)
      $reply = $this.Replies[$Target]
      if ($null -eq $reply) { $reply = @{ Status = 'TimedOut'; RoundtripTime = 0 } }
      [pscustomobject]@{ Status = [System.Net.NetworkInformation.IPStatus]$reply.Status; RoundtripTime = [long]$reply.RoundtripTime; Address = $Target }
    }
    $pinger | Add-Member -MemberType ScriptMethod -Name Dispose -Value {}
    return $pinger
  }
  Microsoft.PowerShell.Utility\New-Object @PSBoundParameters
}

Export-ModuleMember -Function @(
  'Use-VmnetWorld', 'Get-NetAdapter', 'Get-NetIPAddress', 'Get-NetRoute', 'Get-NetConnectionProfile', 'Set-NetConnectionProfile',
  'Get-NetAdapterBinding', 'Get-NetNat', 'Enable-NetAdapter', 'Disable-NetAdapter', 'Enable-NetAdapterBinding', 'Disable-NetAdapterBinding',
  'New-NetFirewallRule', 'Remove-NetFirewallRule', 'Set-Service', 'Start-Service', 'Stop-Service', 'Restart-Service', 'Start-Sleep',
  'Get-Service', 'Get-NetFirewallProfile', 'Get-NetFirewallRule', 'Get-NetFirewallPortFilter', 'Get-NetFirewallAddressFilter',
  'Get-NetFirewallApplicationFilter', 'Get-NetFirewallServiceFilter', 'Get-NetFirewallInterfaceTypeFilter', 'Get-NetFirewallInterfaceFilter',
  'Get-CimInstance', 'Invoke-CimMethod', 'Test-Path', 'Get-ChildItem', 'Get-ItemProperty', 'New-ItemProperty', 'Remove-ItemProperty',
  'Get-Content', 'New-Object', 'Join-Path', 'Get-Item'
)
