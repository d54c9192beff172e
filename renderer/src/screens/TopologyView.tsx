/**
 * The VM network as a picture: host, its VM adapter, the virtual switch, NAT device and DHCP
 * server, the guest, the internet — healthy links green, broken ones red and dashed, unchecked
 * ones grey. Colours come from the theme's variables, so it reads in light and dark mode; the
 * viewBox scales it to any window width.
 */
import type { LinkState, NodeId, Topology } from '../../../common/topology.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../store/context.tsx';

const POSITIONS: Record<NodeId, [number, number]> = {
  guest: [80, 110],
  switch: [260, 110],
  host: [460, 36],
  gateway: [460, 110],
  dhcp: [460, 184],
  internet: [650, 110],
};
const STROKE: Record<LinkState, string> = {
  ok: 'var(--ok)',
  broken: 'var(--bad)',
  warning: 'var(--warn)',
  unknown: 'var(--muted)',
};
const DASH: Record<LinkState, string | undefined> = { ok: undefined, broken: '8 5', warning: '3 4', unknown: '2 6' };

/** VirtualBox NAT: the NAT engine stands where the switch would. */
const NO_SWITCH: Partial<Record<NodeId, [number, number]>> = { gateway: [300, 110], host: [300, 36], internet: [560, 110] };

export function TopologyView({ topology }: { topology: Topology }) {
  const t = useT();
  const position = (id: NodeId): [number, number] =>
    (!topology.nodes.includes('switch') ? NO_SWITCH[id] : undefined) ?? POSITIONS[id];
  const broken = topology.links.filter((l) => l.state === 'broken');
  // The devices by their product's names (VirtualBox's NAT engine, libvirt's bridge), when it is known.
  const name = (id: NodeId) =>
    id === 'gateway' && topology.product
      ? t(`topology.gateway.${topology.product}` as MessageKey)
      : id === 'switch' && topology.mode === 'bridged'
        ? t('topology.node.lan')
        : t(`topology.node.${id}` as MessageKey);
  const summary = t('topology.summary', {
    mode: t(`topology.mode.${topology.mode}` as MessageKey),
    broken: broken.length
      ? broken.map((l) => `${name(l.from)} – ${name(l.to)}`).join(', ')
      : topology.failed
        ? t('topology.noneBrokenButFailed', { count: topology.failed })
        : t('topology.noneBroken'),
  });
  return (
    <figure
      className="topology"
      data-testid="topology"
      data-mode={topology.mode}
      data-product={topology.product ?? ''}
      data-bridge={topology.bridge ?? ''}
    >
      <svg viewBox="0 0 740 220" role="img" aria-labelledby="topology-title topology-desc">
        <title id="topology-title">{t('topology.title')}</title>
        <desc id="topology-desc">{summary}</desc>
        {topology.links.map((link) => {
          const [x1, y1] = position(link.from);
          const [x2, y2] = position(link.to);
          return (
            <g key={link.id} data-testid={`link-${link.id}`} data-state={link.state}>
              <title>{`${name(link.from)} – ${name(link.to)}: ${t(`topology.state.${link.state}` as MessageKey)}`}</title>
              <line
                x1={x1}
                y1={y1}
                x2={x2}
                y2={y2}
                stroke={STROKE[link.state]}
                strokeWidth={link.state === 'broken' ? 5 : 3}
                strokeDasharray={DASH[link.state]}
              />
              {link.state === 'broken' && (
                <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 8} textAnchor="middle" className="topology-cross" fill="var(--bad)">
                  ✕
                </text>
              )}
            </g>
          );
        })}
        {topology.nodes.map((id) => {
          const [x, y] = position(id);
          const state = topology.nodeStates[id];
          return (
            <g key={id} data-testid={`node-${id}`} data-state={state ?? 'ok'}>
              <rect
                x={x - 70}
                y={y - 24}
                width={140}
                height={48}
                rx={10}
                fill="var(--card)"
                stroke={state === 'broken' ? 'var(--bad)' : 'var(--border)'}
                strokeWidth={state === 'broken' ? 3 : 1.5}
              />
              <text x={x} y={topology.labels[id] ? y - 3 : y + 5} textAnchor="middle" className="topology-label" fill="var(--fg)">
                {name(id)}
              </text>
              {topology.labels[id] && (
                <text x={x} y={y + 14} textAnchor="middle" className="topology-sub" fill="var(--muted)">
                  {topology.labels[id]}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        {summary}{' '}
        <span className="legend">
          {(['ok', 'broken', 'warning', 'unknown'] as const).map((s) => (
            <span key={s} className={`legend-item legend-${s}`}>
              {t(`topology.state.${s}` as MessageKey)}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
