# Hyper-V's Get-VMSwitch, loaded only for a world with the feature (see WindowsStubs.psm1).
function Get-VMSwitch {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, [string]$SwitchType, [string[]]$ComputerName, $CimSession, $Credential)
  $world = & (Get-Module WindowsStubs) { $script:World }
  if ($world['vmSwitchError']) { throw [string]$world['vmSwitchError'] }
  foreach ($record in @($world['vmSwitches'])) { if ($record) { & (Get-Module WindowsStubs) { param($r) New-ClassObject 'VMSwitch' $r } $record } }
}
Export-ModuleMember -Function Get-VMSwitch
