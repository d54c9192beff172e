import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { VmnetDoctorApi } from '../../../common/contract.ts';
import type { DiagnosisView } from '../../../common/domain.ts';
import { judgedReport } from '../../../test/judged-report.ts';
import { StoreProvider } from '../store/context.tsx';
import { createAppStore } from '../store/store.ts';
import { DiagnoseScreen } from './DiagnoseScreen.tsx';
import { fixSubject, Prose } from './wizard/Results.tsx';

const fakeApi = { on: () => () => {} } as unknown as VmnetDoctorApi;
const view: DiagnosisView = {
  source: 'live',
  report: judgedReport(
    {
      role: 'guest',
      platform: 'linux',
      durationMs: 1200,
      probes: [],
      checks: [
        { id: 'link', title: 'link', status: 'pass', evidence: { interface: 'ens33' } },
        {
          id: 'gateway',
          title: 'gateway',
          status: 'fail',
          evidence: { gateway: '192.168.37.1', expectedGateway: '192.168.37.2' },
        },
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
            expectedFrom: 'dhcp-lease',
          },
          evidence: {},
          fixes: ['linux.set-gateway'],
          offers: [{ fix: 'linux.set-gateway', params: { interface: 'ens33', gateway: '192.168.37.2' } }],
        },
      ],
    },
    'vm-no-internet',
  ),
};

function render(language: 'en' | 'zh-CN' | 'zh-TW', state: Partial<ReturnType<ReturnType<typeof createAppStore>['getState']>>) {
  const store = createAppStore(fakeApi, language, state);
  return renderToStaticMarkup(
    <StoreProvider store={store}>
      <DiagnoseScreen />
    </StoreProvider>,
  );
}

describe('DiagnoseScreen', () => {
  it('leads with the verdict and its fix; failures and unknowns are named, passes folded away', () => {
    const html = render('zh-TW', { diagnosis: { phase: 'loaded', value: view }, formOpen: false });
    for (const [id, status, badge] of [
      ['link', 'pass', '通過'],
      ['gateway', 'fail', '失敗'],
      ['host', 'skip', '略過'],
      ['dns', 'unknown', '未知'],
    ]) {
      expect(html).toContain(`data-testid="check-${id}" data-status="${status}"`);
      expect(html).toContain(badge);
    }
    const verdict = html.indexOf('data-testid="verdict"');
    expect(verdict).toBeGreaterThan(-1);
    expect(verdict).toBeLessThan(html.indexOf('data-testid="topology"'));
    expect(verdict).toBeLessThan(html.indexOf('data-testid="checks-summary"'));
    expect(html).toContain('閘道 192.168.37.1 不對，應該是 192.168.37.2');
    expect(html).toContain('設定正確的閘道');
    expect(html).toContain('data-testid="fix-linux.set-gateway"');
    expect(html).toMatch(/data-testid="link-switch-gateway" data-state="broken"/);
    // The passed check sits inside the folded list; the failed one before it.
    expect(html.indexOf('data-testid="check-gateway"')).toBeLessThan(html.indexOf('data-testid="checks-passed"'));
    expect(html.indexOf('data-testid="check-link"')).toBeGreaterThan(html.indexOf('data-testid="checks-passed"'));
    // The answers are folded into one line while the results show.
    expect(html).toContain('data-testid="answers-bar"');
    expect(html).not.toContain('data-testid="run-diagnosis"');
  });

  it('names what is being checked while the probes run, and a way forward when they cannot', () => {
    const running = render('en', {
      diagnosis: { phase: 'loading' },
      formOpen: false,
      progress: [
        { probeId: 'routes', phase: 'started' },
        { probeId: 'routes', phase: 'finished', status: 'ok', durationMs: 3 },
        { probeId: 'ping-gateway', phase: 'started' },
      ],
    });
    expect(running).toContain('Checking… 1 probe so far');
    expect(running).toContain('sending pings');
    expect(running).not.toContain('reading the routes');
    const failed = render('en', {
      diagnosis: { phase: 'error', error: { code: 'invalid-params', message: 'hostIp: an IPv4 address' } },
      form: { ...createAppStore(fakeApi, 'en').getState().form, hostIp: '192.168.1' },
    });
    expect(failed).toContain('role="alert"');
    expect(failed).toContain('Check the addresses you typed, then try again.');
    // Nothing typed: the hint does not blame input; the system's message waits behind technical details.
    const untyped = render('zh-CN', {
      diagnosis: { phase: 'error', error: { code: 'probe-failed', message: 'spawn ip ENOENT' } },
    });
    expect(untyped).not.toContain('请检查输入的地址');
    expect(untyped).toContain('请重试');
    expect(untyped).toMatch(/<details class="technical"><summary>[^<]+<\/summary><pre class="evidence">spawn ip ENOENT<\/pre>/);
    expect(failed).toContain('data-testid="run-diagnosis"');
  });

  it('a fix result is said in the user’s language; what the system read back stays behind technical details', () => {
    const html = render('zh-CN', {
      diagnosis: { phase: 'loaded', value: view },
      formOpen: false,
      lastResult: { status: 'verified', evidence: 'default via 192.168.37.2; 192.168.37.2 answers' },
    });
    expect(html).toContain('data-status="verified"');
    expect(html).toContain('已修复并验证');
    expect(html).toMatch(
      /<details class="technical"><summary>技术细节（命令和原始输出）<\/summary><pre class="evidence" lang="en">default via/,
    );
  });

  it('tells each field where its value is found, without example values that look filled in', () => {
    const html = render('zh-CN', {});
    expect(html).toContain('在虚拟机里：ip route');
    expect(html).not.toContain('placeholder=');
  });
});

describe('catalogue sentences on screen', () => {
  it('a `code span` is shown as code, never with its backticks; an unpaired backtick stays text', () => {
    expect(renderToStaticMarkup(<Prose text={'On the host: `VBoxManage controlvm "x" natpf1 "r"` (VM running).'} />)).toBe(
      'On the host: <code>VBoxManage controlvm &quot;x&quot; natpf1 &quot;r&quot;</code> (VM running).',
    );
    expect(renderToStaticMarkup(<Prose text="a ` b" />)).toBe('a ` b');
  });
});

describe('fix buttons', () => {
  it('name what each acts on, so two offers of one fix (VMnet8’s and VMnet1’s) read apart', () => {
    const names = [{ vmnet: 'VMnet8' }, { vmnet: 'VMnet1' }].map(fixSubject);
    expect(names).toEqual(['VMnet8', 'VMnet1']);
    expect(fixSubject({ adapter: 'VMware Network Adapter VMnet8', profile: 'Public' })).toBe('VMware Network Adapter VMnet8');
    expect(fixSubject({ previous: 'Stopped' })).toBeNull();
  });
});
