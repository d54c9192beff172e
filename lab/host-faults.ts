/** Named ways to break the libvirt-style Linux host lab, for the tests and by hand. */
import type { LibvirtNatLab } from './lab.ts';

export const HOST_FAULTS: Record<string, (lab: LibvirtNatLab) => Promise<unknown>> = {
  'forwarding-off': (l) => l.exec(l.ns.host, ['sysctl', '-qw', 'net.ipv4.ip_forward=0']),
  // What Docker does to a host: a filter FORWARD chain whose policy is drop.
  'forward-drop': (l) =>
    l.exec(l.ns.host, [
      'nft',
      'add table ip dockerlike; add chain ip dockerlike forward { type filter hook forward priority 0; policy drop; }',
    ]),
  'bridge-down': (l) => l.exec(l.ns.host, ['ip', 'link', 'set', l.bridge, 'down']),
  'host-firewall-icmp': (l) =>
    l.exec(l.ns.host, [
      'nft',
      'add table inet hostfw; add chain inet hostfw input { type filter hook input priority 0; policy accept; }; add rule inet hostfw input icmp type echo-request drop',
    ]),
};
