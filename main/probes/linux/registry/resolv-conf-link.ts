/**
 * Probe: where /etc/resolv.conf points, when it is a link (systemd-resolved's stub, NetworkManager's
 * file). readlink exits 1 for a plain file: then there is no link to follow, and no data.
 */
import { defineLinuxProbe } from './declare.ts';

export const resolvConfLinkProbe = defineLinuxProbe({
  id: 'resolv-conf-link',
  platforms: ['linux'],
  argv: ['readlink', '/etc/resolv.conf'],
  budgetMs: (t) => Math.min(t, 2000),
  // A path, kept short: what a hostile link says is evidence, not a command.
  parse: (stdout) => stdout.trim().slice(0, 256) || null,
  fixtures: {
    match: /^readlink-resolv\.conf\./,
    origin: 'coreutils 9.1 readlink in a private mount namespace whose /etc held the stub link',
  },
});
