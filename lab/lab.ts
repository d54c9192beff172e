/**
 * The lab: small, faithful copies of VMware's virtual networks built from network namespaces
 * on one machine, so the probes, the diagnosis and the fixes run against real packets.
 *
 *   inet (203.0.113.1, .10 = "internet")  ── wan0 ── nat (NAT device .2, masquerade, DNS proxy)
 *                                                     │ nat0
 *   host (vmnet8 .1) ── sw (bridge) ── dhcp (.254, pool .128–.253, router/DNS .2)
 *                                     └── guest (ens33, VMware MAC, dhclient)
 *
 * Traffic never leaves these namespaces; everything is removed by down(), also after failures.
 * Needs root. Every name and address is a parameter, so tests can vary them.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inNetwork, networkOf, prefixToMask } from '../main/net/ipv4.ts';
import { runProcess } from '../main/runner/process-runner.ts';

export interface VmwareNatLabOptions {
  /** Unique per lab; namespaces are named `<id>-host`, `<id>-guest`, … (ids up to 6 chars). */
  id?: string;
  /** First three octets of the VM network, e.g. "192.168.37". */
  subnet?: string;
  guestIf?: string;
  hostIf?: string;
  guestMac?: string;
  /** VMnet1-style host-only network: no NAT device, and DHCP hands out no gateway or DNS. */
  hostOnly?: boolean;
  /** The host adapter's MAC (VMware's VMnet8 by default). */
  hostMac?: string;
  /** Last octet of the DHCP server, and its pool's first and last (VMware: .254, .128–.253). */
  dhcp?: { server: number; first: number; last: number };
  /** The network's prefix (VMware: 24); the last octets above are absolute, so a /25 at .128 uses .129–.254. */
  prefixLength?: number;
  /** Last octet of the NAT device (VMware .2, a VirtualBox NAT Network .1) and of its DNS proxy (default: the same). */
  natAt?: number;
  dnsAt?: number;
  /** Last octet of the host's adapter, or null when the host is not on this network (VirtualBox NAT). */
  hostAt?: number | null;
}

export const INTERNET_TARGET = '203.0.113.10';
export const LAB_DNS_NAME = 'lab.test';

/** What every lab shares: namespaces with their own resolv.conf, running commands in them, teardown. */
export abstract class NamespaceLab<Roles extends string> {
  readonly id: string;
  readonly dir: string;
  readonly ns: Record<Roles, string>;

  constructor(id: string | undefined, roles: readonly Roles[]) {
    this.id = id ?? `vd${Math.random().toString(36).slice(2, 6)}`;
    this.dir = join(tmpdir(), `vmnet-doctor-lab-${this.id}`);
    this.ns = Object.fromEntries(roles.map((r) => [r, `${this.id}-${r}`])) as Record<Roles, string>;
  }

  /** Runs a command inside one of the lab's namespaces; throws when it fails. */
  async exec(ns: string, argv: string[], allowFailure = false): Promise<string> {
    const r = await runProcess('ip', ['netns', 'exec', ns, ...argv], { timeoutMs: 20_000 });
    if (r.status !== 'ok' && !allowFailure) throw new Error(`lab: ${argv.join(' ')} in ${ns}: ${r.message} ${r.stderr}`);
    return r.stdout;
  }

  async ip(argv: string[]): Promise<void> {
    const r = await runProcess('ip', argv, { timeoutMs: 10_000 });
    if (r.status !== 'ok') throw new Error(`lab: ip ${argv.join(' ')}: ${r.stderr.trim()}`);
  }

  protected async createNamespaces(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    for (const ns of Object.values<string>(this.ns)) {
      await this.ip(['netns', 'add', ns]);
      await this.exec(ns, ['ip', 'link', 'set', 'lo', 'up']);
      // `ip netns exec` bind-mounts this file over /etc/resolv.conf inside the namespace.
      mkdirSync(`/etc/netns/${ns}`, { recursive: true });
      writeFileSync(`/etc/netns/${ns}/resolv.conf`, '');
    }
  }

  /**
   * Gives namespace `ns` its own copy of /etc/NAME (`ip netns exec` mounts /etc/netns/NS/NAME over
   * it), so tools that keep their configuration there (ufw, ifupdown) never touch the machine's own.
   */
  privateEtc(ns: string, name: string): void {
    const own = `/etc/netns/${ns}/${name}`;
    mkdirSync(own, { recursive: true });
    cpSync(`/etc/${name}`, own, { recursive: true });
  }

  /** A guest does at boot: ask DHCP for an address, gateway and DNS (dhclient writes resolv.conf). */
  protected async dhclient(ns: string, ifname: string): Promise<void> {
    await this.exec(ns, ['dhclient', '-4', '-1', ...this.dhclientFiles(ns), ifname]);
  }

  protected dhclientFiles(ns: string): string[] {
    return ['-lf', join(this.dir, `${ns}.leases`), '-pf', join(this.dir, `${ns}-dhclient.pid`)];
  }

  async addressOf(ns: string, ifname: string): Promise<string | null> {
    const out = await this.exec(ns, ['ip', '-j', '-4', 'addr', 'show', 'dev', ifname], true);
    try {
      const info = JSON.parse(out)[0]?.addr_info?.[0]?.local;
      return typeof info === 'string' ? info : null;
    } catch {
      return null;
    }
  }

  /**
   * A NIC plugged into a switch: `ifname` (with `mac`, when given) lives in `ns`; its peer `port`
   * is a port of `bridge` in `bridgeNs`. A veth pair stands in for a tap or a cable.
   */
  protected async plugInto(
    bridgeNs: string,
    bridge: string,
    ns: string,
    ifname: string,
    port: string,
    mac?: string,
  ): Promise<void> {
    const address = mac ? ['address', mac] : [];
    await this.ip(['link', 'add', ifname, 'netns', ns, ...address, 'type', 'veth', 'peer', 'name', port, 'netns', bridgeNs]);
    await this.exec(bridgeNs, ['ip', 'link', 'set', port, 'master', bridge, 'up']);
    await this.exec(ns, ['ip', 'link', 'set', ifname, 'up']);
  }

  /** A KVM guest's NIC as libvirt wires it: a QEMU MAC in the guest, the host side vnet0, a port of `bridge`. */
  protected async vmTap(guestNs: string, ifname: string, hostNs: string, bridge: string): Promise<void> {
    await this.plugInto(hostNs, bridge, guestNs, ifname, 'vnet0', `52:54:00:${hex()}:${hex()}:${hex()}`);
  }

  /**
   * `argv` run in `ns` inside a private mount namespace that `mounts` (a fixed sh script, whose
   * arguments `mountArgs` are $1, $2 …) prepares: what it mounts is seen by that process alone,
   * so the machine's own files stay untouched.
   */
  privateMountsArgv(ns: string, mounts: string, mountArgs: readonly string[], argv: readonly string[]): string[] {
    const script = `${mounts} && shift ${mountArgs.length} && exec "$@"`;
    return [
      'ip',
      'netns',
      'exec',
      ns,
      'unshare',
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      script,
      'sh',
      ...mountArgs,
      ...argv,
    ];
  }

  /** Removes every namespace and process of this lab; safe to call more than once. */
  async down(): Promise<void> {
    for (const ns of Object.values<string>(this.ns)) await removeNamespace(ns);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function removeNamespace(ns: string): Promise<void> {
  const pids = await runProcess('ip', ['netns', 'pids', ns], { timeoutMs: 5000 });
  for (const pid of pids.stdout.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await runProcess('ip', ['netns', 'del', ns], { timeoutMs: 5000 });
  rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
}

const VMWARE_ROLES = ['sw', 'host', 'guest', 'nat', 'dhcp', 'inet'] as const;

export class VmwareNatLab extends NamespaceLab<(typeof VMWARE_ROLES)[number]> {
  readonly subnet: string;
  readonly guestIf: string;
  readonly hostIf: string;
  readonly guestMac: string;
  readonly hostOnly: boolean;
  readonly hostMac: string;
  readonly dhcp: { server: number; first: number; last: number };
  readonly prefixLength: number;
  readonly natAt: number;
  readonly dnsAt: number;
  readonly hostAt: number | null;

  constructor(options: VmwareNatLabOptions = {}) {
    super(options.id, VMWARE_ROLES);
    this.prefixLength = options.prefixLength ?? 24;
    this.natAt = options.natAt ?? 2;
    this.dnsAt = options.dnsAt ?? this.natAt;
    this.hostAt = options.hostAt === undefined ? 1 : options.hostAt;
    this.hostOnly = options.hostOnly ?? false;
    this.hostMac = options.hostMac ?? '00:50:56:c0:00:08';
    this.dhcp = options.dhcp ?? { server: 254, first: 128, last: 253 };
    const third = 20 + Math.floor(Math.random() * 200);
    this.subnet = options.subnet ?? `192.168.${third}`;
    this.guestIf = options.guestIf ?? 'ens33';
    this.hostIf = options.hostIf ?? 'vmnet8';
    this.guestMac = options.guestMac ?? `00:0c:29:${hex()}:${hex()}:${hex()}`;
  }

  /** The host's address on the VM network ("" when the host is not on it). */
  get hostIp() {
    return this.hostAt === null ? '' : `${this.subnet}.${this.hostAt}`;
  }
  get natIp() {
    return `${this.subnet}.${this.natAt}`;
  }
  get dnsIp() {
    return `${this.subnet}.${this.dnsAt}`;
  }
  get dhcpIp() {
    return `${this.subnet}.${this.dhcp.server}`;
  }
  /** An address of the VM network that nothing holds or leases (for a gateway typed wrong). */
  get unusedIp(): string {
    const net = networkOf(this.natIp, this.prefixLength);
    const taken = new Set([this.hostAt, this.natAt, this.dnsAt, this.dhcp.server]);
    for (let n = 3; n < 255; n++) {
      const address = `${this.subnet}.${n}`;
      const pooled = n >= this.dhcp.first && n <= this.dhcp.last;
      if (!taken.has(n) && !pooled && inNetwork(address, net) && address !== net.network) return address;
    }
    throw new Error('lab: no unused address in the VM network');
  }
  /** VirtualBox NAT serves DHCP from the NAT device itself. */
  private get dhcpOnNat() {
    return !this.hostOnly && this.dhcp.server === this.natAt;
  }
  private cidr(address: string) {
    return `${address}/${this.prefixLength}`;
  }

  /** A veth from `ns` (named `ifname`, optionally with a MAC) to a port on the switch. */
  private async plug(ns: string, ifname: string, port: string, mac?: string): Promise<void> {
    await this.plugInto(this.ns.sw, 'br0', ns, ifname, port, mac);
  }

  async up(): Promise<void> {
    try {
      await this.createNamespaces();
      await this.exec(this.ns.sw, ['ip', 'link', 'add', 'br0', 'type', 'bridge']);
      await this.exec(this.ns.sw, ['ip', 'link', 'set', 'br0', 'up']);

      if (this.hostAt !== null) {
        await this.plug(this.ns.host, this.hostIf, 'p-host', this.hostMac);
        await this.exec(this.ns.host, ['ip', 'addr', 'add', this.cidr(this.hostIp), 'dev', this.hostIf]);
      }

      if (!this.hostOnly) await this.upNat();

      if (!this.dhcpOnNat) {
        await this.plug(this.ns.dhcp, 'dhcp0', 'p-dhcp');
        await this.exec(this.ns.dhcp, ['ip', 'addr', 'add', this.cidr(this.dhcpIp), 'dev', 'dhcp0']);
      }
      await this.startDhcp();

      await this.plug(this.ns.guest, this.guestIf, 'p-guest', this.guestMac);
      await this.dhcpClient();
    } catch (error) {
      await this.down();
      throw error;
    }
  }

  /** The NAT device at .2: masquerade to the fake internet, and a DNS proxy. */
  private async upNat(): Promise<void> {
    await this.plug(this.ns.nat, 'nat0', 'p-nat');
    await this.exec(this.ns.nat, ['ip', 'addr', 'add', this.cidr(this.natIp), 'dev', 'nat0']);
    if (this.dnsAt !== this.natAt) await this.exec(this.ns.nat, ['ip', 'addr', 'add', this.cidr(this.dnsIp), 'dev', 'nat0']);
    await this.ip(['link', 'add', 'wan0', 'netns', this.ns.nat, 'type', 'veth', 'peer', 'name', 'inet0', 'netns', this.ns.inet]);
    await this.exec(this.ns.nat, ['ip', 'addr', 'add', '203.0.113.2/24', 'dev', 'wan0']);
    await this.exec(this.ns.nat, ['ip', 'link', 'set', 'wan0', 'up']);
    await this.exec(this.ns.nat, ['ip', 'route', 'add', 'default', 'via', '203.0.113.1']);
    await this.exec(this.ns.nat, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    await this.exec(this.ns.nat, ['iptables', '-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan0', '-j', 'MASQUERADE']);
    await this.exec(this.ns.inet, ['ip', 'addr', 'add', '203.0.113.1/24', 'dev', 'inet0']);
    await this.exec(this.ns.inet, ['ip', 'addr', 'add', `${INTERNET_TARGET}/24`, 'dev', 'inet0']);
    await this.exec(this.ns.inet, ['ip', 'link', 'set', 'inet0', 'up']);
    await this.startDns();
  }

  /** VMware's NAT device also proxies DNS at .2; here dnsmasq answers for lab.test only. */
  async startDns(): Promise<void> {
    await this.exec(this.ns.nat, [
      'dnsmasq',
      '--no-resolv',
      '--no-hosts',
      `--address=/${LAB_DNS_NAME}/${INTERNET_TARGET}`,
      `--listen-address=${this.dnsIp}`,
      '--bind-interfaces',
      '--except-interface=lo',
      `--pid-file=${join(this.dir, 'dns.pid')}`,
    ]);
  }

  async startDhcp(): Promise<void> {
    await this.exec(this.dhcpOnNat ? this.ns.nat : this.ns.dhcp, [
      'dnsmasq',
      '--port=0',
      `--interface=${this.dhcpOnNat ? 'nat0' : 'dhcp0'}`,
      '--bind-interfaces',
      '--dhcp-authoritative',
      `--dhcp-range=${this.subnet}.${this.dhcp.first},${this.subnet}.${this.dhcp.last},${prefixToMask(this.prefixLength)},10m`,
      // Host-only: an empty option 3/6 stops dnsmasq from offering itself as router and DNS.
      ...(this.hostOnly
        ? ['--dhcp-option=3', '--dhcp-option=6']
        : [`--dhcp-option=option:router,${this.natIp}`, `--dhcp-option=option:dns-server,${this.dnsIp}`]),
      `--dhcp-leasefile=${join(this.dir, 'dhcp.leases')}`,
      `--pid-file=${join(this.dir, 'dhcp.pid')}`,
    ]);
  }

  async dhcpClient(): Promise<void> {
    await this.dhclient(this.ns.guest, this.guestIf);
  }

  /** The namespace of a clone of the guest, once `addClone` made it. */
  get cloneNs(): string {
    return `${this.id}-clone`;
  }

  /** A clone of the guest on the same switch: its NIC named like the guest's, with `mac`, optionally `address`. */
  async addClone(mac: string, address?: string): Promise<void> {
    await this.ip(['netns', 'add', this.cloneNs]);
    await this.plug(this.cloneNs, this.guestIf, 'p-clone', mac);
    if (address) await this.exec(this.cloneNs, ['ip', 'addr', 'add', this.cidr(address), 'dev', this.guestIf, 'nodad']);
  }

  override async down(): Promise<void> {
    await removeNamespace(this.cloneNs);
    await super.down();
  }

  /** What `diagnose` in the guest needs to know about this lab (and nothing beyond it to ping). */
  guestDiagnoseArgs(): string[] {
    return ['--internet-target', INTERNET_TARGET, '--dns-name', LAB_DNS_NAME, ...(this.hostIp ? ['--host-ip', this.hostIp] : [])];
  }

  guestAddress(): Promise<string | null> {
    return this.addressOf(this.ns.guest, this.guestIf);
  }
}

/**
 * VirtualBox's host-only network as a Linux host makes it: vboxnet0 (MAC 0a:00:27:…) at
 * 192.168.56.1, a DHCP server handing out from .101 (the server's own .100 is our choice), no
 * gateway and no NAT; the guest's first NIC is enp0s3 with an Oracle 08:00:27 MAC.
 */
export class VirtualBoxHostOnlyLab extends VmwareNatLab {
  constructor(options: Pick<VmwareNatLabOptions, 'id' | 'subnet'> = {}) {
    super({
      ...options,
      subnet: options.subnet ?? '192.168.56',
      hostOnly: true,
      hostIf: 'vboxnet0',
      hostMac: '0a:00:27:00:00:00',
      guestIf: 'enp0s3',
      guestMac: `08:00:27:${hex()}:${hex()}:${hex()}`,
      dhcp: { server: 100, first: 101, last: 254 },
    });
  }
}

/**
 * VirtualBox NAT as the guest sees it (VirtualBox manual, "Network Address Translation"): the
 * guest at 10.0.2.15, the NAT engine at .2 as router and DHCP server, its DNS proxy at .3, and the
 * host not on this network at all.
 */
export class VirtualBoxNatLab extends VmwareNatLab {
  constructor(options: Pick<VmwareNatLabOptions, 'id'> = {}) {
    super({
      ...options,
      subnet: '10.0.2',
      natAt: 2,
      dnsAt: 3,
      hostAt: null,
      guestIf: 'enp0s3',
      guestMac: `08:00:27:${hex()}:${hex()}:${hex()}`,
      dhcp: { server: 2, first: 15, last: 15 }, // VirtualBox NAT hands every VM 10.0.2.15
    });
  }
}

/** A VirtualBox NAT Network: its gateway (and DNS) at .1, its DHCP server at .3, the host not on it. */
export class VirtualBoxNatNetworkLab extends VmwareNatLab {
  constructor(options: Pick<VmwareNatLabOptions, 'id'> = {}) {
    super({
      ...options,
      subnet: '10.0.2',
      natAt: 1,
      hostAt: null,
      guestIf: 'enp0s3',
      guestMac: `08:00:27:${hex()}:${hex()}:${hex()}`,
      dhcp: { server: 3, first: 4, last: 100 },
    });
  }
}

/**
 * The most common VirtualBox setup: NIC 1 on NAT (enp0s3, 10.0.2.15, the default route) and NIC 2
 * on the host-only network (enp0s8, 192.168.56.x from the DHCP server at .100; the host at .1).
 */
export class VirtualBoxTwoNicLab extends VirtualBoxNatLab {
  readonly hostOnlyIf = 'enp0s8';
  readonly hostOnlyIp = '192.168.56.1';
  /** Namespaces of the host-only segment: its switch, the host's vboxnet0, its DHCP server. */
  readonly hostOnlyNs = { sw: `${this.id}-sw2`, host: `${this.id}-ho`, dhcp: `${this.id}-hod` };

  override async up(): Promise<void> {
    await super.up();
    try {
      const { sw, host, dhcp } = this.hostOnlyNs;
      for (const ns of [sw, host, dhcp]) {
        await this.ip(['netns', 'add', ns]);
        await this.exec(ns, ['ip', 'link', 'set', 'lo', 'up']);
      }
      await this.exec(sw, ['ip', 'link', 'add', 'br0', 'type', 'bridge']);
      await this.exec(sw, ['ip', 'link', 'set', 'br0', 'up']);
      const plug = (ns: string, ifname: string, port: string, mac: string) => this.plugInto(sw, 'br0', ns, ifname, port, mac);
      await plug(host, 'vboxnet0', 'p-host', '0a:00:27:00:00:00');
      await this.exec(host, ['ip', 'addr', 'add', `${this.hostOnlyIp}/24`, 'dev', 'vboxnet0']);
      await plug(dhcp, 'dhcp0', 'p-dhcp', `02:00:00:${hex()}:${hex()}:${hex()}`);
      await this.exec(dhcp, ['ip', 'addr', 'add', '192.168.56.100/24', 'dev', 'dhcp0']);
      await this.exec(dhcp, [
        'dnsmasq',
        '--port=0',
        '--interface=dhcp0',
        '--bind-interfaces',
        '--dhcp-authoritative',
        '--dhcp-range=192.168.56.101,192.168.56.254,255.255.255.0,10m',
        '--dhcp-option=3',
        '--dhcp-option=6',
        `--dhcp-leasefile=${join(this.dir, 'hostonly-dhcp.leases')}`,
        `--pid-file=${join(this.dir, 'hostonly-dhcp.pid')}`,
      ]);
      await plug(this.ns.guest, this.hostOnlyIf, 'p-guest', `08:00:27:${hex()}:${hex()}:${hex()}`);
      await this.exec(this.ns.guest, [
        'dhclient',
        '-4',
        '-1',
        '-lf',
        join(this.dir, `${this.ns.guest}-${this.hostOnlyIf}.leases`),
        '-pf',
        join(this.dir, `${this.ns.guest}-${this.hostOnlyIf}-dhclient.pid`),
        this.hostOnlyIf,
      ]);
    } catch (error) {
      await this.down();
      throw error;
    }
  }

  override async down(): Promise<void> {
    for (const ns of Object.values(this.hostOnlyNs)) await removeNamespace(ns);
    await super.down();
  }
}

function hex(): string {
  return Math.floor(Math.random() * 256)
    .toString(16)
    .padStart(2, '0');
}

/** Removes namespaces left by labs of killed runs (names end in a lab role). */
export async function removeStaleLabs(): Promise<number> {
  const list = await runProcess('ip', ['netns', 'list'], { timeoutMs: 5000 });
  let removed = 0;
  for (const line of list.stdout.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    if (/^vd[a-z0-9]{1,6}-(sw|sw2|host|ho|hod|guest|nat|dhcp|inet|clone|lan)$/.test(name)) {
      await removeNamespace(name);
      removed++;
    }
  }
  return removed;
}

const LIBVIRT_ROLES = ['host', 'guest', 'inet'] as const;

/**
 * A Linux host running KVM/libvirt's default network: the bridge virbr0 lives on the host, which
 * is gateway, DHCP and DNS (.1) and NATs the VMs to the internet (probe-reference §5.7).
 *
 *   inet (203.0.113.1, .10) ── wan0 ── host (virbr0 .1, masquerade, dnsmasq) ── vnet0 ── guest (enp1s0)
 */
/**
 * Where a libvirt host's NAT rule lives: native nftables (libvirt 9+'s nftables backend, here a
 * table of its own), iptables over nf_tables or iptables-legacy (libvirt's iptables backend: the
 * rule in its chain LIBVIRT_PRT, jumped to from POSTROUTING), or — the network's own rule absent —
 * firewalld's zone masquerade (its nft table as firewalld writes it).
 */
export type NatBackend = 'nft' | 'iptables' | 'iptables-legacy' | 'firewalld';

export class LibvirtNatLab extends NamespaceLab<(typeof LIBVIRT_ROLES)[number]> {
  readonly subnet: string;
  readonly bridge = 'virbr0';
  readonly guestIf = 'enp1s0';
  readonly natBackend: NatBackend;

  constructor(options: { id?: string; subnet?: string; natBackend?: NatBackend } = {}) {
    super(options.id, LIBVIRT_ROLES);
    this.subnet = options.subnet ?? `192.168.${20 + Math.floor(Math.random() * 200)}`;
    this.natBackend = options.natBackend ?? 'nft';
  }

  /** The VM network's masquerade rule, in the lab's backend (libvirt's own layout for each). */
  private async installNat(): Promise<void> {
    const h = this.ns.host;
    const net = `${this.subnet}.0/24`;
    if (this.natBackend === 'nft') {
      await this.exec(h, [
        'nft',
        `add table ip libvirt_nat; add chain ip libvirt_nat post { type nat hook postrouting priority 100; }; add rule ip libvirt_nat post ip saddr ${net} ip daddr != ${net} masquerade`,
      ]);
    } else if (this.natBackend === 'firewalld') {
      await this.exec(h, [
        'nft',
        [
          'add table inet firewalld',
          'add chain inet firewalld nat_POSTROUTING { type nat hook postrouting priority 110; }',
          'add chain inet firewalld nat_POSTROUTING_ZONES',
          'add chain inet firewalld nat_POST_public',
          'add chain inet firewalld nat_POST_public_allow',
          'add rule inet firewalld nat_POSTROUTING jump nat_POSTROUTING_ZONES',
          'add rule inet firewalld nat_POSTROUTING_ZONES oifname "wan0" goto nat_POST_public',
          'add rule inet firewalld nat_POST_public jump nat_POST_public_allow',
          'add rule inet firewalld nat_POST_public_allow meta nfproto ipv4 oifname != "lo" masquerade',
        ].join('; '),
      ]);
    } else {
      const t = this.natBackend;
      await this.exec(h, [t, '-t', 'nat', '-N', 'LIBVIRT_PRT']);
      await this.exec(h, [t, '-t', 'nat', '-A', 'POSTROUTING', '-j', 'LIBVIRT_PRT']);
      for (const proto of [['-p', 'tcp'], ['-p', 'udp'], []]) {
        const ports = proto.length ? ['--to-ports', '1024-65535'] : [];
        await this.exec(h, [
          t,
          '-t',
          'nat',
          '-A',
          'LIBVIRT_PRT',
          '-s',
          net,
          '!',
          '-d',
          net,
          ...proto,
          '-j',
          'MASQUERADE',
          ...ports,
        ]);
      }
    }
  }

  get hostIp() {
    return `${this.subnet}.1`;
  }

  async up(): Promise<void> {
    try {
      await this.createNamespaces();
      const h = this.ns.host;
      await this.exec(h, ['ip', 'link', 'add', this.bridge, 'type', 'bridge']);
      await this.exec(h, ['ip', 'addr', 'add', `${this.hostIp}/24`, 'dev', this.bridge]);
      await this.exec(h, ['ip', 'link', 'set', this.bridge, 'up']);
      await this.ip(['link', 'add', 'wan0', 'netns', h, 'type', 'veth', 'peer', 'name', 'inet0', 'netns', this.ns.inet]);
      await this.exec(h, ['ip', 'addr', 'add', '203.0.113.2/24', 'dev', 'wan0']);
      await this.exec(h, ['ip', 'link', 'set', 'wan0', 'up']);
      await this.exec(h, ['ip', 'route', 'add', 'default', 'via', '203.0.113.1']);
      await this.exec(h, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
      await this.installNat();
      await this.exec(this.ns.inet, ['ip', 'addr', 'add', '203.0.113.1/24', 'dev', 'inet0']);
      await this.exec(this.ns.inet, ['ip', 'addr', 'add', `${INTERNET_TARGET}/24`, 'dev', 'inet0']);
      await this.exec(this.ns.inet, ['ip', 'link', 'set', 'inet0', 'up']);
      this.defineDefaultNetwork();
      await this.startDnsmasq();
      await this.vmTap(this.ns.guest, this.guestIf, h, this.bridge);
      await this.dhclient(this.ns.guest, this.guestIf);
    } catch (error) {
      await this.down();
      throw error;
    }
  }

  guestAddress(): Promise<string | null> {
    return this.addressOf(this.ns.guest, this.guestIf);
  }

  /** The lab's own /var/lib/libvirt and /run/libvirt (see hostArgv). */
  private get libvirtDirs() {
    return { varLib: join(this.dir, 'var-lib-libvirt'), run: join(this.dir, 'run-libvirt') };
  }

  /**
   * `argv` run on the host with libvirt's folders as the lab's own: in a private mount namespace,
   * /var/lib and /run are empty tmpfs with the lab's folders bound at /var/lib/libvirt and
   * /run/libvirt, so libvirt's files are read and written there and this machine's are never seen.
   */
  hostArgv(argv: readonly string[]): string[] {
    const { varLib, run } = this.libvirtDirs;
    const mounts =
      'mount -t tmpfs tmpfs /var/lib && mkdir -p /var/lib/libvirt && mount --bind "$1" /var/lib/libvirt && mount -t tmpfs tmpfs /run && mkdir -p /run/libvirt && mount --bind "$2" /run/libvirt';
    return this.privateMountsArgv(this.ns.host, mounts, [varLib, run], argv);
  }

  /** libvirt's pid file of the network's dnsmasq, in the lab's /run/libvirt. */
  get dnsmasqPidFile(): string {
    return join(this.libvirtDirs.run, 'network', 'default.pid');
  }

  /**
   * The network's DHCP and DNS server as libvirt starts it: dnsmasq with the configuration
   * libvirt's network driver writes to /var/lib/libvirt/dnsmasq/default.conf (its pid file under
   * /run/libvirt/network), plus the lab's name for DNS answers.
   */
  async startDnsmasq(): Promise<void> {
    const { varLib, run } = this.libvirtDirs;
    mkdirSync(join(varLib, 'dnsmasq'), { recursive: true });
    mkdirSync(join(run, 'network'), { recursive: true });
    for (const f of ['default.hostsfile', 'default.addnhosts']) writeFileSync(join(varLib, 'dnsmasq', f), '');
    writeFileSync(
      join(varLib, 'dnsmasq', 'default.conf'),
      [
        '##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE',
        '##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:',
        '##    virsh net-edit default',
        'strict-order',
        'pid-file=/run/libvirt/network/default.pid',
        'except-interface=lo',
        'bind-dynamic',
        `interface=${this.bridge}`,
        `dhcp-range=${this.subnet}.2,${this.subnet}.254,255.255.255.0`,
        'dhcp-no-override',
        'dhcp-authoritative',
        'dhcp-lease-max=253',
        'dhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile',
        'addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts',
        // The lab's own: no upstream, and the one name the lab's tests resolve.
        'no-resolv',
        'no-hosts',
        `address=/${LAB_DNS_NAME}/${INTERNET_TARGET}`,
        '',
      ].join('\n'),
    );
    const [file = 'ip', ...args] = this.hostArgv([
      'dnsmasq',
      '--conf-file=/var/lib/libvirt/dnsmasq/default.conf',
      '--leasefile-ro',
    ]);
    const r = await runProcess(file, args, { timeoutMs: 20_000 });
    if (r.status !== 'ok') throw new Error(`lab: libvirt's dnsmasq did not start: ${r.stderr}`);
  }

  /** What a crash or a kill does to libvirt's dnsmasq: gone, the bridge still up. */
  async killDnsmasq(): Promise<void> {
    const pid = Number(readFileSync(this.dnsmasqPidFile, 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50; i++) {
      if (!(await this.exec(this.ns.host, ['ss', '-Hulnp', 'sport', '=', ':67'])).includes('dnsmasq')) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('lab: dnsmasq did not go away');
  }

  /**
   * libvirt's definition of this network, where libvirt keeps it (/etc/libvirt/qemu/networks),
   * in the host namespace's own copy of /etc/libvirt (libvirt-clients creates the folder).
   */
  private defineDefaultNetwork(): void {
    if (!existsSync('/etc/libvirt')) return;
    this.privateEtc(this.ns.host, 'libvirt');
    const dir = `/etc/netns/${this.ns.host}/libvirt/qemu/networks`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'default.xml'),
      `<network>\n  <name>default</name>\n  <forward mode='nat'/>\n  <bridge name='${this.bridge}' stp='on' delay='0'/>\n  <ip address='${this.hostIp}' netmask='255.255.255.0'>\n    <dhcp><range start='${this.subnet}.2' end='${this.subnet}.254'/></dhcp>\n  </ip>\n</network>\n`,
    );
  }
}

const BRIDGE_ROLES = ['lan', 'host', 'guest'] as const;

/**
 * A Linux host whose VMs are bridged onto the LAN, as libvirt/virt-manager users build it:
 *
 *   lan (router .1, DHCP .100–.200) ── eth0 ─┐
 *                                            br0 (host .10) ── vnet0 ── guest (ens3, DHCP from the router)
 *
 * With `macvtap`, the VMs are attached "direct" instead: a macvtap device on eth0, no bridge, and
 * the guest on a macvlan child of eth0 (what a macvtap VM's NIC is, seen from the wire).
 */
export class LinuxBridgeLab extends NamespaceLab<(typeof BRIDGE_ROLES)[number]> {
  readonly subnet: string;
  readonly bridge = 'br0';
  readonly uplink = 'eth0';
  readonly guestIf = 'ens3';
  readonly macvtap: boolean;
  /** A campus network: every name resolves to the router, whose web server sends everyone to a login page until `logIn()`. */
  readonly campus: boolean;
  /** A network that leases only to registered MACs (campus, company): the VM's is not, until `register()`. */
  readonly registration: boolean;

  constructor(options: { id?: string; macvtap?: boolean; campus?: boolean; registration?: boolean } = {}) {
    super(options.id, BRIDGE_ROLES);
    this.subnet = `192.168.${20 + Math.floor(Math.random() * 200)}`;
    this.macvtap = options.macvtap ?? false;
    this.campus = options.campus ?? false;
    this.registration = options.registration ?? false;
  }

  private get registered() {
    return join(this.dir, 'registered-macs');
  }

  /** What the network's administrators do: the MAC becomes known, dnsmasq re-reads its host file (SIGHUP). */
  async register(mac: string): Promise<void> {
    writeFileSync(this.registered, `${mac}\n`);
    const pid = Number(readFileSync(join(this.dir, 'lan-dhcp.pid'), 'utf8').trim());
    process.kill(pid, 'SIGHUP');
  }

  get loginPage() {
    return 'http://login.campus.test/auth';
  }

  /** What the user does in the VM's browser: log in. The portal then answers as the internet would, and the lab's internet address answers ping. */
  async logIn(): Promise<void> {
    writeFileSync(join(this.dir, 'logged-in'), '');
    await this.exec(this.ns.lan, ['ip', 'addr', 'add', `${INTERNET_TARGET}/32`, 'dev', 'lo']);
  }

  /** The campus router's web server (a Node one-liner; the lab installs nothing). */
  private async startPortal(): Promise<void> {
    const script = `const fs=require('fs');require('http').createServer((q,r)=>{if(fs.existsSync(process.argv[1])){r.end('Microsoft Connect Test')}else{r.writeHead(302,{Location:process.argv[2]});r.end()}}).listen(80,process.argv[3])`;
    await this.exec(this.ns.lan, [
      'sh',
      '-c',
      `"$1" -e "$2" "$3" "$4" "$5" >/dev/null 2>&1 &`,
      'sh',
      process.execPath,
      script,
      join(this.dir, 'logged-in'),
      this.loginPage,
      this.routerIp,
    ]);
    for (let i = 0; i < 50; i++) {
      if ((await this.exec(this.ns.lan, ['ss', '-Htln'])).includes(':80 ')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('lab: the campus portal did not start');
  }

  get routerIp() {
    return `${this.subnet}.1`;
  }
  get hostIp() {
    return `${this.subnet}.10`;
  }

  async up(): Promise<void> {
    try {
      await this.createNamespaces();
      const { lan, host, guest } = this.ns;
      await this.ip(['link', 'add', 'lan0', 'netns', lan, 'type', 'veth', 'peer', 'name', this.uplink, 'netns', host]);
      await this.exec(lan, ['ip', 'addr', 'add', `${this.routerIp}/24`, 'dev', 'lan0']);
      await this.exec(lan, ['ip', 'link', 'set', 'lan0', 'up']);
      if (this.registration) writeFileSync(this.registered, '');
      await this.exec(lan, [
        'dnsmasq',
        ...(this.campus ? [] : ['--port=0']),
        '--interface=lan0',
        '--bind-interfaces',
        '--dhcp-authoritative',
        `--dhcp-range=${this.subnet}.100,${this.subnet}.200,255.255.255.0,10m`,
        `--dhcp-option=option:router,${this.routerIp}`,
        `--dhcp-leasefile=${join(this.dir, 'lan.leases')}`,
        `--pid-file=${join(this.dir, 'lan-dhcp.pid')}`,
        // A campus network answers every name with its own address (its DNS), until login.
        ...(this.campus ? ['--no-resolv', '--no-hosts', `--address=/#/${this.routerIp}`, '--except-interface=lo'] : []),
        // Leases only for the MACs in its host file; any other is ignored (no offer at all).
        ...(this.registration ? [`--dhcp-hostsfile=${this.registered}`, '--dhcp-ignore=tag:!known'] : []),
      ]);
      if (this.campus) await this.startPortal();
      await this.exec(host, ['ip', 'link', 'set', this.uplink, 'up']);
      if (this.macvtap) {
        await this.exec(host, ['ip', 'addr', 'add', `${this.hostIp}/24`, 'dev', this.uplink]);
        await this.exec(host, ['ip', 'link', 'add', 'macvtap0', 'link', this.uplink, 'type', 'macvtap', 'mode', 'bridge']);
        await this.exec(host, ['ip', 'link', 'set', 'macvtap0', 'up']);
        // A real macvtap hands its frames to QEMU, never to the host's stack; with no QEMU reading it
        // here, the host would answer ARP through it: it answers only for addresses it carries (none).
        await this.exec(host, ['sysctl', '-qw', 'net.ipv4.conf.macvtap0.arp_ignore=1']);
        // The VM's side of a "direct" attachment: a macvlan child of eth0 (bridge mode, as libvirt's
        // macvtap) with a QEMU MAC, in the guest: it reaches the LAN, never its host's eth0.
        await this.exec(host, [
          'ip',
          'link',
          'add',
          'link',
          this.uplink,
          'name',
          'vm0',
          'address',
          '52:54:00:4d:56:01',
          'type',
          'macvlan',
          'mode',
          'bridge',
        ]);
        await this.exec(host, ['ip', 'link', 'set', 'vm0', 'netns', guest]);
        await this.exec(guest, ['ip', 'link', 'set', 'vm0', 'name', this.guestIf]);
        await this.exec(guest, ['ip', 'link', 'set', this.guestIf, 'up']);
        await this.dhclient(guest, this.guestIf);
        return;
      }
      await this.exec(host, ['ip', 'link', 'add', this.bridge, 'type', 'bridge']);
      await this.exec(host, ['ip', 'link', 'set', this.uplink, 'master', this.bridge]);
      await this.exec(host, ['ip', 'addr', 'add', `${this.hostIp}/24`, 'dev', this.bridge]);
      await this.exec(host, ['ip', 'link', 'set', this.bridge, 'up']);
      await this.exec(host, ['ip', 'route', 'add', 'default', 'via', this.routerIp]);
      // The VM's tap, as libvirt names it (a veth here, so the guest can live in its own namespace).
      await this.vmTap(guest, this.guestIf, host, this.bridge);
      // Unregistered, the VM's DHCP client gets nothing and keeps asking in the background, as a booted VM's does.
      if (this.registration) await this.exec(guest, ['dhclient', '-4', '-nw', ...this.dhclientFiles(guest), this.guestIf]);
      else await this.dhclient(guest, this.guestIf);
    } catch (error) {
      await this.down();
      throw error;
    }
  }
}
