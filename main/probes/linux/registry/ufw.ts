/** Probe: ufw's own status and default incoming policy (its rules are in iptables' tables already). */
import { defineLinuxProbe } from './declare.ts';

export interface UfwStatus {
  active: boolean;
  /** The default policy for incoming connections ("deny", "reject", "allow"), when active. */
  incoming: string | null;
}

/** `LC_ALL=C ufw status verbose`: "Status: active" and "Default: deny (incoming), …". */
export function parseUfwStatus(text: string): UfwStatus | null {
  const status = /^Status:\s*(active|inactive)\b/m.exec(text)?.[1];
  if (!status) return null;
  const incoming = /^Default:.*?\b(deny|reject|allow) \(incoming\)/m.exec(text)?.[1] ?? null;
  return { active: status === 'active', incoming: status === 'active' ? incoming : null };
}

export const ufwProbe = defineLinuxProbe({
  id: 'firewall-ufw',
  platforms: ['linux'],
  argv: ['ufw', 'status', 'verbose'],
  // Its words are translated: the parser reads the English.
  env: { LC_ALL: 'C' },
  budgetMs: (t) => t,
  parse: parseUfwStatus,
  fixtures: { match: /^ufw-status-verbose\./, origin: 'ufw 0.36.2 on Debian 12, in a throw-away namespace' },
});
