/**
 * The packet filter as the kernel applies it: native nftables tables, iptables' tables (read with
 * iptables-save, which shows what nft cannot print) and any iptables-legacy tables left beside
 * them — the three run side by side, and a packet must pass all of them.
 */
import type { ProbeReport } from '../../../common/domain.ts';
import { reportFromRun } from '../probe.ts';
import { liveSource, type ProbeSource } from '../source.ts';
import { rulesetFromIptablesSave, tablesIn } from './iptables-ruleset.ts';
import { rulesetFromNftJson } from './nft-ruleset.ts';
import type { Ruleset } from './ruleset.ts';

export interface UfwStatus {
  active: boolean;
  /** The default policy for incoming connections ("deny", "reject", "allow"), when active. */
  incoming: string | null;
}

export interface FirewallView {
  /** Null when no part of the ruleset could be read (needs root, or no tool installed). */
  ruleset: Ruleset | null;
  /** ufw's own view, when ufw is installed and answered; its rules are in `ruleset` already. */
  ufw: UfwStatus | null;
  reports: ProbeReport[];
}

/** `LC_ALL=C ufw status verbose`: "Status: active" and "Default: deny (incoming), …". */
export function parseUfwStatus(text: string): UfwStatus | null {
  const status = /^Status:\s*(active|inactive)\b/m.exec(text)?.[1];
  if (!status) return null;
  const incoming = /^Default:.*?\b(deny|reject|allow) \(incoming\)/m.exec(text)?.[1] ?? null;
  return { active: status === 'active', incoming: status === 'active' ? incoming : null };
}

export async function readFirewall(timeoutMs: number, source: ProbeSource = liveSource): Promise<FirewallView> {
  const [nft, iptables, legacy, ufwRun] = await Promise.all([
    source.run('nft', ['-j', 'list', 'ruleset'], { timeoutMs }),
    source.run('iptables-save', [], { timeoutMs }),
    source.run('iptables-legacy-save', [], { timeoutMs }),
    source.run('ufw', ['status', 'verbose'], { timeoutMs, env: { LC_ALL: 'C' } }), // its words are translated
  ]);
  const reports = [reportFromRun('firewall', nft), reportFromRun('firewall-iptables', iptables)];
  // iptables-legacy is optional: most systems no longer have it, and that is not a problem.
  if (legacy.status !== 'not-installed') reports.push(reportFromRun('firewall-iptables-legacy', legacy));
  if (ufwRun.status !== 'not-installed') reports.push(reportFromRun('firewall-ufw', ufwRun));
  const ufw = ufwRun.status === 'ok' ? parseUfwStatus(ufwRun.stdout) : null;
  const ok = (r: { status: string } | null): r is { status: 'ok'; stdout: string } => r?.status === 'ok';
  if (!ok(nft) && !ok(iptables) && !ok(legacy)) return { ruleset: null, ufw, reports };

  const ruleset: Ruleset = [];
  const iptablesText = ok(iptables) ? iptables.stdout : '';
  const iptablesRules = rulesetFromIptablesSave(iptablesText);
  // When iptables-save speaks for the nf_tables backend, nft's view of those tables is a duplicate.
  const nftBacked = iptablesRules.some((c) => c.origin === 'iptables');
  if (ok(nft)) ruleset.push(...rulesetFromNftJson(nft.stdout, nftBacked ? tablesIn(iptablesText) : []));
  ruleset.push(...iptablesRules);
  // On old systems plain iptables *is* legacy: then both commands print the same tables, once is enough.
  if (ok(legacy) && !iptablesRules.some((c) => c.origin === 'iptables-legacy')) {
    ruleset.push(...rulesetFromIptablesSave(legacy.stdout, 'iptables-legacy'));
  }
  return { ruleset, ufw, reports };
}
