/** Named ways to break the libvirt-style Linux host lab, for the tests and by hand. */
import type { LibvirtNatLab } from './lab.ts';

const iptablesOf = (l: LibvirtNatLab) => (l.natBackend === 'iptables-legacy' ? 'iptables-legacy' : 'iptables');

export const HOST_FAULTS: Record<string, (lab: LibvirtNatLab) => Promise<unknown>> = {
  'forwarding-off': (l) => l.exec(l.ns.host, ['sysctl', '-qw', 'net.ipv4.ip_forward=0']),
  // What Docker does to a host: a filter FORWARD chain whose policy is drop.
  'forward-drop': (l) =>
    l.exec(l.ns.host, [
      'nft',
      'add table ip dockerlike; add chain ip dockerlike forward { type filter hook forward priority 0; policy drop; }',
    ]),
  // What a firewalld reload or `nft flush ruleset` does to libvirt's NAT: its masquerade rule is gone.
  'masquerade-wiped': (l) => l.exec(l.ns.host, ['nft', 'delete', 'table', 'ip', 'libvirt_nat']),
  // A VPN on the host that pushes the upper half of the VM network: the host's packets to those VMs go into tun0.
  'overlapping-route': async (l) => {
    await l.exec(l.ns.host, ['ip', 'tuntap', 'add', 'dev', 'tun0', 'mode', 'tun']);
    await l.exec(l.ns.host, ['ip', 'link', 'set', 'tun0', 'up']);
    await l.exec(l.ns.host, ['ip', 'route', 'add', `${l.subnet}.128/25`, 'dev', 'tun0']);
  },
  // The same wipes in the iptables backends (libvirt's LIBVIRT_PRT layout): flushing POSTROUTING
  // leaves libvirt's rule in place but no longer reached; flushing the whole nat table removes it.
  'nat-postrouting-flushed': (l) => l.exec(l.ns.host, [iptablesOf(l), '-t', 'nat', '-F', 'POSTROUTING']),
  'nat-table-flushed': (l) => l.exec(l.ns.host, [iptablesOf(l), '-t', 'nat', '-F']),
  // What `nft flush ruleset` does (a script, or a firewall reload that starts from nothing).
  'nft-flush-ruleset': (l) => l.exec(l.ns.host, ['nft', 'flush', 'ruleset']),
  // Red Hat bugzilla 805942: the network's dnsmasq is gone (killed, or failed to start after a reload).
  'dhcp-killed': (l) => l.killDnsmasq(),
  'bridge-down': (l) => l.exec(l.ns.host, ['ip', 'link', 'set', l.bridge, 'down']),
  'host-firewall-icmp': (l) =>
    l.exec(l.ns.host, [
      'nft',
      'add table inet hostfw; add chain inet hostfw input { type filter hook input priority 0; policy accept; }; add rule inet hostfw input icmp type echo-request drop',
    ]),
};
