/**
 * A network that lives inside the VM — Docker's bridge, a compose project's network, Podman's,
 * libvirt's — with addresses of the VM's own network. Docker checks for networks in use only for
 * the subnets it picks itself; a compose file that pins one (compassvpn/agent#122,
 * docker/compose#6555) or a VM moved to another network afterwards leaves a bridge that takes the
 * host's (or the gateway's) packets: `ip route get` names the bridge, or says the address is this
 * VM's own. The host cannot reach the VM, and the VM's ping to "the host" is answered by itself.
 */
import type { LocalNetworkOwner } from '../../common/catalogue/findings.ts';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { cidrOf, freeSubnet, inNetwork, isApipa, networksOverlap, parseCidr } from '../net/ipv4.ts';
import { DOCKER_NETWORK_BRIDGE } from '../probes/linux/docker.ts';
import { type Checklist, declareRule } from './checklist.ts';
import type { GuestFacts, PingResult } from './guest-facts.ts';
import type { NicNetwork } from './guest-network.ts';

/** What these rules can find. */
export const GUEST_OVERLAP_RULE = declareRule('guest-overlap', ['SUBNET_CONFLICT']);

/** Who made a device that holds a network of its own, by the names their makers give them. */
export function localNetworkOwner(a: Pick<ExplainedLiveAdapter, 'name' | 'kind'>): LocalNetworkOwner | null {
  if (/^docker\d+$|^docker_gwbridge$/.test(a.name)) return 'docker';
  if (DOCKER_NETWORK_BRIDGE.test(a.name)) return 'docker-network';
  if (/^(podman\d+|cni-podman\d+|cni\d+)$/.test(a.name)) return 'podman';
  if (/^virbr\d+$/.test(a.name)) return 'libvirt';
  if (/^(lxcbr|lxdbr)\d+$/.test(a.name)) return 'lxc';
  return a.kind === 'bridge' ? 'bridge' : null;
}

const CAPTURED: ReadonlyArray<PingResult['purpose']> = ['host', 'gateway', 'dns'];

export interface LocalCapture {
  /** The targets a local network takes, by what they are. */
  captures: Array<'host' | 'gateway' | 'dns'>;
}

/**
 * Whether a network inside this VM takes the packets for the host, the gateway or the DNS server
 * of the VM's network; SUBNET_CONFLICT (on the VM's routing) naming it and who made it, when so.
 */
export function localNetworkCapture(facts: GuestFacts, into: Checklist, vm: NicNetwork | null): LocalCapture {
  const list = into.as(GUEST_OVERLAP_RULE);
  const none: LocalCapture = { captures: [] };
  if (!vm) return none;
  const adapters = facts.adapters ?? [];
  const vmNet = parseCidr(vm.network);
  if (!vmNet) return none;
  const holderOf = (address: string) => adapters.find((a) => a.ipv4.some((x) => x.address === address));
  const taken = facts.lookups.flatMap((l) => {
    if (!CAPTURED.includes(l.purpose) || !inNetwork(l.target, vmNet)) return [];
    const device = l.local ? holderOf(l.target) : adapters.find((a) => a.name === l.dev);
    if (!device || device.name === vm.nic.name) return [];
    const owner = localNetworkOwner(device);
    const own = device.ipv4.find(
      (x) => !isApipa(x.address) && networksOverlap(parseCidr(cidrOf(x.address, x.prefixLength)) ?? vmNet, vmNet),
    );
    if (!owner || !own) return [];
    return [{ lookup: l, device, owner, route: cidrOf(own.address, own.prefixLength), address: own.address }];
  });
  const first = taken[0];
  if (!first) return none;
  const captures = [...new Set(taken.map((t) => t.lookup.purpose as LocalCapture['captures'][number]))];
  const occupied = adapters
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
  return { captures };
}
