/**
 * The firewall half of linux.allow-icmp / allow-port / allow-forward: find the base chains that
 * drop the packet (judged exactly as the diagnosis judges it) and put one narrow accept first in
 * each, with the tool that owns the chain — nft for nftables tables, iptables or iptables-legacy
 * for theirs — tagged with a comment so undo removes exactly it.
 */
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { type FirewallView, readFirewall } from '../probes/linux/firewall.ts';
import type { ChainVerdict, FilterVerdict, Ruleset } from '../probes/linux/ruleset.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { onPath } from '../runner/on-path.ts';
import type { Step } from './journal.ts';

export type ChainRef = ChainVerdict['chain'];

/** One accept rule, in both syntaxes. */
export interface Opening {
  nft: string[];
  iptables: string[];
}

const READ_TIMEOUT_MS = 8000;

/** The firewall as it is now; throws when the ruleset cannot be read (a fix cannot be planned blind). */
export async function readFirewallOrThrow(source: ProbeSource = liveSource): Promise<FirewallView & { ruleset: Ruleset }> {
  const view = await readFirewall(READ_TIMEOUT_MS, source);
  if (!view.ruleset) {
    const why = view.reports.find((r) => r.error)?.error ?? 'no firewall tool answered';
    throw new Error(`cannot read the firewall to find what drops it (${why})`);
  }
  return { ...view, ruleset: view.ruleset };
}

/** The base chains that drop what `question` asks about. */
export async function chainsThatDrop(
  question: (ruleset: Ruleset) => FilterVerdict,
  view?: FirewallView & { ruleset: Ruleset },
  source: ProbeSource = liveSource,
): Promise<ChainRef[]> {
  const { ruleset } = view ?? (await readFirewallOrThrow(source));
  return question(ruleset)
    .chains.filter((c) => c.drops)
    .map((c) => c.chain);
}

/** Re-reads the firewall after the change: the question must now be answered "passes". */
export async function verifyPasses(
  question: (ruleset: Ruleset) => FilterVerdict,
  about: { what: 'echo' | 'forward' | 'port'; port: number | null },
) {
  const view = await readFirewall(READ_TIMEOUT_MS);
  const verdict = view.ruleset ? question(view.ruleset) : null;
  return {
    ok: verdict !== null && !verdict.drops,
    readBack: said('firewall-passes', { ...about, rules: verdict?.rules ?? [], readable: verdict !== null }),
  };
}

/** Old systems have only `iptables`, which is the legacy one there. */
const iptablesTool = (c: ChainRef) =>
  c.origin === 'iptables-legacy' && onPath('iptables-legacy') ? 'iptables-legacy' : 'iptables';

/** The steps putting each opening first in chain `c`, and the steps taking them out again. */
export function acceptFirst(c: ChainRef, openings: Opening[], comment: string): { steps: Step[]; undo: Step[] } {
  if (c.origin === 'nft') {
    return {
      steps: openings.map((o) => ({
        kind: 'run',
        argv: ['nft', 'insert', 'rule', c.family, c.table, c.name, ...o.nft, 'accept', 'comment', `"${comment}"`],
      })),
      undo: [{ kind: 'nft-delete-commented', family: c.family, table: c.table, chain: c.name, comment }],
    };
  }
  const tool = iptablesTool(c);
  const rule = (o: Opening) => [...o.iptables, '-m', 'comment', '--comment', comment, '-j', 'ACCEPT'];
  return {
    steps: openings.map((o) => ({ kind: 'run', argv: [tool, '-t', c.table, '-I', c.name, '1', ...rule(o)] })),
    undo: openings.map((o) => ({ kind: 'run', argv: [tool, '-t', c.table, '-D', c.name, ...rule(o)] })),
  };
}

/** acceptFirst over several chains. */
export function openChains(chains: ChainRef[], openings: Opening[], comment: string): { steps: Step[]; undo: Step[] } {
  const plans = chains.map((c) => acceptFirst(c, openings, comment));
  return { steps: plans.flatMap((p) => p.steps), undo: plans.flatMap((p) => p.undo) };
}
