/**
 * The VM was pinged and did not answer, and no rule found anything on this host that explains it
 * (no error or warning, and none of the designs that keep the host out: VirtualBox NAT without a
 * port forward, an internal network, macvtap): the cause is inside the VM, and saying so beats
 * "no problem found".
 */
import type { FindingId } from '../../common/domain.ts';
import { type Checklist, declareRule } from './checklist.ts';

/** What these rules can find. */
export const VM_SILENT_RULE = declareRule('vm-silent', ['VM_NOT_ANSWERING']);

const BY_DESIGN: FindingId[] = ['PORT_FORWARD_NEEDED', 'INTERNAL_NETWORK_ISOLATED', 'MACVTAP_HOST_ISOLATION'];

export function vmSilent(
  into: Checklist,
  ping: { target: string; reachable: boolean | null } | null,
  vm: string | null,
  reported: boolean,
): void {
  const list = into.as(VM_SILENT_RULE);
  if (ping?.reachable !== false) return;
  if (list.findings.some((f) => f.severity === 'error' || f.severity === 'warning' || BY_DESIGN.includes(f.id))) return;
  list.found('VM_NOT_ANSWERING', { target: ping.target, vm, reported }, { ...ping });
}
