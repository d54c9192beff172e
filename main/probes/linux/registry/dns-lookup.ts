/** Question: does a name resolve, through the resolver the system uses (NSS: files, DNS, systemd-resolved). */
import { parseGetent } from '../parsers.ts';
import { defineLinuxQuestion } from './declare.ts';

export const dnsLookupQuestion = defineLinuxQuestion({
  id: 'dns-lookup',
  platforms: ['linux'],
  argv: (p: { name: string }) => ['getent', 'ahostsv4', p.name],
  budgetMs: (t) => Math.min(t, 2500),
  packets: true,
  read: (run): string[] => (run.status === 'ok' ? parseGetent(run.stdout) : []),
  fixtures: {
    match: /^getent-ahostsv4\./,
    origin: 'glibc getent, answered by the lab’s dnsmasq',
    example: { name: 'lab.test' },
  },
});
