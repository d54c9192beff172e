/**
 * `diagnose`: probe this machine (or replay a bundle) and assemble the report of shared/spec/cli.md.
 * Linux machines are guests or hosts; a Windows machine is always the host.
 */
import type { DiagnoseRequest } from '../../common/diagnose-request.ts';
import type { DiagnosisReport, ProbeReport, Role } from '../../common/domain.ts';
import { judge, type PathScope } from '../../common/path.ts';
import { inNetwork, networkOf } from '../net/ipv4.ts';
import { readLibvirtNetworks } from '../probes/libvirt/virsh.ts';
import { probeLinuxAdapters } from '../probes/linux/registry/adapters.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { thisPlatform } from '../runner/platform.ts';
import { type GuestFacts, gatherGuestFacts, vmNics } from './guest-facts.ts';
import { diagnoseGuest } from './guest-rules.ts';
import { gatherHostFacts, type HostFacts, vmNetworkAdapters } from './host-facts.ts';
import { diagnoseHost } from './host-rules.ts';
import { gatherWindowsFacts } from './windows-facts.ts';
import { diagnoseWindowsHost } from './windows-rules.ts';

export type DiagnosePlatform = 'linux' | 'windows';

export type { DiagnoseRequest } from '../../common/diagnose-request.ts';

export async function diagnose(
  request: DiagnoseRequest,
  source: ProbeSource = liveSource,
  platform: DiagnosePlatform | null = thisPlatform(),
): Promise<DiagnosisReport> {
  const started = performance.now();
  if (platform === null) throw new Error(`live diagnosis is not supported on ${process.platform}; use diagnose --from`);
  const { role, probes, checks, findings, scope } =
    platform === 'windows' ? await windowsSide(request, source) : await linuxSide(request, source);
  const judged = judge(request.symptom, checks, findings, scope);
  return {
    role,
    platform,
    durationMs: Math.round(performance.now() - started),
    probes: probes.map(({ id, status, durationMs, error }) => ({ id, status, durationMs, ...(error ? { error } : {}) })),
    checks,
    ...judged,
  };
}

/** A guest's networks are its NICs; the symptom's are the NIC it is about and the one of its default route. */
export function guestScope(facts: GuestFacts): PathScope {
  const defaultDev = facts.routes?.find((r) => r.dst === 'default')?.dev;
  const used = [facts.primary?.name, defaultDev].filter((n): n is string => Boolean(n));
  return { networks: vmNics(facts.adapters ?? []).map((n) => n.name), used, vmAddressKnown: facts.ownIp !== null };
}

/** A Linux host's networks are its VM bridges; with the VM's address given, the one that holds it. */
export function hostScope(facts: HostFacts): PathScope {
  const vmIp = facts.options.vmIp ?? null;
  const holding = vmIp
    ? facts.vmNetworks.filter((a) => a.ipv4.some((ip) => inNetwork(vmIp, networkOf(ip.address, ip.prefixLength))))
    : [];
  return {
    networks: facts.vmNetworks.map((a) => a.name),
    used: holding.length ? holding.map((a) => a.name) : null,
    vmAddressKnown: vmIp !== null,
  };
}

async function windowsSide(request: DiagnoseRequest, source: ProbeSource) {
  const facts = await gatherWindowsFacts(request, source);
  return { role: 'host' as Role, probes: facts.probes, ...diagnoseWindowsHost(facts) };
}

async function linuxSide(request: DiagnoseRequest, source: ProbeSource) {
  // A machine that carries VM networks (virbr0, vmnet8, vboxnet0) is a host; otherwise it is the VM.
  // Role detection lists the adapters once, and the facts reuse that listing.
  // So is one whose libvirt knows networks: a stopped network has no bridge to see.
  const auto = request.role === 'auto';
  const [adapters, libvirt] = auto
    ? await Promise.all([probeLinuxAdapters(request.timeoutMs, source), readLibvirtNetworks(request.timeoutMs, source)])
    : [undefined, undefined];
  const hasVmNetworks = (adapters?.data && vmNetworkAdapters(adapters.data).length > 0) || (libvirt?.networks?.length ?? 0) > 0;
  const role: Role = request.role !== 'auto' ? request.role : hasVmNetworks ? 'host' : 'guest';
  const result: {
    probes: ProbeReport[];
    checks: DiagnosisReport['checks'];
    findings: DiagnosisReport['findings'];
    scope: PathScope;
  } =
    role === 'host'
      ? await gatherHostFacts(request, adapters, source, libvirt).then((f) => ({
          probes: f.probes,
          ...diagnoseHost(f),
          scope: hostScope(f),
        }))
      : await gatherGuestFacts(request, adapters, source).then((f) => ({
          probes: f.probes,
          ...diagnoseGuest(f),
          scope: guestScope(f),
        }));
  return { role, ...result };
}
