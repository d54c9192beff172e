/** Probe: one ICMP echo to the VM's address, when one is known. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { readWith, str } from './documents.ts';

// .NET's Ping has a real timeout and locale-free status names, unlike ping.exe (§1.6).
const SCRIPT = `
$pinger = New-Object System.Net.NetworkInformation.Ping
try {
  $reply = $pinger.Send([string]$Params.target, [int]$Params.timeoutMs)
  @{ target = [string]$Params.target; status = [string]$reply.Status; rttMs = [int]$reply.RoundtripTime }
} finally { $pinger.Dispose() }
`;

/** One echo's wait: a VM that answers does so in milliseconds. */
export const PING_TIMEOUT_MS = 1000;

export const pingVmProbe = defineWindowsProbe({
  id: 'ping-vm',
  platforms: ['windows'],
  runs: 'after-discovery',
  budgetMs: (t) => Math.min(t, 5000),
  script: SCRIPT,
  command: `[System.Net.NetworkInformation.Ping]::Send(VM, ${PING_TIMEOUT_MS})`,
  params: ({ vmIp }) => (vmIp ? { target: vmIp, timeoutMs: PING_TIMEOUT_MS } : {}),
  parse: readWith(z.object({ target: z.string(), status: str, rttMs: z.number().nullish() })),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'ping-vm.healthy-vmware.constructed.json',
    origin: 'constructed',
    source: 'IPStatus member names (Success, TimedOut) as .NET documents System.Net.NetworkInformation.PingReply.Status',
  },
});
