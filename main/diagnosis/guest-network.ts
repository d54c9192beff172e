/**
 * What each NIC of a guest is attached to, decided from what the network said: the NIC's real
 * prefix, its DHCP lease (server, router, DNS), its MAC vendor and the machine's DMI. A product's
 * address convention is used only when nothing observed gives the answer, and the result always
 * says which it was (`from`), so the evidence can name it.
 *
 * Product conventions (the last resort), with their sources:
 * - VMware NAT: host .1, NAT device .2 (gateway and DNS), DHCP .254; host-only: host .1, DHCP .254,
 *   no gateway (VMware Workstation "Default IP address assignment for host-only and NAT networks").
 * - VirtualBox NAT: 10.0.N.0/24, gateway and DHCP at .2, DNS .3, the guest .15; the host is not on
 *   this network (VirtualBox manual, "Network Address Translation (NAT)" and "Fine tuning the NAT engine").
 * - VirtualBox NAT Network: gateway .1, its DHCP server .3; the host is not on it either
 *   (VirtualBox manual, "Network Address Translation Service"; `VBoxManage natnetwork list` shows IP .1).
 * - VirtualBox host-only: host .1, DHCP .100 (`VBoxManage list dhcpservers`: 192.168.56.100), no gateway.
 * - libvirt NAT: the host is .1 and is gateway, DHCP and DNS (libvirt "default" network XML).
 * - Hyper-V Default Switch and WSL 2: the host is .1 of a /20, gateway, DHCP and DNS (ICS).
 */
import type { ExplainedLiveAdapter } from '../../common/domain.ts';
import { inNetwork, networkOf, nthHost } from '../net/ipv4.ts';
import type { DhcpLease } from '../probes/linux/dhcp-leases.ts';

export type NetworkProduct =
  | 'vmware-nat'
  | 'vmware-hostonly'
  | 'virtualbox-nat'
  | 'virtualbox-natnetwork'
  | 'virtualbox-hostonly'
  | 'libvirt'
  | 'hyperv-default'
  | 'lan';

/** How a value was decided: told by the user, from the lease, or the named product's convention. */
export type DecidedFrom = '--host-ip' | 'dhcp-lease' | 'route-proto-dhcp' | 'convention' | 'answered';

export interface Decided {
  address: string;
  from: DecidedFrom;
}

export interface NicNetwork {
  nic: ExplainedLiveAdapter;
  address: string;
  prefixLength: number;
  network: string;
  lease: DhcpLease | null;
  /** The product this network belongs to, or null when the evidence does not say. */
  product: NetworkProduct | null;
  /** Without a lease: the vendor's usual network, whose conventions are tried (never named as the cause). */
  assumed: NetworkProduct | null;
  /** What decided the product: lease facts and the vendor, in words of ids (for the evidence). */
  productFrom: string[];
  /** Where the network's router is (null: it has none, as host-only networks, or unknown). */
  gateway: Decided | null;
  dns: Decided[];
  /** The host machine's address on this network (null: the host is not on it, or unknown). */
  host: Decided | null;
  /** Whether the product has no router by design (host-only). */
  hostOnly: boolean;
}

interface Facts {
  address: string;
  prefixLength: number;
  vendor: string | null;
  lease: DhcpLease | null;
}

/** The product, from the lease first (who served it and what it offered), else the vendor and address. */
export function identifyProduct(f: Facts): { product: NetworkProduct | null; from: string[] } {
  const net = networkOf(f.address, f.prefixLength);
  const nth = (n: number) => nthHost(net, n);
  const server = f.lease?.server ?? null;
  const router = f.lease?.routers[0] ?? null;
  const vendorFrom = f.vendor ? [`mac-vendor:${f.vendor}`] : [];
  if (f.lease && server) {
    const leaseFrom = [`dhcp-server:${server}`, `router:${router ?? 'none'}`, ...vendorFrom];
    if (f.vendor === 'VMware' && server === nth(254))
      return { product: router ? 'vmware-nat' : 'vmware-hostonly', from: leaseFrom };
    if (f.vendor === 'VirtualBox') {
      if (server === nth(2) && router === nth(2) && f.address.startsWith('10.0.'))
        return { product: 'virtualbox-nat', from: leaseFrom };
      if (server === nth(3) && router === nth(1)) return { product: 'virtualbox-natnetwork', from: leaseFrom };
      if (!router && server === nth(100)) return { product: 'virtualbox-hostonly', from: leaseFrom };
    }
    // A lease from .1 that is also the router could be any home router: libvirt is named only on
    // its default network, 192.168.122.0/24 (a custom libvirt network stays unnamed).
    if (f.vendor === 'QEMU/KVM' && server === nth(1) && router === nth(1) && net.network === '192.168.122.0')
      return { product: 'libvirt', from: [...leaseFrom, 'libvirt-default-network'] };
    if (f.vendor === 'Hyper-V' && server === nth(1) && router === nth(1) && f.prefixLength === 20)
      return { product: 'hyperv-default', from: leaseFrom };
    // A DHCP server the vendor's own networks do not explain: a real LAN (bridged), or a custom
    // network. QEMU/KVM and Hyper-V leases from .1 look like a home router's, so those stay unnamed.
    const ownConvention = f.vendor === 'QEMU/KVM' || f.vendor === 'Hyper-V';
    return { product: router && !ownConvention ? 'lan' : null, from: leaseFrom };
  }
  // No lease: only the address and the vendor, and only where the convention is unambiguous.
  if (f.vendor === 'VirtualBox' && /^10\.0\.\d+\.15$/.test(f.address) && f.prefixLength === 24)
    return { product: 'virtualbox-nat', from: [...vendorFrom, 'address:10.0.N.15'] };
  return { product: null, from: vendorFrom };
}

/** Where each product puts its router, DNS and host: [gateway, dns, host] as n-th addresses, 0 for none. */
const CONVENTION: Record<Exclude<NetworkProduct, 'lan'>, { gateway: number; dns: number; host: number }> = {
  'vmware-nat': { gateway: 2, dns: 2, host: 1 },
  'vmware-hostonly': { gateway: 0, dns: 0, host: 1 },
  'virtualbox-nat': { gateway: 2, dns: 3, host: 0 },
  'virtualbox-natnetwork': { gateway: 1, dns: 1, host: 0 },
  'virtualbox-hostonly': { gateway: 0, dns: 0, host: 1 },
  libvirt: { gateway: 1, dns: 1, host: 1 },
  'hyperv-default': { gateway: 1, dns: 1, host: 1 },
};

/** The network a vendor's NIC is usually on, for a static address: VMware NAT, VirtualBox host-only (192.168.56.0/24), libvirt. */
function assumedProduct(vendor: string | null, address: string): NetworkProduct | null {
  if (vendor === 'VMware') return 'vmware-nat';
  if (vendor === 'VirtualBox' && address.startsWith('192.168.56.')) return 'virtualbox-hostonly';
  if (vendor === 'QEMU/KVM') return 'libvirt';
  return null;
}

export function modelNic(
  nic: ExplainedLiveAdapter,
  own: { address: string; prefixLength: number },
  lease: DhcpLease | null,
  context: { hypervisor: string | null; hostIp: string | null; dhcpRouter: string | null },
): NicNetwork {
  const vendor = nic.macVendor ?? context.hypervisor;
  const { product, from } = identifyProduct({ ...own, vendor, lease });
  const net = networkOf(own.address, own.prefixLength);
  // With no lease (a static address), the vendor's usual network is assumed for its conventions
  // only: every value taken from it is marked "convention" and must be confirmed by an answer.
  const assumed = product ?? (lease ? null : assumedProduct(vendor, own.address));
  const convention = assumed && assumed !== 'lan' ? CONVENTION[assumed] : null;
  const conventional = (n: number | undefined): Decided | null => {
    const address = n ? nthHost(net, n) : null;
    return address ? { address, from: 'convention' } : null;
  };
  const leaseRouter = lease?.routers.find((r) => inNetwork(r, net)) ?? null;
  const gateway: Decided | null = leaseRouter
    ? { address: leaseRouter, from: 'dhcp-lease' }
    : context.dhcpRouter
      ? { address: context.dhcpRouter, from: 'route-proto-dhcp' }
      : conventional(convention?.gateway);
  const dns: Decided[] = lease?.dns.length
    ? lease.dns.map((address) => ({ address, from: 'dhcp-lease' as const }))
    : [conventional(convention?.dns)].filter((d): d is Decided => d !== null);
  const host: Decided | null =
    context.hostIp && inNetwork(context.hostIp, net)
      ? { address: context.hostIp, from: '--host-ip' }
      : // On libvirt, Hyper-V and WSL the host is the router: the lease says where.
        (assumed === 'libvirt' || assumed === 'hyperv-default') && gateway
        ? { address: gateway.address, from: gateway.from }
        : conventional(convention?.host);
  const hostOnly =
    product === 'vmware-hostonly' || product === 'virtualbox-hostonly' || (lease !== null && lease.routers.length === 0);
  return {
    nic,
    address: own.address,
    prefixLength: own.prefixLength,
    network: `${net.network}/${net.prefixLength}`,
    lease,
    product,
    assumed: product ? null : assumed,
    productFrom: assumed && !product ? [...from, `assumed:${assumed}`] : from,
    gateway: hostOnly && !leaseRouter ? null : gateway,
    dns,
    host,
    hostOnly,
  };
}

/** The product as the evidence names it: who decided and how, for a check's or finding's evidence. */
export function networkEvidence(n: NicNetwork): Record<string, unknown> {
  return {
    interface: n.nic.name,
    network: n.network,
    product: n.product,
    assumed: n.assumed,
    decidedBy: n.productFrom,
    lease: n.lease ? { server: n.lease.server, routers: n.lease.routers, dns: n.lease.dns, from: n.lease.from } : null,
    expectedGateway: n.gateway,
    host: n.host,
  };
}
