# Starts a step file on the stubbed Windows as the app would: an elevated step with the arguments
# elevatedArguments() gives after -File (-Sha256 <hash>), a step run as the user as its script.
# The stubs are loaded first; the step file runs unchanged, its own hash check included.
param([Parameter(Mandatory = $true)][string]$Step, [string]$Sha256)
Import-Module -Name (Join-Path $PSScriptRoot 'WindowsStubs.psm1') -Global -DisableNameChecking
if ($Sha256) { & $Step -Sha256 $Sha256 } else { & $Step }
