/**
 * linux.set-mtu: the NIC sends packets no larger than the path to its gateway carries. A runtime
 * setting (the summary says "until the next reboot"); undo puts the old MTU back. Verified by
 * what the finding was about: a packet of the new size, not to be fragmented, reaches the target.
 */

import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { runProcess } from '../runner/process-runner.ts';
import { defineFix } from './definition.ts';
import { ifname, ipv4 } from './params.ts';
import { linkInfo } from './read-state.ts';

const T = { timeoutMs: 8000 };
const mtu = z
  .string()
  .regex(/^\d{3,4}$/, 'an MTU in bytes')
  .refine((m) => Number(m) >= 576 && Number(m) <= 9000, 'an MTU between 576 and 9000');

async function mtuOf(dev: string, source: ProbeSource = liveSource): Promise<number | null> {
  return (await linkInfo(dev, source))?.mtu ?? null;
}

export const setMtu = defineFix({
  id: 'linux.set-mtu',
  platform: 'linux',
  params: z.object({ interface: ifname, mtu, target: ipv4.optional() }).strict(),
  before: z.strictObject({ mtu: z.number().int().min(68).max(65535) }),
  plan: async ({ interface: dev = '', mtu: size = '', target }, { source }) => {
    const previous = await mtuOf(dev, source);
    if (previous === null) throw new Error(`cannot read ${dev}'s MTU`);
    return {
      summary: { interface: dev, mtu: size, previous },
      steps: [{ kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'mtu', size] }],
      before: { mtu: previous },
      verify: async () => {
        const now = await mtuOf(dev);
        const passes = target
          ? (await runProcess('ping', ['-c', '1', '-W', '1', '-M', 'do', '-s', String(Number(size) - 28), '-n', target], T))
              .status === 'ok'
          : true;
        return {
          ok: now === Number(size) && passes,
          readBack: said('mtu-state', { device: dev, mtu: now ?? null, size: Number(size), target: target ?? null, passes }),
        };
      },
    };
  },
  undo: ({ interface: dev = '' }, before) => [
    { kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'mtu', String(before.mtu)] },
  ],
});
