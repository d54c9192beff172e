/**
 * linux.start-libvirt-dhcp: a libvirt network whose dnsmasq is gone gets it back, started exactly
 * as libvirt starts it — `dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/NAME.conf --leasefile-ro
 * --dhcp-script=<libvirt's leases helper>` — so it leases from the range, and writes the pid file,
 * that libvirt configured. The bridge and the running VMs are not touched (restarting the network
 * would cut them off). Verified by what the finding was about: a DHCP server listens on the bridge.
 * Undo stops that dnsmasq by the pid file its configuration names.
 */

import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { dhcpListenersProbe, runLinuxProbe } from '../probes/linux/registry/index.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { defineFix } from './definition.ts';
import { eventually } from './eventually.ts';
import { ifname } from './params.ts';

/** libvirt's network names: letters, digits and a few marks (virsh refuses a "/"). */
const networkName = z.string().regex(/^[\w.-]{1,64}$/, "a libvirt network's name");
const path = z
  .string()
  .max(256)
  .regex(/^\/[\w./-]+$/, 'an absolute path');

/** Where libvirt writes each network's dnsmasq configuration (libvirt's network driver). */
export const libvirtDnsmasqConf = (network: string) => `/var/lib/libvirt/dnsmasq/${network}.conf`;
/** The leases helper libvirt passes as --dhcp-script: Debian's and Fedora's place. */
const LEASES_HELPERS = ['/usr/lib/libvirt/libvirt_leaseshelper', '/usr/libexec/libvirt_leaseshelper'];

async function servesOn(bridge: string, source: ProbeSource = liveSource): Promise<boolean> {
  const { data } = await runLinuxProbe(dhcpListenersProbe, source, 4000);
  return (data ?? []).some((l) => l.port === 67 && l.device === bridge);
}

export const startLibvirtDhcp = defineFix({
  id: 'linux.start-libvirt-dhcp',
  platform: 'linux',
  params: z.object({ network: networkName, bridge: ifname }).strict(),
  before: z.strictObject({ pidFile: path }),
  plan: async ({ network = '', bridge = '' }, { source }) => {
    const conf = libvirtDnsmasqConf(network);
    const read = await source.readText(conf);
    if (read.status === 'missing')
      throw new Error(
        `libvirt's DHCP configuration ${conf} is missing: restart the network instead (virsh net-destroy ${network}; virsh net-start ${network})`,
      );
    // A bundle without this file, or a file this user may not read: said as such, never as "missing".
    if (read.status !== 'ok') throw new Error(read.message);
    const text = read.text;
    // The configuration must be this network's: its interface, and the pid file undo will use.
    if (!new RegExp(`^interface=${bridge.replace(/[.]/g, '\\.')}$`, 'm').test(text))
      throw new Error(`${conf} is not for ${bridge}; restart the network instead`);
    const pidFile = path.safeParse(/^pid-file=(.+)$/m.exec(text)?.[1]?.trim());
    if (!pidFile.success) throw new Error(`${conf} names no pid file; restart the network instead`);
    if (await servesOn(bridge, source)) throw new Error(`a DHCP server already answers on ${bridge}; nothing to start`);
    const helpers = await Promise.all(LEASES_HELPERS.map(async (h) => ((await source.exists(h)) ? h : null)));
    const helper = helpers.find((h) => h !== null);
    return {
      summary: { network, bridge, conf },
      steps: [
        {
          kind: 'run',
          argv: ['dnsmasq', `--conf-file=${conf}`, '--leasefile-ro', ...(helper ? [`--dhcp-script=${helper}`] : [])],
        },
      ],
      before: { pidFile: pidFile.data },
      verify: async () => {
        const ok = await eventually(() => servesOn(bridge), 4000);
        return { ok, readBack: said('dhcp-listens', { bridge, listens: ok }) };
      },
    };
  },
  // Only the dnsmasq this fix started: the one whose pid libvirt's configuration told it to write.
  undo: (_params, { pidFile }) => [{ kind: 'run', argv: ['pkill', '--pidfile', pidFile, 'dnsmasq'] }],
});
