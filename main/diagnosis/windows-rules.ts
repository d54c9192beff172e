/**
 * Host-side rules for a Windows host: pure functions from WindowsHostFacts to the checklist and
 * the findings, one module per product (windows-vmware-rules, windows-vbox-rules,
 * windows-bridge-rules, windows-machine-rules) and the firewall's echo verdict
 * (windows-firewall-rules). They run in any order; the report is ranked from the symptom's path.
 */
import type { Check, Finding } from '../../common/domain.ts';
import type { PathScope } from '../../common/path.ts';
import { Checklist } from './checklist.ts';
import { vmSilent } from './vm-silent-rules.ts';
import { windowsBridgeRules } from './windows-bridge-rules.ts';
import type { VmnetExpectation, WindowsHostFacts } from './windows-facts.ts';
import { duplicateMacs, hyperVRules, macUsers } from './windows-machine-rules.ts';
import { windowsScope } from './windows-scope.ts';
import { virtualBoxRules } from './windows-vbox-rules.ts';
import { expectedVmnets, vmwareInstalled } from './windows-vmnets.ts';
import { vmwareRules } from './windows-vmware-rules.ts';

export type { VmnetExpectation } from './windows-facts.ts';
export { echoVerdict, remoteCovers } from './windows-firewall-rules.ts';
export { duplicateMacs, macUsers } from './windows-machine-rules.ts';
export { vboxIsolationRules } from './windows-vbox-rules.ts';

/** One rule of a Windows host: it writes checks and findings, and reads nothing another rule wrote. */
type WindowsRule = (facts: WindowsHostFacts, list: Checklist, vmnets: readonly VmnetExpectation[]) => void;

/** The rules, in any order: the report is the same (the checks and findings are ordered afterwards). */
export const WINDOWS_RULES: readonly WindowsRule[] = [
  (facts, list, vmnets) =>
    vmwareInstalled(facts)
      ? vmwareRules(facts, facts.adapters ?? [], list, [...vmnets])
      : list.because('vmware-installed', 'skip', 'no-vmware'),
  (facts, list) => virtualBoxRules(facts, facts.adapters ?? [], list),
  (facts, list) => windowsBridgeRules(facts, list),
  (facts, list) => duplicateMacs(macUsers(facts), list),
  (facts, list) => hyperVRules(facts, list),
];

export function diagnoseWindowsHost(
  facts: WindowsHostFacts,
  rules: readonly WindowsRule[] = WINDOWS_RULES,
): { checks: Check[]; findings: Finding[]; scope: PathScope } {
  const list = new Checklist();
  // VMware's networks, read once: the rules check them, the path knows which the VM uses.
  const vmnets = vmwareInstalled(facts) ? expectedVmnets(facts) : [];
  for (const rule of rules) rule(facts, list, vmnets);
  // Then the one conclusion drawn from all the others: the VM is silent though this host passed.
  vmAnswerRule(facts, list);
  const scope = windowsScope(facts, vmnets);
  return { checks: list.inOrder(scope.networks), findings: list.findings, scope };
}

/** The VM's address, whether it answers, and why not when it is silent: reads what every other rule found. */
function vmAnswerRule(facts: WindowsHostFacts, list: Checklist) {
  const known = facts.guests.filter((g) => g.ip);
  list.check('vm-address', facts.options.vmIp || known.length ? 'pass' : 'skip', {
    given: facts.options.vmIp ?? null,
    reportedByTools: facts.guests,
  });
  if (facts.vmPing) list.check('vm-answers', facts.vmPing.reachable ? 'pass' : 'fail', { ...facts.vmPing });
  else list.because('vm-answers', 'skip', 'vm-ip-unknown');
  const named = facts.guests.find((g) => g.ip === facts.vmPing?.target);
  vmSilent(
    list,
    facts.vmPing,
    named ? (named.vm.split(/[\\/]/).pop() ?? named.vm).replace(/\.vmx$/i, '') : null,
    !facts.options.vmIp,
  );
}
