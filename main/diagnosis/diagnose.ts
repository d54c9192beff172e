/** `diagnose`: probe this machine and assemble the report of shared/spec/cli.md. */
import type { DiagnosisReport, Role } from '../../common/domain.ts';
import { type DiagnoseOptions, gatherGuestFacts } from './guest-facts.ts';
import { diagnoseGuest } from './guest-rules.ts';

export interface DiagnoseRequest extends DiagnoseOptions {
  role: Role | 'auto';
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export async function diagnose(request: DiagnoseRequest): Promise<DiagnosisReport> {
  const started = performance.now();
  if (process.platform !== 'linux')
    throw new Error('live diagnosis runs on Linux in this version; use diagnose --from on other systems');
  // Host-role rules are not written yet: a Linux machine is diagnosed as the VM's side.
  const role: Role = request.role === 'auto' ? 'guest' : request.role;
  const facts = await gatherGuestFacts(request);
  const { checks, findings } = diagnoseGuest(facts);
  // Stable sort: errors before warnings, and within a severity the rules' own cause-first order.
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return {
    role,
    platform: 'linux',
    durationMs: Math.round(performance.now() - started),
    probes: facts.probes.map(({ id, status, durationMs, error }) => ({ id, status, durationMs, ...(error ? { error } : {}) })),
    checks,
    findings,
  };
}
