/**
 * linux.set-dns: the VM resolves names through a DNS server that answers. The change goes through
 * the resolver that really runs, decided from facts, not from where /etc/resolv.conf points:
 * - systemd-resolved, when it runs (`systemctl is-active`) and the file is its: `resolvectl dns`;
 * - NetworkManager, when it runs and writes the file: `nmcli device modify` (runtime only);
 * - otherwise a plain file. A link to a resolver that does not run (systemd-resolved's stub after
 *   resolved was disabled: the link dangles) is replaced by the file, and undo puts the link back.
 * Verified by a lookup through the new server itself, then through the system's resolver.
 * Not handled: SUSE's netconfig (it would rewrite the file at its next update).
 */

import { Resolver } from 'node:dns/promises';
import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { parseResolvConf } from '../probes/linux/parsers.ts';
import { resolvConfLinkProbe, runLinuxProbe } from '../probes/linux/registry/index.ts';
import type { ProbeSource } from '../probes/source.ts';
import { onPath } from '../runner/on-path.ts';
import { runProcess } from '../runner/process-runner.ts';
import { defineFix } from './definition.ts';
import { eventually } from './eventually.ts';
import type { Step } from './journal.ts';
import { ifname, ipv4 } from './params.ts';
import { textOr } from './read-state.ts';

const RESOLV = '/etc/resolv.conf';
const hostname = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, 'a host name');
/** Where a resolv.conf link may point (a journal is hostile: a path, never an option or a program). */
const linkTarget = z
  .string()
  .max(256)
  .regex(/^[\w.+/-]+$/, 'a path')
  .refine((p) => !p.startsWith('-'), 'a path');

/** Whether a systemd service runs: null when systemd cannot say (not installed, no answer). */
async function serviceRuns(unit: string, source: ProbeSource): Promise<boolean> {
  const run = await source.run('systemctl', ['is-active', '--quiet', unit], { timeoutMs: 3000 });
  return run.status === 'ok';
}

async function networkManagerRuns(source: ProbeSource): Promise<boolean> {
  if (source.mode === 'live' && !onPath('nmcli')) return false;
  const run = await source.run('nmcli', ['-t', '-f', 'RUNNING', 'general'], { timeoutMs: 3000 });
  return run.status === 'ok' && run.stdout.trim() === 'running';
}

export const setDns = defineFix({
  id: 'linux.set-dns',
  platform: 'linux',
  params: z.object({ dns: ipv4, name: hostname.optional(), interface: ifname.optional() }).strict(),
  before: z.strictObject({
    via: z.enum(['resolved', 'networkmanager', 'file']),
    resolvConf: z.string().max(64 * 1024),
    /** The link /etc/resolv.conf was, when the fix replaced it by a file (journals before this had none). */
    link: linkTarget.nullable().optional(),
  }),
  plan: async ({ dns = '', name, interface: dev }, { source }) => {
    // Where /etc/resolv.conf points, read by the diagnosis's own probe (no data for a plain file).
    const link = (await runLinuxProbe(resolvConfLinkProbe, source, 2000)).data;
    // What the finding was about: a name resolves. Asked of the new server itself, then through
    // the system's resolver (which now uses it); a file that was merely written proves nothing.
    const verify = async () => {
      const probe = name ?? 'localhost.';
      const direct = await askServer(dns, probe);
      if (!name)
        return {
          ok: direct !== 'no-answer',
          readBack: said('dns-server', { server: dns, answers: direct !== 'no-answer' }),
        };
      const ok =
        direct === 'resolved' &&
        (await eventually(
          async () => (await runProcess('getent', ['ahostsv4', '--', name], { timeoutMs: 3000 })).status === 'ok',
          3000,
        ));
      return {
        ok,
        readBack: said('dns-name', { name, server: dns, direct: direct === 'resolved', system: ok }),
      };
    };
    const old = await textOr(RESOLV, '', source);
    const [resolved, networkManager] = await Promise.all([serviceRuns('systemd-resolved', source), networkManagerRuns(source)]);
    const summary = { dns, interface: dev ?? '', file: RESOLV, link: null as string | null };
    if (dev && resolved && (link?.includes('systemd/resolve') || parseResolvConf(old).managedBy === 'systemd-resolved')) {
      // systemd-resolved owns resolv.conf: set the link's DNS instead of overwriting its stub.
      return {
        summary: { ...summary, via: 'resolved' as const },
        steps: [{ kind: 'run', argv: ['resolvectl', 'dns', dev, dns] }],
        before: { via: 'resolved' as const, resolvConf: link ? `symlink to ${link}` : old },
        verify,
      };
    }
    if (dev && networkManager && parseResolvConf(old).managedBy === 'NetworkManager') {
      // NetworkManager rewrites resolv.conf: change the device's DNS in NetworkManager, at runtime
      // only (the connection profile is untouched); reapplying the profile takes it back.
      return {
        summary: { ...summary, via: 'networkmanager' as const },
        steps: [{ kind: 'run', argv: ['nmcli', 'device', 'modify', dev, 'ipv4.dns', dns, 'ipv4.ignore-auto-dns', 'yes'] }],
        before: { via: 'networkmanager' as const, resolvConf: old },
        verify,
      };
    }
    // No resolver of its own runs: a plain file, in place of a link to one that does not.
    const kept = old.split('\n').filter((l) => l.trim() && !/^\s*nameserver\s/.test(l) && !/^#/.test(l));
    const content = `${['# VMnet Doctor: linux.set-dns', ...kept, `nameserver ${dns}`].join('\n')}\n`;
    const safeLink = link !== null && linkTarget.safeParse(link).success ? link : null;
    if (link !== null && safeLink === null) throw new Error(`${RESOLV} is a link to an unusual path; change it by hand`);
    const steps: Step[] = [
      ...(safeLink ? [{ kind: 'remove-file' as const, path: RESOLV }] : []),
      { kind: 'write-file', path: RESOLV, content },
    ];
    return {
      summary: { ...summary, via: 'file' as const, link: safeLink },
      steps,
      before: { via: 'file' as const, resolvConf: old, link: safeLink },
      verify,
    };
  },
  // The file's old content (or the link it was) is data written back to the one file this fix changes.
  undo: ({ interface: dev }, before): Step[] =>
    before.via === 'file' || !dev
      ? before.link
        ? [
            { kind: 'remove-file', path: RESOLV },
            { kind: 'run', argv: ['ln', '-s', '--', before.link, RESOLV] },
          ]
        : [{ kind: 'write-file', path: RESOLV, content: before.resolvConf }]
      : before.via === 'resolved'
        ? [{ kind: 'run', argv: ['resolvectl', 'revert', dev] }]
        : [{ kind: 'run', argv: ['nmcli', 'device', 'reapply', dev] }],
});

/**
 * One DNS query straight to `server` (Node's resolver, one try): "resolved", "answered" (the server
 * replied, e.g. NXDOMAIN — it works, the name does not exist) or "no-answer" (silent, refused).
 */
async function askServer(server: string, name: string): Promise<'resolved' | 'answered' | 'no-answer'> {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  try {
    await resolver.resolve4(name);
    return 'resolved';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTFOUND' || code === 'ENODATA' ? 'answered' : 'no-answer';
  }
}
