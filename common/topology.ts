/**
 * The wizard's picture of the VM network, derived from a diagnosis alone (pure, shared by main
 * and renderer): which devices exist in this mode and which links the checks prove healthy or
 * broken. NAT: guest ─ switch ─ host adapter, switch ─ NAT device/gateway ─ internet, switch ─
 * DHCP. Host-only: no NAT device and no internet. Internal (VirtualBox): the VM and its network
 * only, without this computer. Drawn by renderer/src/screens/TopologyView.tsx.
 */
import { CHECKS } from './catalogue/checks.ts';
import { FINDINGS, type LinkId } from './catalogue/findings.ts';
import type { Check, CheckStatus, DiagnosisReport, FindingId } from './domain.ts';

/** Internal: a VirtualBox internal network, VMs only — this computer is not on it, by design. */
export type TopologyMode = 'nat' | 'host-only' | 'bridged' | 'internal';
export type NodeId = 'guest' | 'switch' | 'host' | 'gateway' | 'dhcp' | 'internet';
export type { LinkId };
export type LinkState = 'ok' | 'broken' | 'warning' | 'unknown';

export interface TopologyLink {
  id: LinkId;
  from: NodeId;
  to: NodeId;
  state: LinkState;
  /** The checks and findings behind the state, for the tooltip and the test. */
  because: string[];
}

/** Whose network it is, when the diagnosis identified it: it names the devices in the picture. */
export type TopologyProduct = 'vmware' | 'virtualbox-nat' | 'virtualbox-natnetwork' | 'virtualbox' | 'libvirt' | 'hyperv' | 'lan';

/** Who bridges the VM onto the LAN, when a host's bridge checks say: VMware's VMnet0, VirtualBox, a Linux bridge (br0). */
export type TopologyBridge = 'vmware' | 'virtualbox' | 'linux';

export interface Topology {
  mode: TopologyMode;
  product: TopologyProduct | null;
  bridge: TopologyBridge | null;
  /** Failed checks in all: the picture never says "nothing broken" while the checklist shows failures. */
  failed: number;
  nodes: NodeId[];
  /** A node itself at fault (its firewall, a service), not a link. */
  nodeStates: Partial<Record<NodeId, LinkState>>;
  links: TopologyLink[];
  labels: Partial<Record<NodeId, string>>;
}

/** Which link or node each check speaks for, and which findings mark a link: from the catalogue. */
const checkDecl = (id: string) =>
  (CHECKS as Record<string, { link?: LinkId | LinkId[]; node?: NodeId; warningOnly?: boolean; endToEnd?: boolean }>)[id];
const CHECK_LINKS = (id: string): LinkId[] => {
  const link = checkDecl(id)?.link;
  return link === undefined ? [] : Array.isArray(link) ? link : [link];
};
const CHECK_NODE = (id: string): NodeId | undefined => checkDecl(id)?.node;
const FINDING_LINK = (id: FindingId): LinkId | undefined => (FINDINGS[id] as { link?: LinkId }).link;

const LINK_ENDS: Record<LinkId, [NodeId, NodeId]> = {
  'guest-switch': ['guest', 'switch'],
  'switch-host': ['switch', 'host'],
  'switch-gateway': ['switch', 'gateway'],
  'gateway-internet': ['gateway', 'internet'],
  'switch-dhcp': ['switch', 'dhcp'],
};

const baseId = (check: Check) => check.id.split(':')[0] ?? check.id;

function combine(states: CheckStatus[], warning: boolean): LinkState {
  if (states.includes('fail')) return warning ? 'warning' : 'broken';
  if (states.length > 0 && states.every((s) => s === 'pass' || s === 'skip') && states.includes('pass')) return 'ok';
  return 'unknown';
}

type TopologyInput = Pick<DiagnosisReport, 'checks' | 'findings' | 'role'> & Partial<Pick<DiagnosisReport, 'path' | 'verdict'>>;

export function modeOf(report: TopologyInput, product: TopologyProduct | null = productOf(report)): TopologyMode {
  // The VM's network holds VMs only: neither this computer nor a router is on it, whatever else was found.
  if (report.findings.some((f) => f.id === 'INTERNAL_NETWORK_ISOLATED')) return 'internal';
  // Bridged: the VM is on the LAN itself (a host's br0, or a guest whose lease came from the LAN's router).
  if (product === 'lan') return 'bridged';
  const gateway = report.checks.find((c) => c.id === 'gateway');
  if (gateway?.status === 'skip' && (gateway.evidence as { reason?: string } | undefined)?.reason === 'host-only')
    return 'host-only';
  if (report.role === 'host') {
    // The network in focus says whether it is VMware's NAT network (VMnet8) or a host-only one (VMnet1).
    const focus = focusNetwork(report);
    const present = report.checks.find((c) => c.id === `adapter-present:${focus}`);
    if ((present?.evidence as { nat?: unknown } | undefined)?.nat === false) return 'host-only';
    const natChecks = report.checks.some((c) => ['nat-service', 'forwarding', 'forward-chain'].includes(baseId(c)));
    const vboxNat = report.checks.some((c) => ['vbox-port-forward', 'vbox-nat'].includes(baseId(c)));
    // Nothing observed says (VMware's configuration is gone): VMnet8 is VMware's NAT network by its
    // installer's convention, the last resort, never drawn over an observation.
    const vmnet8 = product === 'vmware' && /^vmnet8$/i.test(focus ?? '');
    return natChecks || vboxNat || vmnet8 ? 'nat' : 'host-only';
  }
  return 'nat';
}

/**
 * A host may carry several VM networks (VMnet1, VMnet8): the picture shows one, so its links are not
 * mixed with another network's — the VM's own, from the symptom's path (the verdict's network, else
 * the first network on the path that has checks); without a path, the first with a failing check,
 * else the first listed.
 */
export function focusNetwork(report: Pick<TopologyInput, 'checks' | 'findings' | 'path' | 'verdict'>): string | null {
  const subject = (c: Check) => c.id.split(':')[1] ?? null;
  const subjects = report.checks.map(subject).filter((s): s is string => s !== null);
  const v = report.verdict;
  const verdictSubject = v && (v.kind === 'cause' || v.kind === 'by-design') ? report.findings[v.index]?.subject : undefined;
  if (verdictSubject && subjects.includes(verdictSubject)) return verdictSubject;
  const onPath = report.path?.networks?.find((n) => subjects.includes(n));
  if (onPath) return onPath;
  const failing = report.checks.find((c) => c.status === 'fail' && subject(c) !== null);
  return failing ? subject(failing) : (subjects[0] ?? null);
}

export function buildTopology(report: TopologyInput): Topology {
  const product = productOf(report);
  const mode = modeOf(report, product);
  const focus = focusNetwork(report);
  const checks = report.checks.filter((c) => {
    const subject = c.id.split(':')[1];
    return subject === undefined || subject === focus;
  });
  // VirtualBox NAT has no switch and no DHCP server of its own: one NAT engine per VM is the VM's
  // gateway, DHCP and DNS, and the host reaches the VM only through its port forwards.
  const nodes: NodeId[] =
    mode === 'internal'
      ? ['guest', 'switch']
      : mode === 'host-only'
        ? ['guest', 'switch', 'host', 'dhcp']
        : mode === 'bridged'
          ? ['guest', 'switch', 'host', 'gateway', 'internet']
          : product === 'virtualbox-nat'
            ? ['guest', 'host', 'gateway', 'internet']
            : ['guest', 'switch', 'host', 'gateway', 'dhcp', 'internet'];
  const byLink = new Map<LinkId, { states: CheckStatus[]; warning: boolean; because: string[] }>();
  const entry = (id: LinkId) => {
    let e = byLink.get(id);
    if (!e) {
      e = { states: [], warning: true, because: [] };
      byLink.set(id, e);
    }
    return e;
  };
  const nodeStates: Topology['nodeStates'] = {};
  for (const check of checks) {
    const id = baseId(check);
    const node = CHECK_NODE(id);
    if (node && check.status === 'fail') nodeStates[node] = 'broken';
    // End to end: an answer proves the path, silence does not say which link is broken.
    const links = checkDecl(id)?.endToEnd && check.status !== 'pass' ? [] : CHECK_LINKS(id);
    for (const link of links) {
      const e = entry(link);
      e.states.push(check.status);
      if (check.status === 'fail') {
        e.because.push(check.id);
        if (!checkDecl(id)?.warningOnly) e.warning = false;
      }
    }
  }
  for (const finding of report.findings) {
    const link = FINDING_LINK(finding.id);
    // Information (another NIC, a hint) never marks a link of the picture broken, nor does a finding
    // off the symptom's path (an idle VMnet1 is not the VM's network).
    if (!link || finding.severity === 'info' || finding.onPath === false) continue;
    const e = entry(link);
    e.states.push('fail');
    e.warning = false;
    e.because.push(finding.id);
  }
  // Without a switch, the links that meet at it meet at the NAT engine instead.
  const at = (n: NodeId): NodeId => (n === 'switch' && !nodes.includes('switch') ? 'gateway' : n);
  const links: TopologyLink[] = (Object.keys(LINK_ENDS) as LinkId[])
    .filter((id) => LINK_ENDS[id].every((n) => nodes.includes(at(n))) && at(LINK_ENDS[id][0]) !== at(LINK_ENDS[id][1]))
    .map((id) => {
      const e = byLink.get(id);
      const [from, to] = LINK_ENDS[id].map(at) as [NodeId, NodeId];
      return { id, from, to, state: e ? combine(e.states, e.warning) : 'unknown', because: e?.because ?? [] };
    });
  // The host is labelled with the network in focus when that is one of its adapters (VMnet8, br0,
  // Ethernet), never with a VM's or a driver's name (the checks that name those say so: a label).
  const hostAdapter = !report.checks.some((c) => c.id.split(':')[1] === focus && c.params?.label === focus);
  const labels: Topology['labels'] = focus && hostAdapter ? { host: focus } : {};
  // Bridged: the switch is your LAN, named by what bridges onto it.
  const bridge = mode === 'bridged' ? bridgeOf(report.checks, focus) : null;
  if (bridge) labels.switch = bridge === 'vmware' ? 'VMnet0' : bridge === 'virtualbox' ? 'VirtualBox' : (focus ?? undefined);
  // Internal: the switch is the internal network, by its name when the finding knows it.
  const internal = report.findings.find((f) => f.id === 'INTERNAL_NETWORK_ISOLATED');
  if (mode === 'internal' && typeof internal?.params.network === 'string') labels.switch = internal.params.network;
  for (const check of checks) {
    const ev = (check.evidence ?? {}) as Record<string, unknown>;
    if (baseId(check) === 'adapter-address' && typeof ev.address === 'string')
      labels.host = `${focus ?? ''} ${ev.address}`.trim();
    if (check.id === 'link' && typeof ev.interface === 'string') labels.guest = ev.interface;
    if (check.id === 'subnet' && typeof ev.address === 'string') labels.guest = ev.address;
    // Where the gateway should be (a wrong one is the finding, not the device in the picture).
    const gateway = ev.expectedGateway ?? ev.gateway;
    if (check.id === 'gateway' && typeof gateway === 'string') labels.gateway = gateway;
    // On a VMware host, the NAT device where its configuration puts it (never a convention's .2).
    if (check.id === 'nat-service' && mode === 'nat' && typeof ev.natAddress === 'string') labels.gateway ??= ev.natAddress;
    if (check.id === 'host' && typeof ev.target === 'string') labels.host = ev.target;
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  return {
    mode,
    product,
    bridge: mode === 'bridged' ? bridgeOf(report.checks, focus) : null,
    failed,
    nodes,
    nodeStates,
    links,
    labels,
  };
}

/** The checks of a bridged VM network on a host, by who bridges: their subject is the network in focus. */
const BRIDGE_CHECKS: Record<string, TopologyBridge | ((subject: string) => TopologyBridge)> = {
  'bridge-uplink': 'linux',
  'forward-chain': 'linux',
  'vbox-bridge': 'virtualbox',
  'vbox-bridge-filter': 'virtualbox',
  'bridge-protocol': 'vmware',
  'vmnet0-adapter': 'vmware',
  'bridge-driver': (driver) => (driver === 'VBoxNetLwf' ? 'virtualbox' : 'vmware'),
};

function bridgeOf(checks: Check[], focus: string | null): TopologyBridge | null {
  for (const check of checks) {
    const [base = '', subject] = check.id.split(':');
    const by = BRIDGE_CHECKS[base];
    // forward-chain is a NAT network's check too: it names a bridge only beside bridge-uplink.
    if (!by || subject !== focus || (base === 'forward-chain' && !checks.some((c) => c.id === `bridge-uplink:${focus}`)))
      continue;
    return typeof by === 'function' ? by(subject ?? '') : by;
  }
  return null;
}

const GUEST_PRODUCTS: Record<string, TopologyProduct> = {
  'vmware-nat': 'vmware',
  'vmware-hostonly': 'vmware',
  'virtualbox-nat': 'virtualbox-nat',
  'virtualbox-natnetwork': 'virtualbox-natnetwork',
  'virtualbox-hostonly': 'virtualbox',
  libvirt: 'libvirt',
  'hyperv-default': 'hyperv',
  lan: 'lan',
};

/** The product: a guest's from its network's evidence (lease, vendor); a host's from the checks it ran. */
export function productOf(report: TopologyInput): TopologyProduct | null {
  for (const check of report.checks) {
    const network = (check.evidence as { network?: { product?: unknown } } | undefined)?.network;
    if (check.id === 'ipv4' && typeof network?.product === 'string') return GUEST_PRODUCTS[network.product] ?? null;
  }
  const ids = report.checks.map(baseId);
  // A host's bridge checks name the picture only when they are the network in focus.
  const focus = focusNetwork(report);
  if (bridgeOf(report.checks, focus)) return 'lan';
  if (ids.includes('vbox-port-forward')) return 'virtualbox-nat';
  // A running VM on VirtualBox NAT, when it is the VM in question (its card is the network in focus).
  if (focus && report.checks.some((c) => c.id === `vbox-nat:${focus}`)) return 'virtualbox-nat';
  if (ids.some((id) => id.startsWith('libvirt-network'))) return 'libvirt';
  if (report.checks.some((c) => /:VMnet\d+$/i.test(c.id)) || ids.includes('nat-service')) return 'vmware';
  return null;
}
