/**
 * Question: does a neighbour answer ARP at an address outside a static address's prefix (ARP needs
 * no route)? Asked from the NIC's own address at the usual router and host addresses of its /24.
 */
import { parseArpingReplies } from '../parsers.ts';
import { defineLinuxQuestion } from './declare.ts';

/**
 * The process budget of one question. arping -c 1 quits on the first reply and -w 1 ends an
 * unanswered one after a second: this is only the net under a hung arping. At 1.2 s it cut off
 * answered questions on a loaded machine (its start alone took the 0.2 s left; seen in CI, where
 * the router's reply was lost and the verdict fell to NO_DEFAULT_ROUTE).
 */
const BEYOND_PREFIX_MS = 2500;

export const arpBeyondPrefixQuestion = defineLinuxQuestion({
  id: 'arp-beyond-prefix',
  platforms: ['linux'],
  argv: (p: { interface: string; source: string; target: string }) => [
    'arping',
    '-c',
    '1',
    '-w',
    '1',
    '-s',
    p.source,
    '-I',
    p.interface,
    p.target,
  ],
  budgetMs: (t) => Math.min(t, BEYOND_PREFIX_MS),
  packets: true,
  /** The MAC that answered first, if any. */
  read: (run): string | null => parseArpingReplies(run.stdout)[0] ?? null,
  fixtures: {
    match: /^arping-c1-s\./,
    origin: 'iputils 20221126 in a throw-away namespace pair: a /25 address asking the .2 of its /24',
    example: { interface: 'ens33', source: '192.168.37.130', target: '192.168.37.2' },
  },
});
