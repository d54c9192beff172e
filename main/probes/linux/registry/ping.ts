/**
 * Question: one echo request to a target the diagnosis found (the gateway, the host, a DNS server,
 * an internet target), optionally of a given size with fragmenting forbidden (the path's MTU).
 */
import type { RunResult } from '../../../runner/process-runner.ts';
import { displayCommand, pingAnswered } from '../../probe.ts';
import { parsePingRtt } from '../parsers.ts';
import { defineLinuxQuestion } from './declare.ts';

/** What the target is to the asker: the guest's gateway, host, … ; 'vm' is the VM a host asks after. */
export type PingPurpose = 'gateway' | 'host' | 'nat-candidate' | 'dns' | 'internet' | 'vm';

export interface PingResult {
  target: string;
  purpose: PingPurpose;
  reachable: boolean | null;
  rttMs: number | null;
  command: string;
}

/** On the VM network an answer takes milliseconds: 0.6 s gives a dead address its verdict in under a second. */
const ON_LINK_WAIT = '0.6';

/**
 * ping's arguments: beyond the gateway (and from a host to its VM, which may be slow to wake) a
 * second's wait; a sized probe forbids fragmenting (-M do): it passes whole or not at all.
 */
export function pingArgv(target: string, purpose: PingPurpose, size?: number): string[] {
  const wait = purpose === 'internet' || purpose === 'dns' || purpose === 'vm' ? '1' : ON_LINK_WAIT;
  return ['-c', '1', '-W', wait, ...(size ? ['-M', 'do', '-s', String(size)] : []), '-n', target];
}

export const pingQuestion = defineLinuxQuestion({
  id: 'ping',
  platforms: ['linux'],
  argv: (p: { target: string; purpose: PingPurpose; size?: number }) => ['ping', ...pingArgv(p.target, p.purpose, p.size)],
  budgetMs: (t) => Math.min(t, 3000),
  packets: true,
  read: (run: RunResult, p): PingResult => ({
    target: p.target,
    purpose: p.purpose,
    reachable: pingAnswered(run),
    rttMs: parsePingRtt(run.stdout),
    command: displayCommand(run.argv),
  }),
  fixtures: {
    match: /^ping-/,
    origin: 'iputils 20221126 in the lab’s guest, to the NAT device and to an unused address',
    example: { target: '192.168.37.2', purpose: 'gateway' },
  },
});
