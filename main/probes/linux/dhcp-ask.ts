/**
 * Asks the network for an address without taking one: ISC dhclient in the foreground with a
 * script of ours instead of dhclient-script (dhclient itself never touches an interface, its
 * script does; ours only stops dhclient once bound, so an answer never waits for the window to
 * close) and its own lease, pid and configuration files in a private directory. What it
 * prints with -v tells "no DHCP server answered" from "a server answered and refused" (DHCPNAK)
 * from "a server offers an address now". Asked only for the NIC the symptom is about, and only
 * when it has no address: a guest that has one already got its answer.
 *
 * The lines are ISC dhclient's own (common/dhclient.c, client/dhclient.c: "DHCPOFFER of A from S",
 * "DHCPACK of A from S", "DHCPNAK from S", "No DHCPOFFERS received."); the fixture beside the test
 * was recorded in the lab (dhclient 4.4.3 against dnsmasq).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeReport } from '../../../common/domain.ts';
import { isIpv4 } from '../../net/ipv4.ts';
import { displayCommand } from '../probe.ts';
import type { ProbeSource } from '../source.ts';

/** How long the network has to answer: dhclient's own timeout, and our deadline a little after it. */
export const DHCP_ASK_SECONDS = 5;

export type DhcpAnswer =
  /** Nobody answered a DHCPDISCOVER for the whole window. */
  | { outcome: 'no-server' }
  /** A server answered, then refused (DHCPNAK). */
  | { outcome: 'refused'; server: string }
  /** A server offers an address now (the guest's own DHCP client did not take it). */
  | { outcome: 'offered'; server: string; address: string; acknowledged: boolean };

export function parseDhclientAnswer(output: string): DhcpAnswer | null {
  const ip = (v: string | undefined) => (v && isIpv4(v) ? v : null);
  let offer: { address: string; server: string } | null = null;
  let ack = false;
  let nak: string | null = null;
  for (const line of output.split(/\r?\n/)) {
    const offered = /\bDHCPOFFER of (\S+) from (\S+)/.exec(line);
    const acked = /\bDHCPACK of (\S+) from (\S+)/.exec(line);
    const naked = /\bDHCPNAK from (\S+)/.exec(line);
    if (offered && ip(offered[1]) && ip(offered[2])) offer ??= { address: offered[1] as string, server: offered[2] as string };
    if (acked && ip(acked[1]) && ip(acked[2])) {
      ack = true;
      offer ??= { address: acked[1] as string, server: acked[2] as string };
    }
    if (naked && ip(naked[1])) nak ??= naked[1] as string;
  }
  if (offer) return { outcome: 'offered', ...offer, acknowledged: ack };
  if (nak) return { outcome: 'refused', server: nak };
  return /No DHCPOFFERS received|DHCPDISCOVER on/.test(output) ? { outcome: 'no-server' } : null;
}

/** One dhclient run's worth of configuration: answer within the window, ask nothing extra. */
const CONF = `timeout ${DHCP_ASK_SECONDS};\ninitial-interval 1;\nrequest subnet-mask, routers, domain-name-servers;\n`;
/** dhclient runs its script with $reason; at BOUND the answer is in, and its parent (dhclient) is stopped. */
const SCRIPT = '#!/bin/sh\ncase "$reason" in BOUND|RENEW|REBIND|REBOOT) kill "$PPID" ;; esac\nexit 0\n';

export async function askDhcp(
  dev: string,
  source: ProbeSource,
): Promise<{ answer: DhcpAnswer | null; report: ProbeReport; unavailable: string | null }> {
  // Relative file names in a private directory (0700): the command is the same on every machine,
  // so a bundle replays it, and nothing is written where another user could have put a link.
  const dir = source.mode === 'live' ? await mkdtemp(join(tmpdir(), 'vmnet-doctor-dhcp-')) : tmpdir();
  try {
    if (source.mode === 'live') {
      await writeFile(join(dir, 'ask.conf'), CONF, { mode: 0o600 });
      await writeFile(join(dir, 'ask.sh'), SCRIPT, { mode: 0o700 });
      await writeFile(join(dir, 'ask.leases'), '', { mode: 0o600 }); // dhclient wants it to exist
    }
    const argv = ['-4', '-1', '-d', '-v', '-sf', './ask.sh', '-cf', 'ask.conf', '-lf', 'ask.leases', '-pf', 'ask.pid', dev];
    const run = await source.run('dhclient', argv, { timeoutMs: (DHCP_ASK_SECONDS + 2) * 1000, cwd: dir });
    const command = displayCommand(run.argv);
    const base = { id: 'dhcp-ask', durationMs: run.durationMs, command };
    if (run.status === 'not-installed')
      return {
        answer: null,
        report: { ...base, status: 'unavailable', error: 'dhclient is not installed' },
        unavailable: 'no-dhclient',
      };
    const output = `${run.stdout}\n${run.stderr}`;
    // Raw sockets need root, and a distribution's AppArmor profile for dhclient (Ubuntu ships one)
    // lets it run only its own script and files: either way it stops before asking anything.
    if (/Operation not permitted|Permission denied|must be root/i.test(output) && !/DHCPDISCOVER/.test(output)) {
      const confined = process.getuid?.() === 0;
      return {
        answer: null,
        report: {
          ...base,
          status: 'unavailable',
          error: confined ? 'dhclient was refused its files (an AppArmor profile confines it)' : 'needs root',
        },
        unavailable: confined ? 'confined' : 'needs-root',
      };
    }
    const answer = parseDhclientAnswer(output);
    // Stopped by our script once bound (a signal, not exit 0): that is a result, not a failure.
    return {
      answer,
      report: answer
        ? { ...base, status: 'ok' }
        : { ...base, status: run.status === 'timeout' ? 'timeout' : 'failed', error: run.message ?? 'no answer read' },
      unavailable: null,
    };
  } finally {
    if (source.mode === 'live') await rm(dir, { recursive: true, force: true });
  }
}
