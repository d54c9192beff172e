/**
 * A network that lives inside the VM — Docker's bridge, a compose project's network, Podman's,
 * libvirt's — with addresses of the VM's own network. Docker checks for networks in use only for
 * the subnets it picks itself; a compose file that pins one (compassvpn/agent#122,
 * docker/compose#6555) or a VM moved to another network afterwards leaves a bridge that takes the
 * host's (or the gateway's) packets: `ip route get` names the bridge, or says the address is this
 * VM's own. Derived from the facts alone: the overlap rule names it, the host and DNS rules step aside.
 */
import type { LocalNetworkOwner } from '../../common/catalogue/findings.ts';
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { cidrOf, inNetwork, isApipa, networksOverlap, parseCidr } from '../net/ipv4.ts';
import { DOCKER_NETWORK_BRIDGE } from '../probes/linux/docker.ts';
import type { GuestFacts, PingResult } from './guest-facts.ts';
import type { NicNetwork } from './guest-network.ts';

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

/** One target a local network takes: the lookup, the device and who made it, and its route. */
interface Taken {
  lookup: GuestFacts['lookups'][number];
  device: ExplainedLiveAdapter;
  owner: LocalNetworkOwner;
  route: string;
  address: string;
}

export interface LocalCapture {
  vm: NicNetwork;
  /** The targets a local network takes, by what they are. */
  captures: Array<'host' | 'gateway' | 'dns'>;
  taken: [Taken, ...Taken[]];
}

/** Whether a network inside this VM takes the packets for the host, the gateway or the DNS server of the VM's network. */
export function localCaptureOf(facts: GuestFacts, vm: NicNetwork | null): LocalCapture | null {
  const vmNet = vm ? parseCidr(vm.network) : null;
  if (!vm || !vmNet) return null;
  const adapters = facts.adapters ?? [];
  const holderOf = (address: string) => adapters.find((a) => a.ipv4.some((x) => x.address === address));
  const taken = facts.lookups.flatMap((l): Taken[] => {
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
  const [first, ...rest] = taken;
  if (!first) return null;
  const captures = [...new Set(taken.map((t) => t.lookup.purpose as LocalCapture['captures'][number]))];
  return { vm, captures, taken: [first, ...rest] };
}
