/**
 * The guest's address hop: no address (and why: no DHCP answer, a 169.254 fallback), someone else
 * holding the address or the MAC (a clone), and the VM's other NICs (information only).
 */
import { isApipa } from '../net/ipv4.ts';
import { isLinkLocalOf } from '../net/mac.ts';
import { DHCP_ASK_SECONDS } from '../probes/linux/dhcp-ask.ts';
import { type Checklist, declareRule } from './checklist.ts';
import { type GuestFacts, vmNics } from './guest-facts.ts';
import { unknownBecause } from './guest-rule-helpers.ts';
import type { GuestPath } from './guest-view.ts';

/** What these rules can find. */
export const GUEST_ADDRESS_RULES = declareRule('guest-address', [
  'BRIDGE_NO_LEASE',
  'DUPLICATE_IP',
  'DUPLICATE_MAC',
  'LINK_DOWN',
  'NO_IPV4',
]);

/**
 * Every other NIC the hypervisor gave this VM: one that is down or has no address is said as
 * information (the symptom's NIC comes first; a VM may leave a NIC unused on purpose).
 */
export function otherNics(facts: GuestFacts, into: Checklist) {
  const list = into.as(GUEST_ADDRESS_RULES);
  for (const nic of vmNics(facts.adapters ?? [])) {
    if (nic.name === facts.primary?.name || nic.macVendor === null) continue;
    if (nic.state === 'disabled' || nic.state === 'down')
      list.found(
        'LINK_DOWN',
        { interface: nic.name, disabled: nic.state === 'disabled', other: true },
        { interface: nic.name, state: nic.state },
      );
    else if (!nic.ipv4.some((a) => !isApipa(a.address))) {
      const apipa = nic.ipv4.find((a) => isApipa(a.address))?.address ?? null;
      list.found('NO_IPV4', { interface: nic.name, apipa, other: true }, { interface: nic.name, addresses: nic.ipv4 });
    }
  }
}

/**
 * No address: what the network answered when asked just now decides the cause — nobody answers
 * or a server refuses (the network will not have this VM), or a server offers one (the VM's
 * client gave up). Not asked (not root, no dhclient): the plain "no address".
 */
export function noAddress(facts: GuestFacts, into: Checklist, p: NonNullable<GuestFacts['primary']>, apipa: string | null) {
  const list = into.as(GUEST_ADDRESS_RULES);
  const asked = facts.dhcp?.interface === p.name ? facts.dhcp : null;
  const answer = asked?.answer ?? null;
  const evidence = { interface: p.name, addresses: p.ipv4, mac: p.mac, answer, unavailable: asked?.unavailable ?? null };
  if (asked) list.check('dhcp-answer', !answer ? 'unknown' : answer.outcome === 'offered' ? 'pass' : 'fail', evidence);
  if (answer && answer.outcome !== 'offered') {
    list.found(
      'BRIDGE_NO_LEASE',
      {
        interface: p.name,
        outcome: answer.outcome,
        server: answer.outcome === 'refused' ? answer.server : null,
        mac: p.mac,
        hypervisor: facts.virtualization.hypervisor,
        seconds: DHCP_ASK_SECONDS,
      },
      evidence,
    );
    return;
  }
  const offered = answer?.outcome === 'offered' ? { offered: answer.address, server: answer.server } : {};
  list.found('NO_IPV4', { interface: p.name, apipa, ...offered }, evidence);
}

/** 4. Nobody else uses the address or the MAC (cloned VMs). */
export function duplicates(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_ADDRESS_RULES);
  const { nic: p, own } = path;
  const address = own.address;
  // A clone with our MAC shows itself through IPv6: the kernel's duplicate address detection
  // finds our MAC-made link-local address taken.
  const macClash = p.mac ? (p.duplicateIpv6 ?? []).find((a) => isLinkLocalOf(a, p.mac ?? '')) : undefined;
  if (macClash && p.mac) {
    const evidence = { mac: p.mac, linkLocal: macClash, how: 'ipv6-dad', command: `ip -d -j addr show (${p.name}: dadfailed)` };
    list.check('duplicate-mac', 'fail', evidence);
    list.found(
      'DUPLICATE_MAC',
      { mac: p.mac, interface: p.name, linkLocal: macClash, vms: [], network: null, hypervisor: null, vm: null, nic: null },
      evidence,
    );
  } else if (p.mac && p.ipv6.some((a) => isLinkLocalOf(a, p.mac ?? ''))) {
    list.check('duplicate-mac', 'pass', {
      mac: p.mac,
      how: 'ipv6-dad',
      linkLocal: p.ipv6.find((a) => isLinkLocalOf(a, p.mac ?? '')),
    });
  } else {
    // Only a MAC-made (EUI-64) link-local address tells a clone by its MAC; stable-privacy ones do not.
    list.because('duplicate-mac', 'unknown', 'no-mac-link-local', { mac: p.mac, ipv6: p.ipv6 });
  }
  if (facts.duplicate && facts.duplicate.macs.length > 0) {
    const leased = p.ipv4.some((a) => a.address === address && a.dynamic === true);
    const evidence = {
      address,
      answeredBy: facts.duplicate.macs,
      ownMac: p.mac,
      leasedFromDhcp: leased,
      command: `arping -D -c 1 -w 1 -I ${p.name} ${address}`,
    };
    list.check('duplicate-address', 'fail', evidence);
    list.found('DUPLICATE_IP', { interface: p.name, address, macs: facts.duplicate.macs, leased }, evidence);
  } else if (facts.duplicate) {
    list.check('duplicate-address', 'pass', { address });
  } else {
    unknownBecause(list, 'duplicate-address', facts, 'duplicate-address', { address });
  }
}
