/** Probe: libvirt's networks on this host, running or not (an inactive network has no bridge at all). */
import { parseNetList, VIRSH_ENV, VIRSH_SYSTEM } from '../../libvirt/virsh-parsers.ts';
import { defineLinuxProbe } from './declare.ts';

export const virshNetListProbe = defineLinuxProbe({
  id: 'libvirt-networks',
  platforms: ['linux'],
  argv: ['virsh', ...VIRSH_SYSTEM, 'net-list', '--all'],
  env: VIRSH_ENV,
  budgetMs: (t) => t,
  parse: parseNetList,
  fixtures: {
    folder: 'libvirt/fixtures/',
    match: /^net-list-all\.(active|after-net-destroy)\./,
    origin: 'virsh 9.0.0 with LC_ALL=C against libvirt’s test driver',
  },
});
