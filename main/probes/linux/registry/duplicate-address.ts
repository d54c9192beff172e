/** Question: does anyone else answer for this NIC's address (duplicate address detection, RFC 5227)? */
import { parseArpingReplies } from '../parsers.ts';
import { defineLinuxQuestion } from './declare.ts';

/**
 * arping -D quits on the first reply, and on a virtual switch a reply comes within milliseconds;
 * its own deadline (-w) is whole seconds, so the window is closed here, at 0.4 s.
 */
export const DAD_WINDOW_MS = 400;

export const duplicateAddressQuestion = defineLinuxQuestion({
  id: 'duplicate-address',
  platforms: ['linux'],
  argv: (p: { interface: string; address: string }) => ['arping', '-D', '-c', '1', '-w', '1', '-I', p.interface, p.address],
  budgetMs: (t) => Math.min(t, DAD_WINDOW_MS),
  packets: true,
  /** The MACs that answered; still running when the window closed: nobody answered. */
  read: (run): string[] => (run.status === 'timeout' ? [] : parseArpingReplies(run.stdout)),
  fixtures: {
    match: /^arping-D-/,
    origin: 'iputils 20221126 in the lab’s guest, before and after another namespace took its address',
    example: { interface: 'ens33', address: '192.168.37.130' },
  },
});
