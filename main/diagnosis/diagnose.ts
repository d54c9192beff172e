/**
 * `diagnose`: probe this machine (or replay a bundle) and assemble the report of shared/spec/cli.md.
 * Linux machines are guests or hosts; a Windows machine is always the host.
 */
import { FINDINGS, type FindingDecl } from '../../common/catalogue/findings.ts';
import type { DiagnoseRequest } from '../../common/diagnose-request.ts';
import type { DiagnosisReport, Finding, ProbeReport, Role } from '../../common/domain.ts';
import { readLibvirtNetworks } from '../probes/libvirt/virsh.ts';
import { probeLinuxAdapters } from '../probes/linux/ip-addr.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { thisPlatform } from '../services/platform.ts';
import { gatherGuestFacts } from './guest-facts.ts';
import { diagnoseGuest } from './guest-rules.ts';
import { gatherHostFacts, vmNetworkAdapters } from './host-facts.ts';
import { diagnoseHost } from './host-rules.ts';
import { gatherWindowsFacts } from './windows-facts.ts';
import { diagnoseWindowsHost } from './windows-rules.ts';

export type DiagnosePlatform = 'linux' | 'windows';

export type { DiagnoseRequest } from '../../common/diagnose-request.ts';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export async function diagnose(
  request: DiagnoseRequest,
  source: ProbeSource = liveSource,
  platform: DiagnosePlatform | null = thisPlatform(),
): Promise<DiagnosisReport> {
  const started = performance.now();
  if (platform === null) throw new Error(`live diagnosis is not supported on ${process.platform}; use diagnose --from`);
  const { role, probes, checks, findings } =
    platform === 'windows' ? await windowsSide(request, source) : await linuxSide(request, source);
  rankFindings(findings, request.symptom);
  return {
    role,
    platform,
    durationMs: Math.round(performance.now() - started),
    probes: probes.map(({ id, status, durationMs, error }) => ({ id, status, durationMs, ...(error ? { error } : {}) })),
    checks,
    findings,
  };
}

/** The path each symptom is about; 'vm-no-ip' and 'auto' are about whatever was found. */
const SYMPTOM_PATH: Partial<Record<DiagnoseRequest['symptom'], 'host' | 'internet'>> = {
  'vm-cannot-ping-host': 'host',
  'host-cannot-reach-vm': 'host',
  'vm-no-internet': 'internet',
};

/**
 * Orders findings in place, stably: those on the path the symptom is about first, then by
 * severity, and within both the rules' own cause-first order. An unrelated NO_INTERNET never
 * outranks the ping or port problem the user asked about.
 */
export function rankFindings(findings: Finding[], symptom: DiagnoseRequest['symptom']): Finding[] {
  const wanted = SYMPTOM_PATH[symptom];
  const off = (f: Finding) => {
    const concerns = (FINDINGS[f.id as keyof typeof FINDINGS] as { concerns?: FindingDecl<never>['concerns'] } | undefined)
      ?.concerns;
    return wanted && concerns && concerns !== wanted ? 1 : 0;
  };
  return findings.sort((a, b) => off(a) - off(b) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
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
  const result: { probes: ProbeReport[]; checks: DiagnosisReport['checks']; findings: DiagnosisReport['findings'] } =
    role === 'host'
      ? await gatherHostFacts(request, adapters, source, libvirt).then((f) => ({ probes: f.probes, ...diagnoseHost(f) }))
      : await gatherGuestFacts(request, adapters, source).then((f) => ({ probes: f.probes, ...diagnoseGuest(f) }));
  return { role, ...result };
}
