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
import { runLinuxProbe } from './registry/declare.ts';
import { iptablesProbe } from './registry/iptables.ts';
import { iptablesLegacyProbe } from './registry/iptables-legacy.ts';
import { nftRulesetProbe } from './registry/nft-ruleset.ts';
import { type UfwStatus, ufwProbe } from './registry/ufw.ts';
import type { Ruleset } from './ruleset.ts';

export interface FirewallView {
  /** Null when no part of the ruleset could be read (needs root, or no tool installed). */
  ruleset: Ruleset | null;
  /** ufw's own view, when ufw is installed and answered; its rules are in `ruleset` already. */
  ufw: UfwStatus | null;
  reports: ProbeReport[];
}

export async function readFirewall(timeoutMs: number, source: ProbeSource = liveSource): Promise<FirewallView> {
  const [nft, iptables, legacy, ufwRun] = await Promise.all([
    runLinuxProbe(nftRulesetProbe, source, timeoutMs).then((o) => o.run),
    runLinuxProbe(iptablesProbe, source, timeoutMs).then((o) => o.run),
    runLinuxProbe(iptablesLegacyProbe, source, timeoutMs).then((o) => o.run),
    runLinuxProbe(ufwProbe, source, timeoutMs).then((o) => o.run),
  ]);
  const reports = [reportFromRun('firewall', nft), reportFromRun('firewall-iptables', iptables)];
  // iptables-legacy is optional: most systems no longer have it, and that is not a problem.
  if (legacy.status !== 'not-installed') reports.push(reportFromRun('firewall-iptables-legacy', legacy));
  if (ufwRun.status !== 'not-installed') reports.push(reportFromRun('firewall-ufw', ufwRun));
  const ufw = ufwRun.status === 'ok' ? ufwProbe.parse(ufwRun.stdout) : null;
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

export { parseUfwStatus, type UfwStatus } from './registry/ufw.ts';
