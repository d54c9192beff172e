/**
 * Redaction for shared reports: one policy applied by walking the structured data (keys and
 * values), with stable placeholders — the same MAC, address, user, host or VM always becomes the
 * same [mac-1], [ipv6-2], [user-1]… so a redacted report still reads consistently. Private IPv4
 * addresses stay: they are the diagnosis, and identify nobody.
 *
 * Two passes: values under identifying keys (host and computer names, VM names and .vmx paths)
 * are learnt first and then replaced wherever they appear (ids, labels, sentences); then every
 * string is cleaned of the patterns that identify by themselves.
 */

/** Keys whose string values name a person's machine or VM. */
const NAME_KEYS: Record<string, Category> = {
  hostName: 'host',
  hostname: 'host',
  computerName: 'host',
  user: 'user',
  userName: 'user',
  vm: 'vm',
  vms: 'vm',
  vmx: 'vm',
  machine: 'vm',
  reportedBy: 'vm',
};

type Category = 'mac' | 'ipv6' | 'ip' | 'user' | 'host' | 'vm';

const HEX = '[0-9A-Fa-f]';
const MAC_SEPARATED = new RegExp(`\\b${HEX}{2}([:-])${HEX}{2}(?:\\1${HEX}{2}){4}\\b`, 'g');
const MAC_CISCO = new RegExp(`\\b${HEX}{4}\\.${HEX}{4}\\.${HEX}{4}\\b`, 'g');
const MAC_BARE = new RegExp(`\\b${HEX}{12}\\b`, 'g');
// Candidates for IPv6: runs of hex digits and colons (with an optional %zone), checked by isIpv6.
const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:%[\w.-]+)?(?![\w:])/g;

/** Eight groups of 1–4 hex digits, or fewer around one "::". */
export function isIpv6(text: string): boolean {
  const address = text.replace(/%.*$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}
// A finder, not a validator (common/ipv4.ts is that): what looks like an address in free text is checked where it is used.
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const USER_PATH = /(\b[A-Za-z]:[\\/]+(?:Users|Documents and Settings)[\\/]+|\/(?:home|Users)\/)([^\\/\s"'<>]+)/gi;
// Host names with at least two dots and a top-level label (a file name such as resolv.conf has one dot).
const FQDN = /\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){2,}[A-Za-z]{2,24}\b/g;
/**
 * Dotted names that are not host names: .NET types and PowerShell namespaces (every label
 * capitalised, the last one in mixed case: System.Net.NetworkInformation.Ping), reverse-DNS labels and sysctl keys (led by a
 * top-level domain: com.docker.compose.project, net.ipv4.ip_forward).
 */
const notAHost = (name: string) => {
  const labels = name.split('.');
  const dotNet = labels.every((l) => /^[A-Z]/.test(l)) && /[a-z]/.test(labels.at(-1) ?? ''); // DC01.CORP.EXAMPLE.COM is a host
  return dotNet || /^(com|org|net|io|edu|gov)$/i.test(labels[0] ?? '');
};
const VMX_PATH = /(?:[A-Za-z]:[\\/]|\/)[^"'<>\n]*?\.vmx\b/gi;

/** Addresses that identify nobody: private, loopback, link-local, CGNAT, documentation and unspecified. */
export function isPrivateIpv4(address: string): boolean {
  const [a = 0, b = 0, c = 0] = address.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224
  );
}

const macKey = (m: string) => m.replace(/[^0-9A-Fa-f]/g, '').toLowerCase();

export class Redactor {
  private readonly seen = new Map<string, string>();
  private readonly counts: Record<Category, number> = { mac: 0, ipv6: 0, ip: 0, user: 0, host: 0, vm: 0 };
  /** Literal names learnt from identifying keys, longest first when replaced. */
  private readonly names = new Map<string, Category>();

  private placeholder(category: Category, key: string): string {
    const id = `${category}:${key}`;
    let p = this.seen.get(id);
    if (!p) {
      this.counts[category] += 1;
      p = `[${category}-${this.counts[category]}]`;
      this.seen.set(id, p);
    }
    return p;
  }

  /** Remembers the identifying values of `value` (by key), so they are replaced wherever they appear. */
  learn(value: unknown, category: Category | null = null): void {
    if (typeof value === 'string') {
      if (category && value.trim().length >= 2) this.names.set(value, category);
    } else if (Array.isArray(value)) {
      for (const v of value) this.learn(v, category);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value))
        this.learn(v, NAME_KEYS[k] ?? (category && typeof v === 'string' ? null : null));
    }
  }

  text(input: string): string {
    let s = input;
    for (const [name, category] of [...this.names].sort((a, b) => b[0].length - a[0].length)) {
      if (s.includes(name)) s = s.split(name).join(this.placeholder(category, name));
    }
    s = s.replace(VMX_PATH, (m) => this.placeholder('vm', m));
    s = s.replace(USER_PATH, (_m, prefix: string, user: string) => `${prefix}${this.placeholder('user', user.toLowerCase())}`);
    s = s.replace(MAC_SEPARATED, (m) => this.placeholder('mac', macKey(m)));
    s = s.replace(MAC_CISCO, (m) => this.placeholder('mac', macKey(m)));
    s = s.replace(MAC_BARE, (m) => (/[a-f]/i.test(m) || /^0[0-9]/.test(m) ? this.placeholder('mac', macKey(m)) : m));
    s = s.replace(IPV6_CANDIDATE, (m) =>
      m === '::1' || m === '::' || !isIpv6(m) ? m : this.placeholder('ipv6', m.toLowerCase()),
    );
    s = s.replace(IPV4, (ip) =>
      ip.split('.').every((o) => Number(o) <= 255) && !isPrivateIpv4(ip) ? this.placeholder('ip', ip) : ip,
    );
    s = s.replace(FQDN, (m) => (notAHost(m) ? m : this.placeholder('host', m.toLowerCase())));
    return s;
  }

  /** A deep copy with every key and string redacted. */
  value<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.value(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.value(v)])) as T;
    }
    return value;
  }
}

/** Redacts a whole value with one policy: identifying names learnt first, then every string cleaned. */
export function redact<T>(value: T): T {
  const r = new Redactor();
  r.learn(value);
  return r.value(value);
}
