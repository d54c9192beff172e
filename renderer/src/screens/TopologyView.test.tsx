import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { VmnetDoctorApi } from '../../../common/contract.ts';
import { buildTopology } from '../../../common/topology.ts';
import { StoreProvider } from '../store/context.tsx';
import { createAppStore } from '../store/store.ts';
import { TopologyView } from './TopologyView.tsx';

const fakeApi = { on: () => () => {} } as unknown as VmnetDoctorApi;
const render = (language: 'en' | 'zh-CN', topo: ReturnType<typeof buildTopology>) =>
  renderToStaticMarkup(
    <StoreProvider store={createAppStore(fakeApi, language)}>
      <TopologyView topology={topo} />
    </StoreProvider>,
  );
const c = (id: string, status: 'pass' | 'fail' | 'skip') => ({ id, title: id, status });

describe('TopologyView', () => {
  it('draws the broken link red and dashed with a cross, and says so in text for screen readers', () => {
    const topo = buildTopology({
      role: 'guest',
      findings: [],
      checks: [c('link', 'pass'), c('gateway', 'fail'), c('host', 'pass')],
    });
    const html = render('en', topo);
    expect(html).toMatch(
      /data-testid="link-switch-gateway" data-state="broken"><title>Virtual switch – NAT device: broken<\/title><line[^>]*stroke="var\(--bad\)"[^>]*stroke-dasharray="8 5"/,
    );
    expect(html).toContain('✕');
    expect(html).toContain('Broken: Virtual switch – NAT device.');
    expect(html).toMatch(/data-testid="link-switch-host" data-state="ok"/);
  });

  it('is as tall as its lowest device: VirtualBox NAT (no DHCP row) leaves no empty band below', () => {
    const height = (html: string) => Number(/viewBox="0 0 \d+ (\d+)"/.exec(html)?.[1]);
    const vboxNat = render('en', buildTopology({ role: 'host', findings: [], checks: [c('vbox-nat:vm NIC 1', 'pass')] }));
    const vmwareNat = render('en', buildTopology({ role: 'host', findings: [], checks: [c('nat-service', 'pass')] }));
    expect(vboxNat).not.toContain('data-testid="node-dhcp"');
    expect(height(vboxNat)).toBeLessThan(height(vmwareNat));
    // The lowest box (NAT engine at y 110, 48 tall) ends 12 px above the edge.
    expect(height(vboxNat)).toBe(110 + 24 + 12);
  });

  it('an internal network has no upper row: the picture starts at its row, no empty band above', () => {
    const isolated = {
      id: 'INTERNAL_NETWORK_ISOLATED' as const,
      severity: 'info' as const,
      title: '',
      detail: '',
      params: { network: 'intnet' },
      evidence: {},
      fixes: [],
      offers: [],
      hop: 'vm-network' as const,
      onPath: true,
    };
    const html = render('en', buildTopology({ role: 'host', findings: [isolated], checks: [] }));
    expect(html).not.toContain('data-testid="node-host"');
    expect(html).toContain('Internal network');
    // One row at y 110: from 12 px above its boxes to 12 px below them.
    expect(html).toMatch(/viewBox="0 74 740 72"/);
  });

  it('host-only: no NAT device or internet node, labels in Chinese', () => {
    const topo = buildTopology({
      role: 'guest',
      findings: [],
      checks: [c('link', 'pass'), { id: 'gateway', title: '', status: 'skip', evidence: { reason: 'host-only' } }],
    });
    const html = render('zh-CN', topo);
    expect(html).not.toContain('data-testid="node-gateway"');
    expect(html).not.toContain('data-testid="node-internet"');
    expect(html).toContain('仅主机网络');
    expect(html).toContain('虚拟交换机');
  });
});
