/**
 * VBoxManage output (probe-reference §3): `list hostonlyifs` records and
 * `showvminfo --machinereadable` key="value" lines. Pure, tolerant parsers.
 */
import { isIpv4, maskToPrefix } from '../../net/ipv4.ts';

export interface VboxHostOnlyIf {
  name: string;
  dhcp: boolean | null;
  address: string | null;
  prefixLength: number | null;
  status: string | null;
}

/** Records separated by blank lines, each `Key:   value`. */
export function parseHostOnlyIfs(text: string): VboxHostOnlyIf[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((record) => {
      const fields = new Map<string, string>();
      for (const line of record.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((f) => f.has('Name'))
    .map((f) => {
      const address = f.get('IPAddress') ?? '';
      return {
        name: f.get('Name') ?? '',
        dhcp: f.has('DHCP') ? f.get('DHCP') === 'Enabled' : null,
        address: isIpv4(address) ? address : null,
        prefixLength: maskToPrefix(f.get('NetworkMask') ?? ''),
        status: f.get('Status') ?? null,
      };
    });
}

export interface VboxPortForward {
  name: string;
  protocol: string;
  hostIp: string;
  hostPort: number;
  guestIp: string;
  guestPort: number;
}

export interface VboxNic {
  slot: number;
  /** "nat", "natnetwork", "bridged", "hostonly", "hostonlynetwork", "intnet", … */
  attachment: string;
  cableConnected: boolean | null;
  /** Colon form, lower case. */
  mac: string | null;
  /** Host-only adapter, bridge adapter or NAT network name, whichever applies. */
  network: string | null;
  forwards: VboxPortForward[];
}

export interface VboxMachine {
  name: string | null;
  uuid: string | null;
  state: string | null;
  nics: VboxNic[];
}

/** `key="value"` or `"quoted key"="value"`; numbers may be unquoted. */
function machineReadablePairs(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const match = /^("?)([^"=]+)\1=(?:"(.*)"|(\S*))$/.exec(line);
    if (match?.[2]) pairs.push([match[2], match[3] ?? match[4] ?? '']);
  }
  return pairs;
}

export function parseMachineReadable(text: string): VboxMachine {
  const pairs = machineReadablePairs(text);
  // First occurrence wins; a map keeps lookups constant-time on huge or hostile input.
  const byKey = new Map<string, string>();
  for (const [k, v] of pairs) if (!byKey.has(k)) byKey.set(k, v);
  const get = (key: string) => byKey.get(key) ?? null;
  const nics: VboxNic[] = [];
  const pendingForwards: VboxPortForward[] = [];
  // Forwarding(i) lines follow the NIC they belong to (probe-reference §3.3).
  let current: VboxNic | null = null;
  for (const [key, value] of pairs) {
    const nic = /^nic(\d+)$/.exec(key);
    if (nic?.[1]) {
      const slot = Number(nic[1]);
      current =
        value === 'none' ? null : { slot, attachment: value, cableConnected: null, mac: null, network: null, forwards: [] };
      if (current) nics.push(current);
      continue;
    }
    const forward = /^Forwarding\(\d+\)$/.exec(key);
    if (forward) {
      const [name = '', protocol = '', hostIp = '', hostPort = '', guestIp = '', guestPort = ''] = value.split(',');
      // Normally after the NIC it belongs to; when no NIC came yet, kept for the first NAT NIC.
      const target = current;
      const entry = { name, protocol, hostIp, hostPort: Number(hostPort), guestIp, guestPort: Number(guestPort) };
      if (target) target.forwards.push(entry);
      else pendingForwards.push(entry);
    }
  }
  // Fields come before or after nicN depending on the version: fill them by slot.
  for (const nic of nics) {
    const cable = get(`cableconnected${nic.slot}`);
    nic.cableConnected = cable === null ? null : cable === 'on';
    const mac = get(`macaddress${nic.slot}`);
    nic.mac = mac && /^[0-9A-Fa-f]{12}$/.test(mac) ? mac.toLowerCase().replace(/(..)(?!$)/g, '$1:') : null;
    nic.network =
      get(`hostonlyadapter${nic.slot}`) ??
      get(`bridgeadapter${nic.slot}`) ??
      get(`nat-network${nic.slot}`) ??
      get(`hostonly-network${nic.slot}`) ??
      get(`intnet${nic.slot}`);
  }
  const firstNat = nics.find((n) => n.attachment === 'nat');
  if (firstNat) firstNat.forwards.push(...pendingForwards.splice(0));
  return { name: get('name'), uuid: get('UUID'), state: get('VMState'), nics };
}
