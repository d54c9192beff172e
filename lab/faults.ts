/** Named ways to break the VMware-NAT lab, shared by the tests and `npm run lab -- break NAME`. */
import { writeFileSync } from 'node:fs';
import type { VmwareNatLab } from './lab.ts';

export interface Fault {
  name: string;
  description: string;
  inject: (lab: VmwareNatLab) => Promise<void>;
}

const nftDropEcho = (table: string) =>
  `add table inet ${table}; add chain inet ${table} input { type filter hook input priority 0; policy accept; }; add rule inet ${table} input icmp type echo-request drop`;

export const FAULTS: Fault[] = [
  {
    name: 'interface-down',
    description: 'the guest NIC is administratively down',
    inject: async (l) => void (await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down'])),
  },
  {
    name: 'address-lost',
    description: 'the guest lost its DHCP address',
    inject: async (l) => void (await l.exec(l.ns.guest, ['ip', '-4', 'addr', 'flush', 'dev', l.guestIf])),
  },
  {
    name: 'no-dhcp-server',
    description: 'the DHCP service is stopped and the guest has no address',
    inject: async (l) => {
      await l.exec(l.ns.dhcp, ['ip', 'link', 'set', 'dhcp0', 'down']);
      await l.exec(l.ns.guest, ['ip', '-4', 'addr', 'flush', 'dev', l.guestIf]);
    },
  },
  {
    name: 'gateway-dot1',
    description: 'the guest uses the host (.1) as gateway instead of the NAT device (.2)',
    inject: async (l) => void (await l.exec(l.ns.guest, ['ip', 'route', 'replace', 'default', 'via', l.hostIp])),
  },
  {
    name: 'no-default-route',
    description: 'the guest has no default route',
    inject: async (l) => void (await l.exec(l.ns.guest, ['ip', 'route', 'del', 'default'])),
  },
  {
    name: 'wrong-subnet',
    description: 'the guest has a static address in another subnet',
    inject: async (l) => {
      await l.exec(l.ns.guest, ['ip', '-4', 'addr', 'flush', 'dev', l.guestIf]);
      await l.exec(l.ns.guest, ['ip', 'addr', 'add', '10.99.0.5/24', 'dev', l.guestIf]);
    },
  },
  ...[25, 32].map((prefix) => ({
    name: `prefix-${prefix}`,
    description: `the guest's static address has the prefix /${prefix} on the /24 network (typed by hand), so it has no default route`,
    inject: async (l: VmwareNatLab) => {
      await l.exec(l.ns.guest, ['ip', '-4', 'addr', 'flush', 'dev', l.guestIf]);
      await l.exec(l.ns.guest, ['ip', 'addr', 'add', `${l.subnet}.200/${prefix}`, 'dev', l.guestIf]);
    },
  })),
  {
    name: 'nameserver-missing',
    description: "the guest's resolv.conf names no nameserver",
    inject: async (l) => writeFileSync(`/etc/netns/${l.ns.guest}/resolv.conf`, ''),
  },
  {
    name: 'nameserver-dead',
    description: "the guest's nameserver does not exist",
    inject: async (l) => writeFileSync(`/etc/netns/${l.ns.guest}/resolv.conf`, `nameserver ${l.subnet}.77\n`),
  },
  {
    name: 'nat-stopped',
    description: 'the NAT device (.2) is gone, as when the VMware NAT Service stops',
    inject: async (l) => void (await l.exec(l.ns.nat, ['ip', 'link', 'set', 'nat0', 'down'])),
  },
  {
    name: 'host-firewall-icmp',
    description: "the host's firewall drops ping",
    inject: async (l) => void (await l.exec(l.ns.host, ['nft', nftDropEcho('hostfw')])),
  },
  {
    name: 'guest-firewall-icmp',
    description: "the guest's firewall drops ping",
    inject: async (l) => void (await l.exec(l.ns.guest, ['nft', nftDropEcho('guestfw')])),
  },
  {
    name: 'guest-firewall-ssh',
    description: "something listens on 22 in the guest, but the guest's firewall drops it",
    inject: async (l) => {
      await listenOn22(l);
      await l.exec(l.ns.guest, [
        'nft',
        'add table inet sshfw; add chain inet sshfw input { type filter hook input priority 0; policy accept; }; add rule inet sshfw input tcp dport 22 drop',
      ]);
    },
  },
  {
    name: 'clone-same-mac',
    description: 'a clone of the guest with the same MAC was running when the guest booted',
    inject: async (l) => {
      // The guest is off while its clone starts and claims the MAC-made IPv6 link-local address…
      const mac: string = JSON.parse(await l.exec(l.ns.guest, ['ip', '-j', 'link', 'show', l.guestIf]))[0].address;
      await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down']);
      await l.addClone(mac);
      await linkLocalSettles(l, l.cloneNs, (a) => !a.tentative);
      // …then the guest boots: link up, DHCP. Its own detection finds the address taken.
      await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'up']);
      await l.dhcpClient();
      await linkLocalSettles(l, l.ns.guest, (a) => a.dadfailed === true);
    },
  },
  {
    name: 'guest-ufw-ssh',
    description: 'something listens on 22 in the guest, but ufw (enabled, default deny) drops it',
    inject: async (l) => {
      await listenOn22(l);
      l.privateEtc(l.ns.guest, 'ufw'); // ufw keeps its state in /etc/ufw
      await l.exec(l.ns.guest, ['ufw', '--force', 'enable']);
    },
  },
  {
    name: 'guest-firewall-legacy-icmp',
    description: "the guest's firewall drops ping with iptables-legacy rules (as older distributions write them)",
    inject: async (l) =>
      void (await l.exec(l.ns.guest, [
        'iptables-legacy',
        '-A',
        'INPUT',
        '-p',
        'icmp',
        '--icmp-type',
        'echo-request',
        '-j',
        'DROP',
      ])),
  },
  {
    name: 'guest-vpn-rule',
    description:
      "a VPN in the guest with wg-quick's rules (not fwmark 51820 → table 51820, default via wg0) whose tunnel answers nothing; wg0 is a TUN device, as wireguard-go makes it",
    inject: async (l) => {
      await tunnelIn(l, 'wg0');
      await l.exec(l.ns.guest, ['ip', 'addr', 'add', '10.66.0.2/32', 'dev', 'wg0']);
      await l.exec(l.ns.guest, ['ip', 'route', 'add', 'default', 'dev', 'wg0', 'table', '51820']);
      await l.exec(l.ns.guest, ['ip', 'rule', 'add', 'not', 'fwmark', '51820', 'table', '51820']);
      await l.exec(l.ns.guest, ['ip', 'rule', 'add', 'table', 'main', 'suppress_prefixlength', '0']);
    },
  },
  {
    name: 'guest-vpn-split-default',
    description:
      "a VPN in the guest with OpenVPN's redirect-gateway def1 routes (0.0.0.0/1 and 128.0.0.0/1 via tun0) and a dead tunnel",
    inject: async (l) => {
      await tunnelIn(l, 'tun0');
      await l.exec(l.ns.guest, ['ip', 'route', 'add', '0.0.0.0/1', 'dev', 'tun0']);
      await l.exec(l.ns.guest, ['ip', 'route', 'add', '128.0.0.0/1', 'dev', 'tun0']);
    },
  },
  {
    name: 'mtu-mismatch',
    description:
      "the NAT device's side of the switch carries 1400-byte packets while the guest sends 1500 (a tunnel or PPPoE path)",
    inject: async (l) => {
      await l.exec(l.ns.sw, ['ip', 'link', 'set', 'p-nat', 'mtu', '1400']);
      await l.exec(l.ns.nat, ['ip', 'link', 'set', 'nat0', 'mtu', '1400']);
    },
  },
  // microsoft/WSL#4994, moby#13475: the host's uplink is a VPN or PPPoE that carries less than
  // 1500 bytes, while the VM's link to its gateway carries 1500. Here the NAT device's way out
  // carries 1420 (WireGuard's size).
  {
    name: 'mtu-beyond-gateway',
    description:
      'beyond the gateway the path carries 1420-byte packets and its router drops what is larger without saying so (ICMP "fragmentation needed" filtered: a black hole)',
    inject: async (l) => {
      await narrowWayOut(l, 1420);
      await l.exec(l.ns.nat, ['iptables', '-A', 'OUTPUT', '-p', 'icmp', '--icmp-type', 'fragmentation-needed', '-j', 'DROP']);
    },
  },
  {
    name: 'mtu-beyond-gateway-told',
    description:
      'not a fault (a control): beyond the gateway the path carries 1420-byte packets and its router says so (ICMP "fragmentation needed"), so the VM adapts',
    inject: (l) => narrowWayOut(l, 1420),
  },
  {
    name: 'gateway-dead',
    description: 'the guest routes through an address nothing holds (a static gateway typed wrong)',
    inject: async (l) => void (await l.exec(l.ns.guest, ['ip', 'route', 'replace', 'default', 'via', l.unusedIp])),
  },
  {
    // compassvpn/agent#122 and docker/compose#6555: a compose file that pins its network's subnet
    // bypasses Docker's check for networks in use; Docker gives the bridge the subnet's first
    // address (the host's, on VMware). NetworkManager puts its connections' prefix routes at metric
    // 100, so Docker's (metric 0) wins for the rest of the network too.
    name: 'docker-compose-overlap',
    description:
      "a compose network inside the guest pinned to the VM network's subnet: Docker's bridge holds the host's address, and its route (metric 0) beats the NIC's (metric 100, as NetworkManager sets it)",
    inject: async (l) => {
      const own = await l.guestAddress();
      await l.exec(l.ns.guest, ['ip', '-4', 'addr', 'del', `${own}/${l.prefixLength}`, 'dev', l.guestIf]);
      await l.exec(l.ns.guest, ['ip', 'addr', 'add', `${own}/${l.prefixLength}`, 'dev', l.guestIf, 'metric', '100']);
      await l.exec(l.ns.guest, ['ip', 'route', 'replace', 'default', 'via', l.natIp, 'dev', l.guestIf, 'metric', '100']);
      await dockerBridge(l, DOCKER_COMPOSE_BRIDGE, `${l.subnet}.1/${l.prefixLength}`);
    },
  },
  {
    name: 'service-on-loopback',
    description: 'a service in the guest listens on 127.0.0.1:8080 only (ask with --service-port 8080)',
    inject: async (l) => listenIn(l, 8080, '127.0.0.1'),
  },
];

/** Waits (up to 10 s) until the NIC's IPv6 link-local address in `ns` is as `settled` wants it. */
async function linkLocalSettles(
  l: VmwareNatLab,
  ns: string,
  settled: (a: { tentative?: boolean; dadfailed?: boolean }) => boolean,
): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const out = await l.exec(ns, ['ip', '-j', '-6', 'addr', 'show', 'dev', l.guestIf, 'scope', 'link'], true);
    try {
      const infos = (JSON.parse(out)[0]?.addr_info ?? []) as Array<{ tentative?: boolean; dadfailed?: boolean }>;
      if (infos.length > 0 && infos.every(settled)) return;
    } catch {
      // Not there yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`lab: the IPv6 link-local address in ${ns} did not settle`);
}

/** The NAT device's link to the internet carries only `mtu` bytes (both ends, as a tunnel would). */
async function narrowWayOut(l: VmwareNatLab, mtu: number): Promise<void> {
  await l.exec(l.ns.nat, ['ip', 'link', 'set', 'wan0', 'mtu', String(mtu)]);
  await l.exec(l.ns.inet, ['ip', 'link', 'set', 'inet0', 'mtu', String(mtu)]);
}

/** A TUN device in the guest with no program behind it: up, and every packet sent into it is lost. */
async function tunnelIn(l: VmwareNatLab, name: string): Promise<void> {
  await l.exec(l.ns.guest, ['ip', 'tuntap', 'add', 'dev', name, 'mode', 'tun']);
  await l.exec(l.ns.guest, ['ip', 'link', 'set', name, 'up']);
}

/** A compose network's bridge, as Docker names it: br- and the network id's first 12 hex digits. */
export const DOCKER_COMPOSE_BRIDGE = 'br-5c1a9d0e7f21';

/**
 * A Docker network's bridge in the guest as dockerd leaves it with no container attached: a bridge
 * with the network's gateway address, up, without ports (its route shows linkdown).
 */
export async function dockerBridge(l: VmwareNatLab, name: string, cidr: string): Promise<void> {
  await l.exec(l.ns.guest, ['ip', 'link', 'add', name, 'type', 'bridge']);
  await l.exec(l.ns.guest, ['ip', 'addr', 'add', cidr, 'dev', name]);
  await l.exec(l.ns.guest, ['ip', 'link', 'set', name, 'up']);
}

export function faultNamed(name: string): Fault | undefined {
  return FAULTS.find((f) => f.name === name);
}

/** Not a fault: an SSH stand-in listening on 22 inside the guest (the lab has no sshd). */
export const listenOn22 = (lab: VmwareNatLab) => listenIn(lab, 22, '0.0.0.0');

/** A stand-in service in the guest on `port`, bound to `address` (a Node one-liner; the lab installs nothing). */
export async function listenIn(lab: VmwareNatLab, port: number, address: string): Promise<void> {
  await lab.exec(lab.ns.guest, [
    'sh',
    '-c',
    `"$1" -e 'require("net").createServer(s => s.end("SSH-2.0-lab\\r\\n")).listen(Number(process.argv[1]), process.argv[2])' "$2" "$3" >/dev/null 2>&1 &`,
    'sh',
    process.execPath,
    String(port),
    address,
  ]);
  for (let i = 0; i < 50; i++) {
    if ((await lab.exec(lab.ns.guest, ['ss', '-Htln'])).includes(`:${port} `)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`lab: the stand-in on ${address}:${port} did not start`);
}
