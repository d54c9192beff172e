/**
 * What each NIC's DHCP server said: its identifier, the router and the DNS servers it offered.
 * A lease is the best evidence of what a network expects, better than any product's convention.
 * Read from whichever client holds it: dhclient's lease files (their paths from the running
 * dhclient's -lf, else the distributions' defaults), NetworkManager (nmcli), systemd-networkd's
 * lease file, dhcpcd's dump. A lease counts only when it is for this NIC and its current address.
 * None of the parsers throws.
 */
import { isIpv4 } from '../../net/ipv4.ts';
import type { ProbeSource } from '../source.ts';

export type LeaseSource = 'dhclient' | 'networkmanager' | 'systemd-networkd' | 'dhcpcd';

export interface DhcpLease {
  interface: string | null;
  address: string | null;
  /** Option 54, the DHCP server identifier: who handed the address out. */
  server: string | null;
  routers: string[];
  dns: string[];
  source: LeaseSource;
  /** Where it was read: a file, or the command that printed it. */
  from: string;
}

const ipv4List = (text: string | undefined): string[] => (text ?? '').split(/[\s,]+/).filter(isIpv4);
const firstIpv4 = (text: string | undefined): string | null => ipv4List(text)[0] ?? null;

/** dhclient's lease file: `lease { interface "ens33"; fixed-address …; option routers …; }` blocks, oldest first. */
export function parseDhclientLeases(text: string, from: string): DhcpLease[] {
  const leases: DhcpLease[] = [];
  for (const block of text.matchAll(/lease\s*\{([^}]*)\}/g)) {
    const body = block[1] ?? '';
    const field = (re: RegExp) => body.match(re)?.[1];
    leases.push({
      interface: field(/\binterface\s+"([^"]+)"/) ?? null,
      address: firstIpv4(field(/\bfixed-address\s+([^;]+);/)),
      server: firstIpv4(field(/\boption\s+dhcp-server-identifier\s+([^;]+);/)),
      routers: ipv4List(field(/\boption\s+routers\s+([^;]+);/)),
      dns: ipv4List(field(/\boption\s+domain-name-servers\s+([^;]+);/)),
      source: 'dhclient',
      from,
    });
  }
  return leases;
}

/** A lease from one client's key/value pairs, given that client's names for the four fields. */
function leaseOf(
  values: Map<string, string>,
  keys: { address: string; server: string; routers: string; dns: string },
  where: { iface: string; source: LeaseSource; from: string },
): DhcpLease | null {
  if (!values.has(keys.address)) return null;
  return {
    interface: where.iface,
    address: firstIpv4(values.get(keys.address)),
    server: firstIpv4(values.get(keys.server)),
    routers: ipv4List(values.get(keys.routers)),
    dns: ipv4List(values.get(keys.dns)),
    source: where.source,
    from: where.from,
  };
}

/** Every line `re` matches (key, value), as a map. */
function pairs(text: string, re: RegExp): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = line.match(re);
    if (m?.[1] && m[2] !== undefined) values.set(m[1], m[2].trim());
  }
  return values;
}

/** The names dhcpcd and NetworkManager (nmcli) both use, after the DHCP options. */
const OPTION_NAMES = { address: 'ip_address', server: 'dhcp_server_identifier', routers: 'routers', dns: 'domain_name_servers' };

/** systemd-networkd's lease (also NetworkManager's internal client): KEY=VALUE lines. */
export function parseKeyValueLease(text: string, iface: string, source: LeaseSource, from: string): DhcpLease | null {
  return leaseOf(
    pairs(text, /^([A-Z_]+)=(.*)$/),
    { address: 'ADDRESS', server: 'SERVER_ADDRESS', routers: 'ROUTER', dns: 'DNS' },
    { iface, source, from },
  );
}

/** `nmcli -t -f DHCP4 device show IF`: `DHCP4.OPTION[2]:dhcp_server_identifier = 10.0.2.2`. */
export function parseNmcliDhcp4(text: string, iface: string, from: string): DhcpLease | null {
  const options = pairs(text, /^DHCP4\.OPTION\[\d+\]:\s*([a-z0-9_]+)\s*=\s*(.*)$/);
  return leaseOf(options, OPTION_NAMES, { iface, source: 'networkmanager', from });
}

/** `dhcpcd -U IF` (dump lease): shell assignments `routers='192.168.1.1'`. */
export function parseDhcpcdDump(text: string, iface: string, from: string): DhcpLease | null {
  return leaseOf(pairs(text, /^([a-z0-9_]+)=['"]?([^'"]*)['"]?\s*$/), OPTION_NAMES, { iface, source: 'dhcpcd', from });
}

/** The lease files named by running dhclients (`-lf PATH`); only *.lease(s) paths, so no device or FIFO is read. */
export function dhclientLeaseFiles(pgrepOutput: string): string[] {
  const files = new Set<string>();
  for (const line of pgrepOutput.split('\n')) {
    const m = line.match(/\s-lf\s+(\S+)/);
    const path = m?.[1];
    if (path?.startsWith('/') && !path.split('/').includes('..') && /\.leases?$/.test(path)) files.add(path);
  }
  return [...files];
}

/** Where distributions keep dhclient's leases when nothing running names them (Debian/Ubuntu ifupdown, RHEL). */
const dhclientDefaults = (iface: string) => [
  `/var/lib/dhcp/dhclient.${iface}.leases`,
  '/var/lib/dhcp/dhclient.leases',
  `/var/lib/dhclient/dhclient--${iface}.lease`,
  '/var/lib/dhclient/dhclient.leases',
];

export interface LeaseQuery {
  name: string;
  index: number | null;
  address: string;
}

/**
 * The lease of each NIC that holds one for its current address, read from every client at once.
 * A client that is not installed or a file that is missing simply gives none.
 */
export async function readLeases(
  nics: readonly LeaseQuery[],
  timeoutMs: number,
  source: ProbeSource,
): Promise<Map<string, DhcpLease>> {
  const t = Math.min(timeoutMs, 3000);
  const pgrep = await source.run('pgrep', ['-a', 'dhclient'], { timeoutMs: t });
  const running = pgrep.status === 'ok' ? dhclientLeaseFiles(pgrep.stdout) : [];
  const dhclientFiles = [...new Set([...running, ...nics.flatMap((n) => dhclientDefaults(n.name))])];
  const readFile = async (path: string) => {
    const read = await source.readText(path);
    return read.status === 'ok' ? read.text : null;
  };
  const [dhclient, perNic] = await Promise.all([
    Promise.all(dhclientFiles.map(async (f) => parseDhclientLeases((await readFile(f)) ?? '', f))).then((l) => l.flat()),
    Promise.all(
      nics.map(async (nic) => {
        const networkd = nic.index === null ? null : `/run/systemd/netif/leases/${nic.index}`;
        const [nm, sd, dhcpcd] = await Promise.all([
          source.run('nmcli', ['-t', '-f', 'DHCP4', 'device', 'show', nic.name], { timeoutMs: t }),
          networkd ? readFile(networkd) : Promise.resolve(null),
          source.run('dhcpcd', ['-U', nic.name], { timeoutMs: t }),
        ]);
        return [
          nm.status === 'ok' ? parseNmcliDhcp4(nm.stdout, nic.name, `nmcli -t -f DHCP4 device show ${nic.name}`) : null,
          sd && networkd ? parseKeyValueLease(sd, nic.name, 'systemd-networkd', networkd) : null,
          dhcpcd.status === 'ok' ? parseDhcpcdDump(dhcpcd.stdout, nic.name, `dhcpcd -U ${nic.name}`) : null,
        ].filter((l): l is DhcpLease => l !== null);
      }),
    ).then((l) => l.flat()),
  ]);
  const found = new Map<string, DhcpLease>();
  for (const nic of nics) {
    // The newest lease for this NIC and its present address (dhclient appends, so the last wins).
    const mine = [...dhclient, ...perNic].filter((l) => l.interface === nic.name && l.address === nic.address);
    const lease = mine.at(-1);
    if (lease) found.set(nic.name, lease);
  }
  return found;
}
