/**
 * `iptables-save` / `iptables-legacy-save` text into the common ruleset model. The header says
 * which backend wrote it ("(nf_tables)" or "(legacy)"), and so which tool owns the rules.
 */
import type { Condition, FilterChain, FilterRule, RuleOrigin, Ruleset, Verdict } from './ruleset.ts';

const HOOKS: Record<string, string> = {
  INPUT: 'input',
  FORWARD: 'forward',
  OUTPUT: 'output',
  PREROUTING: 'prerouting',
  POSTROUTING: 'postrouting',
};
const ICMP_ECHO = new Set(['8', '8/0', 'echo-request']);
/** Built-in targets that do not decide whether a packet passes (user chains are jumped into). */
const PASSIVE_TARGETS = new Set([
  'LOG',
  'NFLOG',
  'MARK',
  'CONNMARK',
  'DNAT',
  'SNAT',
  'REDIRECT',
  'TCPMSS',
  'CHECKSUM',
  'CT',
  'NOTRACK',
  'TRACE',
  'AUDIT',
]);
const UNDERSTOOD_MODULES = new Set(['tcp', 'udp', 'icmp', 'conntrack', 'state', 'comment', 'multiport', 'addrtype']);

/** Splits a rule line like a shell would for iptables-save's quoting ("…" with \" escapes). */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quoted) {
      if (ch === '\\' && line[i + 1] === '"') current += line[++i];
      else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') {
      quoted = true;
      has = true;
    } else if (ch === ' ' || ch === '\t') {
      if (has || current) out.push(current);
      current = '';
      has = false;
    } else current += ch;
  }
  if (has || current) out.push(current);
  return out;
}

const cidr = (v: string) => (v.includes('/') ? v : `${v}/32`);
const ports = (v: string): Array<[number, number]> | null => {
  const out: Array<[number, number]> = [];
  for (const part of v.split(',')) {
    const [a, b = a] = part.split(':').map(Number);
    if (!Number.isInteger(a) || !Number.isInteger(b)) return null;
    out.push([a as number, b as number]);
  }
  return out;
};

function ruleOf(tokens: string[], text: string): FilterRule {
  const conditions: Condition[] = [];
  let verdict: Verdict | null = null;
  let masquerade = false;
  let comment: string | undefined;
  let negate = false;
  const n = () => (negate ? { negate: true } : {});
  for (let i = 2; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const v = tokens[i + 1] ?? '';
    if (t === '!') {
      negate = true;
      continue;
    }
    let used = 1;
    switch (t) {
      case '-p':
      case '--protocol':
        if (v !== 'all') conditions.push({ kind: 'l4proto', values: [v.toLowerCase()], ...n() });
        used = 2;
        break;
      case '-s':
      case '--source':
      case '-d':
      case '--destination':
        conditions.push({
          kind: t.startsWith('-s') || t === '--source' ? 'saddr' : 'daddr',
          cidrs: v.split(',').map(cidr),
          ...n(),
        });
        used = 2;
        break;
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface':
        conditions.push({ kind: t === '-i' || t === '--in-interface' ? 'iif' : 'oif', names: [v], ...n() });
        used = 2;
        break;
      case '-m':
      case '--match':
        if (!UNDERSTOOD_MODULES.has(v)) conditions.push({ kind: 'unknown', text: `-m ${v}` });
        used = 2;
        break;
      case '--dport':
      case '--destination-port':
      case '--dports':
      case '--destination-ports': {
        const ranges = ports(v);
        conditions.push(ranges ? { kind: 'dport', ranges, ...n() } : { kind: 'unknown', text: `${t} ${v}` });
        used = 2;
        break;
      }
      case '--icmp-type':
        conditions.push({ kind: 'icmp-type', values: ICMP_ECHO.has(v) ? ['echo-request'] : [v], ...n() });
        used = 2;
        break;
      case '--ctstate':
      case '--state':
        conditions.push({ kind: 'ct-state', values: v.toLowerCase().split(','), ...n() });
        used = 2;
        break;
      case '--dst-type':
        conditions.push({ kind: 'daddr-type', values: v.toLowerCase().split(','), ...n() });
        used = 2;
        break;
      case '--comment':
        comment = v;
        used = 2;
        break;
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        const upper = v.toUpperCase();
        if (upper === 'ACCEPT' || upper === 'DROP' || upper === 'REJECT' || upper === 'RETURN')
          verdict = { kind: upper.toLowerCase() } as Verdict;
        else if (upper === 'MASQUERADE' || upper === 'SNAT') masquerade = true;
        else if (!PASSIVE_TARGETS.has(upper)) verdict = { kind: t === '-g' || t === '--goto' ? 'goto' : 'jump', target: v };
        used = 2;
        // Options after the target belong to it (--reject-with, --to-ports …).
        i = tokens.length;
        break;
      }
      default:
        // An option of a match we do not read (--sport, --limit, --tcp-flags …): its value follows.
        if (t.startsWith('-')) {
          conditions.push({ kind: 'unknown', text: `${t} ${v}` });
          used = v && !v.startsWith('-') ? 2 : 1;
        }
    }
    i += used - 1;
    negate = false;
  }
  const out: FilterRule = { conditions, verdict, text: text.trim() };
  if (masquerade) out.masquerade = true;
  if (comment !== undefined) out.comment = comment;
  return out;
}

/**
 * Never throws. `origin` defaults to what the header says: the nf_tables backend writes
 * "iptables-save v1.8.9 (nf_tables)"; the legacy one writes no backend at all.
 */
export function rulesetFromIptablesSave(text: string, origin?: RuleOrigin): Ruleset {
  const owner: RuleOrigin = origin ?? (/^# Generated by .*\(nf_tables\)/m.test(text) ? 'iptables' : 'iptables-legacy');
  const chains = new Map<string, FilterChain>();
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('*')) table = line.slice(1);
    else if (line.startsWith(':') && table) {
      const [name = '', policy = '-'] = line.slice(1).split(/\s+/);
      const chain: FilterChain = { origin: owner, family: 'ip', table, name, rules: [] };
      const hook = HOOKS[name];
      if (hook && policy !== '-') {
        chain.hook = hook;
        if (policy === 'ACCEPT' || policy === 'DROP') chain.policy = policy === 'ACCEPT' ? 'accept' : 'drop';
      }
      chains.set(`${table}\u0000${name}`, chain);
    } else if (line.startsWith('-A ') && table) {
      const tokens = tokenize(line);
      chains.get(`${table}\u0000${tokens[1]}`)?.rules.push(ruleOf(tokens, line));
    }
  }
  return [...chains.values()];
}

/** The tables an iptables-save dump covers, to leave out of nft's view of the same tables. */
export function tablesIn(text: string): Array<{ family: string; table: string }> {
  return [...text.matchAll(/^\*(\w+)/gm)].map((m) => ({ family: 'ip', table: m[1] ?? '' }));
}
