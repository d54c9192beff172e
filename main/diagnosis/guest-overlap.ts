/**
 * SUBNET_CONFLICT inside the VM: a network of its own (Docker's, Podman's, libvirt's) holds
 * addresses of the VM's network and takes the host's, the gateway's or the DNS server's packets
 * (guest-local-capture.ts finds it), named with who made it and a free subnet to move it to.
 */
import { cidrOf, freeSubnet, parseCidr } from '../net/ipv4.ts';
import { type Checklist, declareRule } from './checklist.ts';
import type { GuestFacts } from './guest-facts.ts';
import type { GuestPath } from './guest-view.ts';

/** What these rules can find. */
export const GUEST_OVERLAP_RULE = declareRule('guest-overlap', ['SUBNET_CONFLICT']);

/** SUBNET_CONFLICT (on the VM's routing) naming the local network and who made it, when one takes the VM network's packets. */
export function localNetworkRule(facts: GuestFacts, path: GuestPath, into: Checklist) {
  const list = into.as(GUEST_OVERLAP_RULE);
  const capture = path.local;
  if (!capture) return;
  const { vm, captures, taken } = capture;
  const [first] = taken;
  const occupied = (facts.adapters ?? [])
    .flatMap((a) => a.ipv4.map((x) => parseCidr(cidrOf(x.address, x.prefixLength))))
    .filter((n) => n !== null);
  const docker = facts.dockerNetworks[first.device.name] ?? null;
  const evidence = {
    lookups: facts.lookups.map((l) => ({ target: l.target, purpose: l.purpose, dev: l.dev, local: l.local })),
    device: first.device.name,
    deviceAddress: `${first.address}/${first.route.split('/')[1]}`,
    owner: first.owner,
    dockerNetwork: docker,
    vmNetwork: vm.network,
    vmInterface: vm.nic.name,
    command: 'ip -j route get …; ip -d -j addr show',
  };
  list.check('routing', 'fail', evidence);
  list.found(
    'SUBNET_CONFLICT',
    {
      vmnet: vm.nic.name,
      subnet: vm.network,
      other: `${first.device.name} (${first.route})`,
      otherIsWinNat: false,
      free: freeSubnet(occupied),
      otherDevice: first.device.name,
      otherRoute: first.route,
      owner: first.owner,
      captures,
      hostIsOwn: taken.some((t) => t.lookup.purpose === 'host' && t.lookup.local),
      dockerNetwork: docker?.name ?? null,
      composeProject: docker?.project ?? null,
    },
    evidence,
  );
}
