/**
 * linux.bridge-uplink: a bridge that carries VMs but no LAN card gets its uplink back — the NIC
 * becomes a port of the bridge (runtime; the summary says where to make it permanent). Refused
 * when the NIC holds an address (enslaving it would cut the host off that network) or is a port
 * of another bridge already. Verified: the NIC is the bridge's port and up.
 */

import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { defineFix } from './definition.ts';
import { ifname } from './params.ts';
import { linkInfo } from './read-state.ts';

export const bridgeUplink = defineFix({
  id: 'linux.bridge-uplink',
  platform: 'linux',
  params: z.object({ bridge: ifname, interface: ifname }).strict(),
  before: z.strictObject({ master: ifname.nullable(), state: z.string().max(16) }),
  plan: async ({ bridge = '', interface: nic = '' }, { source }) => {
    const [br, link] = await Promise.all([linkInfo(bridge, source), linkInfo(nic, source)]);
    if (br?.kind !== 'bridge') throw new Error(`${bridge} is not a bridge`);
    if (!link) throw new Error(`there is no interface ${nic}`);
    if (link.master && link.master !== bridge) throw new Error(`${nic} is already a port of ${link.master}`);
    if (link.ipv4.length > 0)
      throw new Error(`${nic} holds ${link.ipv4.map((a) => a.address).join(', ')}: move the address to ${bridge} first`);
    return {
      summary: { bridge, interface: nic },
      steps: [
        { kind: 'run', argv: ['ip', 'link', 'set', 'dev', nic, 'master', bridge] },
        { kind: 'run', argv: ['ip', 'link', 'set', 'dev', nic, 'up'] },
      ],
      before: { master: link.master ?? null, state: link.state },
      verify: async () => {
        const now = await linkInfo(nic);
        const ok = now?.master === bridge && now.state === 'up';
        return {
          ok,
          readBack: said('bridge-port', { device: nic, bridge: now?.master ?? null, state: now?.state ?? 'missing' }),
        };
      },
    };
  },
  undo: ({ interface: nic = '' }, before) => [
    { kind: 'run', argv: ['ip', 'link', 'set', 'dev', nic, ...(before.master ? ['master', before.master] : ['nomaster'])] },
    ...(before.state === 'disabled' ? [{ kind: 'run' as const, argv: ['ip', 'link', 'set', 'dev', nic, 'down'] }] : []),
  ],
});
