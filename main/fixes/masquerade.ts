/**
 * linux.restore-masquerade: a libvirt NAT network whose masquerade rule was wiped (a firewalld
 * reload, Docker, `nft flush ruleset`, `iptables -t nat -F`) gets the same rule back — the one
 * libvirt writes: traffic from the VM network to any other network leaves with the host's address.
 * It is written with the backend the host's NAT rules live in (the finding says which: nft,
 * iptables-nft or iptables-legacy; else nft when installed). With nft it lives in a table of its
 * own, so undo removes exactly that table; with iptables, exactly that commented rule. Verified by
 * walking the ruleset as the kernel does: a rule nothing reaches does not count.
 */

import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { natVerdict } from '../probes/linux/ruleset.ts';
import { onPath } from '../runner/on-path.ts';
import { defineFix } from './definition.ts';
import { readFirewallOrThrow } from './firewall-openings.ts';
import type { Step } from './journal.ts';
import { ifname, vmSubnet } from './params.ts';

const TABLE = 'vmnet_doctor_nat';
const COMMENT = 'vmnet-doctor masquerade';

const iptablesRule = (subnet: string) => [
  '-s',
  subnet,
  '!',
  '-d',
  subnet,
  '-m',
  'comment',
  '--comment',
  COMMENT,
  '-j',
  'MASQUERADE',
];

const TOOLS = ['nft', 'iptables', 'iptables-legacy'] as const;
const before = z.strictObject({ tool: z.enum(TOOLS), subnet: vmSubnet });

export const restoreMasquerade = defineFix({
  id: 'linux.restore-masquerade',
  platform: 'linux',
  params: z.object({ subnet: vmSubnet, interface: ifname, backend: z.enum(TOOLS).optional() }).strict(),
  before,
  plan: async ({ subnet = '', interface: dev = '', backend }, { source }) => {
    const { ruleset } = await readFirewallOrThrow(source);
    const masqueraded = () => readFirewallOrThrow().then((f) => natVerdict(f.ruleset, { iface: dev, subnet }).masqueraded);
    if (natVerdict(ruleset, { iface: dev, subnet }).masqueraded)
      throw new Error(`${subnet} is already masqueraded; nothing to put back`);
    const tool = backend ?? (onPath('nft') ? 'nft' : 'iptables');
    const steps: Step[] =
      tool === 'nft'
        ? [
            { kind: 'run', argv: ['nft', 'add', 'table', 'ip', TABLE] },
            {
              kind: 'run',
              argv: ['nft', 'add', 'chain', 'ip', TABLE, 'postrouting', '{ type nat hook postrouting priority 100 ; }'],
            },
            {
              kind: 'run',
              argv: [
                'nft',
                'add',
                'rule',
                'ip',
                TABLE,
                'postrouting',
                'ip',
                'saddr',
                subnet,
                'ip',
                'daddr',
                '!=',
                subnet,
                'masquerade',
              ],
            },
          ]
        : [{ kind: 'run', argv: [tool, '-t', 'nat', '-A', 'POSTROUTING', ...iptablesRule(subnet)] }];
    return {
      summary: { subnet, interface: dev, tool },
      steps,
      before: { tool, subnet },
      verify: async () => {
        const ok = await masqueraded();
        return { ok, readBack: said('masquerade', { subnet, ok }) };
      },
    };
  },
  undo: (_params, { tool, subnet }) =>
    tool === 'nft'
      ? [{ kind: 'run', argv: ['nft', 'delete', 'table', 'ip', TABLE] }]
      : [{ kind: 'run', argv: [tool, '-t', 'nat', '-D', 'POSTROUTING', ...iptablesRule(subnet)] }],
});
