import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { cidrOf, isApipa, networkOf, nthHost, parseCidr } from '../net/ipv4.ts';
import { freshMacLike, isLinkLocalOf } from '../net/mac.ts';
import { VIRSH_SYSTEM } from '../probes/libvirt/virsh-parsers.ts';
import { runLinuxProbe, virshNetListProbe } from '../probes/linux/registry/index.ts';
import { forwardVerdict, icmpEchoVerdict, inputVerdict, type Ruleset } from '../probes/linux/ruleset.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { onPath } from '../runner/on-path.ts';
import { runProcess } from '../runner/process-runner.ts';
import { bridgeUplink } from './bridge-uplink.ts';
import { defineFix, type FixDefinition } from './definition.ts';
import { dhcpClientArgv } from './dhcp-client.ts';
import { setDns } from './dns.ts';
import { eventually } from './eventually.ts';
import { chainsThatDrop, type Opening, openChains, readFirewallOrThrow, verifyPasses } from './firewall-openings.ts';
import {
  applyArgv,
  type ConfigFlavour,
  configPath,
  flavourFor,
  type GuestNetworkConfig,
  parseOsRelease,
  renderGuestConfig,
  validateConfig,
} from './guest-config.ts';
import type { Step } from './journal.ts';
import { startLibvirtDhcp } from './libvirt-dhcp.ts';
import { restoreMasquerade } from './masquerade.ts';
import { setMtu } from './mtu.ts';
import { addressWithPrefix, allowWide, gatewayAddress, ifname, ipv4, isNetworkOrBroadcast, vmSubnet, within } from './params.ts';
import { defaultGatewayOf, defaultRoutes, linkInfo, links, textOr, usesDhcp } from './read-state.ts';
import { releaseVpnRoute } from './vpn-route.ts';

const _hostname = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, 'a host name');
/** A firewall chain as the journal records it: names the tools accept, never an option. */
const chainName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/);
const chainList = z
  .array(
    z.object({ origin: z.enum(['nft', 'iptables', 'iptables-legacy']), family: chainName, table: chainName, name: chainName }),
  )
  .max(32);

const T = { timeoutMs: 8000 };

const linkUp = defineFix({
  id: 'linux.link-up',
  platform: 'linux',
  params: z.object({ interface: ifname }).strict(),
  before: z.strictObject({ state: z.enum(['up', 'down', 'disabled', 'not-present', 'unknown', 'missing']) }),
  plan: async ({ interface: dev = '' }, { source }) => {
    const before = await linkInfo(dev, source);
    // Taking a link down deletes its routes; a DHCP-configured interface gets them back by
    // renewing, as networkd or NetworkManager would do on link-up.
    const renew = (await usesDhcp(dev, source)) ? [{ kind: 'run', argv: await dhcpClientArgv(dev, source) } as Step] : [];
    return {
      summary: { interface: dev, renew: renew.length > 0 },
      steps: [{ kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'up'] }, ...renew],
      before: { state: before?.state ?? 'missing' },
      verify: async () => {
        const ok = await eventually(async () => (await linkInfo(dev))?.state === 'up');
        return { ok, readBack: said('link-state', { device: dev, state: (await linkInfo(dev))?.state ?? 'missing' }) };
      },
    };
  },
  undo: ({ interface: dev = '' }, before) =>
    before.state === 'disabled' ? [{ kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'down'] }] : [],
});

const dhcpRenew = defineFix({
  id: 'linux.dhcp-renew',
  platform: 'linux',
  params: z.object({ interface: ifname }).strict(),
  before: z.strictObject({ addresses: z.array(addressWithPrefix).max(64) }),
  plan: async ({ interface: dev = '' }, { source }) => {
    const before = await linkInfo(dev, source);
    const argv = await dhcpClientArgv(dev, source);
    return {
      summary: { interface: dev },
      steps: [{ kind: 'run', argv }],
      before: { addresses: before?.ipv4.map((a) => `${a.address}/${a.prefixLength}`) ?? [] },
      verify: async () => {
        const ok = await eventually(async () => !!(await linkInfo(dev))?.ipv4.some((a) => !isApipa(a.address)), 6000);
        return {
          ok,
          readBack: said('link-addresses', { device: dev, addresses: (await linkInfo(dev))?.ipv4.map((a) => a.address) ?? [] }),
        };
      },
    };
  },
  // Back to the addresses it had (usually none): flush, then re-add the old ones.
  undo: ({ interface: dev = '' }, before) => [
    { kind: 'run', argv: ['ip', '-4', 'addr', 'flush', 'dev', dev] },
    ...before.addresses.map((a): Step => ({ kind: 'run', argv: ['ip', 'addr', 'add', a, 'dev', dev] })),
  ],
});

const setGateway = defineFix({
  id: 'linux.set-gateway',
  platform: 'linux',
  params: z.object({ interface: ifname, gateway: gatewayAddress }).strict(),
  before: z.strictObject({ defaultRoute: z.object({ gateway: ipv4, dev: ifname.nullable() }).nullable() }),
  plan: async ({ interface: dev = '', gateway = '' }, { source }) => {
    // The gateway must be a host on the interface's own network.
    const own = (await linkInfo(dev, source))?.ipv4.find((a) => !isApipa(a.address));
    if (own) {
      const net = networkOf(own.address, own.prefixLength);
      if (!within(networkOf(gateway, 32), net) || isNetworkOrBroadcast(gateway, net))
        throw new Error(`${gateway} is not a host of ${dev}'s network ${cidrOf(own.address, own.prefixLength)}`);
    }
    const previous = (await defaultRoutes(source)).find((r) => r.gateway);
    return {
      summary: { interface: dev, gateway },
      steps: [{ kind: 'run', argv: ['ip', 'route', 'replace', 'default', 'via', gateway, 'dev', dev] }],
      before: { defaultRoute: previous?.gateway ? { gateway: previous.gateway, dev: previous.dev ?? null } : null },
      verify: async () => {
        const now = (await defaultRoutes()).find((r) => r.gateway);
        const answers = (await runProcess('ping', ['-c', '1', '-W', '1', '-n', gateway], T)).status === 'ok';
        return {
          ok: now?.gateway === gateway && answers,
          readBack: said('default-route', { via: now?.gateway ?? null, gateway, answers }),
        };
      },
    };
  },
  undo: (_params, { defaultRoute: previous }) =>
    previous
      ? [
          {
            kind: 'run',
            argv: ['ip', 'route', 'replace', 'default', 'via', previous.gateway, ...(previous.dev ? ['dev', previous.dev] : [])],
          },
        ]
      : [{ kind: 'run', argv: ['ip', 'route', 'del', 'default'] }],
});

const COMMENT = 'vmnet-doctor allow-icmp';

/** This machine's own IPv4 networks (the VM networks it is on, or carries as a host). */
async function localNetworks(source: ProbeSource) {
  return (await links(source)).flatMap((a) =>
    a.ipv4.filter((ip) => !isApipa(ip.address)).map((ip) => networkOf(ip.address, ip.prefixLength)),
  );
}

/** A firewall opening is for a VM network: wider than every network of this machine needs --allow-wide. */
async function refuseWiderThanLocal(subnet: string, wide: string | undefined, source: ProbeSource): Promise<void> {
  const net = parseCidr(subnet);
  if (wide === 'yes' || !net) return;
  if (!(await localNetworks(source)).some((local) => within(net, local)))
    throw new Error(`${subnet} is wider than (or outside) every network of this machine; give --allow-wide to open it anyway`);
}

/** "A.B.C.0/N" → an address inside it, standing for the VMs when judging rules about them. */
const memberOf = (subnet: string) => {
  const net = parseCidr(subnet);
  return (net && nthHost(net, 1)) ?? subnet.split('/')[0] ?? '';
};

const icmpOpening = (subnet: string): Opening[] => [
  {
    nft: ['ip', 'saddr', subnet, 'icmp', 'type', 'echo-request'],
    iptables: ['-s', subnet, '-p', 'icmp', '--icmp-type', 'echo-request'],
  },
];

const allowIcmp = defineFix({
  id: 'linux.allow-icmp',
  platform: 'linux',
  params: z.object({ subnet: vmSubnet, allowWide }).strict(),
  before: z.strictObject({ chains: chainList }),
  plan: async ({ subnet = '', allowWide }, { source }) => {
    await refuseWiderThanLocal(subnet, allowWide, source);
    const question = (r: Ruleset) => icmpEchoVerdict(r, memberOf(subnet));
    const chains = await chainsThatDrop(question, undefined, source);
    // An accept placed first in each chain that drops echo (an accept elsewhere would not help:
    // every base chain on the hook must let the packet through).
    return {
      summary: { subnet },
      steps: openChains(chains, icmpOpening(subnet), COMMENT).steps,
      before: { chains },
      verify: () => verifyPasses(question, { what: 'echo', port: null }),
    };
  },
  undo: ({ subnet = '' }, { chains }) => openChains(chains, icmpOpening(subnet), COMMENT).undo,
});

const PORT_COMMENT = 'vmnet-doctor allow-port';

const portOpening = (port: string, subnet: string): Opening[] => [
  { nft: ['ip', 'saddr', subnet, 'tcp', 'dport', port], iptables: ['-s', subnet, '-p', 'tcp', '--dport', port] },
];
const ufwRule = (port: string, subnet: string) => ['allow', 'from', subnet, 'to', 'any', 'port', port, 'proto', 'tcp'];

const allowPort = defineFix({
  id: 'linux.allow-port',
  platform: 'linux',
  params: z
    .object({
      port: z
        .string()
        .regex(/^\d{1,5}$/)
        .refine((p) => Number(p) >= 1 && Number(p) <= 65535, 'a port 1-65535'),
      subnet: vmSubnet,
      allowWide,
    })
    .strict(),
  before: z.strictObject({ chains: chainList, ufw: z.boolean() }),
  plan: async ({ port = '', subnet = '', allowWide }, { source }) => {
    await refuseWiderThanLocal(subnet, allowWide, source);
    const question = (r: Ruleset) => inputVerdict(r, { kind: 'tcp', port: Number(port) }, memberOf(subnet));
    const view = await readFirewallOrThrow(source);
    const chains = await chainsThatDrop(question, view);
    if (view.ufw?.active && chains.length > 0) {
      // ufw rebuilds its chains on every reload: a rule of ufw's own lasts, and survives reboots.
      return {
        summary: { port, subnet, ufw: true, incoming: view.ufw.incoming ?? null },
        steps: [{ kind: 'run', argv: ['ufw', ...ufwRule(port, subnet)] }],
        before: { chains, ufw: true },
        verify: () => verifyPasses(question, { what: 'port', port: Number(port) }),
      };
    }
    return {
      summary: { port, subnet, ufw: false, incoming: null },
      steps: openChains(chains, portOpening(port, subnet), PORT_COMMENT).steps,
      before: { chains, ufw: false },
      verify: () => verifyPasses(question, { what: 'port', port: Number(port) }),
    };
  },
  undo: ({ port = '', subnet = '' }, { chains, ufw }) =>
    ufw
      ? [{ kind: 'run', argv: ['ufw', 'delete', ...ufwRule(port, subnet)] }]
      : openChains(chains, portOpening(port, subnet), PORT_COMMENT).undo,
});

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

const installSshd = defineFix({
  id: 'guest.install-sshd',
  platform: 'linux',
  params: z.object({}).strict(),
  before: z.strictObject({ installed: z.boolean() }),
  plan: async (_params, { source }) => {
    const packaging = sshPackaging();
    if (!packaging) throw new Error('no apt-get, dnf, yum or zypper here: install openssh-server with your distribution’s tool');
    const installed = await source.exists('/usr/sbin/sshd');
    return {
      summary: { installed, unit: packaging.unit },
      steps: [
        ...(installed ? [] : [{ kind: 'run', argv: packaging.install } as Step]),
        { kind: 'run', argv: ['systemctl', 'enable', '--now', packaging.unit] },
      ],
      before: { installed },
      verify: async () => {
        const ok = await eventually(async () => {
          const ss = await runProcess('ss', ['-Htln'], T);
          return ss.status === 'ok' && / [^ ]*:22 /.test(ss.stdout);
        }, 10_000);
        return { ok, readBack: said('ssh-listens', { listens: ok }) };
      },
    };
  },
  // Undo stops what it started and removes only what it installed, with this system's own tools.
  undo: (_params, { installed }) => {
    const packaging = sshPackaging();
    if (!packaging) return [];
    return [
      { kind: 'run', argv: ['systemctl', 'disable', '--now', packaging.unit] },
      ...(installed ? [] : [{ kind: 'run', argv: packaging.remove } as Step]),
    ];
  },
});

const FORWARD_FILE = '/proc/sys/net/ipv4/ip_forward';

const FORWARDING_CONF = '/etc/sysctl.d/99-vmnet-doctor.conf';

const enableForwarding = defineFix({
  id: 'linux.enable-forwarding',
  platform: 'linux',
  params: z.object({ persist: z.enum(['yes', 'no']).default('no') }).strict(),
  before: z.strictObject({
    ipForward: z.enum(['0', '1']),
    persistent: z.boolean(),
    previousFile: z
      .string()
      .max(64 * 1024)
      .nullable(),
  }),
  plan: async ({ persist }, { source }) => {
    const ipForward = (await textOr(FORWARD_FILE, '0', source)).trim() === '1' ? '1' : '0';
    const persistent = persist === 'yes';
    const previousFile = persistent ? await textOr(FORWARDING_CONF, null, source) : null;
    return {
      summary: { persistent, file: FORWARDING_CONF },
      steps: [
        { kind: 'run', argv: ['sysctl', '-w', 'net.ipv4.ip_forward=1'] },
        ...(persistent
          ? [
              {
                kind: 'write-file',
                path: FORWARDING_CONF,
                content: '# VMnet Doctor: linux.enable-forwarding\nnet.ipv4.ip_forward = 1\n',
              } as Step,
            ]
          : []),
      ],
      before: { ipForward, persistent, previousFile },
      verify: async () => {
        const now = (await readFile(FORWARD_FILE, 'utf8').catch(() => '?')).trim();
        return { ok: now === '1', readBack: said('ip-forward', { value: now }) };
      },
    };
  },
  undo: (_params, before) => [
    { kind: 'run', argv: ['sysctl', '-w', `net.ipv4.ip_forward=${before.ipForward}`] },
    ...(before.persistent
      ? [
          before.previousFile === null
            ? ({ kind: 'remove-file', path: FORWARDING_CONF } as Step)
            : ({ kind: 'write-file', path: FORWARDING_CONF, content: before.previousFile } as Step),
        ]
      : []),
  ],
});

const FORWARD_COMMENT = 'vmnet-doctor allow-forward';

/** The VMs' traffic through the host, both directions, and nothing else on that interface. */
const forwardOpening = (dev: string, subnet: string): Opening[] => [
  { nft: ['iifname', dev, 'ip', 'saddr', subnet], iptables: ['-i', dev, '-s', subnet] },
  { nft: ['oifname', dev, 'ip', 'daddr', subnet], iptables: ['-o', dev, '-d', subnet] },
];

const allowForward = defineFix({
  id: 'linux.allow-forward',
  platform: 'linux',
  params: z.object({ interface: ifname }).strict(),
  before: z.strictObject({ chains: chainList, subnet: vmSubnet }),
  plan: async ({ interface: dev = '' }, { source }) => {
    const link = await linkInfo(dev, source);
    const address = link?.ipv4.find((a) => !isApipa(a.address));
    if (!address) throw new Error(`${dev} has no IPv4 network to let through`);
    const subnet = cidrOf(address.address, address.prefixLength);
    const question = (r: Ruleset) => forwardVerdict(r, { iface: dev, subnet });
    const chains = await chainsThatDrop(question, undefined, source);
    // Both directions of the VM bridge, first in each forward chain that drops them.
    return {
      summary: { interface: dev },
      steps: openChains(chains, forwardOpening(dev, subnet), FORWARD_COMMENT).steps,
      before: { chains, subnet },
      verify: () => verifyPasses(question, { what: 'forward', port: null }),
    };
  },
  undo: ({ interface: dev = '' }, { chains, subnet }) => openChains(chains, forwardOpening(dev, subnet), FORWARD_COMMENT).undo,
});

const guestConfig = defineFix({
  id: 'guest.config',
  platform: 'linux',
  params: z
    .object({
      interface: ifname,
      mode: z.enum(['dhcp', 'static']).default('dhcp'),
      address: addressWithPrefix.optional(),
      gateway: ipv4.optional(),
      dns: z
        .string()
        .regex(/^[\d.,]{7,47}$/)
        .optional(),
      flavour: z.enum(['netplan', 'ifupdown', 'nm-keyfile', 'ifcfg']).optional(),
    })
    .strict()
    .refine((p) => p.mode === 'dhcp' || !!p.address, 'a static configuration needs address=A.B.C.D/N'),
  before: z.strictObject({
    flavour: z.enum(['netplan', 'ifupdown', 'nm-keyfile', 'ifcfg']),
    /** The file's content before, or null when there was none. */
    previous: z
      .string()
      .max(256 * 1024)
      .nullable(),
    /** The interface's addresses and default gateway as they were (ifupdown with no file of ours). */
    addresses: z.array(addressWithPrefix).max(64),
    gateway: ipv4.nullable(),
  }),
  plan: async (params, { source }) => {
    const dev = params.interface ?? '';
    const os = parseOsRelease(await textOr('/etc/os-release', '', source));
    const has = {
      netplan: onPath('netplan'),
      networkManager: (await source.run('systemctl', ['is-active', '--quiet', 'NetworkManager'], T)).status === 'ok',
    };
    const flavour = (params.flavour as ConfigFlavour | undefined) ?? flavourFor(os, has);
    // The interface as it is now, read once: its MAC names it in the file, its addresses are what undo puts back.
    const link = await linkInfo(dev, source);
    const mac = link?.mac ?? null;
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
    const previous = await textOr(file.path, null, source);
    const run = (argv: string[]): Step => ({ kind: 'run', argv });
    const { down, up } = applyArgv(flavour, dev);
    // ifdown refuses an interface no ifupdown file defines yet (it was set up some other way, e.g.
    // by dhclient); its addresses are cleared by hand instead, or ifup finds them "already assigned".
    const knownToIfupdown = flavour === 'ifupdown' && (await source.run('ifquery', [dev], T)).status === 'ok';
    const downNow = flavour === 'ifupdown' && !knownToIfupdown ? [['ip', '-4', 'addr', 'flush', 'dev', dev]] : down;
    const gatewayNow = (await defaultGatewayOf(dev, source)) ?? null;
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
      before: {
        flavour,
        previous,
        addresses: (link?.ipv4 ?? []).map((a) => `${a.address}/${a.prefixLength}`),
        gateway: gatewayNow,
      },
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
          readBack: said('guest-configured', { device: dev, gateway: cfg.gateway ?? null, ok }),
        };
      },
    };
  },
  undo: ({ interface: dev = '' }, before) => {
    const run = (argv: string[]): Step => ({ kind: 'run', argv });
    const { down, up } = applyArgv(before.flavour, dev);
    const path = configPath(before.flavour, dev);
    const restore: Step =
      before.previous === null ? { kind: 'remove-file', path } : { kind: 'write-file', path, content: before.previous };
    // ifupdown with no file of ours before cannot "ifup" back to how it was: the interface was set
    // up some other way, so its addresses and default route as they were are put back by hand.
    const putBackByHand: Step[] = [
      run(['ip', 'link', 'set', 'dev', dev, 'up']),
      ...before.addresses.map((a) => run(['ip', 'addr', 'replace', a, 'dev', dev])),
      ...(before.gateway ? [run(['ip', 'route', 'replace', 'default', 'via', before.gateway, 'dev', dev])] : []),
    ];
    return [
      ...down.map(run),
      restore,
      ...(before.flavour === 'ifupdown' && before.previous === null ? putBackByHand : up.map(run)),
    ];
  },
});

const unicastMac = z
  .string()
  .regex(/^[0-9a-f][02468ace](:[0-9a-f]{2}){5}$/i, 'a unicast MAC address like 00:0c:29:12:34:56')
  .transform((m) => m.toLowerCase());

/** Brings `dev` back to where it was after a link bounce: a DHCP lease, or its static default route. */
async function reconnectSteps(dev: string, source: ProbeSource): Promise<Step[]> {
  if (await usesDhcp(dev, source)) return [{ kind: 'run', argv: await dhcpClientArgv(dev, source) }];
  const gateway = await defaultGatewayOf(dev, source);
  return gateway ? [{ kind: 'run', argv: ['ip', 'route', 'replace', 'default', 'via', gateway, 'dev', dev] }] : [];
}

/** Most NICs take a new address only while down; the link comes up again in any case, with its lease or route. */
async function setMac(dev: string, address: string, source: ProbeSource): Promise<Step[]> {
  const reconnect = await reconnectSteps(dev, source);
  return [
    { kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'down'] },
    { kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'address', address] },
    { kind: 'run', argv: ['ip', 'link', 'set', 'dev', dev, 'up'] },
    ...reconnect,
  ];
}

const newMac = defineFix({
  id: 'guest.new-mac',
  platform: 'linux',
  params: z.object({ interface: ifname, mac: unicastMac.optional() }).strict(),
  before: z.strictObject({ mac: unicastMac, state: z.string().max(16) }),
  plan: async ({ interface: dev = '', mac }, { source }) => {
    const before = await linkInfo(dev, source);
    if (!before?.mac) throw new Error(`${dev} has no MAC address to change`);
    const fresh = mac ?? freshMacLike(before.mac);
    return {
      summary: { interface: dev, mac: fresh, was: before.mac },
      steps: await setMac(dev, fresh, source),
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
          readBack: said('mac-state', {
            device: dev,
            mac: now?.mac ?? null,
            state: now?.state ?? 'missing',
            duplicated: now?.duplicateIpv6 ?? [],
          }),
        };
      },
    };
  },
  undo: ({ interface: dev = '' }, before, { source }) => setMac(dev, before.mac, source),
});

const LIBVIRT = ['virsh', ...VIRSH_SYSTEM];

/** Whether libvirt reports network `name` as active (C locale: the table's words are translated). */
async function libvirtNetworkActive(name: string, source: ProbeSource = liveSource): Promise<boolean | null> {
  const { data } = await runLinuxProbe(virshNetListProbe, source, T.timeoutMs);
  return data?.find((n) => n.name === name)?.active ?? null;
}

/** On a Linux host the "NAT service" of a VM network is its libvirt network: start it. */
const startLibvirtNetwork = defineFix({
  id: 'host.start-nat',
  platform: 'linux',
  params: z
    .object({
      network: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$/, 'a libvirt network name (a letter or digit, then letters, digits, _ . + -)'),
    })
    .strict(),
  before: z.strictObject({ active: z.boolean() }),
  plan: async ({ network = '' }, { source }) => {
    const before = await libvirtNetworkActive(network, source);
    if (before === null) throw new Error(`libvirt does not know a network ${network} (or no libvirt daemon answers)`);
    return {
      summary: { network },
      steps: before ? [] : [{ kind: 'run', argv: [...LIBVIRT, 'net-start', '--network', network] }],
      before: { active: before },
      verify: async () => {
        const ok = await eventually(async () => (await libvirtNetworkActive(network)) === true);
        return { ok, readBack: said('libvirt-network', { network, active: ok }) };
      },
    };
  },
  undo: ({ network = '' }, { active }) =>
    active ? [] : [{ kind: 'run', argv: [...LIBVIRT, 'net-destroy', '--network', network] }],
});

export const LINUX_FIXES: FixDefinition[] = [
  startLibvirtNetwork,
  newMac,
  linkUp,
  dhcpRenew,
  setGateway,
  setDns,
  startLibvirtDhcp,
  allowIcmp,
  allowPort,
  installSshd,
  enableForwarding,
  allowForward,
  guestConfig,
  releaseVpnRoute,
  restoreMasquerade,
  setMtu,
  bridgeUplink,
];
