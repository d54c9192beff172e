/**
 * guest.config: the VM's persistent network configuration for its distribution, with the
 * network's real gateway and DNS. Values are validated before they reach a file, and every file
 * format is produced by small pure renderers so each is tested on its own.
 */
import { isIpv4 } from '../net/ipv4.ts';

/** A Linux interface name as we accept it: never option-like (no leading dash), at most 15 characters. */
export const LINUX_IFNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,14}$/;

export type ConfigFlavour = 'netplan' | 'ifupdown' | 'nm-keyfile' | 'ifcfg';

export interface GuestNetworkConfig {
  interface: string;
  mac: string | null;
  mode: 'dhcp' | 'static';
  /** "192.168.37.130/24" when static. */
  address?: string;
  gateway?: string;
  dns: string[];
}

export interface RenderedFile {
  path: string;
  content: string;
  /** netplan and NetworkManager ignore or warn about files others can read. */
  mode: number;
}

export interface OsRelease {
  id: string;
  versionId: string;
  idLike: string[];
}

export function parseOsRelease(text: string): OsRelease {
  const get = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1] ?? '';
  return { id: get('ID'), versionId: get('VERSION_ID'), idLike: get('ID_LIKE').split(/\s+/).filter(Boolean) };
}

/**
 * Which file format the distribution reads: netplan from Ubuntu 17.10 on, ifupdown on older
 * Ubuntu and Debian, NetworkManager keyfiles on Fedora and RHEL/CentOS 9, ifcfg on CentOS/RHEL 7–8.
 */
export function flavourFor(os: OsRelease, has: { netplan: boolean; networkManager: boolean }): ConfigFlavour {
  const version = Number.parseFloat(os.versionId) || 0;
  const family = [os.id, ...os.idLike];
  if (has.netplan) return 'netplan';
  if (os.id === 'ubuntu' && version >= 17.1) return 'netplan';
  if (family.includes('rhel') || family.includes('centos') || family.includes('fedora')) {
    if (os.id === 'fedora' || version >= 9) return 'nm-keyfile';
    return 'ifcfg';
  }
  if (family.includes('debian') || os.id === 'debian' || os.id === 'ubuntu')
    return has.networkManager ? 'nm-keyfile' : 'ifupdown';
  return has.networkManager ? 'nm-keyfile' : 'ifupdown';
}

/** `to: default` exists from netplan 0.103 (Ubuntu 22.04); older ones take 0.0.0.0/0. gateway4 is deprecated in both. */
export function netplanDefaultRouteKeyword(os: OsRelease): 'default' | '0.0.0.0/0' {
  return os.id === 'ubuntu' && (Number.parseFloat(os.versionId) || 0) < 22.04 ? '0.0.0.0/0' : 'default';
}

export function validateConfig(cfg: GuestNetworkConfig): string | null {
  if (!LINUX_IFNAME.test(cfg.interface)) return 'interface must be a Linux interface name';
  if (cfg.mac !== null && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(cfg.mac)) return 'mac must be like 00:0c:29:aa:bb:cc';
  if (cfg.mode === 'static') {
    const [ip, len] = (cfg.address ?? '').split('/');
    if (!ip || !isIpv4(ip) || !/^\d{1,2}$/.test(len ?? '') || Number(len) < 1 || Number(len) > 32)
      return 'address must be like 192.168.37.130/24';
    if (cfg.gateway !== undefined && !isIpv4(cfg.gateway)) return 'gateway must be an IPv4 address';
  }
  if (cfg.dns.some((d) => !isIpv4(d)) || cfg.dns.length > 3) return 'dns must be up to three IPv4 addresses';
  return null;
}

export function renderNetplan(cfg: GuestNetworkConfig, os: OsRelease): RenderedFile {
  const lines = [
    '# Written by VMnet Doctor (guest.config). The files it replaced are kept in its journal.',
    'network:',
    '  version: 2',
    '  ethernets:',
    `    ${cfg.interface}:`,
  ];
  // Matching by MAC survives the interface being renamed (e.g. a VM moved between hypervisors).
  if (cfg.mac) lines.push('      match:', `        macaddress: "${cfg.mac}"`, `      set-name: ${cfg.interface}`);
  if (cfg.mode === 'dhcp') {
    lines.push('      dhcp4: true');
    if (cfg.mac) lines.push('      dhcp-identifier: mac');
  } else {
    lines.push('      dhcp4: false', `      addresses: [${cfg.address}]`);
    if (cfg.gateway)
      lines.push('      routes:', `        - to: ${netplanDefaultRouteKeyword(os)}`, `          via: ${cfg.gateway}`);
  }
  if (cfg.dns.length) lines.push('      nameservers:', `        addresses: [${cfg.dns.join(', ')}]`);
  return { path: configPath('netplan', cfg.interface), content: `${lines.join('\n')}\n`, mode: 0o600 };
}

export function renderIfupdown(cfg: GuestNetworkConfig): RenderedFile {
  const lines = ['# Written by VMnet Doctor (guest.config).', `auto ${cfg.interface}`];
  if (cfg.mode === 'dhcp') lines.push(`iface ${cfg.interface} inet dhcp`);
  else {
    lines.push(`iface ${cfg.interface} inet static`, `    address ${cfg.address}`);
    if (cfg.gateway) lines.push(`    gateway ${cfg.gateway}`);
    // dns-nameservers is read by the resolvconf package's ifupdown hook.
    if (cfg.dns.length) lines.push(`    dns-nameservers ${cfg.dns.join(' ')}`);
  }
  return { path: configPath('ifupdown', cfg.interface), content: `${lines.join('\n')}\n`, mode: 0o644 };
}

export function renderNmKeyfile(cfg: GuestNetworkConfig): RenderedFile {
  const lines = [
    '# Written by VMnet Doctor (guest.config).',
    '[connection]',
    `id=vmnet-doctor-${cfg.interface}`,
    'type=ethernet',
    `interface-name=${cfg.interface}`,
    'autoconnect=true',
    'autoconnect-priority=100',
    '',
  ];
  if (cfg.mac) lines.push('[ethernet]', `mac-address=${cfg.mac}`, '');
  lines.push('[ipv4]');
  if (cfg.mode === 'dhcp') lines.push('method=auto');
  else {
    lines.push('method=manual', `address1=${cfg.address}${cfg.gateway ? `,${cfg.gateway}` : ''}`);
  }
  if (cfg.dns.length) lines.push(`dns=${cfg.dns.join(';')};`, ...(cfg.mode === 'dhcp' ? ['ignore-auto-dns=true'] : []));
  lines.push('', '[ipv6]', 'method=auto');
  return {
    path: configPath('nm-keyfile', cfg.interface),
    content: `${lines.join('\n')}\n`,
    mode: 0o600,
  };
}

export function renderIfcfg(cfg: GuestNetworkConfig): RenderedFile {
  const lines = [
    '# Written by VMnet Doctor (guest.config).',
    `DEVICE=${cfg.interface}`,
    `NAME=${cfg.interface}`,
    'TYPE=Ethernet',
    'ONBOOT=yes',
  ];
  if (cfg.mac) lines.push(`HWADDR=${cfg.mac}`);
  if (cfg.mode === 'dhcp') lines.push('BOOTPROTO=dhcp');
  else {
    const [ip, prefix] = (cfg.address ?? '').split('/');
    lines.push('BOOTPROTO=none', `IPADDR=${ip}`, `PREFIX=${prefix}`);
    if (cfg.gateway) lines.push(`GATEWAY=${cfg.gateway}`);
  }
  cfg.dns.forEach((d, i) => {
    lines.push(`DNS${i + 1}=${d}`);
  });
  if (cfg.mode === 'dhcp' && cfg.dns.length) lines.push('PEERDNS=no');
  return { path: configPath('ifcfg', cfg.interface), content: `${lines.join('\n')}\n`, mode: 0o644 };
}

/** The one file each flavour's configuration is written to (and undo restores): from the flavour and interface only. */
export function configPath(flavour: ConfigFlavour, iface: string): string {
  if (flavour === 'netplan') return '/etc/netplan/99-vmnet-doctor.yaml';
  if (flavour === 'ifupdown') return `/etc/network/interfaces.d/vmnet-doctor-${iface}`;
  if (flavour === 'nm-keyfile') return `/etc/NetworkManager/system-connections/vmnet-doctor-${iface}.nmconnection`;
  return `/etc/sysconfig/network-scripts/ifcfg-${iface}`;
}

export function renderGuestConfig(flavour: ConfigFlavour, cfg: GuestNetworkConfig, os: OsRelease): RenderedFile {
  switch (flavour) {
    case 'netplan':
      return renderNetplan(cfg, os);
    case 'ifupdown':
      return renderIfupdown(cfg);
    case 'nm-keyfile':
      return renderNmKeyfile(cfg);
    case 'ifcfg':
      return renderIfcfg(cfg);
  }
}

/**
 * How each flavour takes effect: what takes the interface down under the configuration in force
 * (ifupdown must deconfigure with the file that configured it), and what brings it up under the new one.
 */
export function applyArgv(flavour: ConfigFlavour, iface: string): { down: string[][]; up: string[][] } {
  switch (flavour) {
    case 'netplan':
      return { down: [], up: [['netplan', 'apply']] };
    case 'ifupdown':
      return { down: [['ifdown', '--force', iface]], up: [['ifup', iface]] };
    case 'nm-keyfile':
    case 'ifcfg':
      return {
        down: [],
        up: [
          ['nmcli', 'connection', 'reload'],
          ['nmcli', 'connection', 'up', `vmnet-doctor-${iface}`],
        ],
      };
  }
}
