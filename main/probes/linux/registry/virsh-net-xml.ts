/** Question: one libvirt network's definition — its bridge, forward mode, the host's address and DHCP. */
import { type LibvirtNetwork, parseNetXml, VIRSH_ENV, VIRSH_SYSTEM } from '../../libvirt/virsh-parsers.ts';
import { defineLinuxQuestion } from './declare.ts';

type NetworkXml = Pick<LibvirtNetwork, 'bridge' | 'forward' | 'hostAddress' | 'dhcp'>;

export const virshNetXmlQuestion = defineLinuxQuestion({
  id: 'libvirt-network-xml',
  platforms: ['linux'],
  // --network: a name from the list is passed as the option's value, never read as an option.
  argv: (p: { network: string }) => ['virsh', ...VIRSH_SYSTEM, 'net-dumpxml', '--network', p.network],
  env: VIRSH_ENV,
  budgetMs: (t) => t,
  packets: false,
  read: (run): NetworkXml =>
    run.status === 'ok' ? parseNetXml(run.stdout) : { bridge: null, forward: null, hostAddress: null, dhcp: false },
  fixtures: {
    folder: 'libvirt/fixtures/',
    match: /^net-dumpxml-/,
    origin: 'virsh 9.0.0 with LC_ALL=C against libvirt’s test driver',
    example: { network: 'default' },
  },
});
