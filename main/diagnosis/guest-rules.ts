/**
 * The guest-side diagnosis: pure functions from the gathered facts to the wizard's checklist
 * and the findings of shared/spec/findings.md, most likely root cause first. A failure early in
 * the chain (link, address, subnet) makes the later checks "skip": their symptoms follow from it.
 */
import type { Check, Finding } from '../../common/domain.ts';
import { isApipa, sameSubnet } from '../net/ipv4.ts';
import { isLinkLocalOf } from '../net/mac.ts';
import { inputVerdict } from '../probes/linux/ruleset.ts';
import { conventionalHost, type GuestFacts, natCandidateFor, type PingResult } from './guest-facts.ts';

export interface GuestDiagnosis {
  checks: Check[];
  findings: Finding[];
}

const pingOf = (facts: GuestFacts, purpose: PingResult['purpose']) => facts.pings.filter((p) => p.purpose === purpose);
/** Why a probe could not answer (missing tool, no rights, timeout), for a check that stays "unknown". */
const probeError = (facts: GuestFacts, id: string) => facts.probes.find((p) => p.id === id && p.status !== 'ok')?.error;

/** What ARP says of an address: answered with a MAC, or nobody there at all. */
function arpOf(facts: GuestFacts, address: string | null | undefined): string | null {
  const n = address ? facts.neighbours.get(address) : undefined;
  if (!n) return null;
  if (n.mac && !n.state.includes('FAILED') && !n.state.includes('INCOMPLETE')) return `answered (${n.mac})`;
  return n.state.includes('FAILED') || n.state.includes('INCOMPLETE') ? 'no answer' : null;
}

export function diagnoseGuest(facts: GuestFacts): GuestDiagnosis {
  const checks: Check[] = [];
  const findings: Finding[] = [];
  const check = (id: string, title: string, status: Check['status'], evidence?: Record<string, unknown>) =>
    checks.push({ id, title, status, ...(evidence ? { evidence } : {}) });
  const skipRest = (ids: Array<[string, string]>, why: string) => {
    for (const [id, title] of ids) check(id, title, 'skip', { reason: why });
  };
  const LATER: Array<[string, string]> = [
    ['duplicate-address', 'No other machine uses this address'],
    ['default-route', 'A default gateway is set'],
    ['gateway', 'The gateway is the virtual network’s gateway and answers'],
    ['host', 'The host answers'],
    ['internet', 'Addresses on the internet answer'],
    ['dns', 'Names resolve'],
    ['guest-firewall', 'This VM’s firewall lets ping in'],
    ['service', 'The service the host wants is listening'],
  ];

  // 1. The interface.
  const p = facts.primary;
  if (!p) {
    check('link', 'The VM’s network interface exists and is up', facts.adapters ? 'fail' : 'unknown', {
      adapters: facts.adapters?.map((a) => a.name) ?? null,
    });
    if (facts.adapters) {
      findings.push({
        id: 'CABLE_DISCONNECTED',
        severity: 'error',
        title: 'This VM has no network card',
        detail: 'No Ethernet interface was found: the VM’s virtual NIC is missing or not connected in the VM settings.',
        evidence: { adapters: facts.adapters.map((a) => a.name) },
        fixes: [],
      });
    }
    skipRest(
      [['ipv4', 'The interface has an IPv4 address'], ['subnet', 'The address is in the virtual network'], ...LATER],
      'no interface',
    );
    return { checks, findings };
  }
  const linkEvidence = {
    interface: p.name,
    state: p.state,
    mac: p.mac,
    macVendor: p.macVendor,
    hypervisor: facts.virtualization.hypervisor,
    dmi: [facts.virtualization.sysVendor, facts.virtualization.productName].filter(Boolean).join(' / ') || null,
    command: 'ip -d -j addr show',
  };
  if (p.state === 'disabled' || p.state === 'down') {
    check('link', 'The VM’s network interface exists and is up', 'fail', linkEvidence);
    findings.push({
      id: 'LINK_DOWN',
      severity: 'error',
      title: `${p.name} is down`,
      detail:
        p.state === 'disabled'
          ? `The interface ${p.name} is switched off (administratively down), so the VM has no network at all.`
          : `The interface ${p.name} is up but has no carrier: the virtual cable is unplugged (VM setting “Connected”).`,
      evidence: linkEvidence,
      fixes: ['linux.link-up'],
      fixParams: { interface: p.name },
    });
    skipRest(
      [['ipv4', 'The interface has an IPv4 address'], ['subnet', 'The address is in the virtual network'], ...LATER],
      `${p.name} is down`,
    );
    return { checks, findings };
  }
  check('link', 'The VM’s network interface exists and is up', 'pass', linkEvidence);

  // 2. An address.
  const own = facts.ownIp;
  if (!own) {
    const apipa = p.ipv4.find((a) => isApipa(a.address));
    check('ipv4', 'The interface has an IPv4 address', 'fail', { interface: p.name, addresses: p.ipv4 });
    findings.push({
      id: 'NO_IPV4',
      severity: 'error',
      title: `${p.name} has no IPv4 address`,
      detail: apipa
        ? `${p.name} only has ${apipa.address} (169.254.x.x): it asked DHCP for an address and nobody answered.`
        : `${p.name} is up but has no IPv4 address: DHCP did not give one and none is configured.`,
      evidence: { interface: p.name, addresses: p.ipv4 },
      fixes: ['linux.dhcp-renew', 'guest.config'],
      fixParams: { interface: p.name },
    });
    skipRest([['subnet', 'The address is in the virtual network'], ...LATER], 'no address');
    return { checks, findings };
  }
  check('ipv4', 'The interface has an IPv4 address', 'pass', {
    interface: p.name,
    address: `${own.address}/${own.prefixLength}`,
  });

  // 3. The right network. The expected one comes from --host-ip, else from the answers seen on-link.
  const hostIp = facts.options.hostIp ?? null;
  if (hostIp && !sameSubnet(own.address, hostIp, own.prefixLength)) {
    const evidence = { address: `${own.address}/${own.prefixLength}`, hostIp, inferredFrom: '--host-ip' };
    check('subnet', 'The address is in the virtual network', 'fail', evidence);
    findings.push({
      id: 'WRONG_SUBNET',
      severity: 'error',
      title: `${own.address} is not in the host’s network`,
      detail: `The VM has ${own.address}/${own.prefixLength}, but the host is ${hostIp}: they are on different networks, so neither the host nor the gateway is reachable directly. Use an address in ${hostIp.split('.').slice(0, 3).join('.')}.x or DHCP.`,
      evidence,
      fixes: ['guest.config'],
      fixParams: { interface: p.name },
    });
    skipRest(LATER, 'wrong network');
    return { checks, findings };
  }
  check('subnet', 'The address is in the virtual network', hostIp ? 'pass' : 'unknown', {
    address: `${own.address}/${own.prefixLength}`,
    hostIp,
    inferredFrom: hostIp ? '--host-ip' : 'not known (pass --host-ip to check)',
  });

  // 4. Nobody else uses the address (cloned VMs). A clone with our MAC shows itself through IPv6:
  // the kernel's duplicate address detection finds our MAC-made link-local address taken.
  const macClash = p.mac ? (p.duplicateIpv6 ?? []).find((a) => isLinkLocalOf(a, p.mac ?? '')) : undefined;
  if (macClash && p.mac) {
    const evidence = {
      mac: p.mac,
      linkLocal: macClash,
      how: 'IPv6 duplicate address detection: another machine already holds the link-local address made from this MAC',
      command: `ip -d -j addr show (${p.name}: dadfailed)`,
    };
    check('duplicate-address', 'No other machine uses this address', 'fail', evidence);
    findings.push({
      id: 'DUPLICATE_MAC',
      severity: 'error',
      title: `Another machine on this network has this VM’s MAC address ${p.mac}`,
      detail: `The address ${macClash}, which Linux makes from the MAC ${p.mac}, is already in use on the network: another machine has the same MAC — a copy of this VM that kept its network card’s address. The virtual switch then sends this VM’s traffic to one or the other, so connections come and go. Give one of them a new MAC (in the VM’s settings: VMware Network Adapter › Advanced › Generate; VirtualBox Network › Advanced › refresh the MAC address).`,
      evidence,
      fixes: ['guest.new-mac'],
      fixParams: { interface: p.name },
    });
  } else if (facts.duplicate && facts.duplicate.macs.length > 0) {
    const leased = p.ipv4.some((a) => a.address === own.address && a.dynamic === true);
    const evidence = {
      address: own.address,
      answeredBy: facts.duplicate.macs,
      ownMac: p.mac,
      leasedFromDhcp: leased,
      command: `arping -D -c 1 -w 1 -I ${p.name} ${own.address}`,
    };
    check('duplicate-address', 'No other machine uses this address', 'fail', evidence);
    findings.push({
      id: 'DUPLICATE_IP',
      severity: 'error',
      title: `Another machine also uses ${own.address}`,
      detail: `${facts.duplicate.macs.join(', ')} answered for ${own.address}, this VM’s own address. Two machines with one address break each other’s traffic; typical after cloning a VM.${
        leased
          ? ' This VM leased its address from DHCP: if the other machine is a copy of it, the DHCP server gave both the same address because they present the same identity (/etc/machine-id). Give the copy its own (sudo rm /etc/machine-id && sudo systemd-machine-id-setup, then reboot), or let netplan identify by MAC (dhcp-identifier: mac).'
          : ' The address is set by hand here: give one of the machines another one.'
      }`,
      evidence,
      fixes: ['guest.config'],
      fixParams: { interface: p.name },
    });
  } else {
    check('duplicate-address', 'No other machine uses this address', facts.duplicate ? 'pass' : 'unknown', {
      address: own.address,
      ...(facts.duplicate ? {} : { reason: probeError(facts, 'duplicate-address') ?? 'not probed' }),
    });
  }

  // 5–6. The gateway.
  const gateway = facts.defaultGateway;
  const gatewayPing = pingOf(facts, 'gateway')[0];
  const natPing = pingOf(facts, 'nat-candidate')[0];
  const hostPing = pingOf(facts, 'host')[0];
  const natCandidate = natCandidateFor(p, own);
  const expectedGateway = natPing?.reachable ? natPing.target : null;
  const how = expectedGateway
    ? `${p.macVendor} NIC (MAC ${p.mac}) and ${expectedGateway} answers: the hypervisor's NAT device is at .2`
    : null;
  // A host-only network (VMware VMnet1, VirtualBox host-only) has no gateway by design: the host
  // is there but no NAT device is. Missing internet is then expected, not a fault. "There" means
  // answering ping or, when its firewall drops ping (the classic), at least ARP.
  const hostArpAnswered = arpOf(facts, hostPing?.target)?.startsWith('answered') === true;
  const hostThere = hostPing?.reachable === true || hostArpAnswered;
  const hostOnly = !gateway && hostThere && natPing?.reachable === false;
  if (!gateway && hostOnly) {
    const evidence = {
      routes: facts.routes,
      host: hostPing?.target,
      natDeviceAnswers: natPing?.reachable ?? null,
      inferredFrom: hostPing?.reachable ? 'the host answers, no NAT device does' : 'the host answers ARP, no NAT device does',
    };
    check('default-route', 'A default gateway is set', 'skip', {
      ...evidence,
      reason: 'host-only network: no gateway by design',
    });
    if (facts.options.symptom === 'vm-no-internet') {
      findings.push({
        id: 'NO_DEFAULT_ROUTE',
        severity: 'warning',
        title: 'This VM is on a host-only network, which has no internet',
        detail: `The host ${hostPing?.target} answers but no NAT device does: this is a host-only network (VMware VMnet1, VirtualBox host-only), which has no gateway and no internet by design. Give the VM a second network adapter in NAT mode, or switch this one to NAT.`,
        evidence,
        fixes: [],
      });
    }
    check('gateway', 'The gateway is the virtual network’s gateway and answers', 'skip', { reason: 'host-only network' });
  } else if (!gateway) {
    const suggestion = expectedGateway ?? natCandidate;
    check('default-route', 'A default gateway is set', 'fail', {
      routes: facts.routes,
      expectedGateway: suggestion,
      inferredFrom: how,
    });
    findings.push({
      id: 'NO_DEFAULT_ROUTE',
      severity: 'error',
      title: 'No default gateway is set',
      detail: `Without a default route the VM can only reach ${own.address.split('.').slice(0, 3).join('.')}.x.${suggestion ? ` Set the gateway to ${suggestion}${how ? ` (${how})` : ''}.` : ''}`,
      evidence: { routes: facts.routes, expectedGateway: suggestion, inferredFrom: how },
      fixes: ['linux.set-gateway', 'guest.config'],
      fixParams: { interface: p.name, ...(suggestion ? { gateway: suggestion } : {}) },
    });
    check('gateway', 'The gateway is the virtual network’s gateway and answers', 'skip', { reason: 'no gateway' });
  } else {
    check('default-route', 'A default gateway is set', 'pass', { gateway, command: 'ip -j route show' });
    const offLink = !sameSubnet(own.address, gateway, own.prefixLength);
    const pointsAtHost =
      expectedGateway !== null &&
      gateway !== expectedGateway &&
      (gateway === (hostIp ?? conventionalHost(p, own.address)) || !gatewayPing?.reachable);
    if (offLink || pointsAtHost) {
      const evidence = { gateway, expectedGateway, gatewayAnswers: gatewayPing?.reachable ?? null, inferredFrom: how, offLink };
      check('gateway', 'The gateway is the virtual network’s gateway and answers', 'fail', evidence);
      findings.push({
        id: 'GATEWAY_MISMATCH',
        severity: 'error',
        title: `The gateway ${gateway} is wrong${expectedGateway ? `; it should be ${expectedGateway}` : ''}`,
        detail: offLink
          ? `${gateway} is not in the VM’s network ${own.address}/${own.prefixLength}, so it cannot be used.`
          : `${gateway} is the host, not the NAT device: traffic for the internet goes to a machine that does not route it. In VMware’s NAT network the gateway (and DNS) is ${expectedGateway}.`,
        evidence,
        fixes: ['linux.set-gateway', 'guest.config'],
        fixParams: { interface: p.name, ...(expectedGateway ? { gateway: expectedGateway } : {}) },
      });
    } else {
      const answers = gatewayPing?.reachable ?? null;
      check(
        'gateway',
        'The gateway is the virtual network’s gateway and answers',
        answers ? 'pass' : answers === false ? 'fail' : 'unknown',
        {
          gateway,
          answers,
          command: gatewayPing?.command,
          ...(answers === null ? { reason: probeError(facts, 'ping-gateway') ?? 'not probed' } : {}),
        },
      );
    }
  }

  // 7. The host.
  const hostTarget = hostPing?.target ?? null;
  if (hostPing) {
    const evidence = {
      host: hostTarget,
      answers: hostPing.reachable,
      arp: arpOf(facts, hostTarget),
      inferredFrom: hostIp ? '--host-ip' : `${p.macVendor} convention: the host is .1`,
      command: hostPing.command,
    };
    // The host drops ping rather than being absent when someone else answers, or it answers ARP.
    const somethingAnswers = gatewayPing?.reachable || natPing?.reachable || hostArpAnswered;
    if (hostPing.reachable === false && somethingAnswers) {
      check('host', 'The host answers', 'fail', evidence);
      findings.push({
        id: 'HOST_UNREACHABLE',
        severity: 'error',
        title: `The host ${hostTarget} does not answer`,
        detail: `This VM is set up correctly and other machines on its network answer, but the host at ${hostTarget} does not reply to ping${evidence.arp?.startsWith('answered') ? ` although it answers ARP (${evidence.arp.slice(10, -1)}): it is there and drops the ping` : ''}. The host’s firewall is the usual cause (Windows files the VM adapter under “Public” and blocks ping); allow ICMP echo from ${own.address.split('.').slice(0, 3).join('.')}.0/24 on the host.`,
        evidence,
        fixes: ['host.allow-icmp'],
        fixParams: { subnet: `${own.address.split('.').slice(0, 3).join('.')}.0/24` },
      });
    } else {
      check('host', 'The host answers', hostPing.reachable ? 'pass' : 'unknown', {
        ...evidence,
        ...(hostPing.reachable === null ? { reason: probeError(facts, 'ping-host') ?? 'not probed' } : {}),
      });
    }
  } else {
    check('host', 'The host answers', 'skip', { reason: 'host address unknown (pass --host-ip)' });
  }

  // 8. Beyond the gateway.
  const internet = pingOf(facts, 'internet');
  const internetUp = internet.some((i) => i.reachable);
  const gatewayUsable = gateway && !findings.some((f) => f.id === 'GATEWAY_MISMATCH');
  if (hostOnly) {
    check('internet', 'Addresses on the internet answer', 'skip', { reason: 'host-only network' });
  } else if (internet.length === 0) {
    check('internet', 'Addresses on the internet answer', 'skip', { reason: 'no internet target' });
  } else if (internetUp) {
    check('internet', 'Addresses on the internet answer', 'pass', {
      targets: internet.map((i) => ({ target: i.target, answers: i.reachable })),
    });
  } else if (internet.every((i) => i.reachable === null)) {
    check('internet', 'Addresses on the internet answer', 'unknown', {
      reason: probeError(facts, 'ping-internet') ?? 'not probed',
    });
  } else if (gatewayUsable) {
    const evidence = {
      gateway,
      gatewayAnswers: gatewayPing?.reachable ?? null,
      gatewayArp: arpOf(facts, gateway),
      targets: internet.map((i) => ({ target: i.target, answers: i.reachable })),
    };
    check('internet', 'Addresses on the internet answer', 'fail', evidence);
    findings.push({
      id: 'NO_INTERNET',
      severity: 'error',
      title: gatewayPing?.reachable
        ? 'The gateway answers, but nothing beyond it does'
        : `The gateway ${gateway} does not answer`,
      detail: gatewayPing?.reachable
        ? 'The VM reaches its gateway, but no internet address answers: the host is offline or its NAT does not forward.'
        : `The VM’s settings are right, but the NAT device at ${gateway} is silent${evidence.gatewayArp === 'no answer' ? ' — it does not even answer ARP, so nothing holds that address' : ''}: on the host, the VMware NAT Service (or libvirt’s network) is stopped.`,
      evidence,
      fixes: ['host.start-nat'],
    });
  } else {
    check('internet', 'Addresses on the internet answer', 'fail', { reason: 'gateway wrong or missing (see above)' });
  }

  // 9. Names.
  const nameservers = facts.resolv?.nameservers ?? null;
  const expectedDns = expectedGateway ?? (gatewayUsable ? gateway : null);
  if (facts.dns === null || hostOnly) {
    check('dns', 'Names resolve', 'skip', { reason: hostOnly ? 'host-only network' : 'no working interface' });
  } else if (facts.dns.status === 'unavailable') {
    check('dns', 'Names resolve', 'unknown', {
      reason: probeError(facts, 'dns-lookup') ?? 'the lookup could not run',
      nameservers,
    });
  } else if (facts.dns.addresses.length > 0) {
    check('dns', 'Names resolve', 'pass', {
      name: facts.dns.name,
      addresses: facts.dns.addresses,
      nameservers,
      resolvedUpstream: facts.resolvedUpstream,
    });
  } else if (!internetUp && internet.length > 0 && !(nameservers?.length === 0)) {
    check('dns', 'Names resolve', 'skip', { reason: 'nothing beyond the gateway answers (see above)', nameservers });
  } else {
    const evidence = {
      name: facts.dns.name,
      result: facts.dns.status,
      nameservers,
      command: facts.dns.command,
      suggestedDns: expectedDns,
      resolvConfWrittenBy: facts.resolv?.managedBy ?? 'a plain file (DHCP client or by hand)',
    };
    const owner = facts.resolv?.managedBy;
    const where = owner ? ` (${owner} writes /etc/resolv.conf, so the change is made through it)` : '';
    check('dns', 'Names resolve', 'fail', evidence);
    findings.push({
      id: 'DNS_BROKEN',
      severity: 'error',
      title:
        nameservers && nameservers.length === 0
          ? 'No DNS server is configured'
          : `Names do not resolve (DNS ${nameservers?.join(', ')})`,
      detail:
        nameservers && nameservers.length === 0
          ? `/etc/resolv.conf names no nameserver, so the VM cannot turn names into addresses.${expectedDns ? ` Use ${expectedDns}${where}.` : ''}`
          : `Addresses answer but ${facts.dns.name} does not resolve: the configured nameserver does not answer.${expectedDns ? ` Use ${expectedDns}${where}.` : ''}`,
      evidence,
      fixes: ['linux.set-dns', 'guest.config'],
      fixParams: { ...(expectedDns ? { dns: expectedDns } : {}), interface: p.name },
    });
  }

  // 10. The VM's own firewall (matters when the host pings the VM).
  if (facts.firewall === null) {
    check('guest-firewall', 'This VM’s firewall lets ping in', 'unknown', {
      reason: probeError(facts, 'firewall') ?? 'ruleset not readable (needs root)',
    });
  } else if (facts.firewall.drops) {
    const subnet = `${own.address.split('.').slice(0, 3).join('.')}.0/24`;
    check('guest-firewall', 'This VM’s firewall lets ping in', 'fail', {
      rules: facts.firewall.rules,
      command: 'nft -j list ruleset',
    });
    findings.push({
      id: 'GUEST_FIREWALL_BLOCKS_ICMP',
      severity: 'warning',
      title: 'This VM’s firewall drops ping',
      detail: `The VM’s own firewall drops incoming ICMP echo (${facts.firewall.rules.join('; ')}), so the host’s ping fails even though the network works.`,
      evidence: { rules: facts.firewall.rules },
      fixes: ['linux.allow-icmp'],
      fixParams: { subnet },
    });
  } else {
    check('guest-firewall', 'This VM’s firewall lets ping in', 'pass', { rules: facts.firewall.rules });
  }

  // 11. The service the host wants to reach.
  const ports =
    facts.options.servicePorts.length > 0
      ? facts.options.servicePorts
      : facts.options.symptom === 'host-cannot-reach-vm'
        ? [22]
        : [];
  if (ports.length === 0) {
    check('service', 'The service the host wants is listening', 'skip', { reason: 'no --service-port' });
  } else if (facts.listening === null) {
    check('service', 'The service the host wants is listening', 'unknown', { ports });
  } else {
    const missing = ports.filter((port) => !facts.listening?.includes(port));
    const source = hostIp ?? `${own.address.split('.').slice(0, 3).join('.')}.1`;
    const ruleset = facts.ruleset;
    const blocked = ruleset
      ? ports
          .filter((port) => !missing.includes(port))
          .map((port) => ({ port, verdict: inputVerdict(ruleset, { kind: 'tcp', port }, source, p.name) }))
          .filter((b) => b.verdict.drops)
      : [];
    check('service', 'The service the host wants is listening', missing.length || blocked.length ? 'fail' : 'pass', {
      ports,
      listening: facts.listening,
      blockedByFirewall: blocked.map((b) => ({ port: b.port, rules: b.verdict.rules })),
      command: 'ss -Htln; nft -j list ruleset; iptables-save',
    });
    for (const { port, verdict } of blocked) {
      findings.push({
        id: 'GUEST_FIREWALL_BLOCKS_PORT',
        severity: 'error',
        title: `This VM’s firewall drops port ${port}`,
        detail: `Something listens on TCP port ${port}, but the VM’s own firewall${facts.ufw?.active ? ' (ufw)' : ''} drops connections to it (${verdict.rules.join('; ')}), so the host cannot connect.`,
        evidence: {
          port,
          rules: verdict.rules,
          source,
          ...(facts.ufw?.active ? { ufw: `active, default ${facts.ufw.incoming ?? '?'} (incoming)` } : {}),
        },
        fixes: ['linux.allow-port'],
        fixParams: { port: String(port), subnet: `${own.address.split('.').slice(0, 3).join('.')}.0/24` },
      });
    }
    for (const port of missing) {
      findings.push({
        id: 'SERVICE_NOT_LISTENING',
        severity: 'error',
        title: `Nothing listens on port ${port}`,
        detail:
          port !== 22
            ? `The network works, but nothing listens on TCP port ${port}.`
            : !facts.sshd.installed
              ? 'The network works, but no SSH server is installed in this VM (openssh-server), so nothing answers on port 22.'
              : 'The network works and openssh-server is installed, but its service is not running, so nothing answers on port 22.',
        evidence: { port, listening: facts.listening, ...(port === 22 ? { sshd: facts.sshd } : {}) },
        // A missing listener is fixed by starting one; opening the firewall would not help.
        fixes: port === 22 ? ['guest.install-sshd'] : [],
        fixParams: {},
      });
    }
  }

  return { checks, findings };
}
