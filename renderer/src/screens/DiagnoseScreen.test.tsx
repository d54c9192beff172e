import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { VmnetDoctorApi } from '../../../common/contract.ts';
import type { DiagnosisView } from '../../../common/domain.ts';
import { StoreProvider } from '../store/context.tsx';
import { createAppStore } from '../store/store.ts';
import { DiagnoseScreen } from './DiagnoseScreen.tsx';

const fakeApi = { on: () => () => {} } as unknown as VmnetDoctorApi;
const view: DiagnosisView = {
  source: 'live',
  report: {
    role: 'guest',
    platform: 'linux',
    durationMs: 1200,
    probes: [],
    checks: [
      { id: 'link', title: 'link', status: 'pass', evidence: { interface: 'ens33' } },
      { id: 'gateway', title: 'gateway', status: 'fail', evidence: { gateway: '192.168.37.1', expectedGateway: '192.168.37.2' } },
      { id: 'host', title: 'host', status: 'skip' },
      { id: 'dns', title: 'dns', status: 'unknown' },
    ],
    findings: [
      {
        id: 'GATEWAY_MISMATCH',
        severity: 'error',
        title: 'The gateway 192.168.37.1 is wrong; it should be 192.168.37.2',
        detail: 'x',
        params: {
          interface: 'ens33',
          gateway: '192.168.37.1',
          expected: '192.168.37.2',
          address: '192.168.37.128/24',
          offLink: false,
          vendor: 'VMware',
        },
        evidence: {},
        fixes: ['linux.set-gateway'],
        offers: [{ fix: 'linux.set-gateway', params: { interface: 'ens33', gateway: '192.168.37.2' } }],
      },
    ],
  },
};

function render(language: 'en' | 'zh-TW', state: Partial<ReturnType<ReturnType<typeof createAppStore>['getState']>>) {
  const store = createAppStore(fakeApi, language, state);
  return renderToStaticMarkup(
    <StoreProvider store={store}>
      <DiagnoseScreen />
    </StoreProvider>,
  );
}

describe('DiagnoseScreen', () => {
  it('shows each step state with its localized badge, the finding in plain words and its fix button', () => {
    const html = render('zh-TW', { diagnosis: { phase: 'loaded', value: view } });
    for (const [id, status, badge] of [
      ['link', 'pass', '通過'],
      ['gateway', 'fail', '失敗'],
      ['host', 'skip', '略過'],
      ['dns', 'unknown', '未知'],
    ]) {
      expect(html).toContain(`data-testid="check-${id}" data-status="${status}"`);
      expect(html).toContain(badge);
    }
    expect(html).toContain('閘道 192.168.37.1 不對，應該是 192.168.37.2');
    expect(html).toContain('設定正確的閘道');
    expect(html).toContain('data-testid="fix-linux.set-gateway"');
    expect(html).toMatch(/data-testid="link-switch-gateway" data-state="broken"/);
  });

  it('shows progress while the probes run, and a way forward when they cannot', () => {
    const running = render('en', {
      diagnosis: { phase: 'loading' },
      progress: [
        { probeId: 'ip -j route show', phase: 'started' },
        { probeId: 'ip -j route show', phase: 'finished', status: 'ok', durationMs: 3 },
      ],
    });
    expect(running).toContain('Checking… 1 probes so far');
    expect(running).toContain('ip -j route show');
    const failed = render('en', {
      diagnosis: { phase: 'error', error: { code: 'invalid-params', message: 'hostIp: an IPv4 address' } },
    });
    expect(failed).toContain('role="alert"');
    expect(failed).toContain('Check the addresses you typed, then try again.');
  });
});
