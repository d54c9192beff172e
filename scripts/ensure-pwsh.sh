#!/usr/bin/env bash
# PowerShell 7 (pinned) for the tests that run the Windows scripts in a real engine: the .NET
# global tool "PowerShell" from NuGet, with the machine's .NET SDK. The app itself uses Windows
# PowerShell (powershell.exe) on Windows; pwsh is for these tests only. Source this file: it puts
# ~/.dotnet/tools on PATH.
PWSH_VERSION=7.6.10
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PATH="$PATH:$HOME/.dotnet/tools"
if [ "$(pwsh -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null)" != "$PWSH_VERSION" ]; then
  if ! command -v dotnet >/dev/null; then
    echo "ensure-pwsh: the .NET SDK (dotnet) is needed to install PowerShell $PWSH_VERSION" >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "== installing PowerShell $PWSH_VERSION (dotnet global tool)"
  dotnet tool uninstall --global PowerShell >/dev/null 2>&1 || true
  dotnet tool install --global PowerShell --version "$PWSH_VERSION" >/dev/null
fi
