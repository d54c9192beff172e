/**
 * The VM network as a picture: host, its VM adapter, the virtual switch, NAT device and DHCP
 * server, the guest, the internet — healthy links green, broken ones red and dashed, unchecked
 * ones grey. Colours come from the theme's variables, so it reads in light and dark mode; the
 * viewBox scales it to any window width.
 */
import type { Topology } from '../../../common/topology.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../store/context.tsx';
import { BOX, DASH, layoutTopology, STROKE } from './topology-layout.ts';

export function TopologyView({ topology }: { topology: Topology }) {
  const t = useT();
  const { links, nodes, summary, viewBox } = layoutTopology(topology, t);
  return (
    <figure
      className="topology"
      data-testid="topology"
      data-mode={topology.mode}
      data-product={topology.product ?? ''}
      data-bridge={topology.bridge ?? ''}
    >
      <svg viewBox={viewBox} role="img" aria-labelledby="topology-title topology-desc">
        <title id="topology-title">{t('topology.title')}</title>
        <desc id="topology-desc">{summary}</desc>
        {links.map((link) => (
          <g key={link.id} data-testid={`link-${link.id}`} data-state={link.state}>
            <title>{link.title}</title>
            <line
              x1={link.x1}
              y1={link.y1}
              x2={link.x2}
              y2={link.y2}
              stroke={STROKE[link.state]}
              strokeWidth={link.state === 'broken' ? 5 : 3}
              strokeDasharray={DASH[link.state]}
            />
            {link.state === 'broken' && (
              <text
                x={(link.x1 + link.x2) / 2}
                y={(link.y1 + link.y2) / 2 - 8}
                textAnchor="middle"
                className="topology-cross"
                fill="var(--bad)"
              >
                ✕
              </text>
            )}
          </g>
        ))}
        {nodes.map((n) => (
          <g key={n.id} data-testid={`node-${n.id}`} data-state={n.broken ? 'broken' : 'ok'}>
            <rect
              x={n.x - BOX.width / 2}
              y={n.y - BOX.height / 2}
              width={BOX.width}
              height={BOX.height}
              rx={10}
              fill="var(--card)"
              stroke={n.broken ? 'var(--bad)' : 'var(--border)'}
              strokeWidth={n.broken ? 3 : 1.5}
            />
            <text
              x={n.x}
              y={n.label ? n.y - 3 : n.y + 5}
              textAnchor="middle"
              className="topology-label"
              fill="var(--fg)"
              {...(n.nameFit ? { textLength: n.nameFit, lengthAdjust: 'spacingAndGlyphs' } : {})}
            >
              {n.name}
            </text>
            {n.label && (
              <text
                x={n.x}
                y={n.y + 14}
                textAnchor="middle"
                className="topology-sub"
                fill="var(--muted)"
                {...(n.labelFit ? { textLength: n.labelFit, lengthAdjust: 'spacingAndGlyphs' } : {})}
              >
                {n.label}
              </text>
            )}
          </g>
        ))}
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
