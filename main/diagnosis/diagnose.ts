/** `diagnose`: probe this machine and assemble the report of shared/spec/cli.md. */
import type { DiagnosisReport, Role } from '../../common/domain.ts';
import { probeLinuxAdapters } from '../probes/linux/ip-addr.ts';
import { type DiagnoseOptions, gatherGuestFacts } from './guest-facts.ts';
import { diagnoseGuest } from './guest-rules.ts';
import { gatherHostFacts, vmNetworkAdapters } from './host-facts.ts';
import { diagnoseHost } from './host-rules.ts';

export interface DiagnoseRequest extends DiagnoseOptions {
  role: Role | 'auto';
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export async function diagnose(request: DiagnoseRequest): Promise<DiagnosisReport> {
  const started = performance.now();
  if (process.platform !== 'linux')
    throw new Error('live diagnosis runs on Linux in this version; use diagnose --from on other systems');
  // A machine that carries VM networks (virbr0, vmnet8, vboxnet0) is a host; otherwise it is the VM.
  // Role detection lists the adapters once, and the facts reuse that listing.
  const adapters = request.role === 'auto' ? await probeLinuxAdapters(request.timeoutMs) : undefined;
  const role: Role =
    request.role !== 'auto' ? request.role : adapters?.data && vmNetworkAdapters(adapters.data).length > 0 ? 'host' : 'guest';
  const { probes, checks, findings } = role === 'host' ? await hostSide(request, adapters) : await guestSide(request, adapters);
  // Stable sort: errors before warnings, and within a severity the rules' own cause-first order.
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return {
    role,
    platform: 'linux',
    durationMs: Math.round(performance.now() - started),
    probes: probes.map(({ id, status, durationMs, error }) => ({ id, status, durationMs, ...(error ? { error } : {}) })),
    checks,
    findings,
  };
}

type Listing = Awaited<ReturnType<typeof probeLinuxAdapters>> | undefined;

async function hostSide(request: DiagnoseOptions, adapters: Listing) {
  const facts = await gatherHostFacts(request, adapters);
  return { probes: facts.probes, ...diagnoseHost(facts) };
}

async function guestSide(request: DiagnoseOptions, adapters: Listing) {
  const facts = await gatherGuestFacts(request, adapters);
  return { probes: facts.probes, ...diagnoseGuest(facts) };
}
