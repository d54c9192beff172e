/**
 * Probe: one plain HTTP request for Windows' own connectivity page (NCSI). The page itself means the
 * web is reached; a redirect names a network's login page (campus, hotel). curl prints the body,
 * then its status and the redirect's target on a line of their own.
 */
import { defineLinuxProbe } from './declare.ts';

/** Windows' connectivity probe: plain HTTP, answered with this exact text. */
export const PORTAL_PROBE = { url: 'http://www.msftconnecttest.com/connecttest.txt', text: 'Microsoft Connect Test' };

export interface PortalAnswer {
  status: number | null;
  /** Where a redirect sends the browser: the network's words, kept short (shown and reported). */
  location: string | null;
  /** The page itself, as Windows expects it. */
  expected: boolean;
}

export function parsePortalAnswer(stdout: string): PortalAnswer {
  const lines = stdout.trimEnd().split('\n');
  const [code, location] = (lines.pop() ?? '').split(' ');
  const status = /^\d{3}$/.test(code ?? '') ? Number(code) : null;
  return {
    status,
    location: location ? location.slice(0, 300) : null,
    expected: status === 200 && lines.join('\n').trim() === PORTAL_PROBE.text,
  };
}

export const captivePortalProbe = defineLinuxProbe({
  id: 'captive-portal',
  platforms: ['linux'],
  argv: ['curl', '-sS', '--max-time', '3', '--max-filesize', '65536', '-w', '\n%{http_code} %{redirect_url}', PORTAL_PROBE.url],
  budgetMs: (t) => Math.min(t, 4000),
  parse: parsePortalAnswer,
  fixtures: { match: /^curl-connecttest\./, origin: 'curl 7.88.1 against a loopback server in a throw-away namespace' },
});
