/**
 * The packet filter as the kernel applies it: native nftables tables, iptables' tables (read with
 * iptables-save, which shows what nft cannot print) and any iptables-legacy tables left beside
 * them — the three run side by side, and a packet must pass all of them.
 */
import type { ProbeReport } from '../../../common/domain.ts';
import { liveSource, type ProbeSource } from '../source.ts';
import { tablesIn } from './iptables-ruleset.ts';
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
  // Each read and parsed once, by its probe.
  const [nft, iptables, legacy, ufw] = await Promise.all([
    runLinuxProbe(nftRulesetProbe, source, timeoutMs),
    runLinuxProbe(iptablesProbe, source, timeoutMs),
    runLinuxProbe(iptablesLegacyProbe, source, timeoutMs),
    runLinuxProbe(ufwProbe, source, timeoutMs),
  ]);
  const reports = [nft.report, iptables.report];
  // iptables-legacy is optional: most systems no longer have it, and that is not a problem.
  if (legacy.run.status !== 'not-installed') reports.push(legacy.report);
  if (ufw.run.status !== 'not-installed') reports.push(ufw.report);
  if (!nft.data && !iptables.data && !legacy.data) return { ruleset: null, ufw: ufw.data, reports };

  const ruleset: Ruleset = [];
  const iptablesRules = iptables.data ?? [];
  // When iptables-save speaks for the nf_tables backend, nft's view of those tables is a duplicate.
  const skip = iptablesRules.some((c) => c.origin === 'iptables') ? tablesIn(iptables.run.stdout) : [];
  if (nft.data) ruleset.push(...nft.data.filter((c) => !skip.some((t) => t.family === c.family && t.table === c.table)));
  ruleset.push(...iptablesRules);
  // On old systems plain iptables *is* legacy: then both commands print the same tables, once is enough.
  if (legacy.data && !iptablesRules.some((c) => c.origin === 'iptables-legacy')) ruleset.push(...legacy.data);
  return { ruleset, ufw: ufw.data, reports };
}

export { parseUfwStatus, type UfwStatus } from './registry/ufw.ts';
