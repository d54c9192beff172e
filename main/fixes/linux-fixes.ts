/**
 * Linux fixes: each reads the current state, plans exact steps and their undo, and knows how to
 * verify its own effect. Parameters are validated before they reach any command, and every
 * command is an argument array.
 */
import { lstat, readFile, readlink } from 'node:fs/promises';
import { z } from 'zod';
import type { Params } from '../../common/catalogue/text.ts';
import type { FixId } from '../../common/domain.ts';
import { cidrOf, isApipa, isIpv4 } from '../net/ipv4.ts';
import { freshMacLike, isLinkLocalOf } from '../net/mac.ts';
import { parseNetList, VIRSH_ENV, VIRSH_SYSTEM } from '../probes/libvirt/virsh.ts';
import { parseIpAddrJson } from '../probes/linux/ip-addr.ts';
import { parseResolvConf, parseRoutes } from '../probes/linux/parsers.ts';
import { forwardVerdict, icmpEchoVerdict, inputVerdict, type Ruleset } from '../probes/linux/ruleset.ts';
import { onPath } from '../runner/on-path.ts';
import { runProcess } from '../runner/process-runner.ts';
import { chainsThatDrop, openChains, readFirewallOrThrow, verifyPasses } from './firewall-openings.ts';
import {
  applyArgv,
  type ConfigFlavour,
  flavourFor,
  type GuestNetworkConfig,
  LINUX_IFNAME,
  parseOsRelease,
  renderGuestConfig,
  validateConfig,
} from './guest-config.ts';
import type { Step } from './journal.ts';

const ifname = z.string().regex(LINUX_IFNAME, 'an interface name (a letter or digit, then letters, digits, . _ - @; at most 15)');
const ipv4 = z.string().refine(isIpv4, 'an IPv4 address');
const cidr = z.string().refine((v) => {
  const [address, len] = v.split('/');
  return !!address && isIpv4(address) && /^\d{1,2}$/.test(len ?? '') && Number(len) <= 32;
}, 'an IPv4 network like 192.168.37.0/24');
const hostname = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/);

export interface FixPlan {
  /** What the plan found, for the catalogue's summary (common/catalogue/fixes.ts renders it). */
  summary: Params;
  steps: Step[];
  undo: Step[];
  before: Record<string, unknown>;
  verify: () => Promise<{ ok: boolean; evidence: string }>;
  /** Undo at once when verification fails (configurations that could cut the VM off). */
  rollbackUnlessVerified?: boolean;
}

export interface FixDefinition {
  id: FixId;
  /** Where the fix can be applied; it can be previewed (planned) anywhere. */
  platform: 'linux' | 'windows';
  params: z.ZodType<Record<string, string>>;
  plan: (params: Record<string, string>) => Promise<FixPlan>;
}

const T = { timeoutMs: 8000 };

async function linkInfo(name: string) {
  const run = await runProcess('ip', ['-d', '-j', 'addr', 'show', 'dev', name], T);
  const parsed = run.status === 'ok' ? parseIpAddrJson(run.stdout) : null;
  return parsed?.ok ? (parsed.value[0] ?? null) : null;
}

/** The gateway of `dev`'s default route, if it has one. */
async function defaultGatewayOf(dev: string): Promise<string | undefined> {
  return (await defaultRoutes()).find((r) => r.dev === dev && r.gateway)?.gateway ?? undefined;
}

async function defaultRoutes() {
  const run = await runProcess('ip', ['-j', 'route', 'show', 'default'], T);
  return run.status === 'ok' ? parseRoutes(run.stdout) : [];
}

async function sleep(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries a check for a little while: links and leases take a moment to settle. */
async function eventually(check: () => Promise<boolean>, ms = 4000): Promise<boolean> {
  const until = Date.now() + ms;
  do {
    if (await check()) return true;
    await sleep(250);
  } while (Date.now() < until);
  return false;
}

const DHCP_CLIENTS: Array<(dev: string) => string[]> = [
  (dev) => ['dhclient', '-4', '-1', dev],
  (dev) => ['dhcpcd', '-4', '-1', dev],
  (dev) => ['networkctl', 'renew', dev],
];

/** The first DHCP client this system has, as the argv that renews `dev`'s lease. */
async function dhcpClientArgv(dev: string): Promise<string[]> {
  for (const make of DHCP_CLIENTS) {
    const argv = make(dev);
    if (onPath(argv[0] ?? '')) return argv;
  }
  return DHCP_CLIENTS[0]?.(dev) ?? [];
}

/** Whether `dev` got its IPv4 from DHCP (a finite lifetime), or has none at all. */
async function usesDhcp(dev: string): Promise<boolean> {
  const run = await runProcess('ip', ['-j', '-4', 'addr', 'show', 'dev', dev], T);
  try {
    const infos = (JSON.parse(run.stdout)[0]?.addr_info ?? []) as Array<{ dynamic?: boolean }>;
    return infos.length === 0 || infos.some((a) => a.dynamic === true);
  } catch {
    return false;
  }
}

const linkUp: FixDefinition = {
  id: 'linux.link-up',
  platform: 'linux',
  params: z.object({ interface: ifname }).strict(),
  plan: async ({ interface: dev = '' }) => {
    const before = await linkInfo(dev);
    // Taking a link down deletes its routes; a DHCP-configured interface gets them back by
    // renewing, as networkd or NetworkManager would do on link-up.
    const renew = (await usesDhcp(dev)) ? [{ kind: 'run', argv: await dhcpClientArgv(dev) } as Step] : [];
    return {
      summary: { interface: dev, renew: renew.length > 0 },
      steps: [{ kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'up'] }, ...renew],
      undo: before && before.state === 'disabled' ? [{ kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'down'] }] : [],
      before: { state: before?.state ?? 'missing' },
      verify: async () => {
        const ok = await eventually(async () => (await linkInfo(dev))?.state === 'up');
        return { ok, evidence: `${dev} is ${(await linkInfo(dev))?.state ?? 'missing'}` };
      },
    };
  },
};

const dhcpRenew: FixDefinition = {
  id: 'linux.dhcp-renew',
  platform: 'linux',
  params: z.object({ interface: ifname }).strict(),
  plan: async ({ interface: dev = '' }) => {
    const before = await linkInfo(dev);
    const argv = await dhcpClientArgv(dev);
    const addresses = before?.ipv4.map((a) => `${a.address}/${a.prefixLength}`) ?? [];
    return {
      summary: { interface: dev },
      steps: [{ kind: 'run', argv }],
      // Undo returns to the addresses it had (usually none): flush, then re-add the old ones.
      undo: [
        { kind: 'run', argv: ['ip', '-4', 'addr', 'flush', 'dev', dev] },
        ...addresses.map((a): Step => ({ kind: 'run', argv: ['ip', 'addr', 'add', a, 'dev', dev] })),
      ],
      before: { addresses },
      verify: async () => {
        const ok = await eventually(async () => !!(await linkInfo(dev))?.ipv4.some((a) => !isApipa(a.address)), 6000);
        return { ok, evidence: `${dev}: ${(await linkInfo(dev))?.ipv4.map((a) => a.address).join(', ') || 'no IPv4'}` };
      },
    };
  },
};

const setGateway: FixDefinition = {
  id: 'linux.set-gateway',
  platform: 'linux',
  params: z.object({ interface: ifname, gateway: ipv4 }).strict(),
  plan: async ({ interface: dev = '', gateway = '' }) => {
    const previous = (await defaultRoutes()).find((r) => r.gateway);
    return {
      summary: { interface: dev, gateway },
      steps: [{ kind: 'run', argv: ['ip', 'route', 'replace', 'default', 'via', gateway, 'dev', dev] }],
      undo: previous?.gateway
        ? [
            {
              kind: 'run',
              argv: [
                'ip',
                'route',
                'replace',
                'default',
                'via',
                previous.gateway,
                ...(previous.dev ? ['dev', previous.dev] : []),
              ],
            },
          ]
        : [{ kind: 'run', argv: ['ip', 'route', 'del', 'default'] }],
      before: { defaultRoute: previous ?? null },
      verify: async () => {
        const now = (await defaultRoutes()).find((r) => r.gateway);
        const answers = (await runProcess('ping', ['-c', '1', '-W', '1', '-n', gateway], T)).status === 'ok';
        return {
          ok: now?.gateway === gateway && answers,
          evidence: `default via ${now?.gateway ?? 'none'}; ${gateway} ${answers ? 'answers' : 'does not answer'}`,
        };
      },
    };
  },
};

const RESOLV = '/etc/resolv.conf';

const setDns: FixDefinition = {
  id: 'linux.set-dns',
  platform: 'linux',
  params: z.object({ dns: ipv4, name: hostname.optional(), interface: ifname.optional() }).strict(),
  plan: async ({ dns = '', name, interface: dev }) => {
    const link = await lstat(RESOLV).then(
      async (s) => (s.isSymbolicLink() ? await readlink(RESOLV) : null),
      () => null,
    );
    const verifyName = async () => {
      if (!name) return { ok: true, evidence: `nameserver ${dns} configured` };
      const ok = await eventually(
        async () => (await runProcess('getent', ['ahostsv4', name], { timeoutMs: 3000 })).status === 'ok',
        3000,
      );
      return { ok, evidence: `${name} ${ok ? 'resolves' : 'does not resolve'} via ${dns}` };
    };
    if (link?.includes('systemd/resolve') && dev) {
      // systemd-resolved owns resolv.conf: set the link's DNS instead of overwriting its stub.
      return {
        summary: { dns, interface: dev, via: 'resolved', file: RESOLV },
        steps: [{ kind: 'run', argv: ['resolvectl', 'dns', dev, dns] }],
        undo: [{ kind: 'run', argv: ['resolvectl', 'revert', dev] }],
        before: { resolvConf: `symlink to ${link}` },
        verify: verifyName,
      };
    }
    const old = await readFile(RESOLV, 'utf8').catch(() => '');
    if (parseResolvConf(old).managedBy === 'NetworkManager' && dev && onPath('nmcli')) {
      // NetworkManager rewrites resolv.conf: change the device's DNS in NetworkManager, at runtime
      // only (the connection profile is untouched); reapplying the profile takes it back.
      return {
        summary: { dns, interface: dev, via: 'networkmanager', file: RESOLV },
        steps: [{ kind: 'run', argv: ['nmcli', 'device', 'modify', dev, 'ipv4.dns', dns, 'ipv4.ignore-auto-dns', 'yes'] }],
        undo: [{ kind: 'run', argv: ['nmcli', 'device', 'reapply', dev] }],
        before: { resolvConf: old },
        verify: verifyName,
      };
    }
    const kept = old.split('\n').filter((l) => l.trim() && !/^\s*nameserver\s/.test(l));
    const content = `${['# VMnet Doctor: linux.set-dns', ...kept, `nameserver ${dns}`].join('\n')}\n`;
    return {
      summary: { dns, interface: dev ?? '', via: 'file', file: RESOLV },
      steps: [{ kind: 'write-file', path: RESOLV, content }],
      undo: [{ kind: 'write-file', path: RESOLV, content: old }],
      before: { resolvConf: old },
      verify: verifyName,
    };
  },
};

const COMMENT = 'vmnet-doctor allow-icmp';

/** "A.B.C.0/N" → an address inside it, standing for the VMs when judging rules about them. */
const memberOf = (subnet: string) => subnet.split('/')[0]?.replace(/\.0$/, '.1') ?? '';

const allowIcmp: FixDefinition = {
  id: 'linux.allow-icmp',
  platform: 'linux',
  params: z.object({ subnet: cidr }).strict(),
  plan: async ({ subnet = '' }) => {
    const question = (r: Ruleset) => icmpEchoVerdict(r, memberOf(subnet));
    const chains = await chainsThatDrop(question);
    // An accept placed first in each chain that drops echo (an accept elsewhere would not help:
    // every base chain on the hook must let the packet through).
    const { steps, undo } = openChains(
      chains,
      [
        {
          nft: ['ip', 'saddr', subnet, 'icmp', 'type', 'echo-request'],
          iptables: ['-s', subnet, '-p', 'icmp', '--icmp-type', 'echo-request'],
        },
      ],
      COMMENT,
    );
    return {
      summary: { subnet },
      steps,
      undo,
      before: { chains },
      verify: () => verifyPasses(question, 'echo'),
    };
  },
};

const PORT_COMMENT = 'vmnet-doctor allow-port';

const allowPort: FixDefinition = {
  id: 'linux.allow-port',
  platform: 'linux',
  params: z
    .object({
      port: z
        .string()
        .regex(/^\d{1,5}$/)
        .refine((p) => Number(p) >= 1 && Number(p) <= 65535, 'a port 1-65535'),
      subnet: cidr,
    })
    .strict(),
  plan: async ({ port = '', subnet = '' }) => {
    const question = (r: Ruleset) => inputVerdict(r, { kind: 'tcp', port: Number(port) }, memberOf(subnet));
    const view = await readFirewallOrThrow();
    const chains = await chainsThatDrop(question, view);
    if (view.ufw?.active && chains.length > 0) {
      // ufw rebuilds its chains on every reload: a rule of ufw's own lasts, and survives reboots.
      const rule = ['allow', 'from', subnet, 'to', 'any', 'port', port, 'proto', 'tcp'];
      return {
        summary: { port, subnet, ufw: true, incoming: view.ufw.incoming ?? null },
        steps: [{ kind: 'run', argv: ['ufw', ...rule] }],
        undo: [{ kind: 'run', argv: ['ufw', 'delete', ...rule] }],
        before: { chains, ufw: view.ufw },
        verify: () => verifyPasses(question, `port ${port}`),
      };
    }
    const { steps, undo } = openChains(
      chains,
      [{ nft: ['ip', 'saddr', subnet, 'tcp', 'dport', port], iptables: ['-s', subnet, '-p', 'tcp', '--dport', port] }],
      PORT_COMMENT,
    );
    return {
      summary: { port, subnet, ufw: false, incoming: null },
      steps,
      undo,
      before: { chains },
      verify: () => verifyPasses(question, `port ${port}`),
    };
  },
};

/** Package manager, package and unit names of the SSH server per distribution family. */
function sshPackaging(): { install: string[]; remove: string[]; unit: string } | null {
  if (onPath('apt-get')) {
    // env, not a shell: DEBIAN_FRONTEND keeps apt from asking questions nobody can answer.
    return {
      install: ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'openssh-server'],
      remove: ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'remove', '-y', 'openssh-server'],
      unit: 'ssh',
    };
  }
  for (const tool of ['dnf', 'yum', 'zypper']) {
    if (onPath(tool))
      return {
        install: [tool, 'install', '-y', 'openssh-server'],
        remove: [tool, 'remove', '-y', 'openssh-server'],
        unit: 'sshd',
      };
  }
  return null;
}

const installSshd: FixDefinition = {
  id: 'guest.install-sshd',
  platform: 'linux',
  params: z.object({}).strict(),
  plan: async () => {
    const packaging = sshPackaging();
    if (!packaging) throw new Error('no apt-get, dnf, yum or zypper here: install openssh-server with your distribution’s tool');
    const installed = await readFile('/usr/sbin/sshd').then(
      () => true,
      () => false,
    );
    return {
      summary: { installed, unit: packaging.unit },
      steps: [
        ...(installed ? [] : [{ kind: 'run', argv: packaging.install } as Step]),
        { kind: 'run', argv: ['systemctl', 'enable', '--now', packaging.unit] },
      ],
      // Undo stops what it started and removes only what it installed.
      undo: [
        { kind: 'run', argv: ['systemctl', 'disable', '--now', packaging.unit] },
        ...(installed ? [] : [{ kind: 'run', argv: packaging.remove } as Step]),
      ],
      before: { installed },
      verify: async () => {
        const ok = await eventually(async () => {
          const ss = await runProcess('ss', ['-Htln'], T);
          return ss.status === 'ok' && / [^ ]*:22 /.test(ss.stdout);
        }, 10_000);
        return { ok, evidence: ok ? 'sshd listens on port 22' : 'nothing listens on port 22 yet' };
      },
    };
  },
};

const FORWARD_FILE = '/proc/sys/net/ipv4/ip_forward';

const enableForwarding: FixDefinition = {
  id: 'linux.enable-forwarding',
  platform: 'linux',
  params: z.object({ persist: z.enum(['yes', 'no']).default('no') }).strict(),
  plan: async ({ persist }) => {
    const before = (await readFile(FORWARD_FILE, 'utf8').catch(() => '0')).trim() === '1' ? '1' : '0';
    const file = '/etc/sysctl.d/99-vmnet-doctor.conf';
    const persistent = persist === 'yes';
    const previousFile = persistent ? await readFile(file, 'utf8').catch(() => null) : null;
    return {
      summary: { persistent, file },
      steps: [
        { kind: 'run', argv: ['sysctl', '-w', 'net.ipv4.ip_forward=1'] },
        ...(persistent
          ? [
              {
                kind: 'write-file',
                path: file,
                content: '# Written by VMnet Doctor: VMs behind this host need forwarding.\nnet.ipv4.ip_forward = 1\n',
              } as Step,
            ]
          : []),
      ],
      undo: [
        { kind: 'run', argv: ['sysctl', '-w', `net.ipv4.ip_forward=${before}`] },
        ...(persistent
          ? [
              previousFile === null
                ? ({ kind: 'remove-file', path: file } as Step)
                : ({ kind: 'write-file', path: file, content: previousFile } as Step),
            ]
          : []),
      ],
      before: { ipForward: before },
      verify: async () => {
        const now = (await readFile(FORWARD_FILE, 'utf8').catch(() => '?')).trim();
        return { ok: now === '1', evidence: `net.ipv4.ip_forward = ${now}` };
      },
    };
  },
};

const FORWARD_COMMENT = 'vmnet-doctor allow-forward';

const allowForward: FixDefinition = {
  id: 'linux.allow-forward',
  platform: 'linux',
  params: z.object({ interface: ifname }).strict(),
  plan: async ({ interface: dev = '' }) => {
    const link = await linkInfo(dev);
    const address = link?.ipv4.find((a) => !isApipa(a.address));
    const subnet = address ? cidrOf(address.address, address.prefixLength) : '';
    const question = (r: Ruleset) => forwardVerdict(r, { iface: dev, subnet });
    const chains = await chainsThatDrop(question);
    // Both directions of the VM bridge, first in each forward chain that drops them.
    const { steps, undo } = openChains(
      chains,
      [
        { nft: ['iifname', dev], iptables: ['-i', dev] },
        { nft: ['oifname', dev], iptables: ['-o', dev] },
      ],
      FORWARD_COMMENT,
    );
    return {
      summary: { interface: dev },
      steps,
      undo,
      before: { chains },
      verify: () => verifyPasses(question, 'it'),
    };
  },
};

const guestConfig: FixDefinition = {
  id: 'guest.config',
  platform: 'linux',
  params: z
    .object({
      interface: ifname,
      mode: z.enum(['dhcp', 'static']).default('dhcp'),
      address: cidr.optional(),
      gateway: ipv4.optional(),
      dns: z
        .string()
        .regex(/^[\d.,]{7,47}$/)
        .optional(),
      flavour: z.enum(['netplan', 'ifupdown', 'nm-keyfile', 'ifcfg']).optional(),
    })
    .strict()
    .refine((p) => p.mode === 'dhcp' || !!p.address, 'a static configuration needs address=A.B.C.D/N'),
  plan: async (params) => {
    const dev = params.interface ?? '';
    const os = parseOsRelease(await readFile('/etc/os-release', 'utf8').catch(() => ''));
    const has = {
      netplan: onPath('netplan'),
      networkManager: (await runProcess('systemctl', ['is-active', '--quiet', 'NetworkManager'], T)).status === 'ok',
    };
    const flavour = (params.flavour as ConfigFlavour | undefined) ?? flavourFor(os, has);
    const mac = (await linkInfo(dev))?.mac ?? null;
    const cfg: GuestNetworkConfig = {
      interface: dev,
      mac,
      mode: params.mode === 'static' ? 'static' : 'dhcp',
      ...(params.address ? { address: params.address } : {}),
      ...(params.gateway ? { gateway: params.gateway } : {}),
      dns: params.dns ? params.dns.split(',').filter(Boolean) : [],
    };
    const invalid = validateConfig(cfg);
    if (invalid) throw new Error(invalid);
    const file = renderGuestConfig(flavour, cfg, os);
    const previous = await readFile(file.path, 'utf8').catch(() => null);
    const run = (argv: string[]): Step => ({ kind: 'run', argv });
    const { down, up } = applyArgv(flavour, dev);
    // ifdown refuses an interface no ifupdown file defines yet (it was set up some other way, e.g.
    // by dhclient); its addresses are cleared by hand instead, or ifup finds them "already assigned".
    const knownToIfupdown = flavour === 'ifupdown' && (await runProcess('ifquery', [dev], T)).status === 'ok';
    const downNow = flavour === 'ifupdown' && !knownToIfupdown ? [['ip', '-4', 'addr', 'flush', 'dev', dev]] : down;
    // ifupdown with no file of ours before cannot "ifup" back to how it was: the interface was set
    // up some other way, so its addresses and default route as they are now are put back by hand.
    const link = await linkInfo(dev);
    const gatewayNow = await defaultGatewayOf(dev);
    const putBackByHand: Step[] = [
      run(['ip', 'link', 'set', 'dev', dev, 'up']),
      ...(link?.ipv4 ?? []).map((a) => run(['ip', 'addr', 'replace', `${a.address}/${a.prefixLength}`, 'dev', dev])),
      ...(gatewayNow ? [run(['ip', 'route', 'replace', 'default', 'via', gatewayNow, 'dev', dev])] : []),
    ];
    const restore: Step =
      previous === null ? { kind: 'remove-file', path: file.path } : { kind: 'write-file', path: file.path, content: previous };
    return {
      summary: {
        flavour,
        interface: dev,
        dhcp: cfg.mode === 'dhcp',
        address: cfg.mode === 'dhcp' ? null : (cfg.address ?? null),
        gateway: cfg.gateway ?? null,
      },
      steps: [
        ...downNow.map(run),
        { kind: 'write-file', path: file.path, content: file.content, mode: file.mode },
        ...up.map(run),
      ],
      undo: [...down.map(run), restore, ...(flavour === 'ifupdown' && previous === null ? putBackByHand : up.map(run))],
      before: { flavour, file: file.path, previous, os },
      rollbackUnlessVerified: true,
      verify: async () => {
        const ok = await eventually(async () => {
          const link = await linkInfo(dev);
          const hasAddress = cfg.address
            ? link?.ipv4.some((a) => `${a.address}/${a.prefixLength}` === cfg.address)
            : link?.ipv4.some((a) => !isApipa(a.address));
          if (!hasAddress) return false;
          // The configured gateway, or the one DHCP gave, must answer.
          const gateway = cfg.gateway ?? (await defaultGatewayOf(dev));
          return !gateway || (await runProcess('ping', ['-c', '1', '-W', '1', '-n', gateway], T)).status === 'ok';
        }, 20_000);
        return {
          ok,
          evidence: ok
            ? `${dev} configured and ${cfg.gateway ?? 'its address and gateway'} work`
            : `${dev} did not come up as configured within 20 s`,
        };
      },
    };
  },
};

const unicastMac = z
  .string()
  .regex(/^[0-9a-f][02468ace](:[0-9a-f]{2}){5}$/i, 'a unicast MAC address like 00:0c:29:12:34:56')
  .transform((m) => m.toLowerCase());

/** Brings `dev` back to where it was after a link bounce: a DHCP lease, or its static default route. */
async function reconnectSteps(dev: string): Promise<Step[]> {
  if (await usesDhcp(dev)) return [{ kind: 'run', argv: await dhcpClientArgv(dev) }];
  const gateway = await defaultGatewayOf(dev);
  return gateway ? [{ kind: 'run', argv: ['ip', 'route', 'replace', 'default', 'via', gateway, 'dev', dev] }] : [];
}

const newMac: FixDefinition = {
  id: 'guest.new-mac',
  platform: 'linux',
  params: z.object({ interface: ifname, mac: unicastMac.optional() }).strict(),
  plan: async ({ interface: dev = '', mac }) => {
    const before = await linkInfo(dev);
    if (!before?.mac) throw new Error(`${dev} has no MAC address to change`);
    const fresh = mac ?? freshMacLike(before.mac);
    const reconnect = await reconnectSteps(dev);
    // Most NICs take a new address only while down; the undo brings the link up again in any case.
    const setMac = (address: string): Step[] => [
      { kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'down'] },
      { kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'address', address] },
      { kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'up'] },
      ...reconnect,
    ];
    return {
      summary: { interface: dev, mac: fresh, was: before.mac },
      steps: setMac(fresh),
      undo: setMac(before.mac),
      before: { mac: before.mac, state: before.state },
      verify: async () => {
        // Duplicate address detection needs a second to clear the new link-local address.
        const ok = await eventually(async () => {
          const now = await linkInfo(dev);
          return now?.mac === fresh && now.state === 'up' && !(now.duplicateIpv6 ?? []).some((a) => isLinkLocalOf(a, fresh));
        }, 6000);
        const now = await linkInfo(dev);
        return {
          ok,
          evidence: `${dev} has ${now?.mac ?? 'no MAC'} and is ${now?.state ?? 'missing'}${now?.duplicateIpv6?.length ? `; still duplicated: ${now.duplicateIpv6.join(', ')}` : ''}`,
        };
      },
    };
  },
};

const LIBVIRT = ['virsh', ...VIRSH_SYSTEM];

/** Whether libvirt reports network `name` as active (C locale: the table's words are translated). */
async function libvirtNetworkActive(name: string): Promise<boolean | null> {
  const run = await runProcess('virsh', [...VIRSH_SYSTEM, 'net-list', '--all'], { ...T, env: VIRSH_ENV });
  if (run.status !== 'ok') return null;
  return parseNetList(run.stdout).find((n) => n.name === name)?.active ?? null;
}

/** On a Linux host the "NAT service" of a VM network is its libvirt network: start it. */
const startLibvirtNetwork: FixDefinition = {
  id: 'host.start-nat',
  platform: 'linux',
  params: z
    .object({
      network: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$/, 'a libvirt network name (a letter or digit, then letters, digits, _ . + -)'),
    })
    .strict(),
  plan: async ({ network = '' }) => {
    const before = await libvirtNetworkActive(network);
    if (before === null) throw new Error(`libvirt does not know a network ${network} (or no libvirt daemon answers)`);
    return {
      summary: { network },
      steps: before ? [] : [{ kind: 'run', argv: [...LIBVIRT, 'net-start', '--network', network] }],
      undo: before ? [] : [{ kind: 'run', argv: [...LIBVIRT, 'net-destroy', '--network', network] }],
      before: { active: before },
      verify: async () => {
        const ok = await eventually(async () => (await libvirtNetworkActive(network)) === true);
        return { ok, evidence: `libvirt network ${network} is ${ok ? 'active' : 'not active'}` };
      },
    };
  },
};

export const LINUX_FIXES: FixDefinition[] = [
  startLibvirtNetwork,
  newMac,
  linkUp,
  dhcpRenew,
  setGateway,
  setDns,
  allowIcmp,
  allowPort,
  installSshd,
  enableForwarding,
  allowForward,
  guestConfig,
];
