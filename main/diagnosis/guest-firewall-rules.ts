/**
 * The VM's own firewall (ping and the service's port) and the service the host wants: listening,
 * and on an address the host can reach.
 */
import { isLoopbackBind } from '../probes/linux/parsers.ts';
import { inputVerdict } from '../probes/linux/ruleset.ts';
import { type Checklist, declareRule } from './checklist.ts';
import type { GuestFacts } from './guest-facts.ts';
import { notAnswered, unknownBecause } from './guest-rule-helpers.ts';
import type { GuestPath } from './guest-view.ts';

/** What these rules can find. */
export const GUEST_FIREWALL_RULES = declareRule('guest-firewall', [
  'GUEST_FIREWALL_BLOCKS_ICMP',
  'GUEST_FIREWALL_BLOCKS_PORT',
  'SERVICE_BOUND_TO_LOOPBACK',
  'SERVICE_NOT_LISTENING',
]);

/** 10–11. The VM's own firewall and the service the host wants to reach. */
export function firewallRules(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_FIREWALL_RULES);
  const { network, own, net } = path;
  const iface = path.nic.name;
  if (facts.firewall === null) unknownBecause(list, 'guest-firewall', facts, 'firewall');
  else if (facts.firewall.drops) {
    list.check('guest-firewall', 'fail', { rules: facts.firewall.rules, command: 'nft -j list ruleset' });
    list.found('GUEST_FIREWALL_BLOCKS_ICMP', { rules: facts.firewall.rules, subnet: network }, { rules: facts.firewall.rules });
  } else list.check('guest-firewall', 'pass', { rules: facts.firewall.rules });

  const ports =
    facts.options.servicePorts.length > 0
      ? facts.options.servicePorts
      : facts.options.symptom === 'host-cannot-reach-vm'
        ? [22]
        : [];
  if (ports.length === 0) return list.because('service', 'skip', 'no-service-port');
  if (facts.listening === null) return list.because('service', 'unknown', notAnswered(facts, 'listening').reason, { ports });
  const on = (port: number) => (facts.listening ?? []).filter((l) => l.port === port);
  const missing = ports.filter((port) => on(port).length === 0);
  // Listening on 127.0.0.1 / ::1 only: the VM itself can connect, nothing outside it can.
  const loopbackOnly = ports.filter((port) => on(port).length > 0 && on(port).every((l) => isLoopbackBind(l.address)));
  // The packet judged comes from the host (given, or as the network's evidence places it); behind
  // NAT it arrives from the NAT engine, the gateway.
  const source = net?.host?.address ?? facts.defaultGateway ?? own.address;
  const ruleset = facts.ruleset;
  const blocked = ruleset
    ? ports
        .filter((port) => !missing.includes(port) && !loopbackOnly.includes(port))
        .map((port) => ({ port, verdict: inputVerdict(ruleset, { kind: 'tcp', port }, source, iface) }))
        .filter((b) => b.verdict.drops)
    : [];
  list.check('service', missing.length || loopbackOnly.length || blocked.length ? 'fail' : 'pass', {
    ports,
    listening: facts.listening,
    blockedByFirewall: blocked.map((b) => ({ port: b.port, rules: b.verdict.rules })),
    command: 'ss -Htln; nft -j list ruleset; iptables-save',
  });
  const ufw = facts.ufw?.active === true;
  for (const { port, verdict } of blocked) {
    list.found(
      'GUEST_FIREWALL_BLOCKS_PORT',
      { port, rules: verdict.rules, ufw, subnet: network },
      { port, rules: verdict.rules, source, ...(ufw ? { ufw: { active: true, incoming: facts.ufw?.incoming ?? null } } : {}) },
    );
  }
  for (const port of loopbackOnly) {
    const listeners = on(port);
    list.found(
      'SERVICE_BOUND_TO_LOOPBACK',
      {
        port,
        addresses: listeners.map((l) => l.address),
        process: listeners.find((l) => l.process)?.process ?? null,
        vmAddress: own.address,
      },
      { port, listeners, command: 'ss -Htlnp' },
    );
  }
  for (const port of missing) {
    const sshd = port !== 22 ? null : facts.sshd.installed ? 'stopped' : 'not-installed';
    list.found(
      'SERVICE_NOT_LISTENING',
      { port, sshd },
      { port, listening: facts.listening, ...(port === 22 ? { sshd: facts.sshd } : {}) },
    );
  }
}
