/**
 * `nft -j list ruleset` (libnftables-json(5)) into the common ruleset model. Tables that iptables
 * (nf_tables backend) manages are better read from iptables-save, which shows the xt matches nft
 * cannot print; `skipTables` leaves them out here.
 */
import type { Condition, FilterChain, FilterRule, Ruleset, Verdict } from './ruleset.ts';

type Json = Record<string, unknown>;

const asValues = (right: unknown): unknown[] => {
  if (typeof right === 'string' || typeof right === 'number') return [right];
  if (Array.isArray(right)) return right;
  const set = (right as { set?: unknown[] } | null)?.set;
  if (Array.isArray(set)) return set;
  return right && typeof right === 'object' ? [right] : []; // one prefix or range
};

function cidrsOf(right: unknown): string[] | null {
  const out: string[] = [];
  for (const v of asValues(right)) {
    if (typeof v === 'string') out.push(v.includes('/') ? v : `${v}/32`);
    else {
      const prefix = (v as { prefix?: { addr?: unknown; len?: unknown } } | null)?.prefix;
      if (typeof prefix?.addr === 'string' && typeof prefix.len === 'number') out.push(`${prefix.addr}/${prefix.len}`);
      else return null;
    }
  }
  return out.length ? out : null;
}

function rangesOf(right: unknown): Array<[number, number]> | null {
  const out: Array<[number, number]> = [];
  for (const v of asValues(right)) {
    if (typeof v === 'number') out.push([v, v]);
    else {
      const range = (v as { range?: unknown[] } | null)?.range;
      if (Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number') out.push([range[0], range[1]]);
      else return null;
    }
  }
  return out.length ? out : null;
}

const strings = (right: unknown) => asValues(right).map(String);

function conditionOf(match: { op?: unknown; left?: unknown; right?: unknown }): Condition {
  const negate = match.op === '!=';
  const unknown: Condition = { kind: 'unknown', text: JSON.stringify(match).slice(0, 200) };
  if (match.op !== undefined && match.op !== '==' && match.op !== '!=' && match.op !== 'in') return unknown;
  const left = (match.left ?? {}) as Json;
  const payload = left.payload as { protocol?: string; field?: string } | undefined;
  const meta = (left.meta as { key?: string } | undefined)?.key;
  const ct = (left.ct as { key?: string } | undefined)?.key;
  const n = negate ? { negate: true } : {};
  if (meta === 'l4proto' || (payload?.protocol === 'ip' && payload.field === 'protocol'))
    return { kind: 'l4proto', values: strings(match.right), ...n };
  if (payload?.protocol === 'icmp' && payload.field === 'type') return { kind: 'icmp-type', values: strings(match.right), ...n };
  if ((payload?.protocol === 'tcp' || payload?.protocol === 'udp' || payload?.protocol === 'th') && payload.field === 'dport') {
    const ranges = rangesOf(match.right);
    return ranges ? { kind: 'dport', ranges, ...n } : unknown;
  }
  if (payload?.protocol === 'ip' && (payload.field === 'saddr' || payload.field === 'daddr')) {
    const cidrs = cidrsOf(match.right);
    return cidrs ? { kind: payload.field, cidrs, ...n } : unknown;
  }
  if (meta === 'iifname' || meta === 'oifname' || meta === 'iif' || meta === 'oif')
    return { kind: meta.startsWith('i') ? 'iif' : 'oif', names: strings(match.right), ...n };
  if (ct === 'state') return { kind: 'ct-state', values: strings(match.right), ...n };
  const fib = left.fib as { result?: string; flags?: unknown } | undefined;
  if (fib?.result === 'type' && Array.isArray(fib.flags) && fib.flags.length === 1 && fib.flags[0] === 'daddr')
    return { kind: 'daddr-type', values: strings(match.right), ...n };
  return unknown;
}

/** A protocol implied by a payload match (`tcp dport 22` only fits TCP). */
function impliedProto(match: { left?: unknown }): Condition | null {
  const protocol = ((match.left ?? {}) as Json).payload as { protocol?: string } | undefined;
  return protocol?.protocol === 'tcp' || protocol?.protocol === 'udp' || protocol?.protocol === 'icmp'
    ? { kind: 'l4proto', values: [protocol.protocol] }
    : null;
}

function ruleOf(rule: Json): FilterRule {
  const conditions: Condition[] = [];
  let verdict: Verdict | null = null;
  let masquerade = false;
  for (const e of Array.isArray(rule.expr) ? (rule.expr as Json[]) : []) {
    if (!e || typeof e !== 'object') continue;
    if ('match' in e) {
      const match = e.match as { op?: unknown; left?: unknown; right?: unknown };
      const implied = impliedProto(match);
      if (implied) conditions.push(implied);
      conditions.push(conditionOf(match));
    } else if ('accept' in e || 'drop' in e || 'reject' in e || 'return' in e) {
      verdict = { kind: 'accept' in e ? 'accept' : 'drop' in e ? 'drop' : 'reject' in e ? 'reject' : 'return' } as Verdict;
    } else if ('jump' in e || 'goto' in e) {
      const target = ((e.jump ?? e.goto) as { target?: unknown } | null)?.target;
      if (typeof target === 'string') verdict = { kind: 'jump' in e ? 'jump' : 'goto', target };
    } else if ('masquerade' in e || 'snat' in e) {
      masquerade = true;
    } else if ('xt' in e) {
      // iptables-nft matches and targets nft cannot print; the targets' names still tell what they do.
      const xt = e.xt as { type?: string; name?: string } | null;
      if (xt?.type === 'match') conditions.push({ kind: 'unknown', text: `xt match ${xt.name ?? '?'}` });
      else if (xt?.name === 'REJECT') verdict = { kind: 'reject' };
      else if (xt?.name === 'MASQUERADE' || xt?.name === 'SNAT') masquerade = true;
    } else if ('limit' in e) {
      conditions.push({ kind: 'unknown', text: Object.keys(e)[0] ?? '?' });
    }
    // counter, log, meta/ct set, dnat, mangle…: no bearing on whether the packet passes.
  }
  const out: FilterRule = { conditions, verdict, text: `handle ${typeof rule.handle === 'number' ? rule.handle : '?'}` };
  if (masquerade) out.masquerade = true;
  if (typeof rule.comment === 'string') out.comment = rule.comment;
  return out;
}

/** Never throws: text that is not nft's JSON gives an empty ruleset. */
export function rulesetFromNftJson(text: string, skipTables: ReadonlyArray<{ family: string; table: string }> = []): Ruleset {
  let items: Json[] = [];
  try {
    const doc = JSON.parse(text) as { nftables?: unknown };
    if (Array.isArray(doc?.nftables)) items = doc.nftables.filter((i): i is Json => !!i && typeof i === 'object');
  } catch {
    return [];
  }
  const skipped = (family: unknown, table: unknown) => skipTables.some((t) => t.family === family && t.table === table);
  const chains = new Map<string, FilterChain>();
  const key = (family: unknown, table: unknown, name: unknown) => `${family}\u0000${table}\u0000${name}`;
  for (const item of items) {
    const c = item.chain as Json | undefined;
    if (!c || typeof c.name !== 'string' || typeof c.table !== 'string' || typeof c.family !== 'string') continue;
    if (skipped(c.family, c.table)) continue;
    const chain: FilterChain = { origin: 'nft', family: c.family, table: c.table, name: c.name, rules: [] };
    if (typeof c.hook === 'string') chain.hook = c.hook;
    if (c.policy === 'accept' || c.policy === 'drop') chain.policy = c.policy;
    chains.set(key(c.family, c.table, c.name), chain);
  }
  for (const item of items) {
    const r = item.rule as Json | undefined;
    if (!r) continue;
    chains.get(key(r.family, r.table, r.chain))?.rules.push(ruleOf(r));
  }
  return [...chains.values()];
}
