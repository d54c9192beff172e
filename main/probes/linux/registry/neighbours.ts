/** Question: the neighbour table of one NIC, after the pings filled it (who answered ARP, who did not). */
import { type Neighbour, parseNeighbours } from '../parsers.ts';
import { defineLinuxQuestion } from './declare.ts';

export const neighboursQuestion = defineLinuxQuestion({
  id: 'neighbours',
  platforms: ['linux'],
  argv: (p: { interface: string }) => ['ip', '-j', 'neigh', 'show', 'dev', p.interface],
  budgetMs: (t) => t,
  packets: false,
  read: (run): Map<string, Neighbour> => (run.status === 'ok' ? parseNeighbours(run.stdout) : new Map()),
  fixtures: {
    match: /^ip-j-neigh\./,
    origin: 'iproute2 6.1.0 in the lab’s guest, after pinging the NAT device and an unused address',
    example: { interface: 'ens33' },
  },
});
