/** Probe: every link with its kind, MAC, state and addresses (iproute2's JSON, details included). */
import type { ExplainedLiveAdapter } from '../../../../common/domain.ts';
import type { ProbeOutcome } from '../../probe.ts';
import { liveSource, type ProbeSource } from '../../source.ts';
import { explainLiveAdapters, parseIpAddrJson } from '../ip-addr.ts';
import { defineLinuxProbe, runLinuxProbe } from './declare.ts';
import { defaultRoutesProbe } from './default-routes.ts';

export const adaptersProbe = defineLinuxProbe({
  id: 'adapters',
  platforms: ['linux'],
  argv: ['ip', '-d', '-j', 'addr', 'show'],
  budgetMs: (t) => t,
  parse: (stdout) => {
    const parsed = parseIpAddrJson(stdout);
    return parsed.ok ? parsed.value : null;
  },
  required: true,
  fixtures: { match: /^ip-d-j-addr\./, origin: 'iproute2 6.1.0 on Debian 12, in throw-away namespaces and on the CI host' },
});

/** The adapters, each with its gateways from the default routes, explained (what made it, what it is for). */
export async function probeLinuxAdapters(
  timeoutMs: number,
  source: ProbeSource = liveSource,
): Promise<ProbeOutcome<ExplainedLiveAdapter[]>> {
  const [links, routes] = await Promise.all([
    runLinuxProbe(adaptersProbe, source, timeoutMs),
    runLinuxProbe(defaultRoutesProbe, source, timeoutMs),
  ]);
  if (links.run.status === 'ok' && links.data === null) {
    const parsed = parseIpAddrJson(links.run.stdout);
    return { report: { ...links.report, error: parsed.ok ? links.report.error : parsed.error.message }, data: null };
  }
  if (!links.data) return { report: links.report, data: null };
  return { report: links.report, data: explainLiveAdapters(links.data, routes.data ?? new Map<string, string[]>()) };
}
