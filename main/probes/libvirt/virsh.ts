/**
 * libvirt's virtual networks on a Linux host, from virsh: which exist, whether each is running
 * (an inactive network has no bridge at all — virbr0 simply vanishes), and its bridge and subnet.
 * The probes are the registry's (virsh-net-list, virsh-net-xml); their parsers are in virsh-parsers.ts.
 */
import type { ProbeReport } from '../../../common/domain.ts';
import { askLinux, runLinuxProbe } from '../linux/registry/declare.ts';
import { virshNetListProbe } from '../linux/registry/virsh-net-list.ts';
import { virshNetXmlQuestion } from '../linux/registry/virsh-net-xml.ts';
import { liveSource, type ProbeSource } from '../source.ts';
import type { LibvirtNetwork } from './virsh-parsers.ts';

/**
 * The system libvirt's networks, or null when virsh is missing or no daemon answers. At most one
 * dumpxml per network, all at once.
 */
export async function readLibvirtNetworks(
  timeoutMs: number,
  source: ProbeSource = liveSource,
): Promise<{ networks: LibvirtNetwork[] | null; report: ProbeReport; installed: boolean }> {
  const { run: list, data: rows, report: listed } = await runLinuxProbe(virshNetListProbe, source, timeoutMs);
  let report = listed;
  const installed = list.status !== 'not-installed';
  // virsh without a libvirtd to talk to: libvirt is simply not running here, not a failed probe.
  if (list.status === 'exit' && /failed to connect/i.test(list.stderr)) {
    const why = list.stderr.trim().split('\n').at(-1) ?? '';
    report = { ...report, status: 'unavailable', error: `no libvirt daemon answers (${why.replace(/^error:\s*/, '')})` };
  }
  if (list.status !== 'ok' || !rows) return { networks: null, report, installed };
  const details = await Promise.all(rows.map((r) => askLinux(virshNetXmlQuestion, { network: r.name }, source, timeoutMs)));
  const networks: LibvirtNetwork[] = rows.map((r, i) => ({
    ...r,
    ...(details[i]?.data ?? { bridge: null, forward: null, hostAddress: null, dhcp: false }),
  }));
  return { networks, report, installed };
}
