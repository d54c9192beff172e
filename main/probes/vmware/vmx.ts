/**
 * The network cards of a VMware VM from its .vmx file (probe reference §2.4): `ethernetN.*` keys,
 * connectionType defaulting to "bridged", the MAC from generatedAddress unless addressType is
 * "static". Pure and tolerant: unknown lines are skipped.
 */
export interface VmxNic {
  slot: number;
  present: boolean;
  /** "bridged" | "hostonly" | "nat" | "custom" (then `vnet` names the network). */
  connectionType: string;
  vnet: string | null;
  /** Colon form, lower case. */
  mac: string | null;
}

const LINE = /^\s*ethernet(\d+)\.([A-Za-z]+)\s*=\s*"([^"]*)"\s*$/;
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

export function parseVmxEthernet(text: string): VmxNic[] {
  const keys = new Map<number, Map<string, string>>();
  for (const line of text.split(/\r?\n/).slice(0, 20_000)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const slot = Number(m[1]);
    if (slot > 63) continue;
    const own = keys.get(slot) ?? new Map<string, string>();
    const key = (m[2] ?? '').toLowerCase();
    if (!own.has(key)) own.set(key, m[3] ?? '');
    keys.set(slot, own);
  }
  return [...keys.entries()]
    .sort(([a], [b]) => a - b)
    .map(([slot, k]) => {
      const raw = (
        k.get('addresstype')?.toLowerCase() === 'static' ? k.get('address') : k.get('generatedaddress')
      )?.toLowerCase();
      return {
        slot,
        present: k.get('present')?.toUpperCase() === 'TRUE',
        connectionType: (k.get('connectiontype') ?? 'bridged').toLowerCase(),
        vnet: k.get('vnet') || null,
        mac: raw && MAC.test(raw) ? raw : null,
      };
    });
}

/** The virtual network a NIC is on: VMnet0 (bridged), VMnet1 (host-only), VMnet8 (NAT) or its custom vnet. */
export function vmxNetworkOf(nic: VmxNic): string {
  if (nic.connectionType === 'custom' && nic.vnet) return nic.vnet.replace(/^\/dev\//, '').replace(/^vmnet/i, 'VMnet');
  return nic.connectionType === 'nat' ? 'VMnet8' : nic.connectionType === 'hostonly' ? 'VMnet1' : 'VMnet0';
}
