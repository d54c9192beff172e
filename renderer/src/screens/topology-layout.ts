/**
 * The picture of the VM network, laid out once: where each device stands, what it is called in
 * the reader's language, how each link is drawn. The screen (TopologyView) and the HTML report
 * (topologySvg) draw the same layout, so a shared report shows what the screen showed.
 */
import type { LinkState, NodeId, Topology } from '../../../common/topology.ts';
import type { Translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/messages.ts';

const POSITIONS: Record<NodeId, [number, number]> = {
  guest: [80, 110],
  switch: [260, 110],
  host: [460, 36],
  gateway: [460, 110],
  dhcp: [460, 184],
  internet: [650, 110],
};
/** VirtualBox NAT: the NAT engine stands where the switch would. */
const NO_SWITCH: Partial<Record<NodeId, [number, number]>> = { gateway: [300, 110], host: [300, 36], internet: [560, 110] };

export const STROKE: Record<LinkState, string> = {
  ok: 'var(--ok)',
  broken: 'var(--bad)',
  warning: 'var(--warn)',
  unknown: 'var(--muted)',
};
export const DASH: Record<LinkState, string | undefined> = { ok: undefined, broken: '8 5', warning: '3 4', unknown: '2 6' };
export const VIEW_BOX = '0 0 740 220';

export interface LaidOutTopology {
  nodes: Array<{ id: NodeId; x: number; y: number; name: string; label: string | null; broken: boolean }>;
  links: Array<{ id: string; x1: number; y1: number; x2: number; y2: number; state: LinkState; title: string }>;
  /** The picture in one sentence: its mode and the links that are broken. */
  summary: string;
}

export function layoutTopology(topology: Topology, t: Translate): LaidOutTopology {
  const position = (id: NodeId): [number, number] =>
    (!topology.nodes.includes('switch') ? NO_SWITCH[id] : undefined) ?? POSITIONS[id];
  // The devices by their product's names (VirtualBox's NAT engine, libvirt's bridge), when it is known.
  const name = (id: NodeId) =>
    id === 'gateway' && topology.product
      ? t(`topology.gateway.${topology.product}` as MessageKey)
      : id === 'switch' && topology.mode === 'bridged'
        ? t('topology.node.lan')
        : t(`topology.node.${id}` as MessageKey);
  const broken = topology.links.filter((l) => l.state === 'broken');
  const summary = t('topology.summary', {
    mode: t(`topology.mode.${topology.mode}` as MessageKey),
    broken: broken.length
      ? broken.map((l) => `${name(l.from)} – ${name(l.to)}`).join(', ')
      : topology.failed
        ? t('topology.noneBrokenButFailed', { count: topology.failed })
        : t('topology.noneBroken'),
  });
  return {
    summary,
    links: topology.links.map((link) => {
      const [x1, y1] = position(link.from);
      const [x2, y2] = position(link.to);
      const title = `${name(link.from)} – ${name(link.to)}: ${t(`topology.state.${link.state}` as MessageKey)}`;
      return { id: link.id, x1, y1, x2, y2, state: link.state, title };
    }),
    nodes: topology.nodes.map((id) => {
      const [x, y] = position(id);
      return { id, x, y, name: name(id), label: topology.labels[id] ?? null, broken: topology.nodeStates[id] === 'broken' };
    }),
  };
}

/** The same picture as SVG text, for a self-contained HTML file (`esc` makes names safe in markup). */
export function topologySvg(topology: Topology, t: Translate, esc: (s: string) => string): string {
  const l = layoutTopology(topology, t);
  const links = l.links.map(
    (k) =>
      `<g><title>${esc(k.title)}</title><line x1="${k.x1}" y1="${k.y1}" x2="${k.x2}" y2="${k.y2}" stroke="${STROKE[k.state]}" stroke-width="${k.state === 'broken' ? 5 : 3}"${DASH[k.state] ? ` stroke-dasharray="${DASH[k.state]}"` : ''}/>${k.state === 'broken' ? `<text x="${(k.x1 + k.x2) / 2}" y="${(k.y1 + k.y2) / 2 - 8}" text-anchor="middle" fill="var(--bad)">✕</text>` : ''}</g>`,
  );
  const nodes = l.nodes.map(
    (n) =>
      `<g><rect x="${n.x - 70}" y="${n.y - 24}" width="140" height="48" rx="10" fill="var(--card)" stroke="${n.broken ? 'var(--bad)' : 'var(--border)'}" stroke-width="${n.broken ? 3 : 1.5}"/><text x="${n.x}" y="${n.label ? n.y - 3 : n.y + 5}" text-anchor="middle" font-size="14" fill="var(--fg)">${esc(n.name)}</text>${n.label ? `<text x="${n.x}" y="${n.y + 14}" text-anchor="middle" font-size="11" fill="var(--muted)">${esc(n.label)}</text>` : ''}</g>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${VIEW_BOX}" role="img" aria-label="${esc(l.summary)}"><title>${esc(t('topology.title'))}</title>${links.join('')}${nodes.join('')}</svg>`;
}
