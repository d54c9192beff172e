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
/** The picture's width; its height follows the devices drawn (VirtualBox NAT has no lower row). */
const WIDTH = 740;

/** A device's box, and the room its texts have inside it (the box less a margin each side). */
export const BOX = { width: 140, height: 48, room: 128 } as const;
/** The texts' sizes (styles.css .topology-label, .topology-sub; the report's SVG uses the same). */
export const FONT = { name: 14, label: 12 } as const;

/**
 * How wide a text is drawn, estimated from its characters: CJK and full-width ones take a whole
 * em, capitals and digits 0.76 em, other Latin letters 0.62 em, narrow ones 0.36 em, bold 10% more
 * (DejaVu Sans, the widest common fallback, measured in Chromium by the e2e test). It errs wide, so
 * a text said to fit does fit.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)) em += 1;
    else if (/[A-Z0-9mwMW@%]/.test(ch)) em += 0.76;
    else if (/[iljt.,:;'|!()[\] ]/.test(ch)) em += 0.36;
    else em += 0.62;
  }
  return em * fontSize * (bold ? 1.1 : 1);
}

/** A text in its box: the length to squeeze it to when it is wider than the room (SVG textLength), else null. */
export function fitText(text: string, fontSize: number, bold = false): { text: string; squeeze: number | null } {
  const width = textWidth(text, fontSize, bold);
  return { text, squeeze: width > BOX.room ? BOX.room : null };
}

export interface LaidOutTopology {
  nodes: Array<{
    id: NodeId;
    x: number;
    y: number;
    name: string;
    label: string | null;
    broken: boolean;
    /** The length each text is squeezed to when it would spill out of its box, else null. */
    nameFit: number | null;
    labelFit: number | null;
  }>;
  links: Array<{ id: string; x1: number; y1: number; x2: number; y2: number; state: LinkState; title: string }>;
  /** The picture in one sentence: its mode and the links that are broken. */
  summary: string;
  /** The SVG viewBox: from the highest device to the lowest, no empty band above or below. */
  viewBox: string;
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
        : id === 'switch' && topology.mode === 'internal'
          ? t('topology.node.internal')
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
  const rows = topology.nodes.map((id) => position(id)[1]);
  // As tall as its rows: no empty band above (an internal network has no upper row) nor below.
  const top = Math.max(0, Math.min(...rows) - BOX.height / 2 - 12);
  const bottom = Math.max(...rows) + BOX.height / 2 + 12;
  return {
    summary,
    viewBox: `0 ${top} ${WIDTH} ${bottom - top}`,
    links: topology.links.map((link) => {
      const [x1, y1] = position(link.from);
      const [x2, y2] = position(link.to);
      const title = `${name(link.from)} – ${name(link.to)}: ${t(`topology.state.${link.state}` as MessageKey)}`;
      return { id: link.id, x1, y1, x2, y2, state: link.state, title };
    }),
    nodes: topology.nodes.map((id) => {
      const [x, y] = position(id);
      const label = topology.labels[id] ?? null;
      return {
        id,
        x,
        y,
        name: name(id),
        label,
        broken: topology.nodeStates[id] === 'broken',
        nameFit: fitText(name(id), FONT.name, true).squeeze,
        labelFit: label ? fitText(label, FONT.label).squeeze : null,
      };
    }),
  };
}

const squeezed = (fit: number | null) => (fit ? ` textLength="${fit}" lengthAdjust="spacingAndGlyphs"` : '');

/** The same picture as SVG text, for a self-contained HTML file (`esc` makes names safe in markup). */
export function topologySvg(topology: Topology, t: Translate, esc: (s: string) => string): string {
  const l = layoutTopology(topology, t);
  const links = l.links.map(
    (k) =>
      `<g><title>${esc(k.title)}</title><line x1="${k.x1}" y1="${k.y1}" x2="${k.x2}" y2="${k.y2}" stroke="${STROKE[k.state]}" stroke-width="${k.state === 'broken' ? 5 : 3}"${DASH[k.state] ? ` stroke-dasharray="${DASH[k.state]}"` : ''}/>${k.state === 'broken' ? `<text x="${(k.x1 + k.x2) / 2}" y="${(k.y1 + k.y2) / 2 - 8}" text-anchor="middle" fill="var(--bad)">✕</text>` : ''}</g>`,
  );
  const nodes = l.nodes.map(
    (n) =>
      `<g><rect x="${n.x - BOX.width / 2}" y="${n.y - BOX.height / 2}" width="${BOX.width}" height="${BOX.height}" rx="10" fill="var(--card)" stroke="${n.broken ? 'var(--bad)' : 'var(--border)'}" stroke-width="${n.broken ? 3 : 1.5}"/><text x="${n.x}" y="${n.label ? n.y - 3 : n.y + 5}" text-anchor="middle" font-size="${FONT.name}" font-weight="600" fill="var(--fg)"${squeezed(n.nameFit)}>${esc(n.name)}</text>${n.label ? `<text x="${n.x}" y="${n.y + 14}" text-anchor="middle" font-size="${FONT.label}" fill="var(--muted)"${squeezed(n.labelFit)}>${esc(n.label)}</text>` : ''}</g>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${l.viewBox}" role="img" aria-label="${esc(l.summary)}"><title>${esc(t('topology.title'))}</title>${links.join('')}${nodes.join('')}</svg>`;
}
