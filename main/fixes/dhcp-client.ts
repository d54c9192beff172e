/**
 * How to renew one interface's lease through whoever manages it — NetworkManager, systemd-networkd,
 * the dhclient already serving that interface (with its own pid and lease files) or dhcpcd — and
 * never a bare `dhclient IF`, whose default pid file (/run/dhclient.pid) names, and so stops, the
 * dhclient of another interface.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { onPath } from '../runner/on-path.ts';

const T = { timeoutMs: 5000 };
const SAFE_PATH = /^\/[A-Za-z0-9_./@-]{1,200}$/;

/** The -pf and -lf of a dhclient serving `dev` in this network namespace, if one runs. */
export function runningDhclientFiles(dev: string, proc = '/proc'): { pf: string; lf: string } | null {
  let ours: string;
  try {
    ours = readlinkSync(`${proc}/self/ns/net`);
  } catch {
    return null;
  }
  for (const pid of readdirSync(proc).filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (basename(argv[0] ?? '') !== 'dhclient' || argv.at(-1) !== dev) continue;
      if (readlinkSync(`${proc}/${pid}/ns/net`) !== ours) continue;
      const after = (flag: string) => argv[argv.indexOf(flag) + 1];
      const pf = argv.includes('-pf') ? after('-pf') : undefined;
      const lf = argv.includes('-lf') ? after('-lf') : undefined;
      if (pf && lf && SAFE_PATH.test(pf) && SAFE_PATH.test(lf) && !`${pf}${lf}`.includes('..')) return { pf, lf };
    } catch {
      // Gone, or not ours to read.
    }
  }
  return null;
}

/** The argv that renews `dev`'s lease on this system. */
export async function dhcpClientArgv(dev: string, source: ProbeSource = liveSource): Promise<string[]> {
  // Live, a manager is asked only when it is installed; a recording answers for what it holds.
  const live = source.mode === 'live';
  if (!live || onPath('nmcli')) {
    const state = await source.run('nmcli', ['-t', '-f', 'GENERAL.STATE', 'device', 'show', dev], T);
    if (state.status === 'ok' && !/unmanaged|unavailable/.test(state.stdout)) return ['nmcli', 'device', 'connect', dev];
  }
  if (!live || onPath('networkctl')) {
    const status = await source.run('networkctl', ['status', '--no-pager', dev], T);
    if (status.status === 'ok' && /\((configured|configuring)\)/.test(status.stdout)) return ['networkctl', 'renew', dev];
  }
  if (!live || onPath('dhclient') || !onPath('dhcpcd')) {
    // The running dhclient's own files are this machine's processes: a recording does not hold them.
    const own = live ? runningDhclientFiles(dev) : null;
    // The interface's own files: the running client's, else ifupdown's per-interface names.
    return [
      'dhclient',
      '-4',
      '-1',
      '-pf',
      own?.pf ?? `/run/dhclient.${dev}.pid`,
      '-lf',
      own?.lf ?? `/var/lib/dhcp/dhclient.${dev}.leases`,
      dev,
    ];
  }
  return ['dhcpcd', '-4', '-1', dev];
}
